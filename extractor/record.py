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
    """One place where the job is based, as the posting states it."""

    raw: str = Field(default="", description="the place as written in the posting")
    city: str | None = Field(default=None, description="the city; null when not stated")
    region: str | None = Field(
        default=None, description="the state or province, as written or as its standard "
        "code (\"CA\" or \"California\"); null when not stated")
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 country code (\"US\", \"GB\", "
        "\"AM\"); a country name is read into its code; null when not stated")

    @field_validator("country", mode="before")
    @classmethod
    def _iso_country(cls, value: Any) -> Any:
        return _country_code(value)


class SalaryRange(_Model):
    """One pay range stated for the posting, with amounts as stated (not annualised):
    "$120k-$150k" is min 120000, max 150000, currency "USD", period "year"; a single
    figure sets min = max. At least one amount; min is never above max."""

    min: float | None = Field(default=None, description="the lower amount, as stated")
    max: float | None = Field(default=None, description="the upper amount, as stated "
                              "(equal to min for a single figure)")
    currency: str | None = Field(
        default=None, description="ISO 4217 currency code (\"USD\", \"EUR\"); a symbol or "
        "name is read into its code; null when not stated")
    period: PayPeriod | None = Field(
        default=None, description="the time the amounts pay for; null when not stated")
    raw: str = Field(default="", description="the pay as written in the posting")
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
    """One job posting's record: what its text states, field by field (the output line's
    ``record``). Null and empty mean "not stated in the text"; a value the text does not
    support is a defect, however plausible. Names follow schema.org JobPosting where one
    exists."""

    title: Name | None = Field(
        default=None, description='the title of THE posting on the page (not of "similar '
        'jobs")')
    company: Name | None = Field(default=None, description="the hiring organisation's name")
    locations: list[Location] = Field(
        default_factory=list, description="where the job is based; empty when none is stated")
    workplace_type: WorkplaceType | None = Field(
        default=None, description="whether the job is done on site, hybrid (partly remote) or "
        "remote")
    remote_regions: list[str] = Field(
        default_factory=list, description="where remote applicants may live: ISO 3166-1 "
        'alpha-2 codes where a country is meant, else the text ("EMEA")')
    employment_types: list[EmploymentType] = Field(
        default_factory=list, description="the kinds of contract offered (full_time, "
        "part_time, contract...)")
    seniority: Seniority | None = Field(default=None, description="the level of the role")
    salary: list[SalaryRange] = Field(
        default_factory=list, description="every pay range stated for THIS posting, in order "
        "of appearance")
    date_posted: dt.date | None = Field(
        default=None, description='the date the posting was published; a relative date '
        '("Reposted 8 Days Ago") is resolved against the reference date the caller gives '
        "(default: today)")
    valid_through: dt.date | None = Field(
        default=None, description="the application deadline; never before date_posted")
    experience_years_min: float | None = Field(
        default=None, ge=0, le=MAX_EXPERIENCE_YEARS,
        description="the least years of experience asked for")
    education_level: EducationLevel | None = Field(
        default=None, description='the least degree required (a PhD candidate counts as '
        '"doctorate")')
    skills: list[Text] = Field(
        default_factory=list, description='named tools, languages and methods ("Python", '
        '"Kubernetes", "SQL")')
    responsibilities: list[Text] = Field(
        default_factory=list, description="the duties of the role, one per item")
    requirements: list[Text] = Field(
        default_factory=list, description="required qualifications, one per item")
    preferred_qualifications: list[Text] = Field(
        default_factory=list, description="nice-to-have qualifications, one per item")
    benefits: list[Text] = Field(
        default_factory=list, description="what the employer offers besides pay, one per item")
    visa_sponsorship: bool | None = Field(
        default=None, description="whether visa sponsorship is offered, as stated (true or "
        "false); null when not stated")
    apply_url: str | None = Field(default=None, description="where to apply: a URL the "
                                  "posting gives")
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2}$",
        description="the ISO 639-1 code of the language the posting is written in")

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
