"""One line of the article as the name rules see it: its syllable tokens and its casing."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.entities.tokens import Tok, tokenize


@dataclass
class Line:
    text: str  # the whole document text: offsets stay document offsets
    start: int
    end: int
    kind: str = "body"  # body, title, caption, byline, date, kicker
    toks: list[Tok] = field(default_factory=list)
    # Most words capitalised (Title Case or ALL CAPS): capitals say nothing about names here.
    title_case: bool = False
    all_caps: bool = False

    @classmethod
    def of(cls, text: str, start: int, end: int, kind: str = "body") -> Line:
        toks = tokenize(text, start, end)
        alpha = [t.text for t in toks if t.alpha]
        title_case = len(alpha) >= 4 and sum(1 for w in alpha if w[0].isupper()) / len(alpha) >= 0.7
        all_caps = bool(alpha) and all(w.isupper() for w in alpha) and sum(map(len, alpha)) > 3
        return cls(text, start, end, kind, toks, title_case, all_caps)


def cap_run(toks: list[Tok], i: int, limit: int = 6) -> int:
    """End index of the run of capitalised syllables from ``i``; ``Hang-seo`` counts as one syllable."""
    j = i
    count = 0
    while j < len(toks) and count < limit and toks[j].alpha and toks[j].cap and (j == i or toks[j].space):
        j += 1
        count += 1
        while (
            j + 1 < len(toks)
            and toks[j].text == "-"
            and not toks[j].space
            and toks[j + 1].alpha
            and not toks[j + 1].space
        ):
            j += 2
    return j


def glued_acronym_end(toks: list[Tok], i: int) -> int:
    """End index of an acronym joined by ``-`` or ``&`` without spaces: ``TN-MT``, ``NN&PTNT``."""
    j = i + 1
    while (
        j + 1 < len(toks)
        and toks[j].text in {"-", "&"}
        and not toks[j].space
        and toks[j + 1].upper
        and not toks[j + 1].space
    ):
        j += 2
    return j


def team_number_end(toks: list[Tok], i: int) -> int:
    """End index of an age-group team label, ``U20`` or ``U.23`` (``i`` if there is none)."""
    if toks[i].text != "U" or (i > 0 and not toks[i].space and toks[i - 1].alpha):
        return i
    j = i + 2 if i + 2 < len(toks) and toks[i + 1].text == "." and not toks[i + 2].space else i + 1
    if j < len(toks) and not toks[j].space and toks[j].text.isdigit() and len(toks[j].text) == 2:
        return j + 1
    return i
