"""Entity resolution, grouping, roles and contexts in time that grows with the text, same results.

Each algorithm is compared with its definition written out pairwise (as it used to run), and run
on a shape that the pairwise form would take minutes on.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise

import tui.core.entities as entities_module
from tui.core.entities import extract_entities, group_entities
from tui.core.entities.candidates import PRIORITY, Candidate, best_first, choose, choose_more, resolve
from tui.core.entities.grouping import _person_keys
from tui.core.entities.patterns import dates
from tui.core.entities.propagate import _Alternation, _Held, _name_finder, _NameIndex, propagate
from tui.core.entities.roles import Cover
from tui.core.entities.text import fold
from tui.core.model import Entity, Sentence
from tui.core.pipeline import document_from_text

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
_MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Hồng")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai")


def _name(i: int) -> str:
    """The i-th of 10,000 distinct four-syllable names."""
    return f"{_SURNAMES[i % 10]} {_MIDDLE[i // 10 % 10]} {_MIDDLE[i // 100 % 10]} {_GIVEN[i // 1000 % 10]}"


def _reference_resolve(candidates: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for c in sorted(set(candidates), key=lambda c: (-c.rank, -(c.end - c.start), c.start, c.type)):
        if c.end > c.start and not any(c.start < o.end and o.start < c.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def test_resolve_keeps_what_the_pairwise_overlap_test_keeps() -> None:
    rng = random.Random(5)
    types = list(PRIORITY)
    for _ in range(300):
        candidates = []
        for _ in range(rng.randint(0, 60)):
            start = rng.randint(0, 200)
            candidates.append(Candidate.of("PER", start, start + rng.randint(0, 15), rng.choice(types)))
        assert resolve(candidates) == _reference_resolve(candidates)


def test_resolve_settles_an_exact_tie_the_same_way_in_any_order() -> None:
    tied = [Candidate.of("PER", 4, 16), Candidate.of("LOC", 4, 16), Candidate.of("NUM", 0, 30)]
    winners = {tuple(resolve(order)) for order in (tied, tied[::-1], [tied[1], tied[2], tied[0]])}
    assert winners == {(Candidate.of("LOC", 4, 16),)}


def test_resolve_on_many_candidates() -> None:
    # 20,000 disjoint spans and as many overlapping losers: the pairwise test made 10^8 comparisons.
    winners = [Candidate.of("ORG", 10 * i, 10 * i + 6) for i in range(20_000)]
    losers = [Candidate.of("NUM", 10 * i + 4, 10 * i + 12) for i in range(20_000)]
    assert resolve(losers + winners) == winners


def _random_candidates(rng: random.Random, count: int, types: list[str]) -> list[Candidate]:
    found = []
    for _ in range(count):
        start = rng.randint(0, 300)
        found.append(Candidate.of("PER", start, start + rng.randint(0, 15), rng.choice(types)))
    return found


def test_choosing_again_with_more_candidates_is_choosing_them_all_at_once() -> None:
    rng = random.Random(11)
    for _ in range(300):
        ordered = best_first(_random_candidates(rng, rng.randint(0, 60), list(PRIORITY)))
        first = choose(ordered)
        more = _random_candidates(rng, rng.randint(1, 8), ["PER", "LOC_NAMED", "ORG"])
        chosen, lost = choose_more(ordered, first, more)
        assert chosen == _reference_resolve(ordered + more)
        assert lost == [c for c in first if c not in chosen]


def test_a_mention_outranked_by_a_chosen_candidate_changes_nothing_while_that_candidate_stays() -> None:
    # What ``extract_entities`` does with ``propagate``'s mentions: it leaves out those a chosen
    # candidate outranks, and reads them all again only when such a candidate (a guard) is lost.
    rng = random.Random(12)
    left_out_alone = read_again = 0
    for _ in range(1000):
        ordered = best_first(_random_candidates(rng, rng.randint(0, 60), list(PRIORITY)))
        first = choose(ordered)
        held = _Held(first)
        more = _random_candidates(rng, rng.randint(1, 8), ["PER", "LOC_NAMED", "ORG"])
        guards = {held.outranking(c.start, c.end, c.rank) for c in more} - {-1}
        kept = [c for c in more if held.outranking(c.start, c.end, c.rank) < 0]
        chosen, lost = choose_more(ordered, first, kept)
        if guards.isdisjoint(c.start for c in lost):
            assert chosen == _reference_resolve(ordered + more)
            left_out_alone += len(more) > len(kept)
        else:
            read_again += 1
    assert left_out_alone > 100 and read_again > 10


def test_mentions_are_read_again_in_full_when_a_guard_is_lost(monkeypatch) -> None:
    document = document_from_text(
        "Báo cáo\n\nÔng Nguyễn Văn An, Bí thư, đến xã Kim Mã. Nguyễn Văn An nói Kim Mã đổi mới.\n"
    )
    expected = extract_entities(document)
    calls: list[bool] = []

    def spy(text, regions, first, parts, every=False):
        calls.append(every)
        return propagate(text, regions, first, parts, every=every)

    def all_lost(ordered, first, more):
        return choose_more(ordered, first, more)[0], list(first)

    monkeypatch.setattr(entities_module, "propagate", spy)
    monkeypatch.setattr(entities_module, "choose_more", all_lost)
    assert extract_entities(document) == expected
    assert calls == [False, True]
    assert any(e.type == "PER" and e.start > 40 for e in expected)  # the name's second mention


def _reference_person_keys(mentions: list[Entity]) -> dict[Entity, str]:
    names = sorted({fold(e.text) for e in mentions}, key=lambda n: -len(n.split()))
    keys: dict[str, str] = {}
    for name in names:
        longer = [k for k in set(keys.values()) if len(k.split()) > len(name.split()) and k.endswith(" " + name)]
        keys[name] = longer[0] if len(longer) == 1 else name
    return {e: keys[fold(e.text)] for e in mentions}


def test_person_keys_join_short_names_as_the_pairwise_definition_does() -> None:
    rng = random.Random(8)
    syllables = ["Nguyễn", "Văn", "Minh", "Lê", "Thị", "Hà", "An", "Bình"]
    for _ in range(200):
        mentions = []
        for i in range(rng.randint(1, 25)):
            name = " ".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
            mentions.append(Entity("PER", i * 40, i * 40 + len(name), name))
        assert _person_keys(mentions) == _reference_person_keys(mentions)


def test_cover_answers_like_any_over_the_spans() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 9)) for a in (rng.randint(0, 80) for _ in range(rng.randint(0, 12)))]
        cover = Cover(spans)
        for offset in range(-2, 95):
            assert (offset in cover) == any(s <= offset < e for s, e in spans)


def test_a_bare_year_after_a_dated_year_is_a_date() -> None:
    text = "Trong năm 2015 và 2016, rồi 2017."
    found = {text[c.start : c.end] for c in dates(text, 0, len(text))}
    assert {"năm 2015", "2016"} <= found and "2017" not in found


def test_roles_of_thousands_of_people_on_one_line() -> None:
    # One line of 4,000 people, each with a title and a body: every role used to scan every body.
    document = document_from_text(
        "Tiêu đề\n\n" + "".join(f"ông {_name(i)}, Giám đốc Sở Tài chính, " for i in range(4000))
    )
    text, found, at = document.text, list[Entity](), 0
    for i in range(4000):
        at = text.index(_name(i), at)
        found.append(Entity("PER", at, at + len(_name(i)), _name(i)))
        at = text.index("Sở Tài chính", at)
        found.append(Entity("ORG", at, at + len("Sở Tài chính"), "Sở Tài chính"))
    groups = group_entities(document, found)
    people = [g for g in groups if g.type == "PER"]
    assert len(people) == 4000
    assert {g.role for g in people} == {"Giám đốc Sở Tài chính"}


def test_contexts_of_figures_in_one_endless_sentence() -> None:
    # A 200,000-character sentence of figures: each context used to cut the whole sentence at commas.
    clause = "tỉnh có {} đảng viên mới, "
    text = "Năm nay " + "".join(clause.format(1000 + i) for i in range(8000)) + "tăng mạnh."
    document = document_from_text("Tiêu đề\n\n" + text)
    start = document.text.index("Năm nay")
    sentence = Sentence(0, start, len(document.text), document.text[start:], 0)
    figures = []
    for i in range(0, 8000, 4):
        at = document.text.index(f"{1000 + i} đảng viên", start)
        figures.append(Entity("NUM", at, at + len(f"{1000 + i} đảng viên"), f"{1000 + i} đảng viên"))
    groups = group_entities(document, figures, [sentence])
    assert len(groups) == 2000
    assert all(f"{g.name} mới" in g.context and len(g.context) <= 220 for g in groups if g.context)
    assert all(g.context for g in groups)


def test_a_dense_line_of_credits_sources_and_speakers_finds_what_each_finds_alone() -> None:
    # Credits and sources used to copy the rest of the line's tokens, speakers to scan it.
    lead = "Tiêu đề\n\nHội nghị diễn ra ở tỉnh Nghệ An với nhiều đại biểu.\n\n"
    pieces = [f"(Ảnh: {_name(i)}). Theo Báo Nhân Dân. Bà {_name(5000 + i)} cho biết, " for i in range(150)]

    def people(text: str) -> set[str]:
        return {e.text for e in extract_entities(document_from_text(lead + text)) if e.type == "PER"}

    alone = set().union(*(people(piece) for piece in pieces[:30]))
    assert len(alone) >= 40
    assert alone <= people("".join(pieces))


def _reference_mentions(names: list[str], text: str) -> list[tuple[int, int]]:
    """The definition: every name, longest first, at a word start, its words spaced in any way on a line."""
    spaced = "|".join(re.escape(n).replace(r"\ ", r"[^\S\n]+") for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.\-])({spaced})(?![\w\-])")
    return [m.span() for m in pattern.finditer(text, 3, len(text) - 3)]


def test_names_are_found_where_the_alternation_of_every_name_finds_them() -> None:
    rng = random.Random(21)
    words = ["Hà", "Nội", "An", "Anh", "Park", "Hang-seo", "EVN", "V.", "Lê", "Lê-Minh", "Văn"]
    glue = [" ", "  ", "\u00a0", "\n", ",", ".", "-", "(", ")", "", " và "]
    for _ in range(400):
        names = list({" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 6))})
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 40)))
        expected = _reference_mentions(names, text)
        assert list(_Alternation(names).mentions(text, 3, len(text) - 3)) == expected
        assert list(_NameIndex(names).mentions(text, 3, len(text) - 3)) == expected


def test_thousands_of_names_over_a_long_text() -> None:
    # The alternation of 5,000 names tried each name at each word: 10^8 steps on this text.
    names = [_name(i) for i in range(5000)]
    text = ", ".join(_name(i * 7 % 5000) for i in range(5000))
    for finder in (_Alternation(names), _NameIndex(names), _name_finder(names)):
        found = list(finder.mentions(text, 0, len(text)))
        assert [text[a:b] for a, b in found] == [_name(i * 7 % 5000) for i in range(5000)]


def test_names_are_one_pattern_up_to_its_bounds_and_a_word_index_past_them() -> None:
    few = [_name(i) for i in range(100)]
    assert isinstance(_name_finder(few), _Alternation)
    assert isinstance(_name_finder([_name(i) for i in range(6000)]), _NameIndex)  # 150,000 characters
    assert isinstance(_name_finder([*few, "A" * 250]), _NameIndex)  # nested 250 deep
    chain = [" ".join(["An"] * k) for k in range(1, 60)]  # every name begins the next
    text = " ".join(["An"] * 130) + "."
    found = list(_Alternation(chain).mentions(text, 0, len(text)))
    assert found == list(_NameIndex(chain).mentions(text, 0, len(text))) == [(0, 176), (177, 353), (354, 389)]


def test_a_line_without_breaks_is_read_in_parts_cut_after_sentences(monkeypatch) -> None:
    import tui.core.entities as entities_module

    sentence = "Ông {}, Giám đốc Sở Tài chính tỉnh Nghệ An, có 12 đảng viên. "
    line = "".join(sentence.format(_name(i)) for i in range(40))
    document = document_from_text("Tiêu đề\n\nHội nghị diễn ra ở tỉnh Nghệ An với nhiều đại biểu.\n\n" + line)
    whole = extract_entities(document)
    monkeypatch.setattr(entities_module, "_LINE_MAX", 400)
    parts = list(entities_module._line_parts(document.text, 0, len(document.text)))
    assert parts[0][0] == 0 and parts[-1][1] == len(document.text)
    assert all(a == b for (_, a), (b, _) in pairwise(parts))
    assert all(end - start <= 400 for start, end in parts)
    assert all(document.text[end - 2 : end] == ". " for _, end in parts[1:-1])
    assert extract_entities(document) == whole
