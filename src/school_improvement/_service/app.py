"""The service's application: made over one framework edition, read once, and its OpenAPI description.

FastAPI is imported only when an application is made, so that the package imports without the ``server`` extra,
and says which extra to install when it is missing.
"""

import json
import os
from typing import TYPE_CHECKING

from school_improvement._content.framework import Framework
from school_improvement._content.loading import load_framework, read_framework
from school_improvement._errors import MissingExtraError

if TYPE_CHECKING:
    from fastapi import FastAPI

FEATURE = "the HTTP service"
EXTRA = "server"
FRAMEWORK_VARIABLE = "SCHOOL_IMPROVEMENT_FRAMEWORK"
"""The environment variable that names a framework edition file for each worker of ``serve``."""


def require_server() -> None:
    """Check that the ``server`` extra is installed.

    Raises:
        MissingExtraError: If FastAPI or uvicorn is not.
    """
    try:
        import fastapi  # noqa: F401, PLC0415 (only to see that the extra is installed)
        import uvicorn  # noqa: F401, PLC0415
    except ImportError:
        raise MissingExtraError(FEATURE, EXTRA) from None


def create_app(framework: Framework | None = None) -> "FastAPI":
    """The HTTP service as an ASGI application, over a framework edition (the bundled one when ``None``).

    The application keeps nothing between requests: the framework, and what is made from it once (its payload,
    its overview, the schemas), never change while it runs.

    Raises:
        MissingExtraError: If the ``server`` extra is not installed.
    """
    require_server()
    from school_improvement._service.openapi import finished  # noqa: PLC0415 (after the extra is checked)
    from school_improvement._service.routes import build_app  # noqa: PLC0415 (it imports FastAPI)

    app = build_app(load_framework() if framework is None else framework)
    description = finished(app.openapi())
    app.openapi_schema = description
    return app


def app_from_environment() -> "FastAPI":
    """The application for each worker of ``serve``: over the framework file the environment names, if any."""
    path = os.environ.get(FRAMEWORK_VARIABLE)
    return create_app(read_framework(path) if path else None)


def openapi_text() -> str:
    """The OpenAPI description of the service over the bundled framework, as the text committed and shipped."""
    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=2) + "\n"
