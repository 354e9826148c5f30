"""The documentation's pages: every generated page in the navigation, and no doctest directive shown to readers.

These read ``mkdocs.yml`` and run the page generator with a stand-in for mkdocs-gen-files, so they need neither
mkdocs nor a build; the strict build in CI checks the rest.
"""

import ast
import contextlib
import io
import re
import runpy
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import FRAMEWORK, ROOT

DIRECTIVE = re.compile(r"#\s*doctest\s*:", re.IGNORECASE)
"""A doctest directive such as ``# doctest: +NORMALIZE_WHITESPACE``: pytest's doctest_optionflags set them instead."""

NAV_ENTRY = re.compile(r"^\s*-\s+(?:[^\n]*?:\s+)?(?P<path>[\w./-]+\.md)\s*$", re.MULTILINE)
"""A page in the nav: ``- Title: path.md`` or ``- path.md`` (the page's own heading is its title)."""


def nav_pages() -> list[str]:
    """The pages listed in the nav of ``mkdocs.yml``, in order."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config[config.index("\nnav:\n") :]
    return [match["path"] for match in NAV_ENTRY.finditer(nav)]


def generated_pages(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Run ``scripts/gen_content_pages.py`` as the docs build does, and return the pages it writes, by path."""
    pages: dict[str, str] = {}

    @contextlib.contextmanager
    def open_page(path: str, mode: str) -> Iterator[io.StringIO]:
        assert mode == "w"
        page = io.StringIO()
        yield page
        pages[path] = page.getvalue()

    stand_in = types.ModuleType("mkdocs_gen_files")
    stand_in.open = open_page  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mkdocs_gen_files", stand_in)
    monkeypatch.delenv("COLUMNS", raising=False)  # the script sets it for argparse; put it back afterwards
    runpy.run_path(str(ROOT / "scripts" / "gen_content_pages.py"))
    return pages


def directives_in(text: str) -> list[str]:
    """The lines of ``text`` that carry a doctest directive."""
    return [line.strip() for line in text.splitlines() if DIRECTIVE.search(line)]


def docstrings(path: Path) -> Iterator[tuple[str, str]]:
    """Each docstring of a module, with the name of what it documents."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                yield getattr(node, "name", path.stem), docstring


def test_every_generated_page_is_in_the_nav(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page the generator writes is in the nav, so each has a place in the menus and previous/next links."""
    listed = nav_pages()
    written = generated_pages(monkeypatch)
    assert written, "the generator wrote no page"
    assert sorted(set(written) - set(listed)) == []
    assert len(listed) == len(set(listed)), "a page is listed twice in the nav"


def test_aspect_pages_follow_the_framework(monkeypatch: pytest.MonkeyPatch) -> None:
    """The aspect pages follow the content overview in the framework's order, each headed by its aspect's title."""
    listed = nav_pages()
    written = generated_pages(monkeypatch)
    aspects = [f"content/{aspect.code.lower()}.md" for aspect in FRAMEWORK.aspects]
    start = listed.index("content/index.md")
    assert listed[start + 1 : start + 1 + len(aspects)] == aspects
    for aspect, path in zip(FRAMEWORK.aspects, aspects, strict=True):
        assert written[path].startswith(f"# {aspect.title.en}\n"), path


def test_pages_have_previous_and_next_links() -> None:
    """The theme shows previous and next links, and a page left out of the nav fails the strict build."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", config, re.MULTILINE)
    assert re.search(r"^\s+- navigation\.footer\b", config, re.MULTILINE)
    assert re.search(r"^\s+omitted_files: warn\b", config, re.MULTILINE)


def test_no_doctest_directive_in_the_pages() -> None:
    """No page of the docs, nor the README, shows a doctest directive: the flags are set once, in pyproject."""
    pages = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
    assert len(pages) > 10
    found = {
        str(page.relative_to(ROOT)): lines
        for page in pages
        if (lines := directives_in(page.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_no_doctest_directive_in_the_docstrings() -> None:
    """No docstring in the package shows a doctest directive: the API reference renders them for readers."""
    modules = sorted((ROOT / "src" / "school_improvement").rglob("*.py"))
    assert len(modules) > 10
    found = {
        f"{module.relative_to(ROOT)}: {name}": lines
        for module in modules
        for name, docstring in docstrings(module)
        if (lines := directives_in(docstring))
    }
    assert found == {}


def test_a_directive_is_found() -> None:
    """The check finds a directive however it is spaced, and nothing in ordinary text."""
    text = ">>> print(x)  # doctest: +NORMALIZE_WHITESPACE\n>>> y  #doctest:+ELLIPSIS\nThe doctests run in CI.\n"
    assert directives_in(text) == [">>> print(x)  # doctest: +NORMALIZE_WHITESPACE", ">>> y  #doctest:+ELLIPSIS"]
