"""The JobPosting record: the contract of ``shared/docs/RECORD.md`` in pydantic v2.

Validators normalise what can be normalised without guessing (ISO codes, enum
spellings, ISO dates, duplicate list items) and reject values that cannot be
true (min > max, negative pay, 70 years of experience).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from extractor.codes import country_code, currency_code, enum_token

WorkplaceType = Literal["onsite", "hybrid", "remote"]
EmploymentType = Literal[
    "full_time", "part_time", "contract", "temporary", "internship", "volunteer", "per_diem",
    "other",
]
Seniority = Literal[
    "internship", "entry", "mid", "senior", "lead", "manager", "director", "executive"
]
EducationLevel = Literal["high_school", "associate", "bachelor", "master", "doctorate"]
PayPeriod = Literal["hour", "day", "week", "month", "year"]

WORKPLACE_TYPES: tuple[str, ...] = get_args(WorkplaceType)
EMPLOYMENT_TYPES: tuple[str, ...] = get_args(EmploymentType)
SENIORITIES: tuple[str, ...] = get_args(Seniority)
EDUCATION_LEVELS: tuple[str, ...] = get_args(EducationLevel)
PAY_PERIODS: tuple[str, ...] = get_args(PayPeriod)

MAX_EXPERIENCE_YEARS = 60


def _bounded(limit: int) -> Any:
    """A length check that stays out of the JSON schema: llama.cpp turns maxLength into a
    grammar nested ``limit`` levels deep, which it cannot compile for large limits."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"longer than {limit} characters")
        return value

    return AfterValidator(check)


Text = Annotated[str, _bounded(2000)]
Name = Annotated[str, _bounded(300)]


def _country_code(value: Any) -> Any:
    """ISO 3166-1 alpha-2 for a country name or code; unknown text is rejected."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = country_code(str(value))
    if code is None:
        raise ValueError(f"not a country: {value!r}")
    return code


def _dedupe(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.strip().casefold() if isinstance(item, str) else repr(item)
        if isinstance(item, str) and not item.strip():
            continue
        if key not in seen:
            seen.add(key)
            out.append(item.strip() if isinstance(item, str) else item)
    return out


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Location(_Model):
    raw: str = ""
    city: str | None = None
    region: str | None = None
    country: str | None = None

    @field_validator("country", mode="before")
    @classmethod
    def _iso_country(cls, value: Any) -> Any:
        return _country_code(value)


class SalaryRange(_Model):
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: PayPeriod | None = None
    raw: str = ""
    # filled by the pipeline after the cache (extractor.annual), never by the model
    annual_min: float | None = Field(
        default=None, description="min as pay per year (2080 hours, 260 days, 52 weeks, "
        "12 months a year unless --pay-year says otherwise); null when period is null")
    annual_max: float | None = Field(
        default=None, description="max as pay per year, as annual_min")

    @field_validator("currency", mode="before")
    @classmethod
    def _iso_currency(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        code = currency_code(str(value))
        if code is None:
            raise ValueError(f"not an ISO 4217 currency: {value!r}")
        return code

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        return enum_token(value)

    @field_validator("min", "max", "annual_min", "annual_max")
    @classmethod
    def _non_negative(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError("pay cannot be negative")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> SalaryRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"salary min {self.min} is above max {self.max}")
        low, high = self.annual_min, self.annual_max
        if low is not None and high is not None and low > high:
            raise ValueError(f"salary annual_min {low} is above annual_max {high}")
        if self.min is None and self.max is None:
            raise ValueError("a salary range needs at least one amount")
        return self


class JobPosting(_Model):
    title: Name | None = None
    company: Name | None = None
    locations: list[Location] = Field(default_factory=list)
    workplace_type: WorkplaceType | None = None
    remote_regions: list[str] = Field(default_factory=list)
    employment_types: list[EmploymentType] = Field(default_factory=list)
    seniority: Seniority | None = None
    salary: list[SalaryRange] = Field(default_factory=list)
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    experience_years_min: float | None = Field(default=None, ge=0, le=MAX_EXPERIENCE_YEARS)
    education_level: EducationLevel | None = None
    skills: list[Text] = Field(default_factory=list)
    responsibilities: list[Text] = Field(default_factory=list)
    requirements: list[Text] = Field(default_factory=list)
    preferred_qualifications: list[Text] = Field(default_factory=list)
    benefits: list[Text] = Field(default_factory=list)
    visa_sponsorship: bool | None = None
    apply_url: str | None = None
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")

    @field_validator("title", "company", "apply_url", mode="before")
    @classmethod
    def _blank_is_null(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = " ".join(value.split())
            return value or None
        return value

    @field_validator("workplace_type", "seniority", "education_level", mode="before")
    @classmethod
    def _enum(cls, value: Any) -> Any:
        return enum_token(value)

    @field_validator("employment_types", mode="before")
    @classmethod
    def _enum_list(cls, value: Any) -> Any:
        if isinstance(value, list):
            return _dedupe([enum_token(v) for v in value])
        return value

    @field_validator("remote_regions", mode="before")
    @classmethod
    def _regions(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return _dedupe([country_code(str(v)) or str(v).strip() for v in value])

    @field_validator(
        "skills", "responsibilities", "requirements", "preferred_qualifications", "benefits"
    )
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return _dedupe(value)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) and value.strip() else None

    @model_validator(mode="after")
    def _dates_ordered(self) -> JobPosting:
        if self.date_posted and self.valid_through and self.valid_through < self.date_posted:
            raise ValueError("valid_through is before date_posted")
        return self


__all__ = [
    "EDUCATION_LEVELS", "EMPLOYMENT_TYPES", "PAY_PERIODS", "SENIORITIES", "WORKPLACE_TYPES",
    "JobPosting", "Location", "SalaryRange",
]
