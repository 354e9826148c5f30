"""The command line at the edges: the date to age at, comparison-only rules, warnings, repeated keys, size limits."""

import datetime
import io
import json
import types
from pathlib import Path

import pytest

from helpers import EXAMPLE as EXAMPLE_FILE, LOCAL_AUTHORITY, pipe_offering
from school_improvement import Collaboration, Rollup, loads
from school_improvement._cli.parser import main
from school_improvement._limits import MAX_PAYLOAD_BYTES

EXAMPLE = str(EXAMPLE_FILE)
REGISTER = str(LOCAL_AUTHORITY / "schools.csv")
LINES = str(LOCAL_AUTHORITY / "self-evaluations.jsonl")
EXAMPLE_DATE = "2026-11-02"
"""The date of the example self-evaluation, and of the demo's latest."""
SURVEY_DATE = "2026-10-16"
"""The date of every example school's self-evaluation."""
STALE = (
    "The self-evaluation is from 2026-11-02, 394 days before 2027-12-01 (more than 365): evaluate again before "
    "relying on it."
)
"""What the evidence checks say of the example, or the demo, aged at 2027-12-01."""


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line; its exit code, standard output and standard error."""
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _said(text: str) -> str:
    """Text with its wrapping undone, to find a sentence however it was wrapped."""
    return " ".join(text.split())


def _stdin(monkeypatch: pytest.MonkeyPatch, stream: io.BufferedIOBase | io.RawIOBase) -> None:
    """Standard input, as the command line reads it (its bytes), from ``stream``."""
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=stream))


AGED = {
    "assess": ["assess", EXAMPLE],
    "report": ["report", EXAMPLE, "--format", "markdown", "-o", "-"],
    "demo": ["demo", "--format", "markdown", "-o", "-"],
}
"""The commands that show the evidence checks, run on a self-evaluation of 2026-11-02."""


@pytest.mark.parametrize("command", list(AGED))
def test_as_of_and_max_age_days_age_the_self_evaluation(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """At --as-of a year and a month on, the self-evaluation is stale; --max-age-days 400 lets it be that old."""
    code, out, err = _run(capsys, *AGED[command], "--as-of", "2027-12-01")
    assert code == 0, err
    assert STALE in _said(out)
    code, out, err = _run(capsys, *AGED[command], "--as-of", "2027-12-01", "--max-age-days", "400")
    assert code == 0, err
    assert "The self-evaluation is from" not in out
    assert "The self-evaluation is from" not in _run(capsys, *AGED[command], "--as-of", EXAMPLE_DATE)[1]


@pytest.mark.parametrize(
    "arguments",
    [["assess", EXAMPLE], ["report", EXAMPLE, "-o", "-"], ["demo", "-o", "-"]],
    ids=["assess", "report", "demo"],
)
def test_as_of_before_the_self_evaluation_is_refused(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Every command that ages the self-evaluation refuses a date before it, with exit code 2 and the place."""
    code, out, err = _run(capsys, *arguments, "--as-of", "2026-11-01")
    assert (code, out) == (2, "")
    assert "  $.date: the self-evaluation is dated 2026-11-02, after 2026-11-01, the date it is checked at\n" in err


