"""``serve``: uvicorn in its own process, several workers behind a root path, and the extra it needs."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from school_improvement import MissingExtraError
from school_improvement._service import create_app, serve

SECRET = "a-note-that-names-someone"  # noqa: S105 (words a payload holds, not a password)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The service as `serve` runs it: two workers, under /school-improvement, in a process of its own."""
    port = _free_port()
    script = tmp_path_factory.mktemp("serve") / "serve.py"
    script.write_text(  # the workers start by importing the main module again: it must not serve twice
        "if __name__ == '__main__':\n"
        "    from school_improvement._service import serve\n"
        f"    serve(host='127.0.0.1', port={port}, workers=2, root_path='/school-improvement', framework_file=None)\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # each line as it is logged, as on a terminal
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/framework", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail(f"serve did not start: {process.communicate()[0]}")
        time.sleep(0.1)
    yield url, process
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(30)


def test_serve_answers_behind_a_root_path(served: tuple[str, subprocess.Popen[str]], example: bytes) -> None:
    """Served under a root path, the description names it as its server; the endpoints answer as ever."""
    url, _ = served
    description = httpx.get(f"{url}/openapi.json").json()
    assert description["servers"] == [{"url": "/school-improvement"}]
    response = httpx.post(f"{url}/assess", content=example, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert "server" not in response.headers


def test_serve_logs_neither_notes_nor_queries(served: tuple[str, subprocess.Popen[str]], example: bytes) -> None:
    """The log names each request's method, path, status and the client a local proxy forwards: no query, no note."""
    url, process = served
    payload = json.loads(example)
    payload["data"]["ratings"][0]["evidence"][0]["note"] = SECRET
    httpx.post(f"{url}/assess", json=payload, params={"rule": "secure-fit"})
    payload["data"]["ratings"][0]["rating"] = SECRET
    httpx.post(f"{url}/next-steps", json=payload, params={"choose": f"LC=2@2027-07-16:{SECRET}"})
    httpx.get(f"{url}/framework", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    assert '"POST /school-improvement/assess HTTP/1.1" 200' in output
    assert '"POST /school-improvement/next-steps HTTP/1.1" 422' in output
    assert SECRET not in output
    assert "secure-fit" not in output
    assert '203.0.113.7:0 - "GET /school-improvement/framework HTTP/1.1" 200' in output  # a proxy on this machine


def test_without_the_extra_the_service_says_which_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without FastAPI or uvicorn, create_app and serve name the extra to install, before anything else."""
    for module in ("fastapi", "uvicorn"):
        with monkeypatch.context() as patched:
            patched.setitem(sys.modules, module, None)
            with pytest.raises(MissingExtraError, match=r"pip install 'school-improvement\[server\]'"):
                create_app()
            with pytest.raises(MissingExtraError) as raised:
                serve(host="127.0.0.1", port=1, workers=1, root_path="", framework_file="no-such-file.json")
            assert raised.value.extra == "server"
    assert "SCHOOL_IMPROVEMENT_FRAMEWORK" not in os.environ


def test_the_package_imports_without_the_server() -> None:
    """Importing the package, and the service's module, loads neither FastAPI nor uvicorn."""
    code = (
        "import sys, school_improvement, school_improvement._service\n"
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
