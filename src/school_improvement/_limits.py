"""How much input the library reads: every size limit, in one place.

A hostile or mistaken input cannot exhaust memory: readers stop one byte past
the limit, and loaders refuse anything larger.
"""

MAX_PAYLOAD_BYTES = 2_000_000
"""The largest JSON payload read, in bytes (UTF-8): one self-evaluation, plan or result."""
MAX_RATINGS = 1_000
"""The most descriptor ratings one self-evaluation may carry."""
MAX_EVIDENCE_PER_RATING = 50
"""The most pieces of evidence one rating may carry."""
MAX_JUDGEMENTS = 50
"""The most professional judgements one self-evaluation may carry."""
MAX_TEXT = 2_000
"""The longest note, reference or rationale, in characters."""
MAX_NAME = 200
"""The longest school reference or edition identifier, in characters."""
MAX_CSV_BYTES = 2_000_000
"""The largest spreadsheet read (a self-evaluation, or a plan's actions), in bytes."""
MAX_CSV_ROWS = 1_000
"""The most rows read from a self-evaluation spreadsheet."""
MAX_REGISTER_BYTES = 20_000_000
"""The largest register of schools read, in bytes."""
MAX_REGISTER_ROWS = 100_000
"""The most schools one register may list."""
MAX_SET_PAYLOADS = 100_000
"""The most payloads one set (a folder, or a JSON Lines file) may hold."""
MAX_CONTENT_BYTES = 20_000_000
"""The largest framework edition or mappings file read, in bytes."""
MAX_PLAN_PRIORITIES = 20
"""The most priorities one development plan or discussion record may hold."""
MAX_PLAN_ITEMS = 200
"""The most actions, or success criteria, one priority of a plan may hold."""
MAX_PLAN_REVIEWS = 100
"""The most reviews one development plan may record."""
MAX_PLAN_CSV_ROWS = MAX_PLAN_PRIORITIES * MAX_PLAN_ITEMS
"""The most rows read from a spreadsheet of a plan's actions: as many actions as a plan may hold."""
MAX_SET_BYTES = 20_000_000
"""The largest body the HTTP service reads that holds several payloads (a school's self-evaluations, or a local
authority's register and payloads), in bytes; a larger set goes through the command line, which reads it from files."""
MAX_WORKBOOK_UNPACKED = 30_000_000
"""The most a self-evaluation workbook may hold once unzipped, in bytes, by its own zip directory (a zip bomb's
claim is checked before anything is unpacked)."""
MAX_WORKBOOK_ROWS = 5_000
"""The most rows read from one sheet of a self-evaluation workbook: room for fifty pieces of evidence for each of
a hundred descriptors."""
