"""Running the service: uvicorn, one worker or several, behind a reverse proxy or not.

The access log names each request's method, path and status, never its query (whose values, a chosen priority's
reason say, the school wrote) nor anything of its body.
"""

import logging
import os
from typing import Any

from school_improvement._service.app import FRAMEWORK_VARIABLE, require_server


class WithoutQuery(logging.Filter):
    """Takes the query string out of uvicorn's access log lines: the path alone is logged."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's path (the third of uvicorn's access arguments) without its query."""
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            arguments = list(record.args)
            path = arguments[2]
            if isinstance(path, str):
                arguments[2] = path.partition("?")[0]
                record.args = tuple(arguments)
        return True


def log_config() -> dict[str, Any]:
    """The logging of uvicorn, with the query taken out of the access log."""
    from uvicorn.config import LOGGING_CONFIG  # noqa: PLC0415 (only with the extra, checked first)

    config: dict[str, Any] = {**LOGGING_CONFIG, "filters": {"without_query": {"()": WithoutQuery}}}
    config["handlers"] = {name: dict(handler) for name, handler in LOGGING_CONFIG["handlers"].items()}
    config["handlers"]["access"]["filters"] = ["without_query"]
    config["loggers"] = {
        **LOGGING_CONFIG["loggers"],
        "school_improvement.service": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    return config


def serve(*, host: str, port: int, workers: int, root_path: str, framework_file: str | None) -> None:
    """Run the service with uvicorn until it is stopped.

    Args:
        host: The address to listen on (``127.0.0.1``: this machine only).
        port: The port to listen on.
        workers: How many worker processes; each reads the framework once.
        root_path: The path a reverse proxy serves the service under (``/school-improvement``), or ``""``.
        framework_file: A framework edition file of one's own, checked before serving; ``None`` for the bundled one.

    Raises:
        MissingExtraError: If the ``server`` extra is not installed, before anything else.
    """
    require_server()
    import uvicorn  # noqa: PLC0415 (checked just above)

    if framework_file is None:
        os.environ.pop(FRAMEWORK_VARIABLE, None)
    else:
        os.environ[FRAMEWORK_VARIABLE] = framework_file
    uvicorn.run(
        "school_improvement._service.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        root_path=root_path,
        log_config=log_config(),
        proxy_headers=True,
        server_header=False,
    )
