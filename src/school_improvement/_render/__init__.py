"""Rendering for people: the words a report uses, plain text, Markdown and HTML."""
