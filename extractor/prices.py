"""Model prices, for the cost estimate in a run's summary.

USD per million tokens (input, output), list prices; a model not listed gets no
estimate rather than a wrong one. The eval reports use the same table.
"""

from __future__ import annotations

PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


def estimate_cost(model: str | None, prompt_tokens: int, completion_tokens: int) -> float | None:
    """Estimated USD for these tokens, or None when the model's price is not known."""
    price = PRICES.get(model or "")
    if price is None:
        return None
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1e6, 6)
