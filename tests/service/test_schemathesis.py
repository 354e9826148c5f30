"""Property-based checks of every endpoint against the real server, from the committed OpenAPI description.

Schemathesis generates requests from the description and checks each answer: no server error, a status the
description documents, the content type it documents, and a body that fits its schema. Bounded in examples, so
the whole run takes seconds.
"""

from importlib.resources import files
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

DESCRIPTION = files("school_improvement").joinpath("openapi.json")
schema = schemathesis.openapi.from_path(str(DESCRIPTION))
schema.config.phases.update(phases=["examples", "fuzzing"])  # not the coverage phase's hundreds of edge cases
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
"""What every answer must pass; not whether a request the schemas allow is accepted, since a payload can fit its
schema and still name a descriptor the framework does not have (a 422, documented)."""


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)
def test_every_endpoint_keeps_to_its_description(case: "schemathesis.Case[Any]", server: str) -> None:
    """Whatever the description allows is answered without a server error, in a documented status and form."""
    case.call_and_validate(base_url=server, checks=CHECKS)
