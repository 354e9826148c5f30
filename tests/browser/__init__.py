"""The reports checked in a real browser."""
