"""The service's endpoints: each reads its body and parameters as the command line reads its files and options.

Each endpoint mirrors a command: its query parameters are named as the command's options (``rule``, ``as_of``,
``target``...), and its body is the payload the command reads, or, where the command reads several inputs, a JSON
object whose members are named as them (``{"plan": ..., "self_evaluation": ...}``). The framework is read once,
when the application is made; nothing is kept from one request to the next.
"""

import datetime
import json
import typing
import warnings
from collections.abc import Callable, Coroutine, Mapping, Sequence
from importlib.metadata import version
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Path as InPath, Query, Request
from fastapi.dependencies.utils import request_params_to_args
from fastapi.routing import APIRoute
from starlette.responses import Response

from school_improvement._assessment.assess import Sufficiency, assess
from school_improvement._assessment.evidence import SelfEvaluation
from school_improvement._assessment.progress import track_progress
from school_improvement._assessment.quality import check_evidence
from school_improvement._authority.matching import MatchOptions, Requirement, Strictness, match_schools
from school_improvement._authority.rollup import roll_up
from school_improvement._authority.schools import School, read_school_register
from school_improvement._authority.survey import Survey, survey
from school_improvement._content.framework import Framework
from school_improvement._converter import shared_converter
from school_improvement._dates import iso_date
from school_improvement._errors import (
    AnalysisError,
    InputError,
    PayloadError,
    Problem,
    SchoolImprovementError,
    SelfEvaluationWarning,
)
from school_improvement._files import parse_json
from school_improvement._interchange.case import case_json
from school_improvement._interchange.decisions import load_discussion, load_plan
from school_improvement._interchange.inputs import load_self_evaluation, schema_texts
from school_improvement._interchange.payloads import dumps
from school_improvement._interchange.written import read_capacity, read_choice, read_stage, read_target
from school_improvement._planning.cycle import Cycle, run_cycle
from school_improvement._planning.discussion import DiscussionRecord, view_differences
from school_improvement._planning.plan import DevelopmentPlan
from school_improvement._planning.review import review_plan
from school_improvement._render.authority_html import html_authority_report
from school_improvement._render.authority_markdown import markdown_authority_report
from school_improvement._render.html import html_discussion, html_report
from school_improvement._render.markdown import markdown_discussion, markdown_report
from school_improvement._render.overview import overview
from school_improvement._render.text import render_collaboration, render_discussion, render_rollup
from school_improvement._service import openapi as oas
from school_improvement._service.bodies import (
    JSON_MEDIA_TYPE,
    REQUEST_BODY,
    AnyPayloadBody,
    Member,
    PayloadBody,
    SetBody,
    all_loaded,
    guarded,
    loaded,
    members,
    utf8,
)
from school_improvement._service.negotiation import negotiate
from school_improvement._service.options import CHOSEN_HERE, Options, QueryError, at
from school_improvement._service.problems import (
    BODY_PAYLOAD,
    QUERY,
    Places,
    ServiceError,
    input_problem,
    install_handlers,
    located,
    not_acceptable,
    placed,
)

Rule = Literal["best-fit", "cumulative", "high-water-mark", "secure-fit"]
"""The stage rules' names (a test checks them against the library's)."""
Lang = Literal["en", "cy"]
Strict = Literal["hard", "soft", "off"]

HTML, MARKDOWN, TEXT = "text/html", "text/markdown", "text/plain"
_DATE = {"format": "date"}
_MOST_DAYS = 36_500
"""The most days a query parameter may count (a hundred years): more is a mistake, and would overflow the calendar."""
_MOST = 10_000
"""The largest count a query parameter may give (priorities, capacities, penalties)."""

RuleQuery = Annotated[Rule, Query(description="The stage rule.")]
AsOfQuery = Annotated[
    str | None,
    Query(
        description="The date to age self-evaluations and evidence at, YYYY-MM-DD (default: today).",
        json_schema_extra=_DATE,
    ),
]
MaxAgeQuery = Annotated[
    int,
    Query(ge=0, le=_MOST_DAYS, description="How old a self-evaluation or its evidence may be before it is flagged."),
]
TargetQuery = Annotated[list[str], Query(description="A target, ASPECT=STAGE, the stage as 1 to 4 or its name: PV=3.")]
ChooseQuery = Annotated[
    list[str],
    Query(
        description="A priority the school has chosen, in its order: ASPECT[+ASPECT]=STAGE@YYYY-MM-DD[:why]; "
        "the school's choice is followed, never cut."
    ),
]
ComparisonQuery = Annotated[
    bool,
    Query(description="Plan even from a rule offered only for comparison (high-water-mark); only with such a rule."),
]
PriorityQuery = Annotated[
    list[str],
    Query(description="An aspect to weigh up when the library recommends priorities (a weight, not a choice)."),
]
MaxPrioritiesQuery = Annotated[
    int | None, Query(ge=1, le=_MOST, description="How many priorities the library recommends (default 3).")
]
LangQuery = Annotated[Lang | None, Query(description="Welsh where a source gives it (default: en).")]
MinRatedQuery = Annotated[
    int,
    Query(
        ge=0,
        le=_MOST,
        description="Sufficiency: how many applicable descriptors of an aspect must be rated with evidence.",
    ),
]
MinKindsQuery = Annotated[
    int,
    Query(
        ge=0, le=_MOST, description="Sufficiency: how many distinct kinds of evidence an aspect's ratings must rest on."
    ),
]
LearnerVoiceQuery = Annotated[bool, Query(description="Sufficiency: whether learner voice must be among them.")]

