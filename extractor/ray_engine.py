"""Deprecated: ``extractor.batch.ray`` is the Ray engine's home; this name still works.

``from extractor.ray_engine import extract_dataset`` was documented; it keeps working
(with a DeprecationWarning) so that user code written against it does not break.
"""

from __future__ import annotations

import warnings

from extractor.batch.ray import RayOptions, extract_dataset, ray_results

__all__ = ["RayOptions", "extract_dataset", "ray_results"]

warnings.warn("extractor.ray_engine is deprecated; import extract_dataset from "
              "extractor.batch.ray", DeprecationWarning, stacklevel=2)
