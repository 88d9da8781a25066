"""Small numbers written as words, in the languages postings come in: "two years", "dois
anos", "tres años", "trois ans", "zwei Jahre", "два года", "三年", "hace dos días".

A leaf of the parse package, shared by the date and the experience parsers. Only the
words a posting uses for a count of years, months or days (one to twelve, fifteen,
twenty); articles that mean "one" ("a", "um", "un", "une", "einem") are in the table,
so "an hour ago", "há um mês" and "un año de experiencia" read as 1.
"""

from __future__ import annotations

import re

_WORDS: dict[int, tuple[str, ...]] = {
    1: ("a", "an", "one", "um", "uma", "un", "uno", "una", "une", "ein", "eine", "einem",
        "einen", "einer", "eins", "один", "одного", "одной", "одну", "一"),
    2: ("two", "dois", "duas", "dos", "deux", "zwei", "два", "две", "двух", "二", "两"),
    3: ("three", "três", "tres", "trois", "drei", "три", "трёх", "трех", "三"),
    4: ("four", "quatro", "cuatro", "quatre", "vier", "четыре", "четырёх", "четырех", "四"),
    5: ("five", "cinco", "cinq", "fünf", "пять", "пяти", "五"),
    6: ("six", "seis", "sechs", "шесть", "шести", "六"),
    7: ("seven", "sete", "siete", "sept", "sieben", "семь", "семи", "七"),
    8: ("eight", "oito", "ocho", "huit", "acht", "восемь", "восьми", "八"),
    9: ("nine", "nove", "nueve", "neuf", "neun", "девять", "девяти", "九"),
    10: ("ten", "dez", "diez", "dix", "zehn", "десять", "десяти", "十"),
    11: ("eleven", "onze", "once", "elf"),
    12: ("twelve", "doze", "doce", "douze", "zwölf"),
    15: ("fifteen", "quinze", "quince", "fünfzehn"),
    20: ("twenty", "vinte", "veinte", "vingt", "zwanzig"),
}
NUMBER_WORDS: dict[str, int] = {word: n for n, words in _WORDS.items() for word in words}
_HAN = "".join(w for w in NUMBER_WORDS if "\u4e00" <= w[0] <= "\u9fff")
_LETTERS = sorted((w for w in NUMBER_WORDS if w not in _HAN), key=len, reverse=True)
# a number word standing alone ("two", not "twofold"); a Chinese numeral needs no spaces
NUMBER_WORD = (rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, _LETTERS))})(?![^\W\d_])"
               rf"|[{_HAN}]")


def number(raw: str) -> float:
    """The value of a figure ("3", "1,5", "1.5") or a number word ("dois", "三")."""
    raw = raw.strip().lower()
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    return float(raw.replace(",", "."))
