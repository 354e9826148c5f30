"""Measure speed against baselines taken in the same run, on the same inputs.

Prints one line per measure:

    BENCH <name> <value> <unit> ratio=<r> budget=<b> ok|over

where the ratio compares the measure with its baseline, measured in the same
run on the same machine, and the budget caps the ratio. A measure whose budget
is absolute (say, "1,500 schools in under 0.3 s") is reported on a line of its
own whose name ends ``_wall``, with the ratio taken against that fixed figure.
A line whose name ends ``_info`` is for information: its budget is ``inf``.
Exits 1 if any measure is over its budget, but for those named in ``OPEN``:
issue 16's budgets that the library does not meet yet. Their lines still say
``over``, and the run ends by naming them; each leaves ``OPEN`` when it is met.

Each baseline does the same work as the library on the same input (see
``floors.py`` and ``baselines.py``), and the benchmark checks that the two
give the same results before it times either. Library and baseline are timed
in turn, several times, and the best of each is kept, so that drift on a
shared machine touches both alike.

Run with the interpreter of the environment the package is installed in:

    python benchmarks/run.py
"""

import atexit
import gc
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # the benchmark's own modules, beside it

import baselines
import floors
import synthetic
from service_load import service_load

from school_improvement import (
    Finding,
    Framework,
    Judgement,
    JudgementStatus,
    LanguageMedium,
    Phase,
    Rating,
    Recommendation,
    RecommendedPriority,
    RuleDescription,
    School,
    SchoolSnapshot,
    Severity,
    Stage,
    StageProfile,
    Sufficiency,
    Survey,
    Weighting,
    assess,
    dumps,
    load_framework,
    load_self_evaluation,
    match_schools,
)

RUNS = 21


# How the fresh interpreters run: with their bytecode kept in a folder of the benchmark's own, so that every
# module, the library's and its baseline's alike, is compiled once and read from bytecode after, as it is once
# installed by pip. Without it, an environment that writes no bytecode (PYTHONDONTWRITEBYTECODE, or a package
# installed by a tool that does not compile it) compiles every module afresh in every process, and the timings
# measure the compiler rather than the import. The folder goes when the process ends (scaling.py imports this).
_BYTECODE = tempfile.mkdtemp(prefix="school-improvement-bytecode-")
atexit.register(shutil.rmtree, _BYTECODE, ignore_errors=True)
_FRESH = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
_FRESH["PYTHONPYCACHEPREFIX"] = _BYTECODE


def _process_seconds(arguments: list[str]) -> float:
    """The wall time of a fresh interpreter run with ``arguments``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *arguments], check=True, stdout=subprocess.DEVNULL, env=_FRESH)
    return time.perf_counter() - start


def _interleaved(codes: list[str], runs: int = RUNS) -> list[float]:
    """The best wall time of each snippet, run in turn so drift affects all alike (the least noisy estimate)."""
    return _interleaved_runs([["-c", code] for code in codes], runs)


def _interleaved_runs(commands: list[list[str]], runs: int = RUNS) -> list[float]:
    """The best wall time of each interpreter command line, run in turn."""
    times: list[list[float]] = [[] for _ in commands]
    for arguments in commands:  # each compiles its modules once, untimed
        _process_seconds(arguments)
    for _ in range(runs):
        for place, arguments in enumerate(commands):
            times[place].append(_process_seconds(arguments))
    return [min(series) for series in times]


def _in_process(code: str) -> float:
    """Seconds taken by ``code``'s timed part, reported by a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=_FRESH)
    return float(result.stdout)


