"""The public face: every public name exported once, documented, and nothing private leaking."""

import ast
import inspect
import subprocess
import sys

import pytest

import school_improvement
from school_improvement import _PUBLIC


def test_all_is_sorted_and_unique() -> None:
    """``__all__`` lists each public name once, sorted: constants, then classes, then functions."""
    names = school_improvement.__all__

    def kind(name: str) -> int:
        return 0 if name.isupper() else 1 if name[0].isupper() else 2

    assert names == sorted(names, key=lambda name: (kind(name), name))
    assert len(names) == len(set(names))


def test_every_public_name_is_exported() -> None:
    """Every name in ``__all__`` loads, and every public attribute of the package is in ``__all__``."""
    for name in school_improvement.__all__:
        assert hasattr(school_improvement, name), name
    public = {
        name
        for name in dir(school_improvement)
        if not name.startswith("_") and not inspect.ismodule(getattr(school_improvement, name))
    }
    assert public == set(school_improvement.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'assses'"):
        school_improvement.assses  # type: ignore[attr-defined]  # noqa: B018 (a missing name is a type error too)


def test_import_is_light() -> None:
    """``import school_improvement`` loads none of its modules, nor attrs or cattrs, until a name is used."""
    code = (
        "import sys, school_improvement\n"
        "print(sorted(m for m in sys.modules if m.startswith(('school_improvement.', 'attr', 'cattrs', 'pydantic'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_nothing_private_leaks() -> None:
    """No private name is exported, and every export lives in a private module."""
    for name in school_improvement.__all__:
        assert not name.startswith("_")
        value = getattr(school_improvement, name)
        module = getattr(value, "__module__", None)
        if module is not None and module != "typing":
            assert module.startswith("school_improvement._"), (name, module)


def test_every_export_is_documented() -> None:
    """Every exported class and function has a docstring, and so does every public method."""
    for name in school_improvement.__all__:
        value = getattr(school_improvement, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name
        if inspect.isclass(value):
            for member_name, member in vars(value).items():
                if member_name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
                    continue
                assert inspect.getdoc(member), f"{name}.{member_name}"


def test_import_does_not_import_pydantic() -> None:
    """``import school_improvement`` keeps pydantic out of the process."""
    code = "import sys, school_improvement; print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_typed_usage_file_runs() -> None:
    """The typed usage file (also checked by mypy) runs against the real API."""
    api = __import__("typing_api")
    api.main()


def _typing_block() -> ast.If:
    """The ``if typing.TYPE_CHECKING:`` block of the package's ``__init__``."""
    tree = ast.parse(inspect.getsource(school_improvement))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) in {"typing.TYPE_CHECKING", "TYPE_CHECKING"}
    ]
    assert len(blocks) == 1
    return blocks[0]


def test_the_typing_block_imports_exactly_the_public_names_each_from_its_module() -> None:
    """What type checkers see is ``_PUBLIC``: each name imported as itself, from the module ``_PUBLIC`` names."""
    expected = {name: f"school_improvement.{module}" for module, names in _PUBLIC.items() for name in names}
    imported: dict[str, str] = {}
    for node in _typing_block().body:
        assert isinstance(node, ast.ImportFrom), ast.unparse(node)
        for alias in node.names:
            assert alias.asname == alias.name, f"{alias.name} is not imported as itself"
            assert alias.name not in imported, f"{alias.name} is imported twice"
            imported[alias.name] = str(node.module)
    assert imported == expected


def test_all_is_the_public_names() -> None:
    """``__all__`` holds exactly the names ``_PUBLIC`` lists, and ``_PUBLIC`` lists each once."""
    listed = [name for names in _PUBLIC.values() for name in names]
    assert len(listed) == len(set(listed))
    assert sorted(school_improvement.__all__) == sorted(listed)
