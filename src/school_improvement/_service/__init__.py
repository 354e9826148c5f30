"""The library over HTTP: a stateless service for systems that do not write Python (the ``server`` extra)."""