OPEN = {
    "import_first_use": (
        "attrs making the 94 classes the first use defines (their names and fields alone:"
        " import_same_classes_made_info) takes about 2x importing attrs and cattrs; the first use is about 1.1x that"
    ),
    "load_framework_fresh": (
        "on the budget's edge from run to run: attrs making the content's classes, and cattrs compiling a"
        " structure function for 19 of them (about 7 ms)"
    ),
    "cycle_1500_schools_wall": "0.3 s for 1,500 schools: the lean floor itself takes 0.6 s or more on this machine",
    "validate_vs_typeadapter": (
        "the library gives its objects, the TypeAdapter dicts: it validates with the same kind of TypeAdapter, and"
        " building the 26,500 ratings and pieces of evidence of the 100 payloads from its dicts (about 22 ms, their"
        " fields set directly) is most of the difference"
    ),
    "match_vs_ortools_1500": (
        "each of some 265 phases' shortest paths visits most of its network's arcs in Python, and"
        " building the networks and explaining the pairs takes longer than OR-tools' whole run"
    ),
    "match_vs_ortools_25000": (
        "on the budget's edge from run to run, even as the best of three: the same, with OR-tools' own Python"
        " side longer"
    ),
}
"""The budgets of issue 16 not met yet, each with what stands in the way: reported, but not failing the run."""
OVER: list[str] = []
"""The measures over budget in this run, in order."""


def _report(name: str, value: float, unit: str, ratio: float, budget: float) -> bool:
    """Print a measure's line; whether it is within budget, or over but named in ``OPEN``."""
    within = ratio <= budget
    print(f"BENCH {name} {value:.4g} {unit} ratio={ratio:.3g} budget={budget:g} {'ok' if within else 'over'}")
    if not within:
        OVER.append(name)
    return within or name in OPEN


def _best_in_turn(runs: int, *works: Callable[[], object]) -> list[float]:
    """The best time of each of ``works``, run in turn ``runs`` times with the garbage collector quiet between."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for place, work in enumerate(works):
            gc.collect()
            start = time.perf_counter()
            work()
            times[place].append(time.perf_counter() - start)
    return [min(series) for series in times]


_FIRST_USE = "from school_improvement import assess, load_framework, load_self_evaluation, match_schools"
_CONTENT = sorted(
    str(item) for item in (resources.files("school_improvement") / "data").iterdir() if item.name.endswith(".json")
)
"""The framework's content files, which ``load_framework`` reads."""


_CLASSES_OF_FIRST_USE = f"""import json, sys, attrs
{_FIRST_USE}
classes = {{
    (cls.__module__, cls.__qualname__): cls
    for module in list(sys.modules.values()) if module.__name__.startswith("school_improvement")
    for cls in vars(module).values()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == module.__name__
}}
print(json.dumps([
    [cls.__name__, [[field.name, field.default is not attrs.NOTHING, field.init] for field in attrs.fields(cls)]]
    for cls in classes.values()
]))"""
"""Prints the attrs classes the first use defines, each once: its name, and its fields' names, whether each has a
default and whether it is an argument of ``__init__``."""


