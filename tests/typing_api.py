"""The public API as a downstream user would write it, checked by mypy (and run by a test)."""

from school_improvement import (
    Descriptor,
    Framework,
    FrameworkError,
    LocalisedText,
    SchoolImprovementError,
    Stage,
    UnknownCodeError,
    load_framework,
    make_converter,
)


def names_at(framework: Framework, aspect: str, stage: Stage) -> list[str]:
    """The descriptor codes of one cell."""
    descriptors: tuple[Descriptor, ...] = framework.cell(aspect, stage).descriptors
    return [descriptor.code for descriptor in descriptors]


def welsh_stage_names(framework: Framework) -> list[LocalisedText]:
    """Every stage's name, in Welsh where it exists."""
    return [framework.stage_name(stage).in_language("cy") for stage in Stage]


def first_step(stage: Stage) -> Stage | None:
    """The stage after this one."""
    return stage.next()


def describe(framework: Framework, code: str) -> str:
    """A descriptor's text, or a note that the code is unknown."""
    try:
        return framework.descriptor(code).text.en
    except UnknownCodeError as error:
        return f"unknown code {error.code}"


def main() -> None:
    """Use the API end to end."""
    framework = load_framework()
    assert names_at(framework, "PV", Stage.STARTING_THE_JOURNEY) == ["PV.1.1"]
    assert welsh_stage_names(framework)[0].text == "dechrau'r daith"
    assert first_step(Stage.STARTING_THE_JOURNEY) is Stage.MAKING_PROGRESS
    payload: object = make_converter().unstructure(framework.descriptor("SV.1.1"))
    assert isinstance(payload, dict)
    assert describe(framework, "XX.1.1") == "unknown code XX.1.1"
    errors: tuple[type[Exception], ...] = (FrameworkError, UnknownCodeError)
    assert all(issubclass(error, SchoolImprovementError) for error in errors)


if __name__ == "__main__":
    main()
