"""Generate the reference pages of the framework content from the bundled data, at docs build time.

Run by the mkdocs-gen-files plugin, so the pages cannot drift from the data.
"""

import os
from importlib.resources import files

import mkdocs_gen_files

from school_improvement import Framework, Stage, TagBasis, load_framework
from school_improvement._cli.parser import build_parser
from school_improvement._interchange.payloads import PAYLOAD_KINDS


def _aspect_page(framework: Framework, code: str) -> str:
    aspect = framework.aspect(code)
    lines = [f"# {aspect.title.en}", "", f"Aspect code `{aspect.code}`.", ""]
    factors = framework.aspect_factor_links(code)
    if factors:
        numbers = ", ".join(str(n) for link in factors for n in link.factors)
        reason = " ".join(link.rationale for link in factors)
        lines += [f"Contributory factors (editorial mapping): {numbers}. {reason}", ""]
    for stage in Stage:
        name = framework.stage_name(stage)
        welsh = f" (*{name.cy.text}*)" if name.cy else ""
        lines += [f"## {stage.position}. {name.en}{welsh}", ""]
        for descriptor in framework.cell(code, stage).descriptors:
            lines.append(f"- **`{descriptor.code}`** {descriptor.text.en}")
            lines += [f"    - `{item.code}` {item.text.en}" for item in descriptor.items]
            tags = framework.tags_for(descriptor.code)
            if tags:
                shown = ", ".join(
                    f"{tag.priority} (“{tag.words}”)" if tag.basis is TagBasis.TEXT else f"{tag.priority} (editorial)"
                    for tag in tags
                )
                lines.append(f"    - *{descriptor.kind.value}*; national priorities: {shown}")
            else:
                lines.append(f"    - *{descriptor.kind.value}*")
        lines.append("")
    lines += ["---", "", framework.provenance.attribution, ""]
    return "\n".join(lines)


def _index_page(framework: Framework) -> str:
    provenance = framework.provenance
    released = (
        f"Edition `{framework.edition_id}`, released {provenance.released}. These pages are generated "
        "from the data files in the package when the documentation is built."
    )
    lines = [
        "# Framework content",
        "",
        released,
        "",
        "## Aspects",
        "",
        "| Code | Aspect | Descriptors by stage |",
        "|---|---|---|",
    ]
    for aspect in framework.aspects:
        counts = " / ".join(str(len(framework.cell(aspect.code, stage).descriptors)) for stage in Stage)
        lines.append(f"| `{aspect.code}` | [{aspect.title.en}]({aspect.code.lower()}.md) | {counts} |")
    lines += ["", "## Stages", "", "| Position | English | Welsh | Welsh source |", "|---|---|---|---|"]
    for stage in Stage:
        name = framework.stage_name(stage)
        source = provenance.document(name.cy.source).title if name.cy and name.cy.source else ""
        lines.append(f"| {stage.position} | {name.en} | {name.cy.text if name.cy else ''} | {source} |")
    lines += ["", "## Common characteristics of leaders", "", "Leaders:", ""]
    lines += [f"{n}. {c.text.en}" for n, c in enumerate(framework.leaders_characteristics, start=1)]
    lines += ["", "## Contributory factors", ""]
    lines += [f"{f.number}. {f.text.en}" for f in framework.contributory_factors]
    lines += ["", "## National improvement priorities", ""]
    for priority in framework.national_priorities:
        welsh = f" (*{priority.name.cy.text}*)" if priority.name.cy else ""
        role = ", supporting the others" if priority.supporting else ""
        lines.append(f"- `{priority.code}`: {priority.name.en}{welsh}{role}")
    lines += ["", "## Core principles of the revised School Improvement Guidance", ""]
    lines += [f"- `{p.code}`: {p.text.en}" for p in framework.principles]
    lines += ["", "## Sources", "", "| Publisher | Title | Date | Licence |", "|---|---|---|---|"]
    lines += [f"| {d.publisher} | {d.title} | {d.date or 'not stated'} | {d.licence} |" for d in provenance.documents]
    lines += ["", "## What is editorial", ""]
    lines += [f"- **{note.field}**: {note.note}" for note in provenance.editorial]
    lines += [f"- **mappings**: {framework.mappings.note}", "", "---", "", provenance.attribution, ""]
    return "\n".join(lines)


def _schemas_page() -> str:
    folder = files("school_improvement").joinpath("schemas")
    sections = []
    for kind in PAYLOAD_KINDS.values():
        schema = folder.joinpath(f"{kind}.schema.json").read_text("utf-8").rstrip()
        sections.append(f"## {kind}\n\n`school_improvement/schemas/{kind}.schema.json`\n\n```json\n{schema}\n```\n")
    body = "\n".join(sections)
    return f"""# Payload schemas

Every payload has the same envelope: `schema_version`, `kind`, `framework_edition` and `data`. The JSON
Schema of each kind ships in the package. The self-evaluation's is the schema of the input the library
reads from other systems, with its size limits; the others are generated from the library's own classes.
A test checks that the shipped files match a fresh generation, and that what the library writes validates
against them.

{body}"""


def _cli_page() -> str:
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; the page should not depend on one
    parser = build_parser()
    sections = [f"```text\n{parser.format_help().rstrip()}\n```\n"]
    for action in parser._subparsers._group_actions:  # noqa: SLF001 (argparse has no public way)
        for name, sub in action.choices.items():
            sections.append(f"## {name}\n\n```text\n{sub.format_help().rstrip()}\n```\n")
    body = "\n".join(sections)
    return f"""# Command line

Generated from the command line's own parser when the documentation is built, so it cannot drift.
Exit codes: 0 on success; 2 for a usage or input error, with one message per problem; 1 for any other
failure. `--debug` shows a traceback.

{body}"""


def main() -> None:
    """Write the content pages into the docs being built."""
    framework = load_framework()
    with mkdocs_gen_files.open("reference/cli.md", "w") as page:
        page.write(_cli_page())
    with mkdocs_gen_files.open("reference/schemas.md", "w") as page:
        page.write(_schemas_page())
    with mkdocs_gen_files.open("content/index.md", "w") as page:
        page.write(_index_page(framework))
    for aspect in framework.aspects:
        with mkdocs_gen_files.open(f"content/{aspect.code.lower()}.md", "w") as page:
            page.write(_aspect_page(framework, aspect.code))


main()
