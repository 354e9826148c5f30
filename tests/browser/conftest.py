"""The browser the reports are checked in: one headless Chromium for the whole session."""

from collections.abc import Iterator

import pytest

from browser.browser import Browser, chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A headless Chromium, or the test skipped with the reason (failed where CI requires the browser)."""
    with chromium() as opened:
        yield opened
