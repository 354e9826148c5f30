"""The HTTP service under load: 8 clients post a full self-evaluation to ``/assess`` on a real server, twice.

Prints ``BENCH`` lines in the form of ``run.py``:

- ``service_time_per_request``: the wall time of a run divided by the requests answered in it (1 / throughput),
  against the in-process ``load_self_evaluation`` + ``assess`` + ``dumps`` of the same payload, measured in the
  same run; budget 3x. This is the measure of what the service costs per request. The mean latency a client sees
  is not: with 8 clients and one worker, each request waits behind the others (about 8 times the time per
  request, by Little's law), so it measures the number of clients, not the service. It is reported for
  information (``_info``, no budget, its ratio to the same baseline), with p50, p99 and the requests per second.
- ``service_peak_memory``: the server's peak resident memory (``VmHWM``) after the two runs; budget 250 MB.
- ``service_memory_growth``: the peak after the second run against the peak after the first; budget 1.05, so a
  server that keeps anything from a request fails it.

Run with the interpreter of the environment the package is installed in, with the ``server`` extra:

    python benchmarks/service_load.py
"""

import json
import math
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import httpx
import synthetic

from school_improvement import assess, dumps, load_framework, load_self_evaluation

CLIENTS = 8
SECONDS = 4.0
WARM_UP = 1.0
MOST_MEGABYTES = 250
JSON = {"content-type": "application/json"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _peak_megabytes(pid: int) -> float:
    """A process's peak resident memory, from ``VmHWM`` in ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    msg = f"no VmHWM for process {pid}"
    raise RuntimeError(msg)


def _load(url: str, body: bytes, seconds: float) -> tuple[float, list[float]]:
    """``CLIENTS`` threads post ``body`` to ``/assess`` for ``seconds``: the wall time and each request's latency."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures: list[str] = []
    stop = time.perf_counter() + seconds

    def client(place: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as session:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                response = session.post("/assess", content=body, headers=JSON)
                latencies[place].append(time.perf_counter() - start)
                if response.status_code != 200:
                    failures.append(f"{response.status_code}: {response.text[:200]}")
                    return

    threads = [threading.Thread(target=client, args=(place,)) for place in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if failures:
        msg = f"the service refused the benchmark's payload: {failures[0]}"
        raise RuntimeError(msg)
    return wall, [latency for series in latencies for latency in series]


def _started(port: int) -> subprocess.Popen[bytes]:
    """``serve`` with one worker in a process of its own, once it answers."""
    code = (
        "from school_improvement._service import serve\n"
        f"serve(host='127.0.0.1', port={port}, workers=1, root_path='', framework_file=None)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/framework", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            msg = "the service did not start"
            raise RuntimeError(msg)
        time.sleep(0.1)


def service_load() -> list[bool]:
    """Load the service as above; report its time per request, latency, throughput and memory."""
    from run import _report  # noqa: PLC0415 (run.py imports this module: only once both are loaded)

    framework = load_framework()
    body = json.dumps(synthetic.payloads(framework, 1, seed=15)[0]).encode("utf-8")  # a school drawn like a real one

    def in_process() -> str:
        return dumps(assess(framework, load_self_evaluation(body, framework=framework)))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what the loader notices (a rating with no evidence); the server sets it aside
        in_process()  # pydantic's first use builds its validators; time the steady state, as the server's is
        runs = 200
        start = time.perf_counter()
        for _ in range(runs):
            in_process()
        baseline = (time.perf_counter() - start) / runs

    port = _free_port()
    server = _started(port)
    try:
        url = f"http://127.0.0.1:{port}"
        _load(url, body, WARM_UP)
        wall, latencies = _load(url, body, SECONDS)
        first_peak = _peak_megabytes(server.pid)
        again, latencies_again = _load(url, body, SECONDS)
        second_peak = _peak_megabytes(server.pid)
    finally:
        server.terminate()
        server.wait(30)
    count = len(latencies) + len(latencies_again)
    per_request = (wall + again) / count
    ratio = per_request / baseline
    quantiles = statistics.quantiles(latencies + latencies_again, n=100)
    mean_latency = statistics.fmean(latencies + latencies_again)
    return [
        _report("service_time_per_request", per_request * 1e3, "ms", ratio, 3.0),
        # For information, as run.py reports such lines (no budget): what clients see, and the baseline.
        _report("service_requests_per_second_info", count / (wall + again), "req/s", ratio, math.inf),
        _report("service_latency_p50_info", quantiles[49] * 1e3, "ms", quantiles[49] / baseline, math.inf),
        _report("service_latency_p99_info", quantiles[98] * 1e3, "ms", quantiles[98] / baseline, math.inf),
        _report("service_latency_mean_info", mean_latency * 1e3, "ms", mean_latency / baseline, math.inf),
        _report("service_in_process_info", baseline * 1e3, "ms", 1.0, math.inf),
        _report("service_peak_memory", second_peak, "MB", second_peak / MOST_MEGABYTES, 1.0),
        _report("service_memory_growth", second_peak / first_peak, "x", second_peak / first_peak, 1.05),
    ]


if __name__ == "__main__":
    sys.exit(0 if all(service_load()) else 1)
