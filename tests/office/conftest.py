"""LibreOffice, headless: one private profile for the session, and a way to open and save a workbook in it."""

import os
import shutil
import subprocess
from collections.abc import Callable

import pytest

REQUIRED = "SCHOOL_IMPROVEMENT_REQUIRE_OFFICE"
"""Set (as CI sets it) to make a missing LibreOffice a failure, not a skip."""
TIMEOUT = 180
"""Seconds one conversion may take: LibreOffice's first start in a new profile is the slow one."""

Resave = Callable[[bytes], bytes]
"""Open a workbook in LibreOffice and save it again as .xlsx, as a school saving it there would."""


@pytest.fixture(scope="session")
def resave(tmp_path_factory: pytest.TempPathFactory) -> Resave:
    """LibreOffice's ``soffice --convert-to xlsx``, in a profile of this session's own; skipped where it is absent."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        reason = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        if os.environ.get(REQUIRED):
            pytest.fail(f"{REQUIRED} is set, but {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("office")
    profile = (folder / "profile").as_uri()  # parallel runs each start their own LibreOffice, not one another's
    count = 0

    def convert(made: bytes) -> bytes:
        nonlocal count
        count += 1
        source, out = folder / f"filled-{count}.xlsx", folder / f"saved-{count}"
        source.write_bytes(made)
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        command += ["--convert-to", "xlsx", "--outdir", str(out), str(source)]
        ran = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        saved = out / source.name
        assert saved.exists(), f"LibreOffice wrote nothing (exit {ran.returncode}): {ran.stdout}{ran.stderr}"
        return saved.read_bytes()

    return convert
