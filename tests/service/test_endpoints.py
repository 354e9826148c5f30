"""Every endpoint of the real server answers what the library answers, in the same bytes as the command line's JSON."""

import datetime
import json
import typing
import warnings
from typing import Any

import httpx
import pytest

from school_improvement import (
    SelfEvaluation,
    SelfEvaluationWarning,
    assess,
    check_evidence,
    dumps,
    load_discussion,
    load_framework,
    load_plan,
    load_self_evaluation,
    read_school_register,
    review_plan,
    roll_up,
    run_cycle,
    survey,
    track_progress,
    view_differences,
)
from school_improvement._assessment.assess import Sufficiency
from school_improvement._assessment.rules import RULES
from school_improvement._authority.matching import MatchOptions, Requirement, Strictness, match_schools
from school_improvement._converter import shared_converter
from school_improvement._interchange.case import case_json
from school_improvement._interchange.inputs import schema_texts
from school_improvement._planning.gaps import Target
from school_improvement._render.html import html_report
from school_improvement._render.markdown import markdown_discussion, markdown_report
from school_improvement._render.overview import overview
from school_improvement._render.text import render_discussion, render_rollup
from school_improvement._service.routes import Rule
from school_improvement._stage import Stage

FRAMEWORK = load_framework()
JSON = {"content-type": "application/json"}
ON = "2027-01-11"
"""The day the local authority's example decisions are looked at, as its README says."""


def _evaluation(source: bytes | dict[str, Any]) -> SelfEvaluation:
    """The self-evaluation in a payload, with what the loader notices about it (as the service does) set aside."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SelfEvaluationWarning)
        return load_self_evaluation(source, framework=FRAMEWORK)


def _today() -> datetime.date:
    return datetime.date.today()  # noqa: DTZ011 (the service ages at the local date, as the command line does)


def test_the_rules_offered_are_the_librarys() -> None:
    """The rule parameter offers exactly the library's rules."""
    assert set(typing.get_args(Rule)) == set(RULES)


def test_framework_is_its_payload(client: httpx.Client) -> None:
    """GET /framework gives the framework's payload, as `framework --format json` writes it."""
    response = client.get("/framework")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.text == dumps(FRAMEWORK)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_framework_overview_and_case_in_each_language(client: httpx.Client, lang: str) -> None:
    """The overview (as text) and the CASE package follow lang, as --lang does on the command line."""
    response = client.get("/framework/overview", params={"lang": lang})
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == overview(FRAMEWORK, lang)  # type: ignore[arg-type]
    assert client.get("/framework/case", params={"lang": lang}).text == case_json(FRAMEWORK, lang)


def test_schemas_by_kind_and_all_at_once(client: httpx.Client) -> None:
    """GET /schemas/{kind} gives each shipped schema's text; GET /schemas gives them all by kind."""
    texts = schema_texts()
    every = client.get("/schemas").json()
    assert set(every) == {name.removesuffix(".schema.json") for name in texts}
    for name, text in texts.items():
        kind = name.removesuffix(".schema.json")
        assert client.get(f"/schemas/{kind}").text == text
        assert every[kind] == json.loads(text)


def test_an_unknown_schema_is_not_found(client: httpx.Client) -> None:
    """A kind that is not a payload's is 404, the problem naming the kinds there are."""
    response = client.get("/schemas/report")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["problems"][0]["path"] == "path.kind"
    assert "self-evaluation" in problem["problems"][0]["message"]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_assess_by_each_rule(client: httpx.Client, example: bytes, rule: str) -> None:
    """POST /assess gives the stage profile by the rule asked for, as `assess --format json` does."""
    response = client.post("/assess", content=example, headers=JSON, params={"rule": rule})
    assert response.status_code == 200
    assert response.text == dumps(assess(FRAMEWORK, _evaluation(example), rule))


def test_assess_with_the_sufficiency_asked_for(client: httpx.Client, example: bytes) -> None:
    """The sufficiency parameters change what counts as enough evidence, as the library's Sufficiency does."""
    params = {"min_rated": "1", "min_evidence_kinds": "1", "require_learner_voice": "true"}
    response = client.post("/assess", content=example, headers=JSON, params=params)
    wanted = Sufficiency(1, 1, require_learner_voice=True)
    evaluation = _evaluation(example)
    assert response.text == dumps(assess(FRAMEWORK, evaluation, sufficiency=wanted))
    assert response.text != dumps(assess(FRAMEWORK, evaluation))