_SINGLE = "A self-evaluation payload, as `dumps` writes it and `load_self_evaluation` reads it."


# The query as a whole, checked before an endpoint runs: every problem in it reported at once, none ignored. An
# ``Accept`` the endpoint cannot meet is a 406, whatever the endpoint. A parameter the endpoint does not take, or one
# given more times than it takes, is refused rather than ignored; FastAPI's own reading of each parameter's type and
# the library's reading of the values that have a form of their own (a target ``PV=3``, a date) are reported
# together, in one 422, before the analysis.

Reader = Callable[[str], object]
"""Reads one value of a parameter; raises ``ValueError`` (or the library's error) in words to report."""


def readers(framework: Framework) -> dict[str, Reader]:
    """How the library reads each query parameter with a form of its own, the framework's codes checked too."""

    def aspects(codes: Sequence[str]) -> None:
        for code in codes:
            framework.aspect(code)

    def target(value: str) -> object:
        found = read_target(value)
        aspects([found.aspect])
        return found

    def choose(value: str) -> object:
        found = read_choice(value, unsaid=CHOSEN_HERE)
        aspects(found.aspects)
        return found

    return {
        "as_of": iso_date,
        "target": target,
        "choose": choose,
        "priority": lambda value: aspects([value]),
        "capacity_of": read_capacity,
        "strength_from": read_stage,
    }


def _is_list(annotation: object) -> bool:
    """Whether a parameter takes several values (``list[str]``)."""
    return typing.get_origin(annotation) is list


def _stray(request: Request, takes: Mapping[str, bool]) -> list[Problem]:
    """The parameters the endpoint does not take, and those given more times than they take."""
    offered = ", ".join(sorted(takes)) or "none"
    problems = []
    for name in dict.fromkeys(request.query_params.keys()):
        if name not in takes:
            problems.append(Problem(at(name), f"this endpoint takes no such parameter; it takes {offered}"))
        elif not takes[name] and len(request.query_params.getlist(name)) > 1:
            problems.append(Problem(at(name), "given more than once; it takes one value"))
    return problems


def _read(request: Request, reading: Mapping[str, Reader], takes: Mapping[str, bool]) -> list[Problem]:
    """The library's refusal of each value that has a form of its own, in its words."""
    problems = []
    for name, read in reading.items():
        if name not in takes:
            continue
        for value in request.query_params.getlist(name):
            try:
                read(value)
            except (ValueError, SchoolImprovementError) as error:  # noqa: PERF203 (each value's refusal is noted)
                said = str(error)
                problems.append(Problem(at(name), said if said.startswith(repr(value)) else f"{value!r}: {said}"))
    return problems


def checked_route(reading: Mapping[str, Reader]) -> type[APIRoute]:
    """A route that checks its whole query before its endpoint runs, reading the values ``reading`` reads."""

    class CheckedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()
            fields = self.dependant.query_params
            answered = (self.openapi_extra or {}).get("responses", {}).get("200", {}).get("content", {})
            offers = list(answered)
            takes = {field.alias: _is_list(field.field_info.annotation) for field in fields}

            async def checked(request: Request) -> Response:
                if offers and negotiate(request.headers.get("accept"), offers) is None:
                    raise not_acceptable(offers)
                problems = _stray(request, takes)
                _, errors = request_params_to_args(fields, request.query_params)
                problems += [Problem(located(error["loc"]), str(error["msg"])) for error in errors]
                problems += _read(request, reading, takes)
                if problems:
                    raise QueryError("the query", problems)
                return await handler(request)

            return checked

    return CheckedRoute


def _json(text: str) -> Response:
    return Response(text, media_type=JSON_MEDIA_TYPE)


def _answer(work: Callable[[], Response], places: Places) -> Response:
    """What ``work`` answers; the library's refusal of the input as a 422 with every problem, at ``places``.

    What is noticed about a self-evaluation that loads (a rating with no evidence) is not an error: ``POST
    /validate`` lists it. Nothing here writes it anywhere else.
    """
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always", SelfEvaluationWarning)
        try:
            return work()
        except AnalysisError as error:
            raise input_problem(placed(error, places, REQUEST_BODY)) from None
        except InputError as error:
            raise input_problem(error) from None
        except SchoolImprovementError as error:  # an unknown code, say: not the service's failure
            raise ServiceError(422, "the input does not fit the framework", [Problem("$", str(error))]) from None


def _chosen_media(request: Request, offers: list[str]) -> str:
    """The form the request's Accept header asks for, of those offered.

    Raises:
        ServiceError: 406 if it asks for none of them.
    """
    found = negotiate(request.headers.get("accept"), offers)
    if found is None:
        raise not_acceptable(offers)
    return found


def _sufficiency(min_rated: int, min_evidence_kinds: int, require_learner_voice: bool) -> Sufficiency:  # noqa: FBT001 (the query's own values)
    return Sufficiency(min_rated, min_evidence_kinds, require_learner_voice=require_learner_voice)


