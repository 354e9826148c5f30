"""The service under test: a real uvicorn server on 127.0.0.1, on a port of its own, for the whole session."""

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from school_improvement._service.app import create_app
from school_improvement._service.server import log_config


class Running:
    """A uvicorn server running an application in a thread of this process, with the log lines it wrote."""

    def __init__(self, app: FastAPI) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=log_config(), lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.lines: list[str] = []

    def __enter__(self) -> "Running":  # noqa: PYI034 (Self is typing_extensions' on Python 3.10)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                msg = "the server did not start"
                raise RuntimeError(msg)
            time.sleep(0.01)
        return self

    @property
    def url(self) -> str:
        """The server's address."""
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class LogLines(logging.Handler):
    """Every line the server's loggers write while it is attached."""

    LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "school_improvement.service")

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the line, with its traceback if it has one."""
        self.lines.append(self.format(record))

    def __enter__(self) -> "LogLines":  # noqa: PYI034 (Self is typing_extensions' on Python 3.10)
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)

    @property
    def text(self) -> str:
        """Everything written, as one text."""
        return "\n".join(self.lines)


@pytest.fixture(scope="session")
def server() -> Iterator[Running]:
    """The service over the bundled framework, running for the whole session."""
    with Running(create_app()) as running:
        yield running


@pytest.fixture
def client(server: Running) -> Iterator[httpx.Client]:
    """An HTTP client of the running service."""
    with httpx.Client(base_url=server.url, timeout=30) as found:
        yield found


@pytest.fixture
def logged() -> Iterator[LogLines]:
    """What the server logs during one test."""
    with LogLines() as lines:
        yield lines
