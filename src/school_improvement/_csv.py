"""CSV as spreadsheets write it: decoded within a size limit, and read into rows with a checked header.

Shared by the spreadsheet template and the school register.
"""

import csv
import io

from school_improvement._errors import PayloadError, Problem


def decode_csv(source: str | bytes, name: str, most: int) -> str:
    """CSV text from text or UTF-8 bytes (with or without a byte-order mark), within the size limit.

    Raises:
        PayloadError: If the bytes are too many or not UTF-8.
    """
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    if len(source) > most:
        message = f"the spreadsheet is {len(source):,} bytes; the most read is {most:,}"
        raise PayloadError(name, [Problem("file", message)])
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = "not UTF-8 text: save the spreadsheet as 'CSV UTF-8'"
        raise PayloadError(name, [Problem("file", message)]) from None


def csv_rows(text: str, name: str, required: tuple[str, ...], most: int) -> list[dict[str, str]]:
    """The rows of CSV text as dictionaries, trimmed, after checking the header has the ``required`` columns.

    Commas, semicolons or tabs are accepted as separators, as spreadsheets write them.

    Raises:
        PayloadError: If a required column is missing, or there are more than ``most`` rows.
    """
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = reader.fieldnames or []
    missing = [column for column in required if column not in header]
    if missing:
        raise PayloadError(name, [Problem("row 1", f"the header lacks the column(s): {', '.join(missing)}")])
    rows: list[dict[str, str]] = []
    for row in reader:
        if len(rows) >= most:
            raise PayloadError(name, [Problem(f"row {most + 2}", f"more than {most:,} rows")])
        rows.append({key: (value or "").strip() for key, value in row.items() if isinstance(key, str)})
    return rows
