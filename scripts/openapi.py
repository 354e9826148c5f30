"""Write the HTTP service's OpenAPI description shipped in the package: python scripts/openapi.py.

A test compares the committed file with a fresh generation, so the two cannot drift.
"""

from pathlib import Path

from school_improvement._service.app import openapi_text

DESCRIPTION = Path(__file__).parent.parent / "src" / "school_improvement" / "openapi.json"


def main() -> None:
    """Write the description."""
    DESCRIPTION.write_text(openapi_text(), encoding="utf-8")


if __name__ == "__main__":
    main()