@pytest.mark.parametrize("command", ["rollup", "match"])
def test_as_of_and_max_age_days_flag_old_self_evaluations_across_schools(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Aged a year and more on, every example school is flagged old; with a longer limit, none is."""
    code, out, err = _run(capsys, command, LINES, "--schools", REGISTER, "--as-of", "2027-11-01")
    assert code == 0, err
    assert (
        "Self-evaluations dated 2026-10-16, aged at 2027-11-01. 30 of 30 are more than 365 days old and are flagged: "
        "they offer no strengths to match, and their stages may have moved (Example High School 1 (2026-10-16), "
    ) in _said(out)
    arguments = [command, LINES, "--schools", REGISTER, "--as-of", "2027-11-01", "--max-age-days", "400"]
    code, out, err = _run(capsys, *arguments)
    assert code == 0, err
    assert "Self-evaluations dated 2026-10-16, aged at 2027-11-01. None is more than 400 days old." in _said(out)


def test_old_self_evaluations_offer_no_strengths_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Matched at their own date the example schools pair up; a year and more on, being old, none can support."""
    arguments = ["match", LINES, "--schools", REGISTER, "--format", "json"]
    current = loads(_run(capsys, *arguments, "--as-of", SURVEY_DATE)[1], Collaboration)
    assert current.partnerships
    old = loads(_run(capsys, *arguments, "--as-of", "2027-11-01")[1], Collaboration)
    assert (old.as_of, old.partnerships) == (datetime.date(2027, 11, 1), ())
    patient = loads(_run(capsys, *arguments, "--as-of", "2027-11-01", "--max-age-days", "400")[1], Collaboration)
    assert patient.partnerships == current.partnerships


def test_the_survey_is_dated_today_unless_told(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --as-of the command line ages the self-evaluations at today's date."""
    before = datetime.date.today()  # noqa: DTZ011 (the command line uses the local date)
    rollup = loads(_run(capsys, "rollup", LINES, "--schools", REGISTER, "--format", "json")[1], Rollup)
    assert rollup.as_of in {before, datetime.date.today()}  # noqa: DTZ011 (in case midnight passed)


def test_a_survey_dated_before_a_self_evaluation_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """Rolling up at a date before the schools' self-evaluations names each one at its line, with exit code 2."""
    code, out, err = _run(capsys, "rollup", LINES, "--schools", REGISTER, "--as-of", "2026-10-15")
    assert (code, out) == (2, "")
    assert (
        "  line 1: $.data.date: 'fictional-00001' has a self-evaluation dated 2026-10-16, after the survey's date, "
        "2026-10-15\n"
    ) in err


@pytest.mark.parametrize(
    "arguments",
    [
        ["gaps", EXAMPLE],
        ["next-steps", EXAMPLE],
        ["plan", EXAMPLE],
        ["report", EXAMPLE, "-o", "-"],
        ["demo", "-o", "-"],
    ],
    ids=["gaps", "next-steps", "plan", "report", "demo"],
)
def test_planning_from_the_high_water_mark_needs_allow_comparison_only(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """With the high-water mark, planning is refused (exit 2, at --rule) unless --allow-comparison-only is given."""
    dated = [*arguments, "--rule", "high-water-mark"]
    if arguments[0] in {"report", "demo"}:  # the commands that age the evidence: aged at its date, to stay current
        dated += ["--as-of", EXAMPLE_DATE]
    code, out, err = _run(capsys, *dated)
    assert (code, out) == (2, "")
    assert "  --rule: the high-water-mark rule is for comparison only: it shows how far the best work reaches" in err
    assert err.rstrip().endswith("or ask to plan from it anyway (--allow-comparison-only)")
    code, out, err = _run(capsys, *dated, "--allow-comparison-only")
    assert code == 0, err
    assert out


def test_a_plan_from_the_high_water_mark_says_it_is_for_comparison_only(capsys: pytest.CaptureFixture[str]) -> None:
    """The plan drafted when comparison-only planning is allowed says, in its note, what its stages are."""
    arguments = ["plan", EXAMPLE, "--rule", "high-water-mark", "--allow-comparison-only"]
    note = json.loads(_run(capsys, *arguments, "--format", "json")[1])["data"]["note"]
    assert note.endswith(
        "It follows stages judged by the high-water-mark rule, which is for comparison only: it shows how far the "
        "best work reaches, not the stage reached."
    )
    assert "comparison only" not in json.loads(_run(capsys, "plan", EXAMPLE, "--format", "json")[1])["data"]["note"]


UNEVIDENCED = {
    "schema_version": 1,
    "kind": "self-evaluation",
    "framework_edition": "estyn-school-improvement-journeys/2026.1",
    "data": {
        "school": "s",
        "date": "2026-11-02",
        "framework_edition": "estyn-school-improvement-journeys/2026.1",
        "ratings": [
            {"descriptor": "PV.1.1", "rating": "mostly", "evidence": [{"kind": "learner-voice", "date": "2026-10-01"}]},
            {"descriptor": "PV.2.1", "rating": "fully", "evidence": []},
        ],
    },
}
"""A self-evaluation with one rating given no evidence."""
NO_EVIDENCE = "$.data.ratings[1].evidence: PV.2.1 is rated 'fully' with no evidence, so it counts as not rated"


def test_validate_lists_ratings_without_evidence_as_warnings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Validate lists each rating with no evidence, with its place, as a warning; assess warns on standard error."""
    _stdin(monkeypatch, io.BytesIO(json.dumps(UNEVIDENCED).encode("utf-8")))
    code, out, err = _run(capsys, "validate", "-")
    assert (code, err) == (0, "")
    assert out == f"standard input: valid: s, 2026-11-02, 2 ratings, with 1 warning:\n  warning: {NO_EVIDENCE}\n"
    _stdin(monkeypatch, io.BytesIO(json.dumps(UNEVIDENCED).encode("utf-8")))
    code, out, err = _run(capsys, "assess", "-", "--as-of", "2026-11-02")
    assert code == 0, err
    assert err == f"school-improvement: warning: standard input: {NO_EVIDENCE}\n"


def _repeated(text: str, key: str, first: str) -> str:
    """JSON text with ``key`` given twice where it first appears."""
    place = text.index(f'"{key}":')
    return text[:place] + f'"{key}": {first}, ' + text[place:]


def test_a_repeated_key_on_standard_input_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key given twice in a payload on standard input is refused at its place, with exit code 2."""
    text = _repeated(EXAMPLE_FILE.read_text(encoding="utf-8"), "rating", '"not-yet"')
    _stdin(monkeypatch, io.BytesIO(text.encode("utf-8")))
    code, out, err = _run(capsys, "validate", "-")
    assert (code, out) == (2, "")
    assert err.endswith("  $.data.ratings[0].rating: this key is given more than once in one object\n")


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_a_repeated_key_in_json_lines_is_refused_by_its_line(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key given twice on one line of a JSON Lines file, or of standard input, is refused by line and place."""
    lines = Path(LINES).read_text(encoding="utf-8").splitlines()
    lines[1] = _repeated(lines[1], "school", '"fictional-00003"')
    text = "\n".join(lines) + "\n"
    path = tmp_path / "repeated.jsonl"
    path.write_text(text, encoding="utf-8")
    _stdin(monkeypatch, io.BytesIO(text.encode("utf-8")))
    given = str(path) if source == "file" else "-"
    code, out, err = _run(capsys, "rollup", given, "--schools", REGISTER, "--as-of", SURVEY_DATE)
    assert (code, out) == (2, "")
    assert err.endswith("  line 2: $.data.school: this key is given more than once in one object\n")


class _Endless(io.RawIOBase):
    """A stream of spaces that never ends, counting what is read; reading it to the end fails the test."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        """It can be read."""
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        """Fill the buffer with spaces."""
        buffer[:] = b" " * len(buffer)
        self.given += len(buffer)
        return len(buffer)

    def readall(self) -> bytes:
        """Refuse: there is no end to read to."""
        msg = "read to the end of an endless stream"
        raise AssertionError(msg)


TOO_LARGE = f"$: the input is more than {MAX_PAYLOAD_BYTES:,} bytes; the most read is {MAX_PAYLOAD_BYTES:,}"


def test_standard_input_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An endless standard input is read one byte past the limit and refused, with exit code 2."""
    endless = _Endless()
    _stdin(monkeypatch, io.BufferedReader(endless))
    code, out, err = _run(capsys, "validate", "-")
    assert (code, out) == (2, "")
    assert err == f"school-improvement: standard input: 1 problem(s):\n  {TOO_LARGE}\n"
    assert endless.given <= MAX_PAYLOAD_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_json_lines_on_standard_input_are_read_a_line_at_a_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An endless line of JSON Lines is refused at its limit, by its number, not read to the end."""
    endless = _Endless()
    _stdin(monkeypatch, io.BufferedReader(endless))
    code, out, err = _run(capsys, "rollup", "-", "--schools", REGISTER, "--as-of", SURVEY_DATE)
    assert (code, out) == (2, "")
    assert err.endswith(f"  line 1: the line is over {MAX_PAYLOAD_BYTES:,} bytes, the most read\n")
    assert endless.given <= MAX_PAYLOAD_BYTES + 2 + io.DEFAULT_BUFFER_SIZE


def test_a_file_is_read_no_further_than_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Offered three times the limit through a pipe, validate reads one byte past it and refuses the file."""
    with pipe_offering(tmp_path, 3 * MAX_PAYLOAD_BYTES) as (path, taken):
        code, out, err = _run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    assert err == f"school-improvement: {path}: 1 problem(s):\n  {TOO_LARGE}\n"
    assert taken() < MAX_PAYLOAD_BYTES + 2_000_000  # the limit, a byte, and what the pipe holds


def test_a_line_of_json_lines_over_the_limit_is_refused_by_its_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each line of a JSON Lines file has the payload limit of its own."""
    path = tmp_path / "long.jsonl"
    first = Path(LINES).read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{first}\n{' ' * (MAX_PAYLOAD_BYTES + 1)}\n", encoding="utf-8")
    code, out, err = _run(capsys, "rollup", str(path), "--schools", REGISTER, "--as-of", SURVEY_DATE)
    assert (code, out) == (2, "")
    assert err == (
        f"school-improvement: {path}: 1 problem(s):\n  line 2: the line is over {MAX_PAYLOAD_BYTES:,} bytes, "
        "the most read\n"
    )


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["next-steps", EXAMPLE, "--priority", "PV", "--priority", "ZZ"], "--priority: 'ZZ': no aspect has the code"),
        (
            [
                "match",
                str(LOCAL_AUTHORITY / "self-evaluations.jsonl"),
                "--schools",
                str(LOCAL_AUTHORITY / "schools.csv"),
                "--as-of",
                "2026-10-16",
                "--capacity-of",
                "nobody=3",
            ],
            "--capacity-of: the survey has no school 'nobody'",
        ),
    ],
)
def test_an_analysis_refusing_what_an_option_gave_names_the_option(
    arguments: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A problem with what an option gave is placed at the option, as typed, not at the library's argument."""
    code, out, err = _run(capsys, *arguments)
    assert (code, out) == (2, "")
    assert err.startswith("school-improvement: command line: 1 problem(s):\n")
    assert f"  {said}" in err
    code, out, _ = _run(capsys, *arguments, "--format", "json")
    (problem,) = json.loads(out)["problems"]
    assert (problem["source"], problem["path"]) == ("command line", said.split(":", 1)[0])
