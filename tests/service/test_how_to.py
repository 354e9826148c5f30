"""The HTTP service how-to: every curl command in it runs against the real server and prints what the page shows.

A ``console`` block holds commands (``$ curl ...``), each followed by what it prints. A line ``...`` stands for any
lines, and a line ending in ``...`` for one that starts so and any lines after it. The commands run in the
repository's root, where ``examples/`` is, against the test server in place of ``http://127.0.0.1:8000``. The
page's tables are checked against the OpenAPI description and the limits.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from school_improvement._cli.parser import build_parser
from school_improvement._limits import MAX_PAYLOAD_BYTES, MAX_SET_BYTES

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "how-to" / "http-service.md"
ADDRESS = "http://127.0.0.1:8000"
_FENCE = re.compile(r"^```(?P<language>[a-z]*)[^\n]*\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(language: str) -> list[str]:
    return [
        block["body"] for block in _FENCE.finditer(PAGE.read_text(encoding="utf-8")) if block["language"] == language
    ]


def _commands() -> list[tuple[str, str]]:
    """Each command the page shows, with what it shows it printing."""
    found: list[tuple[str, list[str]]] = []
    for body in _blocks("console"):
        for line in body.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                found[-1][1].append(line)
    return [(command, "\n".join(shown)) for command, shown in found]


def _matches(shown: str, printed: str) -> bool:
    """Whether what was printed is what the page shows, ``...`` standing for lines left out."""
    pattern = ""
    for line in shown.splitlines():
        if line == "...":
            pattern += r"(?:.*\n)*?"
        elif line.endswith("..."):
            pattern += re.escape(line[:-3]) + r".*\n(?:.*\n)*?"
        else:
            pattern += re.escape(line) + r"\n"
    return re.fullmatch(pattern + (r"(?:.*\n?)*" if shown.endswith("...") else ""), printed) is not None


def _curl() -> str:
    found = shutil.which("curl")
    if found is None:
        if os.environ.get("SCHOOL_IMPROVEMENT_REQUIRE_CURL"):
            pytest.fail("curl is not on PATH, and SCHOOL_IMPROVEMENT_REQUIRE_CURL says the how-to must be run")
        pytest.skip("curl is not on PATH: the how-to's commands cannot be run here")
    return found


def test_the_page_shows_commands() -> None:
    """The page has curl commands to run, each showing what it prints."""
    commands = _commands()
    assert len(commands) >= 6
    assert all(command.startswith("curl ") and shown for command, shown in commands)


@pytest.mark.parametrize(("command", "shown"), _commands(), ids=lambda value: str(value)[:60])
def test_each_curl_command_prints_what_the_page_shows(server: str, command: str, shown: str) -> None:
    """Each command, run against the real server, prints what the page shows."""
    _curl()
    shell = shutil.which("bash") or "/bin/sh"  # the page's commands are written for a POSIX shell
    result = subprocess.run(
        [shell, "-c", command.replace(ADDRESS, server)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout if result.stdout.endswith("\n") else result.stdout + "\n"
    assert _matches(shown, printed), f"{command}\nprinted:\n{printed}"


def _description() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(files("school_improvement").joinpath("openapi.json").read_text("utf-8"))
    return found


def _rows(heading: str) -> list[str]:
    """The rows of the first table after a line starting with ``heading``."""
    text = PAGE.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    lines = after.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_the_endpoint_table_lists_every_operation() -> None:
    """The table of endpoints names every operation of the description, and no other."""
    listed: set[tuple[str, str]] = set()
    for row in _rows("The endpoints are:"):
        cell = row.split("|")[1]
        method = "get" if "GET" in cell else "post"
        listed |= {(method, path.split("?")[0]) for path in re.findall(r"(/[a-z{}/-]*[a-z}])", cell)}
    described = {(method, path) for path, methods in _description()["paths"].items() for method in methods}
    assert listed == described


def test_the_members_table_is_each_body_s() -> None:
    """The members of each body of several inputs are those the description gives it."""
    paths = _description()["paths"]
    rows = _rows("Where the command line reads several files")
    assert rows
    for row in rows:
        _, endpoints, members, _ = row.split("|")
        names = set(re.findall(r"`([a-z_]+)`:", members))
        for path in re.findall(r"(/[a-z/-]*[a-z])", endpoints):
            schema = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
            assert set(schema["properties"]) == names, path


def test_the_json_example_is_the_review_s_body() -> None:
    """The example body of several inputs has the members the review's body has."""
    (example,) = _blocks("json")
    schema = _description()["paths"]["/review"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(json.loads(example)) == set(schema["properties"])


def test_the_status_table_says_the_limits_and_the_documented_statuses() -> None:
    """The statuses listed are those the description documents (and 405, 500), the limits those the service applies."""
    statuses = {row.split("|")[1].strip(" `") for row in _rows("The statuses are:")}
    documented = {
        status
        for methods in _description()["paths"].values()
        for operation in methods.values()
        for status in operation["responses"]
        if status != "200"
    }
    assert statuses == documented | {"405", "500"}
    text = PAGE.read_text(encoding="utf-8")
    assert f"{MAX_PAYLOAD_BYTES:,} bytes for one payload, {MAX_SET_BYTES:,} for a body of several" in text


def _serve_lines() -> list[list[str]]:
    return [
        shlex.split(line)[1:]
        for body in _blocks("sh")
        for line in body.splitlines()
        if line.startswith("school-improvement ") and " serve" in line
    ]


def test_the_serve_command_lines_parse() -> None:
    """Each serve command line in the page is one the command line takes."""
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command")  # noqa: SLF001
    if "serve" not in (commands.choices or {}):
        pytest.skip("the serve command is not in the command line's parser yet")
    lines = _serve_lines()
    assert len(lines) >= 3
    for words in lines:
        arguments, unknown = parser.parse_known_args(words)
        assert not unknown, words
        assert arguments.command == "serve"
