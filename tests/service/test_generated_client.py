"""A client generated from the committed description calls the real server, as an integrator's would."""

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DESCRIPTION = files("school_improvement").joinpath("openapi.json")


def _generator() -> list[str]:
    """openapi-python-client as installed beside this interpreter."""
    script = Path(sys.executable).with_name("openapi-python-client")
    if script.exists():
        return [str(script)]
    found = shutil.which("openapi-python-client")
    if found is None:
        pytest.fail("openapi-python-client is not installed: it is one of the test extra's tools")
    return [found]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client package generated from the committed description, importable for the tests of this module."""
    folder = tmp_path_factory.mktemp("client")
    output = folder / "school_improvement_client"
    subprocess.run(
        [*_generator(), "generate", "--path", str(DESCRIPTION), "--output-path", str(output), "--meta", "none"],
        check=True,
        capture_output=True,
        text=True,
        cwd=folder,
    )
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("school_improvement_client")
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.startswith("school_improvement_client")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"school_improvement_client.{name}")


def test_the_generated_client_assesses_the_example(generated: ModuleType, server: str, example: bytes) -> None:
    """The generated client posts the example self-evaluation and reads back its stage profile."""
    models = _module("models")
    body = models.SchoolImprovementSelfEvaluationPayload.from_dict(json.loads(example))
    with generated.Client(base_url=server) as client:
        response = _module("api.default.assess").sync_detailed(
            client=client, body=body, rule=models.AssessRule("secure-fit")
        )
    assert response.status_code == 200
    profile = json.loads(response.content)
    assert profile["kind"] == "stage-profile"
    assert profile["data"]["rule"]["name"] == "secure-fit"
    assert response.parsed.to_dict()["data"]["school"] == json.loads(example)["data"]["school"]


def test_the_generated_client_reads_a_problem(generated: ModuleType, server: str, example: bytes) -> None:
    """For a payload the library refuses, the generated client gets the problem, with its path."""
    payload = json.loads(example)
    payload["data"]["ratings"][0]["descriptor"] = "XX.1.1"
    body = _module("models").SchoolImprovementSelfEvaluationPayload.from_dict(payload)
    with generated.Client(base_url=server) as client:
        response = _module("api.default.assess").sync_detailed(client=client, body=body)
    assert response.status_code == 422
    problem = response.parsed.to_dict()
    assert problem["status"] == 422
    assert problem["problems"][0]["path"] == "$.data.ratings[0].descriptor"
