"""Every paragraph of the source table is in the data verbatim, once, in its cell."""

import re
from pathlib import Path

import pytest

from school_improvement import Framework, Stage, load_framework

SOURCES = Path(__file__).parent / "sources"
ESTYN = (SOURCES / "estyn-school-improvement-journeys.txt").read_text(encoding="utf-8")
GUIDANCE = (SOURCES / "wg-revised-school-improvement-guidance-2026-announcement.txt").read_text(encoding="utf-8")
STATEMENT = (SOURCES / "wg-school-improvement-partnership-programme-statement.txt").read_text(encoding="utf-8")


def _table() -> list[tuple[str, list[str]]]:
    """The source table's rows: the aspect title and the raw text of its four cells."""
    lines = ESTYN.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("\t Starting the journey"))
    rows = []
    for line in lines[header + 1 :]:
        if not line.strip():
            continue
        title, *cells = line.split("\t")
        rows.append((re.sub(r"^<p>|</p>$", "", title.strip()), cells))
    return rows


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The bundled edition."""
    return load_framework()


def test_the_source_table_has_ten_rows_of_four_cells() -> None:
    """The parser reads the table the data was drawn from: 10 rows, 4 cells, 100 paragraphs."""
    rows = _table()
    assert len(rows) == 10
    assert all(len(cells) == 4 for _, cells in rows)
    assert sum(len(re.findall(r"<p>", cell)) for _, cells in rows for cell in cells) == 100


def test_aspect_titles_are_verbatim_in_source_order(framework: Framework) -> None:
    """The aspects are the table's rows, titled as in the source, in its order."""
    assert [aspect.title.en for aspect in framework.aspects] == [title for title, _ in _table()]


def test_every_paragraph_is_in_its_cell_once_in_order(framework: Framework) -> None:
    """Each cell's descriptors are the source cell's paragraphs, verbatim and in order."""
    for aspect, (_, cells) in zip(framework.aspects, _table(), strict=True):
        for stage, raw in zip(Stage, cells, strict=True):
            paragraphs = re.findall(r"<p>(.*?)</p>", raw)
            cell = framework.cell(aspect.code, stage)
            assert [d.text.en for d in cell.descriptors] == paragraphs, (aspect.code, stage)


def test_no_paragraph_is_anywhere_else(framework: Framework) -> None:
    """No descriptor text appears twice in the data, unless the source repeats it."""
    source_paragraphs = [p for _, cells in _table() for cell in cells for p in re.findall(r"<p>(.*?)</p>", cell)]
    data = [d.text.en for d in framework.descriptors]
    assert sorted(data) == sorted(source_paragraphs)


def test_list_items_are_verbatim(framework: Framework) -> None:
    """The three points under "Establish professional learning arrangements to:" are the source's."""
    raw = dict(_table())["Professional learning"][0]
    listed = raw.split('<ul style="list-style-type: none">')[1].split("<p>")[0]
    points = [point.strip() for point in listed.split("•") if point.strip()]
    assert [item.text.en for item in framework.descriptor("PL.1.1").items] == points


def test_characteristics_of_leaders_are_verbatim(framework: Framework) -> None:
    """The twelve characteristics are the source's "Leaders:" list, bold marks removed and kept as emphasis."""
    listed = ESTYN.split("Leaders:\n")[1].split("\n\t")[0]
    points = [line[2:].strip() for line in listed.splitlines() if line.startswith("- ")]
    assert [c.text.en for c in framework.leaders_characteristics] == [p.replace("**", "") for p in points]
    assert [list(c.emphasis) for c in framework.leaders_characteristics] == [
        re.findall(r"\*\*(.*?)\*\*", p) for p in points
    ]


def test_contributory_factors_are_verbatim_and_numbered(framework: Framework) -> None:
    """The eight factors are the source's numbered list."""
    numbered = re.findall(r"^(\d)\. (.*)$", ESTYN, re.MULTILINE)
    assert [(str(f.number), f.text.en) for f in framework.contributory_factors] == numbered


def test_principles_are_the_guidance_bullets(framework: Framework) -> None:
    """The five principles are the revised guidance's bullets, with non-breaking spaces made plain."""
    bullets = [line.strip().lstrip("•").strip() for line in GUIDANCE.splitlines() if line.strip().startswith("•")]
    assert [p.text.en for p in framework.principles] == [b.replace("\xa0", " ") for b in bullets]


def test_priorities_are_those_the_statement_names(framework: Framework) -> None:
    """The statement names the priorities as attendance, literacy and numeracy, supported by improved wellbeing."""
    assert "attendance, literacy and numeracy, supported by improved\nwellbeing" in STATEMENT
    supporting = [p.code for p in framework.national_priorities if p.supporting]
    assert supporting == ["wellbeing"]