def test_evidence_checks(client: httpx.Client, example: bytes) -> None:
    """POST /evidence-checks lists the findings at the date and age asked for."""
    response = client.post("/evidence-checks", content=example, headers=JSON, params={"as_of": ON, "max_age_days": 30})
    findings = check_evidence(FRAMEWORK, _evaluation(example), max_age_days=30, as_of=datetime.date(2027, 1, 11))
    assert findings
    assert response.json() == {"findings": shared_converter().unstructure(findings)}


def test_gaps_next_steps_and_plan_follow_the_options(client: httpx.Client, example: bytes) -> None:
    """The cycle's endpoints give its parts with the targets, priorities and limits asked for."""
    evaluation = _evaluation(example)
    params: list[tuple[str, str | int | float | bool | None]] = [
        ("target", "PV=3"),
        ("target", "LA=sustaining-high-standards"),
        ("rule", "best-fit"),
    ]
    cycle = run_cycle(
        FRAMEWORK,
        [evaluation],
        "best-fit",
        as_of=_today(),
        targets=[Target("PV", Stage.BUILDING_MOMENTUM), Target("LA", Stage.SUSTAINING_HIGH_STANDARDS)],
        school_priorities=["FC"],
        max_priorities=1,
    )
    assert client.post("/gaps", content=example, headers=JSON, params=params).text == dumps(cycle.gaps)
    planning = [*params, ("priority", "FC"), ("max_priorities", "1")]
    assert client.post("/next-steps", content=example, headers=JSON, params=planning).text == dumps(
        cycle.recommendation
    )
    assert client.post("/plan", content=example, headers=JSON, params=planning).text == dumps(cycle.plan)


def test_a_school_s_chosen_priorities_lead(client: httpx.Client, example: bytes) -> None:
    """With choose, the school's own priorities are the recommendation's, its reason kept."""
    choice = "LC=making-progress@2027-07-16:few leaders below the head"
    response = client.post("/next-steps", content=example, headers=JSON, params={"choose": choice})
    assert response.status_code == 200
    priorities = response.json()["data"]["priorities"]
    assert [priority["aspect"] for priority in priorities] == ["LC"]


def test_progress_across_self_evaluations(client: httpx.Client, demo: list[dict[str, Any]]) -> None:
    """POST /progress compares the school's self-evaluations in `files`."""
    response = client.post("/progress", json={"files": demo}, params={"stalled_after": 2})
    evaluations = [_evaluation(payload) for payload in demo]
    assert response.text == dumps(track_progress(FRAMEWORK, evaluations, stalled_after=2))


def test_report_as_html_or_markdown_by_accept(client: httpx.Client, demo: list[dict[str, Any]]) -> None:
    """POST /report writes the school's report in the form Accept asks for: HTML first, Markdown when asked."""
    params = {"as_of": "2026-11-30", "school_name": "Ysgol Enghraifft"}
    evaluations = [_evaluation(payload) for payload in demo]
    cycle = run_cycle(FRAMEWORK, evaluations, as_of=datetime.date(2026, 11, 30))
    html = client.post("/report", json={"files": demo}, params=params)
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.text == html_report(FRAMEWORK, cycle, school_name="Ysgol Enghraifft")
    markdown = client.post("/report", json={"files": demo}, params=params, headers={"accept": "text/markdown"})
    assert markdown.headers["content-type"] == "text/markdown; charset=utf-8"
    assert markdown.text == markdown_report(FRAMEWORK, cycle, school_name="Ysgol Enghraifft")
    preferred = client.post(
        "/report", json={"files": demo}, params=params, headers={"accept": "text/html;q=0.5, text/*;q=0.9"}
    )
    assert preferred.headers["content-type"].startswith("text/markdown")


