"""Organisations the head-noun rules cannot see: brands grown from acronyms (``TPBank``),
foreign company names (``Acme Global Holdings``) and age-group teams (``U23 Việt Nam``)."""

from __future__ import annotations

import re

from tui.core.entities.candidates import Candidate
from tui.core.entities.line import cap_run, team_number_end
from tui.core.entities.places import gazetteer_at
from tui.core.entities.tokens import Tok

# An acronym prefix grown into a company name: TPBank, VNPay, HDBank (not CEOs, NGOs).
_BRAND = re.compile(r"[A-Z]{2,}[a-z]{2,}[A-Za-z]*")
_CORPORATE = {
    "Holding",
    "Holdings",
    "Group",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "Limited",
    "Bank",
    "Capital",
    "Partners",
    "Securities",
    "Investment",
    "Investments",
    "Fund",
    "Airlines",
    "Airways",
    "Motors",
    "Electronics",
    "Energy",
    "Company",
    "JSC",
    "Foundation",
    "Ventures",
    "Technologies",
    "Systems",
}


def latin_companies(toks: list[Tok]) -> list[Candidate]:
    """``TPBank``, ``VNPay`` (an acronym grown into a word) and ``Acme Global Holdings``
    (Latin-script capitalised words ending in a corporate word) are companies."""
    found = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.alpha and tok.text.isascii() and _BRAND.fullmatch(tok.text) and (tok.space or i == 0):
            found.append(Candidate.of("ORG", tok.start, tok.end))
        elif tok.alpha and tok.cap and tok.text.isascii() and (i == 0 or tok.space):
            end = cap_run(toks, i, 5)
            last = next((k for k in range(end - 1, i, -1) if toks[k].text in _CORPORATE), 0)
            if last and all(t.text.isascii() for t in toks[i : last + 1]):
                found.append(Candidate.of("ORG", tok.start, toks[last].end))
                i = last + 1
                continue
        i += 1
    return found


def teams(toks: list[Tok]) -> list[Candidate]:
    """Age-group national teams: ``U23 Việt Nam``, ``U19 Thái Lan`` (a team, not the country)."""
    found = []
    for i, tok in enumerate(toks):
        j = team_number_end(toks, i)
        n = gazetteer_at(toks, j) if j > i and j < len(toks) and toks[j].space else 0
        if n:
            found.append(Candidate.of("ORG", tok.start, toks[j + n - 1].end))
    return found
