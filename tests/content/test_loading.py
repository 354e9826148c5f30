"""Loading content: the bundled edition once, a user's files with clear errors."""

import copy
import json
from importlib.resources import files
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from school_improvement import (
    FrameworkError,
    Mappings,
    Problem,
    SchoolImprovementError,
    UnknownCodeError,
    framework_from_data,
    load_framework,
    mappings_from_data,
    read_framework,
    read_mappings,
)

DATA = files("school_improvement").joinpath("data")


def _edition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.joinpath("estyn-school-improvement-journeys-2026.1.json").read_text("utf-8"))
    return data


def _mappings() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.joinpath("editorial-mappings-2026.1.json").read_text("utf-8"))
    return data


def _problems(data: object) -> tuple[Problem, ...]:
    with pytest.raises(FrameworkError) as raised:
        framework_from_data(data, source="mine.json")
    assert raised.value.source == "mine.json"
    return raised.value.problems


def test_load_framework_is_cached() -> None:
    """A second call gives the very same object."""
    assert load_framework() is load_framework()


@pytest.mark.parametrize("lacking", ["a loader that reads files", "a file name"])
def test_bundled_content_a_loader_cannot_read_is_a_framework_error(
    monkeypatch: pytest.MonkeyPatch, lacking: str
) -> None:
    """Installed where its loader reads no data files, the package says which bundled file it cannot read."""
    from school_improvement._content import loading  # noqa: PLC0415 (the module whose loader reads the files)

    if lacking == "a file name":
        monkeypatch.delattr(loading, "__file__")
    else:
        monkeypatch.setattr(loading, "__spec__", SimpleNamespace(loader=object()))  # a loader with no get_data
    with pytest.raises(FrameworkError) as raised:
        load_framework.__wrapped__()  # the uncached load, so the cached framework stays as it is
    assert raised.value.source == "school_improvement/data/editorial-mappings-2026.1.json"
    assert "cannot be read from where the package is installed" in str(raised.value)


def test_read_framework_reads_a_users_file(tmp_path: Path) -> None:
    """An edition file of one's own loads, without the bundled mappings unless asked."""
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(_edition()), encoding="utf-8")
    framework = read_framework(path)
    assert framework.descriptors == load_framework().descriptors
    assert framework.mappings.priority_tags == ()
    mappings_path = tmp_path / "mappings.json"
    mappings_path.write_text(json.dumps(_mappings()), encoding="utf-8")
    assert read_framework(path, mappings=read_mappings(mappings_path)) == load_framework()


def test_errors_are_the_librarys_own() -> None:
    """FrameworkError and UnknownCodeError are SchoolImprovementErrors."""
    assert issubclass(FrameworkError, SchoolImprovementError)
    assert issubclass(UnknownCodeError, SchoolImprovementError)
    assert issubclass(UnknownCodeError, LookupError)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d["descriptors"][3].update(stage="stage five"), "$.descriptors[3].stage"),
        (lambda d: d["aspects"][2].pop("title"), "$.aspects[2].title"),
        (lambda d: d["aspects"][1].update(colour="red"), "$.aspects[1]"),
        (lambda d: d["descriptors"][0]["text"].update(en="   "), "$.descriptors[0].text"),
        (lambda d: d["descriptors"][0].update(code="SV-1-1"), "$.descriptors[0]"),
        (lambda d: d["stages"][0]["name"]["cy"].pop("source"), "$.stages[0].name.cy"),
        (lambda d: d["contributory_factors"][0].update(number="1"), "$.contributory_factors[0].number"),
        (lambda d: d["national_priorities"][3].update(supporting="yes"), "$.national_priorities[3].supporting"),
        (lambda d: d.update(principles="all of them"), "$.principles"),
        (lambda d: d["descriptors"][4].update(aspect="ZZ"), "$.descriptors[4].aspect"),
        (lambda d: d["descriptors"][1].update(code="SV.1.1"), "$.descriptors"),
        (lambda d: d["descriptors"][1].update(code="SV.2.9"), "$.descriptors[1].code"),
        (lambda d: d["aspects"].append(d["aspects"][0]), "$.aspects"),
        (lambda d: d.update(descriptors=[x for x in d["descriptors"] if x["code"] != "LA.2.1"]), "$.descriptors"),
        (lambda d: d.update(descriptors=d["descriptors"][1:]), "$.descriptors[0].code"),
        (lambda d: d["stages"].reverse(), "$.stages"),
        (lambda d: d["principles"][0].update(source="nowhere"), "$.principles"),
        (lambda d: d.update(format=2), "$.format"),
    ],
    ids=[
        "unknown-stage",
        "missing-title",
        "unknown-field",
        "blank-text",
        "bad-code",
        "official-welsh-without-source",
        "number-as-text",
        "bool-as-text",
        "list-as-text",
        "unknown-aspect",
        "duplicate-code",
        "code-against-cell",
        "duplicate-aspect",
        "empty-cell",
        "gap-in-numbering",
        "stages-out-of-order",
        "uncited-source",
        "unknown-format",
    ],
)
def test_malformed_edition_names_the_path(damage: Any, expected: str) -> None:
    """Each kind of damage to an edition file is reported at its JSON path."""
    data = copy.deepcopy(_edition())
    damage(data)
    assert expected in [problem.path for problem in _problems(data)]


