"""Interchange: payloads, JSON Schemas, untrusted input, the spreadsheet template and the CASE export."""