class _Service:
    """The endpoints' work, over one framework edition read once."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework

    def evaluation(self, raw: bytes | dict[str, Any], where: str = "$") -> SelfEvaluation:
        if isinstance(raw, bytes):
            return guarded(lambda: load_self_evaluation(raw, framework=self.framework, name=REQUEST_BODY))
        return loaded(
            where, raw, lambda payload, name: load_self_evaluation(payload, framework=self.framework, name=name)
        )

    def evaluations(self, payloads: list[Any], where: str) -> list[SelfEvaluation]:
        return all_loaded(
            where, payloads, lambda payload, name: load_self_evaluation(payload, framework=self.framework, name=name)
        )

    def plan(self, payload: Any, where: str) -> DevelopmentPlan:  # noqa: ANN401 (JSON)
        return loaded(where, payload, lambda found, name: load_plan(found, framework=self.framework, name=name))

    def record(self, payload: Any, where: str) -> DiscussionRecord:  # noqa: ANN401 (JSON)
        return loaded(where, payload, lambda found, name: load_discussion(found, framework=self.framework, name=name))

    def of_school(self, found: dict[str, Any], school: str) -> SelfEvaluation | None:
        """The body's ``self_evaluation``, which must be of ``school``; ``None`` when it has none."""
        if "self_evaluation" not in found:
            return None
        evaluation = self.evaluation(found["self_evaluation"], "$.self_evaluation")
        if evaluation.school != school:
            message = f"the self-evaluation is of {evaluation.school!r}, not {school!r}"
            raise AnalysisError(REQUEST_BODY, [Problem("$.self_evaluation.data.school", message)])
        return evaluation

    def cycle(  # noqa: PLR0913 (the command line's options, one for one)
        self,
        evaluations: list[SelfEvaluation],
        options: Options,
        *,
        rule: str,
        sufficiency: Sufficiency,
        as_of: datetime.date,
        max_age_days: int,
        target: list[str],
        choose: list[str],
        allow_comparison_only: bool,
        priority: list[str] | None = None,
        max_priorities: int | None = None,
        plan: DevelopmentPlan | None = None,
    ) -> Cycle:
        """The cycle on the latest self-evaluation, as ``_cycle`` runs it on the command line."""
        targets = options.targets(target)
        chosen = options.chosen(choose)
        options.comparison_only(rule, allowed=allow_comparison_only)
        ours = "the body's plan" if plan is not None else "choose" if chosen is not None else None
        options.school_decisions(
            ours,
            choose=plan is not None and chosen is not None,
            priority=bool(priority),
            max_priorities=max_priorities is not None,
        )
        options.check()
        return run_cycle(
            self.framework,
            evaluations,
            rule,
            sufficiency=sufficiency,
            max_age_days=max_age_days,
            as_of=as_of,
            targets=targets,
            allow_comparison_only=allow_comparison_only,
            school_priorities=priority or [],
            max_priorities=3 if max_priorities is None else max_priorities,
            plan=plan,
            chosen=None if plan is not None else chosen,
        )

    def surveyed(
        self, raw: bytes, origins: dict[str, list[str]], *, rule: str, as_of: datetime.date, max_age_days: int
    ) -> tuple[tuple[School, ...], Survey]:
        """The register and the payloads of a roll-up's or a match's body, surveyed as the command line does.

        ``origins`` is filled in with where each of the survey's self-evaluations, plans and records came from.
        """
        found = members(raw, [Member("schools", text=True), Member("sources", many=True)])
        problems: list[Problem] = []
        schools: tuple[School, ...] = ()
        try:
            schools = read_school_register(found["schools"], name="$.schools")
        except PayloadError as error:
            problems += [Problem(f"$.schools: {problem.path}", problem.message) for problem in error.problems]
        lists: dict[str, list[Any]] = {"evaluations": [], "plans": [], "discussions": []}
        origins.update({"$.evaluations": [], "$.plans": [], "$.discussions": []})
        for place, payload in enumerate(found["sources"]):
            where = f"$.sources[{place}]"
            kind = payload.get("kind") if isinstance(payload, dict) else None
            into = {"development-plan": "plans", "discussion-record": "discussions"}.get(str(kind), "evaluations")
            try:
                if into == "plans":
                    lists[into].append(self.plan(payload, where))
                elif into == "discussions":
                    lists[into].append(self.record(payload, where))
                else:
                    lists[into].append(self.evaluation(payload, where))
                origins[f"$.{into}"].append(where)
            except PayloadError as error:
                problems += error.problems
        if problems:
            raise PayloadError(REQUEST_BODY, problems)
        if not lists["evaluations"]:
            raise PayloadError(REQUEST_BODY, [Problem("$.sources", "no self-evaluations among the payloads")])
        return schools, survey(
            self.framework,
            schools,
            lists["evaluations"],
            rule,
            as_of=as_of,
            max_age_days=max_age_days,
            plans=lists["plans"],
            discussions=lists["discussions"],
        )


def _today() -> datetime.date:
    return datetime.date.today()  # noqa: DTZ011 (the local date is what a school means, as on the command line)


def _add(  # noqa: PLR0913 (each is one part of the route as FastAPI declares it)
    app: FastAPI, method: str, path: str, endpoint: Callable[..., Any], *, summary: str, extra: dict[str, Any]
) -> None:
    app.router.add_api_route(
        path,
        endpoint,
        methods=[method],
        summary=summary,
        response_class=Response,
        openapi_extra=extra,
        route_class_override=checked_route(app.state.readers),
        operation_id=path.strip("/").replace("/", "_").replace("-", "_").replace("{", "").replace("}", "") or "root",
    )


