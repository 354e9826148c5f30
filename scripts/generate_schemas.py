"""Write the JSON Schemas shipped in the package from their descriptions: python scripts/generate_schemas.py.

A test compares the committed files with a fresh generation, so they cannot drift.
"""

from pathlib import Path

from school_improvement._interchange.inputs import schema_texts

SCHEMAS = Path(__file__).parent.parent / "src" / "school_improvement" / "schemas"


def main() -> None:
    """Write every schema."""
    SCHEMAS.mkdir(exist_ok=True)
    for name, text in schema_texts().items():
        (SCHEMAS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
