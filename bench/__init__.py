"""The benchmarks, run from the repository root as modules: ``python -m bench.X``.

Each writes its figures as JSON (with the machine they ran on) beside it; the
evaluation page (docs/build_evaluation.py) is rendered from those files. Helpers
shared with the tests (the fault server, posting folders) are in ``support/``.
"""
