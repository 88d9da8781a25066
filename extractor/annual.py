"""Annualised pay: a stated amount per hour, day, week or month as an amount per year.

A leaf: plain numbers and period names in, numbers out. The units per year are
documented defaults (``PayYear()``: 2080 hours = 40 h x 52 weeks, 260 working days,
52 weeks, 12 months) that a user may override (``PayYear.parse("hours=2000,days=250")``,
the ``--pay-year`` flag, ``EXTRACTOR_PAY_YEAR``). An amount with no period has no
annual figure: it is null rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

# unit -> (largest plausible count per year, the pay period it converts)
_UNITS: dict[str, tuple[float, str]] = {
    "hours": (366 * 24, "hour"),
    "days": (366, "day"),
    "weeks": (53, "week"),
    "months": (24, "month"),  # 13 or 14 monthly payments a year are common (Spain, Italy)
}
DECIMALS = 2  # annual figures are rounded to cents: 17.3 x 2080 is 35984.0, not ...00001


@dataclass(frozen=True)
class PayYear:
    """How many hours, days, weeks and months of pay make one year.

    Raises:
        ValueError: a count that is not a number above 0 and at most its unit's limit
            (8784 hours, 366 days, 53 weeks, 24 months).
    """

    hours: float = 2080.0
    days: float = 260.0
    weeks: float = 52.0
    months: float = 12.0

    def __post_init__(self) -> None:
        for unit in fields(self):
            object.__setattr__(self, unit.name, _count(unit.name, getattr(self, unit.name)))

    @classmethod
    def parse(cls, text: str) -> PayYear:
        """``"hours=2000,days=250"`` (any of hours, days, weeks, months; the rest default).

        Raises:
            ValueError: an unknown unit, a part without ``=``, a repeated unit or a bad count.
        """
        counts: dict[str, Any] = {}  # each count is checked in __post_init__
        for part in filter(None, (p.strip() for p in text.split(","))):
            unit, sep, count = (s.strip() for s in part.partition("="))
            unit = _unit_name(unit)
            if not sep:
                raise ValueError(f"{part!r} has no '='; write UNIT=COUNT, e.g. hours=2000")
            if unit in counts:
                raise ValueError(f"{unit} is given twice")
            counts[unit] = count
        return cls(**counts)

    def per_year(self, period: str | None) -> float | None:
        """How many ``period``s (hour, day, week, month, year) make a year; None for none."""
        if period == "year":
            return 1.0
        unit = next((name for name, (_, p) in _UNITS.items() if p == period), None)
        return None if unit is None else float(getattr(self, unit))

    def describe(self) -> str:
        """The counts in the ``parse`` form: "hours=2080,days=260,weeks=52,months=12"."""
        return ",".join(f"{unit.name}={getattr(self, unit.name):g}" for unit in fields(self))


def annual_amount(amount: float | None, period: str | None, year: PayYear) -> float | None:
    """``amount`` per ``period`` as an amount per year; None when either is unknown."""
    factor = year.per_year(period)
    if amount is None or factor is None:
        return None
    return round(amount * factor, DECIMALS)


def _unit_name(unit: str) -> str:
    name = unit.lower()
    name = name if name in _UNITS else f"{name}s"  # "hour=2000" reads as hours
    if name not in _UNITS:
        raise ValueError(f"unknown unit {unit!r}; use {', '.join(_UNITS)} (e.g. hours=2000)")
    return name


def _count(unit: str, value: Any) -> float:
    limit = _UNITS[unit][0]
    try:
        count = float(value)
    except (TypeError, ValueError):
        count = float("nan")
    if isinstance(value, bool) or not 0 < count <= limit:
        raise ValueError(f"{unit}={value!r}: use a number above 0 and at most {limit:g}")
    return count


__all__ = ["DECIMALS", "PayYear", "annual_amount"]