def test_report_refuses_an_accept_it_cannot_meet(client: httpx.Client, demo: list[dict[str, Any]]) -> None:
    """Asked only for a form it does not write, the report is 406, naming the forms it does."""
    response = client.post("/report", json={"files": demo}, headers={"accept": "application/pdf"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert "text/html, text/markdown" in response.json()["detail"]
    assert response.json()["problems"] == [
        {"path": "header.accept", "message": "asks for none of the forms this endpoint answers in"}
    ]


def test_report_of_the_school_s_own_plan(client: httpx.Client, school_decisions: dict[str, dict[str, Any]]) -> None:
    """With `plan`, the report follows the school's own plan, reviewed, instead of a draft."""
    body = {"files": [school_decisions["self-evaluation"]], "plan": school_decisions["development-plan"]}
    response = client.post("/report", json=body, params={"as_of": ON}, headers={"accept": "text/markdown"})
    evaluation = _evaluation(school_decisions["self-evaluation"])
    plan = load_plan(school_decisions["development-plan"])
    cycle = run_cycle(FRAMEWORK, [evaluation], as_of=datetime.date(2027, 1, 11), plan=plan)
    assert response.text == markdown_report(FRAMEWORK, cycle)


def test_review_of_a_plan(client: httpx.Client, school_decisions: dict[str, dict[str, Any]]) -> None:
    """POST /review reviews the plan on the date asked for, against the self-evaluation given."""
    body = {"plan": school_decisions["development-plan"], "self_evaluation": school_decisions["self-evaluation"]}
    response = client.post("/review", json=body, params={"as_of": ON, "due_within_days": 14, "rule": "secure-fit"})
    review = review_plan(
        FRAMEWORK,
        load_plan(school_decisions["development-plan"]),
        datetime.date(2027, 1, 11),
        _evaluation(school_decisions["self-evaluation"]),
        rule="secure-fit",
        due_within_days=14,
    )
    assert response.text == dumps(review)


def test_review_refuses_another_school_s_self_evaluation(
    client: httpx.Client, school_decisions: dict[str, dict[str, Any]], example: bytes
) -> None:
    """A self-evaluation of another school is refused at its school, naming both."""
    body = {"plan": school_decisions["development-plan"], "self_evaluation": json.loads(example)}
    response = client.post("/review", json=body)
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["path"] == "$.self_evaluation.data.school"
    assert "'fictional-00001'" in problem["message"]


def test_discussion_in_each_form(client: httpx.Client, school_decisions: dict[str, dict[str, Any]]) -> None:
    """POST /discussion reports the record as text by default, Markdown or HTML by Accept, with the evidence's stage."""
    body = {"record": school_decisions["discussion-record"], "self_evaluation": school_decisions["self-evaluation"]}
    record = load_discussion(school_decisions["discussion-record"])
    profile = assess(FRAMEWORK, _evaluation(school_decisions["self-evaluation"]))
    text = client.post("/discussion", json=body)
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert text.text == render_discussion(FRAMEWORK, record, profile)
    markdown = client.post("/discussion", json=body, params={"lang": "cy"}, headers={"accept": "text/markdown"})
    assert markdown.text == markdown_discussion(FRAMEWORK, record, profile, language="cy")
    html = client.post("/discussion", json=body, headers={"accept": "text/html"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.text.startswith("<!DOCTYPE html>")


def test_discussion_refuses_lang_as_text(client: httpx.Client, school_decisions: dict[str, dict[str, Any]]) -> None:
    """Welsh is for the Markdown and HTML forms: lang with text is refused, not ignored."""
    response = client.post("/discussion", json={"record": school_decisions["discussion-record"]}, params={"lang": "cy"})
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == "query.lang"


def test_view_differences(client: httpx.Client, school_decisions: dict[str, dict[str, Any]]) -> None:
    """POST /discussion/differences lists where the school and the local authority see the stage differently."""
    body = {"record": school_decisions["discussion-record"], "self_evaluation": school_decisions["self-evaluation"]}
    response = client.post("/discussion/differences", json=body)
    record = load_discussion(school_decisions["discussion-record"])
    profile = assess(FRAMEWORK, _evaluation(school_decisions["self-evaluation"]))
    differences = view_differences(FRAMEWORK, record, profile)
    assert response.json() == {"differences": shared_converter().unstructure(differences)}


def _surveyed(authority: dict[str, Any]) -> tuple[Any, Any]:
    schools = read_school_register(authority["schools"])
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for payload in authority["sources"]:
        by_kind.setdefault(payload["kind"], []).append(payload)
    made = survey(
        FRAMEWORK,
        schools,
        [_evaluation(payload) for payload in by_kind["self-evaluation"]],
        as_of=datetime.date(2027, 1, 11),
        plans=[load_plan(payload) for payload in by_kind["development-plan"]],
        discussions=[load_discussion(payload) for payload in by_kind["discussion-record"]],
    )
    return schools, made


def test_rollup_in_each_form(client: httpx.Client, authority: dict[str, Any]) -> None:
    """POST /rollup rolls up the posted register and payloads: JSON by default, text, Markdown or HTML by Accept."""
    schools, made = _surveyed(authority)
    rollup = roll_up(FRAMEWORK, made, by="local-authority", averages=True)
    params = {"as_of": ON, "by": "local-authority", "averages": "true"}
    assert client.post("/rollup", json=authority, params=params).text == dumps(rollup)
    notices = {item.school.ref: item.notices for item in made.snapshots}
    text = client.post("/rollup", json=authority, params=params, headers={"accept": "text/plain"})
    assert text.text == render_rollup(FRAMEWORK, rollup, notices, survey=made, schools=schools)
    for media in ("text/markdown", "text/html"):
        response = client.post("/rollup", json=authority, params=params, headers={"accept": media})
        assert response.headers["content-type"] == f"{media}; charset=utf-8"
        assert "Example Authority" in response.text


def test_match_with_the_options_asked_for(client: httpx.Client, authority: dict[str, Any]) -> None:
    """POST /match pairs the schools under the matching options given as parameters."""
    _, made = _surveyed(authority)
    options = MatchOptions(  # each penalty 1 unless given, as on the command line
        capacity=1,
        same_local_authority=Requirement(Strictness.HARD, 1),
        same_cluster=Requirement(Strictness.OFF, 1),
        same_phase=Requirement(Strictness.SOFT, 2),
        same_medium=Requirement(Strictness.SOFT, 1),
    )
    wanted = match_schools(FRAMEWORK, made, options, capacities={"fictional-00003": 0})
    params: dict[str, Any] = {
        "as_of": ON,
        "capacity": 1,
        "same_cluster": "off",
        "phase_penalty": 2,
        "capacity_of": "fictional-00003=0",
    }
    response = client.post("/match", json=authority, params=params)
    assert response.status_code == 200, response.text
    assert response.text == dumps(wanted)


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"capacity_of": "fictional-00003"}, "query.capacity_of"),
        ({"cluster_penalty": 2, "same_cluster": "hard"}, "query.cluster_penalty"),
        ({"strength_from": "5"}, "query.strength_from"),
        ({"min_lead": 0}, "query.min_lead"),
        ({"as_of": "11/01/2027"}, "query.as_of"),
    ],
)
def test_match_refuses_a_wrong_option(
    client: httpx.Client, authority: dict[str, Any], params: dict[str, Any], path: str
) -> None:
    """A matching option written wrongly, or given where it does nothing, is refused at its name."""
    response = client.post("/match", json=authority, params=params)
    assert response.status_code == 422
    assert [problem["path"] for problem in response.json()["problems"]] == [path]


def test_a_survey_problem_is_traced_to_its_payload(client: httpx.Client, authority: dict[str, Any]) -> None:
    """A payload the register does not list is refused at its place in the body's sources."""
    stranger = json.loads(json.dumps(authority["sources"][0]))
    stranger["data"]["school"] = "not-in-the-register"
    body = {"schools": authority["schools"], "sources": [*authority["sources"][:5], stranger]}
    response = client.post("/rollup", json=body, params={"as_of": ON})
    assert response.status_code == 422
    paths = [problem["path"] for problem in response.json()["problems"]]
    assert paths
    assert all(path.startswith("$.sources[5]") for path in paths), paths


def test_the_register_s_problems_are_under_schools(client: httpx.Client, authority: dict[str, Any]) -> None:
    """A register row in error is refused under `schools`, at its row and column."""
    body = {**authority, "schools": authority["schools"].replace(",primary,", ",kindergarten,", 1)}
    response = client.post("/rollup", json=body)
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["path"].startswith("$.schools: row ")
    assert problem["path"].endswith("column phase")
