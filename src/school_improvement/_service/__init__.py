"""The library over HTTP: a stateless service for systems that do not write Python (the ``server`` extra)."""

from school_improvement._service.app import create_app
from school_improvement._service.server import serve

__all__ = ["create_app", "serve"]
