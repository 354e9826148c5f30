"""The spreadsheet route on the command line: a template that says its school and date, read back without them."""

import json
from pathlib import Path

import pytest

from school_improvement._cli.parser import main

PUPIL_VOICE_BLANK = (
    "PV.1.1,Using pupil voice,Starting the journey,"
    "Establish arrangements to take account of and act upon the views of pupils.,,,,"
)
"""The blank row of PV.1.1 in the template, as the template writes it."""


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Run the command line; its exit code, standard output and standard error."""
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder, where the files it writes and a report written without -o land."""
    monkeypatch.chdir(tmp_path)


def _sheet(capsys: pytest.CaptureFixture[str], path: str, rating: str, *heading: str, when: str = "14/10/2026") -> str:
    """A template written by the command line with ``heading`` (--school, --date ...), PV.1.1 rated ``rating``."""
    code, _, err = _run(capsys, "template", "--format", "csv", *heading, "-o", path)
    assert code == 0, err
    text = Path(path).read_text(encoding="utf-8")
    filled = PUPIL_VOICE_BLANK.replace(",,,,", f",{rating},learner voice; documentation,{when},Cyngor ysgol")
    Path(path).write_text(text.replace(PUPIL_VOICE_BLANK, filled), encoding="utf-8")
    return path


def test_template_writes_the_school_and_date_into_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    """``template --format csv --school --date`` writes both above the header, where a spreadsheet shows them."""
    code, out, _ = _run(capsys, "template", "--format", "csv", "--school", "Ysgol Enghraifft", "--date", "2026-11-02")
    assert code == 0
    assert out.splitlines()[:3] == [
        "school,Ysgol Enghraifft",
        "date,2026-11-02",
        "code,aspect,stage,descriptor,rating,evidence_kinds,evidence_date,notes",
    ]


def test_the_filled_in_template_is_read_back_without_school_or_date(capsys: pytest.CaptureFixture[str]) -> None:
    """validate, assess and report read a template that says its school and date with no --school or --date."""
    sheet = _sheet(capsys, "hunanwerthuso.csv", "fully", "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    code, out, err = _run(capsys, "validate", sheet)
    assert (code, err) == (0, "")
    assert out == "hunanwerthuso.csv: valid: ysgol-enghraifft, 2026-11-02, 1 ratings\n"
    code, out, err = _run(capsys, "assess", sheet, "--as-of", "2026-11-02")
    assert code == 0, err
    assert "Using pupil voice" in out
    code, out, err = _run(capsys, "report", sheet, "--as-of", "2026-11-02")
    assert code == 0, err
    assert "wrote the report to ysgol-enghraifft-report.html" in out
    assert Path("ysgol-enghraifft-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_options_that_agree_with_the_file_are_accepted_and_ones_that_differ_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--school or --date the same as the file's: fine. Different: exit 2, naming the file's value and the option's."""
    sheet = _sheet(capsys, "hunanwerthuso.csv", "fully", "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    assert _run(capsys, "validate", sheet, "--school", "ysgol-enghraifft", "--date", "2026-11-02")[0] == 0
    code, out, err = _run(capsys, "validate", sheet, "--school", "ysgol-arall")
    assert (code, out) == (2, "")
    assert (
        "hunanwerthuso.csv: the file gives the school as 'ysgol-enghraifft', and --school gives 'ysgol-arall': make "
        "them agree, or leave --school out"
    ) in err
    code, out, err = _run(capsys, "validate", sheet, "--date", "2026-11-03")
    assert (code, out) == (2, "")
    assert "the file gives the date as '2026-11-02', and --date gives '2026-11-03'" in err


def test_a_template_without_them_needs_the_options_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """A template made without a school or date is read with --school and --date; without them, it says what to do."""
    sheet = _sheet(capsys, "hunanwerthuso.csv", "fully", "--school", "ysgol-enghraifft")
    code, out, err = _run(capsys, "validate", sheet)
    assert (code, out) == (2, "")
    assert (
        "hunanwerthuso.csv: the spreadsheet does not say its date: give --date, or write it in the file's own rows "
        "above the header"
    ) in err
    code, out, err = _run(capsys, "validate", sheet, "--date", "02/11/2026")
    assert (code, out) == (2, "")
    assert "argument --date: expected a date as YYYY-MM-DD, not '02/11/2026'" in err
    code, out, err = _run(capsys, "validate", sheet, "--date", "2026-11-02")
    assert (code, err) == (0, "")
    assert out.endswith("valid: ysgol-enghraifft, 2026-11-02, 1 ratings\n")


def test_a_date_written_in_the_spreadsheet_as_a_uk_spreadsheet_saves_it_is_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A spreadsheet program saves the date cell as DD/MM/YYYY: the file is read as it was written."""
    sheet = _sheet(capsys, "hunanwerthuso.csv", "fully", "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    text = Path(sheet).read_text(encoding="utf-8").replace("date,2026-11-02", "date,02/11/2026,,,,,,")
    Path(sheet).write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "validate", sheet)
    assert (code, err) == (0, "")
    assert out.endswith("valid: ysgol-enghraifft, 2026-11-02, 1 ratings\n")


def test_progress_takes_two_spreadsheets_each_with_its_date(capsys: pytest.CaptureFixture[str]) -> None:
    """Two templates of one school, each saying its own date, are compared over time with no option to date them."""
    autumn = _sheet(
        capsys, "autumn.csv", "partly", "--school", "ysgol-enghraifft", "--date", "2025-11-03", when="14/10/2025"
    )
    spring = _sheet(capsys, "spring.csv", "fully", "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    code, out, err = _run(capsys, "progress", autumn, spring, "--format", "json")
    assert code == 0, err
    report = json.loads(out)["data"]
    assert (report["school"], report["dates"]) == ("ysgol-enghraifft", ["2025-11-03", "2026-11-02"])


def test_progress_dates_older_spreadsheets_one_date_for_each(capsys: pytest.CaptureFixture[str]) -> None:
    """Spreadsheets that do not say their date take a --date each, in the files' order; a miscount is refused."""
    autumn = _sheet(capsys, "autumn.csv", "partly", "--school", "ysgol-enghraifft", when="14/10/2025")
    spring = _sheet(capsys, "spring.csv", "fully", "--school", "ysgol-enghraifft")
    code, out, err = _run(capsys, "progress", autumn, spring, "--date", "2025-11-03", "--date", "2026-11-02")
    assert code == 0, err
    assert out.startswith("Progress: ysgol-enghraifft, self-evaluations of 2025-11-03, 2026-11-02")
    code, out, err = _run(capsys, "progress", autumn, spring, "--date", "2026-11-02")
    assert (code, out) == (2, "")
    assert "--date is given once for 2 files: give it once for each file, in the order of the files" in err


def test_progress_mixes_a_spreadsheet_and_a_json_payload(capsys: pytest.CaptureFixture[str]) -> None:
    """A spreadsheet and a JSON self-evaluation of the same school are compared, each with its own date."""
    code, payload, _ = _run(capsys, "template", "--school", "ysgol-enghraifft", "--date", "2025-11-03")
    assert code == 0
    Path("autumn.json").write_text(payload, encoding="utf-8")
    spring = _sheet(capsys, "spring.csv", "fully", "--school", "ysgol-enghraifft", "--date", "2026-11-02")
    code, out, err = _run(capsys, "progress", "autumn.json", spring)
    assert code == 0, err
    assert out.startswith("Progress: ysgol-enghraifft, self-evaluations of 2025-11-03, 2026-11-02")