def test_every_problem_is_reported_at_once() -> None:
    """Several problems in one file are all reported, not only the first."""
    data = _edition()
    data["descriptors"][3]["stage"] = "later"
    data["descriptors"][5]["code"] = 7
    data["aspects"][2].pop("title")
    paths = [problem.path for problem in _problems(data)]
    assert paths == ["$.aspects[2].title", "$.descriptors[3].stage", "$.descriptors[5].code"]


@pytest.mark.parametrize("data", [[], "edition", 3, None])
def test_non_object_is_refused(data: object) -> None:
    """A file whose top level is not a JSON object is refused."""
    assert _problems(data) == (Problem("$", "expected a JSON object"),)


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    """Invalid JSON is reported with its line and column."""
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": 1,\n  oops\n}', encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"broken\.json") as raised:
        read_framework(path)
    assert "line 3, column 3" in raised.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "not read: arrays or objects are nested too deeply"),
        ('{"format": ' + "9" * 5_000 + "}", "not read: a number has too many digits"),
    ],
)
def test_hostile_json_is_a_framework_error_not_a_crash(tmp_path: Path, text: str, message: str) -> None:
    """JSON nested too deeply or with a number too long for Python is refused in the library's words."""
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as raised:
        read_framework(path)
    assert [str(problem) for problem in raised.value.problems] == [f"$: {message}"]


def test_unreadable_file(tmp_path: Path) -> None:
    """A file that is not there gives a FrameworkError naming it, not an OSError."""
    with pytest.raises(FrameworkError, match="cannot read the file"):
        read_framework(tmp_path / "missing.json")


def test_not_utf8(tmp_path: Path) -> None:
    """A file that is not UTF-8 is refused clearly."""
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Ysgol Gymraeg Tŷ"}'.encode("utf-16"))
    with pytest.raises(FrameworkError, match="not"):
        read_framework(path)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda m: m["aspect_factors"][0].update(aspect="XX"), "$.aspect_factors[0].aspect"),
        (lambda m: m["aspect_factors"][0].update(factors=[9]), "$.aspect_factors[0].factors[0]"),
        (lambda m: m["priority_tags"][0].update(descriptor="SV.9.9"), "$.priority_tags[0].descriptor"),
        (lambda m: m["priority_tags"][0].update(priority="punctuality"), "$.priority_tags[0].priority"),
        (lambda m: m["priority_tags"][0].update(words="behaviour management"), "$.priority_tags[0].words"),
        (lambda m: m.update(edition="1999.1"), "$.edition"),
        (
            lambda m: m["aspect_characteristics"][1].update(characteristics=["L13"]),
            "$.aspect_characteristics[1].characteristics[0]",
        ),
    ],
    ids=[
        "unknown-aspect",
        "unknown-factor",
        "unknown-descriptor",
        "unknown-priority",
        "words-not-in-text",
        "other-edition",
        "unknown-characteristic",
    ],
)
def test_malformed_mappings_name_the_path(damage: Any, expected: str) -> None:
    """Mappings that name codes the edition lacks are refused at their JSON path."""
    data = copy.deepcopy(_mappings())
    damage(data)
    mappings = mappings_from_data(data)
    with pytest.raises(FrameworkError) as raised:
        load_framework().with_mappings(mappings)
    assert expected in [problem.path for problem in raised.value.problems]


def test_text_tag_must_quote_words() -> None:
    """A tag said to be drawn from the text must quote the words."""
    data = _mappings()
    data["priority_tags"][0].pop("words")
    with pytest.raises(FrameworkError, match="must quote the words"):
        mappings_from_data(data)


def test_own_mappings_replace_the_bundled_ones() -> None:
    """Loading one's own mappings replaces the editorial ones and leaves the content alone."""
    framework = load_framework()
    own = Mappings(framework.provenance.framework, framework.provenance.edition, "Our own reading.")
    replaced = framework.with_mappings(own)
    assert replaced.factors_for("SV") == ()
    assert replaced.tags_for("LW.1.1") == ()
    assert replaced.descriptors is framework.descriptors
    assert load_framework().factors_for("SV")  # the cached edition is untouched


@pytest.mark.parametrize(
    ("lookup", "kind"),
    [
        (lambda f: f.aspect("XX"), "aspect"),
        (lambda f: f.descriptor("SV.9.9"), "descriptor"),
        (lambda f: f.factor(9), "contributory factor"),
        (lambda f: f.priority("punctuality"), "national priority"),
        (lambda f: f.provenance.document("nowhere"), "source document"),
        (lambda f: f.tags_for("SV.9.9"), "descriptor"),
    ],
    ids=["aspect", "descriptor", "factor", "priority", "document", "tags"],
)
def test_unknown_codes_raise_a_clear_error(lookup: Any, kind: str) -> None:
    """Looking up a code that is not there names the kind and the code."""
    with pytest.raises(UnknownCodeError, match=f"no {kind} with code") as raised:
        lookup(load_framework())
    assert raised.value.kind == kind
