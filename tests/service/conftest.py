"""The service under test: a real uvicorn server on 127.0.0.1, on a port of its own, for the whole session."""

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from school_improvement._cli.commands import DEMO_SCHOOL
from school_improvement._service.app import create_app
from school_improvement._service.server import log_config


@contextlib.contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """A uvicorn server running ``app`` in a thread of this process, on 127.0.0.1 and a free port: its address."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=log_config(), lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                msg = "the server did not start"
                raise RuntimeError(msg)
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class _Lines(logging.Handler):
    """Keeps every line logged, with its traceback if it has one."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the line."""
        self.lines.append(self.format(record))


SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "school_improvement.service")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The address of the service over the bundled framework, running for the whole session."""
    with running(create_app()) as url:
        yield url


@pytest.fixture
def serving() -> Callable[[FastAPI], AbstractContextManager[str]]:
    """Runs an application of the test's own on a real server, for as long as the test holds it."""
    return running


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    """An HTTP client of the running service."""
    with httpx.Client(base_url=server, timeout=30) as found:
        yield found


@pytest.fixture
def logged() -> Iterator[list[str]]:
    """Every line the server logs during one test."""
    lines: list[str] = []
    handler = _Lines(lines)
    for name in SERVER_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    yield lines
    for name in SERVER_LOGGERS:
        logging.getLogger(name).removeHandler(handler)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOCAL_AUTHORITY = EXAMPLES / "local-authority"


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def example() -> bytes:
    """The example self-evaluation of Ysgol Enghraifft, a fictional school, as its file holds it."""
    return (EXAMPLES / "ysgol-enghraifft.self-evaluation.json").read_bytes()


@pytest.fixture(scope="session")
def demo() -> list[dict[str, Any]]:
    """The bundled fictional school's two self-evaluations, a year apart."""
    folder = files("school_improvement").joinpath("data", "demo")
    return [json.loads(folder.joinpath(name).read_text(encoding="utf-8")) for name in DEMO_SCHOOL]


@pytest.fixture(scope="session")
def authority() -> dict[str, Any]:
    """The example local authority: its register as CSV text, and its self-evaluations and decisions as payloads."""
    return {
        "schools": (LOCAL_AUTHORITY / "schools.csv").read_text(encoding="utf-8"),
        "sources": _lines(LOCAL_AUTHORITY / "self-evaluations.jsonl") + _lines(LOCAL_AUTHORITY / "decisions.jsonl"),
    }


@pytest.fixture(scope="session")
def school_decisions(authority: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One school's self-evaluation, development plan and discussion record, by kind."""
    return {
        payload["kind"]: payload for payload in authority["sources"] if payload["data"]["school"] == "fictional-00001"
    }