_BODY_ERRORS = (413, 415, 422)
_DISCUSSED = Places({"$": "$.record", "$.record": "$.record", "$.profile": "$.self_evaluation"})
"""A discussion's places: its record, and the profile of the self-evaluation beside it."""


def build_app(framework: Framework) -> FastAPI:
    """The service's application over one framework edition."""
    app = FastAPI(
        title="school-improvement",
        version=version("school-improvement"),
        summary="Wales' school improvement framework over HTTP: a stateless service over the library's payloads.",
        description="Stages are developmental, not grades. Not endorsed by Estyn or Welsh Government.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    install_handlers(app)
    app.state.readers = readers(framework)
    service = _Service(framework)
    _framework_routes(app, framework)
    _school_routes(app, service)
    _decision_routes(app, service)
    _authority_routes(app, service)
    return app


def _framework_routes(app: FastAPI, framework: Framework) -> None:
    """What never changes while the service runs: the framework and the schemas, made once."""
    payload = dumps(framework)
    overviews = {language: overview(framework, language) for language in ("en", "cy")}
    cases = {language: case_json(framework, language) for language in ("en", "cy")}
    schemas = {name.removesuffix(".schema.json"): text for name, text in schema_texts().items()}
    index = json.dumps({kind: json.loads(text) for kind, text in schemas.items()}, ensure_ascii=False, indent=2) + "\n"

    def get_framework() -> Response:
        return _json(payload)

    def get_overview(
        lang: Annotated[Lang, Query(description="Welsh where it exists, marking fallbacks.")] = "en",
    ) -> Response:
        return Response(overviews[lang], media_type=TEXT)

    def get_case(
        lang: Annotated[Lang, Query(description="The English package, or the Welsh document.")] = "en",
    ) -> Response:
        return _json(cases[lang])

    def get_schemas() -> Response:
        return _json(index)

    def get_schema(kind: Annotated[str, InPath(json_schema_extra={"enum": sorted(schemas)})]) -> Response:
        if kind not in schemas:
            raise ServiceError(
                404,
                f"there is no payload kind {kind!r}",
                [Problem("path.kind", f"give one of {', '.join(sorted(schemas))}")],
            )
        return _json(schemas[kind])

    _add(
        app,
        "GET",
        "/framework",
        get_framework,
        summary="The framework edition, as its payload (both languages)",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref("framework")}, "The framework payload.", ()),
    )
    _add(
        app,
        "GET",
        "/framework/overview",
        get_overview,
        summary="The framework in words: stages, aspects, factors, priorities",
        extra=oas.operation({TEXT: oas.TEXT}, "The overview, as the command line prints it.", (422,)),
    )
    _add(
        app,
        "GET",
        "/framework/case",
        get_case,
        summary="The framework as a 1EdTech CASE 1.1 package",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref(oas.CASE)}, "The CASE package.", (422,)),
    )
    _add(
        app,
        "GET",
        "/schemas",
        get_schemas,
        summary="The JSON Schema of every payload, by kind",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref(oas.SCHEMA_INDEX)}, "Every payload's schema.", ()),
    )
    _add(
        app,
        "GET",
        "/schemas/{kind}",
        get_schema,
        summary="The JSON Schema of one payload kind",
        extra=oas.operation({JSON_MEDIA_TYPE: {"type": "object"}}, "The schema, as the package ships it.", (404,)),
    )


