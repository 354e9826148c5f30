"""Shared test set-up: hypothesis profiles."""

import os

from hypothesis import HealthCheck, settings

# Speed is measured in benchmarks/, not in tests: no deadline, and no health check that fails on a busy machine.
_UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

settings.register_profile("dev", parent=_UNTIMED, max_examples=50)
settings.register_profile("ci", parent=_UNTIMED, max_examples=100, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