def _same_classes() -> tuple[str, int]:
    """Code that imports attrs and cattrs and makes, with attrs, the same classes the first use defines.

    The classes are made frozen, with slots, equality and hashing, as the library's are, but with no validators
    or converters, which the library's have: if anything, less than the library's classes cost. The code is a
    module, imported, so that it is read from bytecode as the library's modules are.
    """
    result = subprocess.run(
        [sys.executable, "-c", _CLASSES_OF_FIRST_USE], check=True, capture_output=True, text=True, env=_FRESH
    )
    classes = json.loads(result.stdout)
    lines = ["import attrs, cattrs"]
    for name, fields in classes:
        listed = ", ".join(
            f"{field!r}: attrs.field({'default=None' if default else ''}{'' if init else 'init=False'})"
            for field, default, init in fields
        )
        lines.append(f"attrs.make_class({name!r}, {{{listed}}}, frozen=True, slots=True, order=False)")
    folder = Path(_BYTECODE) / "modules"
    folder.mkdir(exist_ok=True)
    (folder / "same_classes.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"import sys\nsys.path.insert(0, {str(folder)!r})\nimport same_classes", len(classes)


def import_and_load() -> list[bool]:
    """Importing the package, its first real use and its first framework load, each in fresh processes."""
    # The baseline for the framework's first load reads the same content files as JSON, in a fresh process with
    # attrs and cattrs imported: what any library structuring this content into attrs classes starts from.
    read_content = f"import attrs, cattrs, json\nfor name in {_CONTENT!r}:\n    json.load(open(name, 'rb'))"
    classes, count = _same_classes()
    baseline, package, first_use, content, loaded, same_classes = _interleaved(
        [
            "import attrs, cattrs",
            "import school_improvement",
            _FIRST_USE,
            read_content,
            "from school_improvement import load_framework\nload_framework()",
            classes,
        ]
    )
    first_load = _in_process(
        "import time, school_improvement as s\n"
        "load = s.load_framework  # loads the modules; what is timed is reading the content\n"
        "t = time.perf_counter(); load(); print(time.perf_counter() - t)"
    )
    cached = _in_process(
        "import time, school_improvement as s\n"
        "s.load_framework()\n"
        "t = time.perf_counter()\n"
        "for _ in range(100_000): s.load_framework()\n"
        "print((time.perf_counter() - t) / 100_000)"
    )
    return [
        # The package's own import is lazy: it must stay light for the command line's start.
        _report("import_package", package * 1e3, "ms", package / baseline, 1.3),
        _report("import_first_use", first_use * 1e3, "ms", first_use / baseline, 1.5),
        # For information: attrs and cattrs imported, and the same attrs classes as the first use defines made with
        # attrs (the same names and fields, nothing else): how much of the first use is attrs making its classes.
        _report("import_same_classes_info", first_use * 1e3, "ms", first_use / same_classes, math.inf),
        _report("import_same_classes_made_info", same_classes * 1e3, "ms", same_classes / baseline, math.inf),
        _report("import_first_use_classes_info", count, "classes", 1.0, math.inf),
        _report("load_framework_fresh", loaded * 1e3, "ms", loaded / content, 1.5),
        _report("load_framework_cached", cached * 1e6, "us", cached / first_load, 0.001),
    ]


SCHOOLS = 1500
"""About as many schools as Wales has."""


def assessment() -> list[bool]:
    """Assess 1,500 schools, and take them through the cycle, against the lean floors."""
    framework = load_framework()
    floor = floors.Floor(framework)
    schools = synthetic.schools(framework, SCHOOLS, seed=2026)
    for school in [*schools, *synthetic.edge_cases(framework)]:  # the same results, or nothing is timed
        floors.check_equal(
            f"assess {school.school}",
            lambda s=school: floor.assess(s),
            lambda s=school: floors.plain_profile(assess(framework, s)),
        )
        floors.check_equal(
            f"the cycle of {school.school}",
            lambda s=school: floor.cycle(s),
            lambda s=school: floors.plain_cycle(floors.library_cycle(framework, s)),
        )

    def library_assess() -> None:
        for school in schools:
            assess(framework, school)

    def floor_assess() -> None:
        for school in schools:
            floor.assess(school)

    def library_cycle() -> None:
        for school in schools:
            floors.library_cycle(framework, school)

    def floor_cycle() -> None:
        for school in schools:
            floor.cycle(school)

    assessed, assessed_floor = _best_in_turn(5, library_assess, floor_assess)
    cycled, cycled_floor = _best_in_turn(5, library_cycle, floor_cycle)
    return [
        _report("assess_vs_floor", assessed, "s", assessed / assessed_floor, 2.0),
        # An absolute budget holds only on the machine it was set on; one second is what "about a second for
        # Wales" promises; the ratio above is the measure that catches a regression.
        _report("assess_1500_schools_wall", assessed, "s", assessed / 1.0, 1.0),
        _report("cycle_1500_schools", cycled, "s", cycled / cycled_floor, 3.0),
        # Issue 16's promise: Wales' 1,500 schools through the cycle in under 0.3 s on one core.
        _report("cycle_1500_schools_wall", cycled, "s", cycled / 0.3, 1.0),
    ]


def payloads() -> list[bool]:
    """Read self-evaluations from JSON text against a TypeAdapter, and dump a stage profile against plain json."""
    framework = load_framework()
    texts = [json.dumps(payload).encode() for payload in synthetic.payloads(framework, 100, seed=5)]
    typeadapter = baselines.typeadapter_reader()
    objects = baselines.typeadapter_objects_reader()
    fast = baselines.msgspec_reader()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # each reader warns of the ratings given with no evidence; both are timed so
        for text in texts:  # the same input read the same: the same schools, or nothing is timed
            read = load_self_evaluation(text)
            plain = typeadapter(text)
            if json.loads(dumps(read))["data"] != json.loads(json.dumps(plain, default=str)):
                msg = f"load_self_evaluation and the TypeAdapter read {read.school} differently"
                raise AssertionError(msg)
            if objects(text) != read:
                msg = f"load_self_evaluation and the TypeAdapter's dicts built into objects differ for {read.school}"
                raise AssertionError(msg)
        readers = [
            lambda: [load_self_evaluation(t) for t in texts],
            lambda: [typeadapter(t) for t in texts],
            lambda: [objects(t) for t in texts],
        ]
        if fast is not None:
            readers.append(lambda: [fast(t) for t in texts])
        validate, validate_baseline, validate_objects, *validate_fast = _best_in_turn(7, *readers)
    profile = assess(framework, synthetic.schools(framework, 1, seed=5)[0])
    plain_profile = json.loads(dumps(profile))
    dump, plain_dump = _best_in_turn(
        200, lambda: dumps(profile), lambda: json.dumps(plain_profile, ensure_ascii=False, indent=2)
    )
    count = len(texts)
    results = [
        _report("validate_vs_typeadapter", validate / count * 1e6, "us", validate / validate_baseline, 1.5),
        # For information: the TypeAdapter's dicts built into the same objects the library gives, so that the
        # baseline does all the library's work; how much of the ratio above is the objects, not the validation.
        _report(
            "validate_typeadapter_objects_info", validate / count * 1e6, "us", validate / validate_objects, math.inf
        ),
    ]
    if validate_fast:  # for information: how far a reader in C goes; no budget
        (fastest,) = validate_fast
        results.append(_report("validate_msgspec_info", fastest / count * 1e6, "us", validate / fastest, math.inf))
    # The issue sets no budget for dumping; 2x plain json.dumps is the project's own.
    results.append(_report("dump_stage_profile", dump * 1e6, "us", dump / plain_dump, 2.0))
    return results


def command_line() -> list[bool]:
    """``school-improvement --help`` against ``python -c pass``; the budget is 150 ms, as a ratio to that baseline."""
    bare, helped = _interleaved_runs([["-c", "pass"], ["-m", "school_improvement", "--help"]])
    return [_report("cli_help", helped * 1e3, "ms", helped / bare, 0.150 / bare)]


DATE = synthetic.DATE
_RULE = RuleDescription("cumulative", (), "drawn for the benchmark", comparison_only=False, threshold=Rating.MOSTLY)
_PHASES = [Phase.PRIMARY] * 6 + [Phase.SECONDARY, Phase.SPECIAL]


def _judgement(aspect: str, position: int) -> Judgement:
    if position < 0:
        return Judgement(aspect, JudgementStatus.NOT_ENOUGH_EVIDENCE, None, (), (), (), "drawn", "drawn")
    if position == 0:
        return Judgement(aspect, JudgementStatus.NO_STAGE_YET, None, (), (), (), "drawn")
    return Judgement(aspect, JudgementStatus.REACHED, Stage.at(position), (), (), (), "drawn")


def _synthetic_survey(framework: Framework, count: int, per_authority: int, seed: int) -> Survey:
    """``count`` schools in local authorities of about ``per_authority``, clusters of eight, drawn stages.

    Each school's three priorities are its three earliest open aspects (foundations first, as the
    recommendations put them); one in twelve aspects carries an evidence warning.
    """
    rng = random.Random(seed)
    codes = [aspect.code for aspect in framework.aspects]
    snapshots = []
    for number in range(count):
        ref = f"synthetic-{number}"
        authority = f"authority-{number // per_authority}"
        school = School(
            ref,
            ref,
            authority,
            f"{authority}/cluster-{number // 8}",
            rng.choice(_PHASES),
            rng.choice(list(LanguageMedium)),
        )
        strength = rng.random()
        stages = {code: min(4, max(0, round(rng.gauss(1.2 + 2.2 * strength, 0.9)))) for code in codes}
        for code in codes:
            if rng.random() < 0.04:
                stages[code] = -1
        judgements = tuple(_judgement(code, stages[code]) for code in codes)
        profile = StageProfile(ref, DATE, framework.edition_id, _RULE, Sufficiency(), judgements)
        open_aspects = sorted((p, codes.index(c), c) for c, p in stages.items() if 0 <= p < 4)[:3]
        priorities = tuple(
            RecommendedPriority(rank, code, Stage.at(p) if p else None, Stage.at(p + 1), None, 1.0, (), (), (), ())
            for rank, (p, _, code) in enumerate(open_aspects, start=1)
        )
        advice = Recommendation(ref, DATE, framework.edition_id, Weighting(), priorities, ())
        findings = tuple(
            Finding("single-source", Severity.WARNING, "drawn", code) for code in codes if rng.random() < 1 / 12
        )
        snapshots.append(SchoolSnapshot(school, profile, findings, advice))
    return Survey(framework.edition_id, tuple(snapshots))


def _matched(framework: Framework, survey: Survey, runs: int) -> tuple[float, float]:
    """The library's matching and OR-tools' on the same survey, end to end, once their totals are found equal."""
    total = match_schools(framework, survey).total_benefit
    independent, _ = baselines.ortools_matching(survey)
    if total != independent:
        msg = f"match_schools found a total benefit of {total}, OR-tools {independent}"
        raise AssertionError(msg)
    library, solver = _best_in_turn(
        runs, lambda: match_schools(framework, survey), lambda: baselines.ortools_matching(survey)
    )
    return library, solver


def collaboration() -> list[bool]:
    """Match Wales-sized and England-sized systems against OR-tools, and how time grows with more authorities."""
    framework = load_framework()
    wales = _synthetic_survey(framework, 1500, 68, seed=22)
    england = _synthetic_survey(framework, 25_000, 165, seed=152)
    # Each timed in turn with OR-tools, the best of several runs kept, as every measure is: England's once each
    # gave ratios from 2.2 to 3.7 in runs a few commits apart with the matching unchanged.
    small, small_solver = _matched(framework, wales, 7)
    large, large_solver = _matched(framework, england, 3)
    # How time grows with the number of local authorities, each of the same size (68 schools, as in Wales): eight
    # times the authorities should take about eight times as long (an exponent of 1; a pool is solved on its own).
    grown = _synthetic_survey(framework, 8 * 1496, 68, seed=23)
    base = _synthetic_survey(framework, 1496, 68, seed=23)
    base_time, grown_time = _best_in_turn(
        1, lambda: match_schools(framework, base), lambda: match_schools(framework, grown)
    )
    base_time = min(base_time, *_best_in_turn(2, lambda: match_schools(framework, base)))
    growth = math.log(grown_time / base_time) / math.log(8)
    return [
        _report("match_vs_ortools_1500", small, "s", small / small_solver, 3.0),
        _report("match_vs_ortools_25000", large, "s", large / large_solver, 3.0),
        _report("match_1500_schools_wall", small, "s", small / 2.0, 1.0),
        _report("match_25000_schools_wall", large, "s", large / 60.0, 1.0),
        # The exponent k in time ~ authorities^k at a fixed authority size (1 is linear).
        _report("match_growth", growth, "exponent", growth, 1.2),
    ]


sys.modules.setdefault("run", sys.modules[__name__])  # service_load reports through this module's _report, not a copy
MEASURES: list[Callable[[], list[bool]]] = [
    import_and_load,
    assessment,
    payloads,
    command_line,
    collaboration,
    service_load,
]


def main() -> int:
    """Run every measure and return 1 if any is over budget, but for those still open in issue 16."""
    results = [ok for measure in MEASURES for ok in measure()]
    for name in OVER:
        if name in OPEN:
            print(f"OPEN {name}: over budget, and open in issue 16: {OPEN[name]}")
    met = sorted(set(OPEN) - set(OVER))
    if met:
        print(f"MET {', '.join(met)}: within budget in this run; once within it every time, take it out of OPEN")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