def _school_routes(app: FastAPI, service: _Service) -> None:
    """The endpoints about one school's self-evaluation: validate, assess, its checks, gaps, next steps, a plan."""
    framework = service.framework

    def validate(raw: AnyPayloadBody) -> Response:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SelfEvaluationWarning)
            kind: object = None
            try:
                document = parse_json(utf8(raw), lambda problems: PayloadError(REQUEST_BODY, problems))
                kind = document.get("kind") if isinstance(document, dict) else None
                facts = _validated(service, kind, document, raw)
            except InputError as error:
                result = {"valid": False, "source": REQUEST_BODY, "kind": kind if isinstance(kind, str) else None}
                problems = [{"path": problem.path, "message": problem.message} for problem in error.problems]
                unsaid = {"warnings": [], "notices": [], "noticed_against": None, "problems": problems}
                return _json(_said(result | unsaid))
        warned = [
            {"source": warning.message.source, "path": problem.path, "message": problem.message}
            for warning in caught
            if isinstance(warning.message, SelfEvaluationWarning)
            for problem in warning.message.problems
        ]
        result = {"valid": True, "source": REQUEST_BODY, "kind": kind, **facts}
        return _json(_said(result | {"warnings": warned, "notices": [], "noticed_against": None, "problems": []}))

    def post_assess(
        raw: PayloadBody,
        *,
        rule: RuleQuery = "cumulative",
        min_rated: MinRatedQuery = 2,
        min_evidence_kinds: MinKindsQuery = 2,
        require_learner_voice: LearnerVoiceQuery = False,
    ) -> Response:
        sufficiency = _sufficiency(min_rated, min_evidence_kinds, require_learner_voice)
        return _answer(
            lambda: _json(dumps(assess(framework, service.evaluation(raw), rule, sufficiency=sufficiency))),
            BODY_PAYLOAD,
        )

    def post_checks(raw: PayloadBody, *, as_of: AsOfQuery = None, max_age_days: MaxAgeQuery = 365) -> Response:
        options = Options()
        day = options.date("as_of", as_of)
        options.check()

        def work() -> Response:
            findings = check_evidence(
                framework, service.evaluation(raw), max_age_days=max_age_days, as_of=day or _today()
            )
            document = {"findings": shared_converter().unstructure(findings)}
            return _json(json.dumps(document, ensure_ascii=False, indent=2) + "\n")

        # the self-evaluation's date is checked against the day asked for, or today: the problem is of what was given
        return _answer(work, BODY_PAYLOAD if day is None else Places({"$": "$"}, {**QUERY, "$.date": "as_of"}))

    def cycle_endpoint(what: Callable[[Cycle], object], *, planning: bool) -> Callable[..., Any]:
        """An endpoint that runs the cycle on one self-evaluation and answers with one of its parts."""

        def endpoint(  # noqa: PLR0913 (the query's parameters)
            raw: PayloadBody,
            *,
            rule: RuleQuery = "cumulative",
            target: TargetQuery = [],  # noqa: B006 (FastAPI copies a parameter's default)
            choose: ChooseQuery = [],  # noqa: B006
            allow_comparison_only: ComparisonQuery = False,
            priority: PriorityQuery = [],  # noqa: B006
            max_priorities: MaxPrioritiesQuery = None,
            min_rated: MinRatedQuery = 2,
            min_evidence_kinds: MinKindsQuery = 2,
            require_learner_voice: LearnerVoiceQuery = False,
        ) -> Response:

            def work() -> Response:
                options = Options()
                if not planning:  # gaps takes the targets only, as on the command line
                    options.only_with(
                        {"priority": bool(priority), "max_priorities": max_priorities is not None},
                        holds=False,
                        needs="with next-steps, plan or report, which recommend priorities",
                    )
                evaluation = service.evaluation(raw)
                cycle = service.cycle(
                    [evaluation],
                    options,
                    rule=rule,
                    sufficiency=_sufficiency(min_rated, min_evidence_kinds, require_learner_voice),
                    as_of=_today(),
                    max_age_days=365,
                    target=target,
                    choose=choose,
                    allow_comparison_only=allow_comparison_only,
                    priority=priority,
                    max_priorities=max_priorities,
                )
                return _json(dumps(what(cycle)))

            return _answer(work, BODY_PAYLOAD)

        return endpoint

    errors = (*_BODY_ERRORS,)
    body = oas.payload_body("self-evaluation", description=_SINGLE)
    _add(
        app,
        "POST",
        "/validate",
        validate,
        summary="Check a self-evaluation, development plan or discussion record",
        extra=oas.operation(
            {JSON_MEDIA_TYPE: oas.ref(oas.VALIDATION)},
            "Whether it is valid, and every problem.",
            (413, 415),
            oas.payload_body(
                "self-evaluation",
                "development-plan",
                "discussion-record",
                description="A self-evaluation, development plan or discussion record payload.",
            ),
        ),
    )
    _add(
        app,
        "POST",
        "/assess",
        post_assess,
        summary="Judge each aspect's stage, with explanations",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref("stage-profile")}, "The stage profile.", errors, body),
    )
    _add(
        app,
        "POST",
        "/evidence-checks",
        post_checks,
        summary="Check the quality of the evidence behind a self-evaluation",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref(oas.EVIDENCE_CHECKS)}, "What the checks found.", errors, body),
    )
    _add(
        app,
        "POST",
        "/gaps",
        cycle_endpoint(lambda cycle: cycle.gaps, planning=False),
        summary="What stands between each aspect and its target",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref("gap-analysis")}, "The gap analysis.", errors, body),
    )
    _add(
        app,
        "POST",
        "/next-steps",
        cycle_endpoint(lambda cycle: cycle.recommendation, planning=True),
        summary="A few priorities and their next steps",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref("recommendation")}, "The recommendation.", errors, body),
    )
    _add(
        app,
        "POST",
        "/plan",
        cycle_endpoint(lambda cycle: cycle.plan, planning=True),
        summary="Draft the school development plan",
        extra=oas.operation({JSON_MEDIA_TYPE: oas.ref("development-plan")}, "The draft plan.", errors, body),
    )


def _said(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _validated(service: _Service, kind: object, document: object, raw: bytes) -> dict[str, object]:
    """What a valid payload holds, by its kind, as ``validate --format json`` says it.

    Raises:
        InputError: Listing every problem.
    """
    framework = service.framework
    kinds = ("self-evaluation", "development-plan", "discussion-record")
    if isinstance(kind, str) and kind not in kinds:
        message = f"validate reads a {', a '.join(kinds)}; this payload is a {kind!r}"
        raise PayloadError(REQUEST_BODY, [Problem("$.kind", message)])
    if kind == "development-plan":
        plan = guarded(lambda: load_plan(raw, framework=framework, name=REQUEST_BODY))
        return {
            "school": plan.school,
            "starts": plan.starts.isoformat(),
            "ends": plan.ends.isoformat(),
            "priorities": len(plan.priorities),
            "actions": sum(len(priority.actions) for priority in plan.priorities),
            "reviews": len(plan.reviews),
        }
    if kind == "discussion-record":
        record = guarded(lambda: load_discussion(raw, framework=framework, name=REQUEST_BODY))
        return {
            "school": record.school,
            "date": record.date.isoformat(),
            "agreed_priorities": len(record.agreed_priorities),
            "seen_differently": len(view_differences(framework, record)),
            "next_review": record.next_review.isoformat(),
        }
    source = document if isinstance(document, dict) else raw
    evaluation = guarded(lambda: load_self_evaluation(source, framework=framework, name=REQUEST_BODY))
    return {"school": evaluation.school, "date": evaluation.date.isoformat(), "ratings": len(evaluation.ratings)}


def _decision_routes(app: FastAPI, service: _Service) -> None:  # noqa: C901, PLR0915 (one endpoint after another)
    """The endpoints over several of one school's payloads: progress, its report, its plan's review, a discussion."""
    framework = service.framework

    def post_progress(
        raw: SetBody,
        *,
        rule: RuleQuery = "cumulative",
        stalled_after: Annotated[int, Query(ge=1, le=_MOST, description="Reviews without movement.")] = 3,
    ) -> Response:

        payloads: dict[str, list[str]] = {}

        def work() -> Response:
            found = members(raw, [Member("files", many=True)])
            payloads["$"] = [f"$.files[{place}]" for place in range(len(found["files"]))]
            evaluations = service.evaluations(found["files"], "$.files")
            return _json(dumps(track_progress(framework, evaluations, rule, stalled_after=stalled_after)))

        return _answer(work, Places(payloads))

    def post_report(  # noqa: PLR0913 (the query's parameters)
        request: Request,
        raw: SetBody,
        *,
        rule: RuleQuery = "cumulative",
        as_of: AsOfQuery = None,
        max_age_days: MaxAgeQuery = 365,
        target: TargetQuery = [],  # noqa: B006 (FastAPI copies a parameter's default)
        choose: ChooseQuery = [],  # noqa: B006
        allow_comparison_only: ComparisonQuery = False,
        priority: PriorityQuery = [],  # noqa: B006
        max_priorities: MaxPrioritiesQuery = None,
        lang: Annotated[Lang, Query(description="Welsh where a source gives it.")] = "en",
        school_name: Annotated[
            str | None, Query(max_length=200, description="The school's name, for the title.")
        ] = None,
        min_rated: MinRatedQuery = 2,
        min_evidence_kinds: MinKindsQuery = 2,
        require_learner_voice: LearnerVoiceQuery = False,
    ) -> Response:
        media = _chosen_media(request, [HTML, MARKDOWN])
        options = Options()
        day = options.date("as_of", as_of)
        options.check()

        payloads: dict[str, str | list[str]] = {"$.plan": "$.plan"}

        def work() -> Response:
            found = members(raw, [Member("files", many=True), Member("plan", required=False)])
            payloads["$"] = payloads["$.evaluations"] = [f"$.files[{place}]" for place in range(len(found["files"]))]
            evaluations = service.evaluations(found["files"], "$.files")
            plan = service.plan(found["plan"], "$.plan") if "plan" in found else None
            cycle = service.cycle(
                evaluations,
                Options(),
                rule=rule,
                sufficiency=_sufficiency(min_rated, min_evidence_kinds, require_learner_voice),
                as_of=day or _today(),
                max_age_days=max_age_days,
                target=target,
                choose=choose,
                allow_comparison_only=allow_comparison_only,
                priority=priority,
                max_priorities=max_priorities,
                plan=plan,
            )
            write = html_report if media == HTML else markdown_report
            return Response(write(framework, cycle, language=lang, school_name=school_name), media_type=media)

        return _answer(work, Places(payloads))

    def post_review(  # noqa: PLR0913 (the query's parameters)
        raw: SetBody,
        *,
        rule: RuleQuery = "cumulative",
        as_of: Annotated[
            str | None, Query(description="The review's date, YYYY-MM-DD (default: today).", json_schema_extra=_DATE)
        ] = None,
        due_within_days: Annotated[
            int, Query(ge=0, le=_MOST_DAYS, description="How far ahead an action counts as due.")
        ] = 28,
        min_rated: MinRatedQuery = 2,
        min_evidence_kinds: MinKindsQuery = 2,
        require_learner_voice: LearnerVoiceQuery = False,
    ) -> Response:
        options = Options()
        day = options.date("as_of", as_of)
        options.check()

        def work() -> Response:
            found = members(raw, [Member("plan"), Member("self_evaluation", required=False)])
            plan = service.plan(found["plan"], "$.plan")
            evaluation = service.of_school(found, plan.school)
            review = review_plan(
                framework,
                plan,
                day or _today(),
                evaluation,
                rule=rule,
                sufficiency=_sufficiency(min_rated, min_evidence_kinds, require_learner_voice),
                due_within_days=due_within_days,
            )
            return _json(dumps(review))

        return _answer(work, Places({"$.plan": "$.plan", "$.evaluation": "$.self_evaluation"}))

    def discussed(raw: bytes, rule: str) -> tuple[DiscussionRecord, Any]:
        found = members(raw, [Member("record"), Member("self_evaluation", required=False)])
        record = service.record(found["record"], "$.record")
        evaluation = service.of_school(found, record.school)
        return record, None if evaluation is None else assess(framework, evaluation, rule)

    def post_discussion(
        request: Request, raw: SetBody, *, rule: RuleQuery = "cumulative", lang: LangQuery = None
    ) -> Response:
        media = _chosen_media(request, [TEXT, MARKDOWN, HTML])
        options = Options()
        options.only_with(
            {"lang": lang is not None}, holds=media != TEXT, needs="with Accept: text/markdown or text/html"
        )
        options.check()

        def work() -> Response:
            record, profile = discussed(raw, rule)
            if media == TEXT:
                return Response(render_discussion(framework, record, profile), media_type=TEXT)
            write = html_discussion if media == HTML else markdown_discussion
            return Response(write(framework, record, profile, language=lang or "en"), media_type=media)

        return _answer(work, _DISCUSSED)

    def post_differences(raw: SetBody, *, rule: RuleQuery = "cumulative") -> Response:

        def work() -> Response:
            record, profile = discussed(raw, rule)
            differences = view_differences(framework, record, profile)
            return _json(_said({"differences": shared_converter().unstructure(differences)}))

        return _answer(work, _DISCUSSED)

    files = ("files", oas.many("self-evaluation"), True)
    _add(
        app,
        "POST",
        "/progress",
        post_progress,
        summary="Compare one school's self-evaluations over time",
        extra=oas.operation(
            {JSON_MEDIA_TYPE: oas.ref("progress-report")},
            "The progress report.",
            _BODY_ERRORS,
            oas.members_body([files], "The school's self-evaluations, as `files`."),
        ),
    )
    _add(
        app,
        "POST",
        "/report",
        post_report,
        summary="Run the whole cycle and write the school's report",
        extra=oas.operation(
            {HTML: oas.TEXT, MARKDOWN: oas.TEXT},
            "The report, as one HTML page or Markdown.",
            (*_BODY_ERRORS, 406),
            oas.members_body(
                [files, ("plan", oas.ref("development-plan"), False)],
                "The school's self-evaluations (`files`; the latest is reported), and its own "
                "development plan (`plan`) to report, reviewed, instead of a draft.",
            ),
        ),
    )
    _add(
        app,
        "POST",
        "/review",
        post_review,
        summary="Review the school's development plan on a date",
        extra=oas.operation(
            {JSON_MEDIA_TYPE: oas.ref("plan-review")},
            "The plan's review.",
            _BODY_ERRORS,
            oas.members_body(
                [("plan", oas.ref("development-plan"), True), ("self_evaluation", oas.ref("self-evaluation"), False)],
                "The plan, and a self-evaluation of the school to judge its targets by.",
            ),
        ),
    )
    record_body = oas.members_body(
        [("record", oas.ref("discussion-record"), True), ("self_evaluation", oas.ref("self-evaluation"), False)],
        "The discussion record, and the school's self-evaluation to show the stage its evidence gives.",
    )
    _add(
        app,
        "POST",
        "/discussion",
        post_discussion,
        summary="Report a professional discussion: both views of each aspect",
        extra=oas.operation(
            {TEXT: oas.TEXT, MARKDOWN: oas.TEXT, HTML: oas.TEXT},
            "The record, in the form asked for.",
            (*_BODY_ERRORS, 406),
            record_body,
        ),
    )
    _add(
        app,
        "POST",
        "/discussion/differences",
        post_differences,
        summary="The aspects where the school and the local authority see the stage differently",
        extra=oas.operation(
            {JSON_MEDIA_TYPE: oas.ref(oas.VIEW_DIFFERENCES)}, "Each difference, explained.", _BODY_ERRORS, record_body
        ),
    )


def _authority_routes(app: FastAPI, service: _Service) -> None:  # noqa: C901 (one endpoint after another)
    """The endpoints across many schools: roll-up and matching over a posted register and set of payloads."""
    framework = service.framework

    def settings(as_of: str | None, lang: Lang | None, media: str) -> datetime.date:
        options = Options()
        day = options.date("as_of", as_of)
        options.only_with(
            {"lang": lang is not None}, holds=media in {HTML, MARKDOWN}, needs="with Accept: text/markdown or text/html"
        )
        options.check()
        return day or _today()

    def report(media: str, lang: Lang | None, schools: tuple[School, ...], surveyed: Survey, **parts: Any) -> Response:  # noqa: ANN401 (a roll-up or a collaboration)
        notices = {item.school.ref: item.notices for item in surveyed.snapshots}
        write = html_authority_report if media == HTML else markdown_authority_report
        text = write(framework, language=lang or "en", notices=notices, survey=surveyed, schools=schools, **parts)
        return Response(text, media_type=media)

    def post_rollup(  # noqa: PLR0913 (the query's parameters)
        request: Request,
        raw: SetBody,
        *,
        rule: RuleQuery = "cumulative",
        as_of: AsOfQuery = None,
        max_age_days: MaxAgeQuery = 365,
        by: Annotated[
            Literal["local-authority", "cluster", "phase"] | None, Query(description="Group the schools.")
        ] = None,
        averages: Annotated[bool, Query(description="Also give the mean stage position.")] = False,
        lang: LangQuery = None,
    ) -> Response:
        media = _chosen_media(request, [JSON_MEDIA_TYPE, TEXT, MARKDOWN, HTML])
        day = settings(as_of, lang, media)

        origins: dict[str, list[str]] = {}

        def work() -> Response:
            schools, surveyed = service.surveyed(raw, origins, rule=rule, as_of=day, max_age_days=max_age_days)
            rollup = roll_up(framework, surveyed, by=by, averages=averages)
            if media == JSON_MEDIA_TYPE:
                return _json(dumps(rollup))
            if media == TEXT:
                notices = {item.school.ref: item.notices for item in surveyed.snapshots}
                return Response(
                    render_rollup(framework, rollup, notices, survey=surveyed, schools=schools), media_type=TEXT
                )
            return report(media, lang, schools, surveyed, rollup=rollup)

        return _answer(work, Places(origins))

    def post_match(  # noqa: PLR0913 (the command line's options, one for one)
        request: Request,
        raw: SetBody,
        *,
        rule: RuleQuery = "cumulative",
        as_of: AsOfQuery = None,
        max_age_days: MaxAgeQuery = 365,
        capacity: Annotated[int, Query(ge=0, le=_MOST, description="Partnerships per supporting school.")] = 2,
        capacity_of: Annotated[list[str], Query(description="One school's capacity, REF=N: w-101=0.")] = [],  # noqa: B006
        partner_limit: Annotated[int, Query(ge=1, le=_MOST, description="Partnerships per partner school.")] = 1,
        min_lead: Annotated[int, Query(ge=1, le=3, description="Stages a supporter must be ahead.")] = 1,
        strength_from: Annotated[
            str, Query(description="The earliest stage that is a strength (1 to 4 or its name).")
        ] = "building-momentum",
        same_local_authority: Strict = "hard",
        same_cluster: Strict = "soft",
        same_phase: Strict = "soft",
        same_medium: Strict = "soft",
        local_authority_penalty: Annotated[
            int | None, Query(ge=0, le=_MOST, description="With same_local_authority=soft (default 1).")
        ] = None,
        cluster_penalty: Annotated[
            int | None, Query(ge=0, le=_MOST, description="With same_cluster=soft (default 1).")
        ] = None,
        phase_penalty: Annotated[
            int | None, Query(ge=0, le=_MOST, description="With same_phase=soft (default 1).")
        ] = None,
        medium_penalty: Annotated[
            int | None, Query(ge=0, le=_MOST, description="With same_medium=soft (default 1).")
        ] = None,
        lang: LangQuery = None,
    ) -> Response:
        media = _chosen_media(request, [JSON_MEDIA_TYPE, TEXT, MARKDOWN, HTML])
        day = settings(as_of, lang, media)
        options = Options()
        requirements = {}
        for name, strictness, penalty in (
            ("local_authority", same_local_authority, local_authority_penalty),
            ("cluster", same_cluster, cluster_penalty),
            ("phase", same_phase, phase_penalty),
            ("medium", same_medium, medium_penalty),
        ):
            options.only_with(
                {f"{name}_penalty": penalty is not None}, holds=strictness == "soft", needs=f"with same_{name}=soft"
            )
            requirements[f"same_{name}"] = Requirement(Strictness(strictness), 1 if penalty is None else penalty)
        chosen = MatchOptions(
            min_lead=min_lead,
            strength_from=options.stage("strength_from", strength_from),
            capacity=capacity,
            partner_limit=partner_limit,
            same_local_authority=requirements["same_local_authority"],
            same_cluster=requirements["same_cluster"],
            same_phase=requirements["same_phase"],
            same_medium=requirements["same_medium"],
        )
        capacities = options.capacities(capacity_of)
        options.check()

        origins: dict[str, list[str]] = {}

        def work() -> Response:
            schools, surveyed = service.surveyed(raw, origins, rule=rule, as_of=day, max_age_days=max_age_days)
            collaboration = match_schools(framework, surveyed, chosen, capacities=capacities)
            if media == JSON_MEDIA_TYPE:
                return _json(dumps(collaboration))
            if media == TEXT:
                notices = {item.school.ref: item.notices for item in surveyed.snapshots}
                text = render_collaboration(
                    collaboration, notices, framework=framework, survey=surveyed, schools=schools
                )
                return Response(text, media_type=TEXT)
            return report(media, lang, schools, surveyed, collaboration=collaboration)

        return _answer(work, Places(origins))

    body = oas.members_body(
        [
            ("schools", {"type": "string", "description": "The register of schools, as CSV text."}, True),
            ("sources", oas.many(["self-evaluation", "development-plan", "discussion-record"]), True),
        ],
        "The register of schools (`schools`, CSV text, as `--schools` reads it), and the schools' payloads "
        "(`sources`): their self-evaluations, and their development plans and discussion records where they have them.",
    )
    forms = {JSON_MEDIA_TYPE: oas.ref("rollup"), TEXT: oas.TEXT, MARKDOWN: oas.TEXT, HTML: oas.TEXT}
    _add(
        app,
        "POST",
        "/rollup",
        post_rollup,
        summary="Roll up many schools: the spread of stages, system-level priorities",
        extra=oas.operation(forms, "The roll-up, in the form asked for.", (*_BODY_ERRORS, 406), body),
    )
    forms = {JSON_MEDIA_TYPE: oas.ref("collaboration"), TEXT: oas.TEXT, MARKDOWN: oas.TEXT, HTML: oas.TEXT}
    _add(
        app,
        "POST",
        "/match",
        post_match,
        summary="Pair schools with a strength with schools that have it as a priority",
        extra=oas.operation(forms, "The collaboration, in the form asked for.", (*_BODY_ERRORS, 406), body),
    )
