"""API fuzzing: schemathesis generates requests from the OpenAPI schema, as every role.

For each role (the public, and each signed-in role by API token) and every
operation in ``/api/schema/``, Hypothesis generates valid requests: with the
path pointing at a real object of the small world (so bodies and filters reach
real rows) and, as the public and the administrator, free too (path parameters
as well, so mostly unknown objects: the same 404 for every other role, so not
asked of each); as the administrator, invalid requests too. Every response
must pass schemathesis's ``not_a_server_error`` and
``response_schema_conformance``. The run is bounded (``EXAMPLES`` per operation
and pass) and deterministic (derandomized, no example database).

A finding in code this work may not change is listed in
``expectations.KNOWN_FUZZ_FINDINGS`` (and pinned by a strict xfail in
``test_known_findings.py``): it is reported in the run's summary, not failed.

Requests go straight to the WSGI application inside the test's transaction,
which is fast and sees the world without committing it.
"""

import re
from contextlib import suppress
from functools import cache

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from collation.models import LocalIssue

from .conftest import FIGURES, KNOWN_FUZZ, PENDING_FUZZ
from .expectations import KNOWN_FUZZ_FINDINGS, PENDING_APPS
from .world import ROLES, World

# Examples per operation, per pass, per role: 7 roles × ~130 operations × 1–3
# passes × this is ~4,000 cases, about a minute and a half on two busy cores.
EXAMPLES = 4
CHECKS = [not_a_server_error, response_schema_conformance]
# Invalid input (schemathesis's negative mode) is sent as the administrator,
# whom no permission stops before validation, so every validation path is reached.
NEGATIVE_ROLE = "admin"
# Roles that also send free path parameters where a real object is named: the
# public (refused before any lookup) and the administrator (refused nowhere).
FREE_PATH_ROLES = ("public", NEGATIVE_ROLE)
# Operations of apps still being built are fuzzed too, but what they find is
# reported for their owners (the run's summary) rather than failed here.
PENDING_PREFIXES = tuple(
    f"/api/{app.removesuffix('-api')}/" for app in PENDING_APPS if app.endswith("-api")
)


def _real_objects(world: World) -> dict[str, dict]:
    """Path parameters naming real rows, by operation path (the draft: managers can write it)."""
    draft_document = world.draft_document
    return {
        "/api/accounts/boards/{slug}/": {"slug": world.board.slug},
        "/api/accounts/users/{id}/": {"id": world.users["manager"].pk},
        "/api/collation/reviews/{id}/": {"id": world.draft.pk},
        "/api/collation/reviews/{id}/publish/": {"id": world.draft.pk},
        "/api/collation/reviews/{id}/upload/": {"id": world.draft.pk},
        "/api/collation/reviews/{id}/withdraw/": {"id": world.published.pk},
        "/api/collation/documents/{id}/": {"id": draft_document.pk},
        "/api/collation/documents/{id}/pages/": {"id": draft_document.pk},
        "/api/collation/documents/{id}/public-copy/": {"id": draft_document.pk},
        "/api/collation/documents/{id}/redactions/": {"id": draft_document.pk},
        "/api/collation/documents/{id}/suggestions/": {"id": draft_document.pk},
        "/api/collation/documents/{id}/metadata-suggestions/": {"id": draft_document.pk},
        "/api/collation/suggestions/{id}/accept/": {"id": world.suggestion.pk},
        "/api/collation/suggestions/{id}/reject/": {"id": world.suggestion.pk},
        "/api/collation/verifications/{id}/verify/": {"id": world.disputed_coding.pk},
        "/api/collation/verifications/{id}/resolve/": {"id": world.disputed_coding.pk},
        "/api/collation/jobs/{id}/": {"id": draft_document.job.pk},
        "/api/collation/recommendations/{id}/": {"id": world.draft_recommendation.pk},
        "/api/collation/flags/{id}/": {"id": world.draft_flag.pk},
        "/api/collation/flags/{id}/clear/": {"id": world.draft_flag.pk},
        "/api/collation/flags/{id}/decide/": {"id": world.draft_flag.pk},
        "/api/collation/flags/{id}/undo/": {"id": world.draft_flag.pk},
        "/api/collation/stages/{id}/": {"id": world.stage.pk},
        "/api/collation/issues/{code}/": {"code": world.issue.code},
        "/api/collation/codings/{id}/": {"id": world.draft_coding.pk},
        "/api/collation/follows/{id}/": {"id": world.follow.pk},
        # The manager's board's own records (private): its managers may write them.
        "/api/collation/local-issues/{id}/": {
            "id": LocalIssue.objects.get(board=world.board, issue=world.issue).pk
        },
        "/api/collation/local-actions/{id}/": {"id": world.local.action.pk},
        "/api/collation/local-actions/{id}/updates/": {"id": world.local.action.pk},
        "/api/collation/recommendation-outcomes/{id}/": {
            "id": world.published_recommendation.outcomes.get().pk
        },
        "/api/collation/local-sharing/{slug}/": {"slug": world.board.slug},
        "/api/collation/briefing-audiences/{id}/": {"id": world.learning.draft_part.pk},
        "/api/collation/training-packs/{id}/": {"id": world.learning.draft_pack.pk},
        "/api/collation/training-packs/{id}/publish/": {"id": world.learning.draft_pack.pk},
        **_quality_markers_objects(world),
        **_development_objects(world),
        **_alliance_objects(world),
    }


def _quality_markers_objects(world: World) -> dict[str, dict]:
    """The lead reviewer's draft assessment: the one its author may still change."""
    assessment = {"id": world.qm.assessment.pk}
    return {
        "/api/quality-markers/frameworks/{id}/": {"id": world.qm.framework.pk},
        "/api/quality-markers/assessments/{id}/": assessment,
        "/api/quality-markers/assessments/{id}/ratings/": assessment,
        "/api/quality-markers/assessments/{id}/submit/": assessment,
        "/api/quality-markers/feedback/{id}/": {"id": world.qm.feedback.pk},
    }


def _development_objects(world: World) -> dict[str, dict]:
    """The open round (it can still be changed and closed), the rest from the allocated one."""
    dev = world.dev
    return {
        "/api/masterclasses/reviewers/{id}/": {"id": dev.profile.pk},
        "/api/masterclasses/topics/{slug}/": {"slug": dev.topic.slug},
        "/api/masterclasses/reading/{id}/": {"id": dev.reading.pk},
        "/api/masterclasses/rounds/{id}/": {"id": dev.open_round.pk},
        "/api/masterclasses/rounds/{id}/close/": {"id": dev.open_round.pk},
        "/api/masterclasses/sessions/{id}/": {"id": dev.session.pk},
        "/api/masterclasses/sessions/{id}/attendance/": {"id": dev.session.pk},
        "/api/masterclasses/applications/{id}/": {"id": dev.application.pk},
        "/api/masterclasses/runs/{id}/": {"id": dev.run.pk},
        "/api/masterclasses/runs/{id}/confirm/": {"id": dev.run.pk},
        "/api/masterclasses/places/{id}/": {"id": dev.place.pk},
        "/api/masterclasses/places/{id}/withdraw/": {"id": dev.place.pk},
        "/api/masterclasses/feedback/{id}/": {"id": dev.feedback.pk},
        "/api/masterclasses/cpd/{id}/": {"id": dev.activity.pk},
    }


def _alliance_objects(world: World) -> dict[str, dict]:
    """The Alliance member's organisation's unpublished action: the one it may change."""
    alliance = world.alliance
    action = {"id": alliance.draft_action.pk}
    return {
        "/api/alliance/organisations/{slug}/": {"slug": alliance.organisation.slug},
        "/api/alliance/representatives/{id}/": {"id": alliance.representative.pk},
        "/api/alliance/working-groups/{slug}/": {"slug": alliance.working_group.slug},
        "/api/alliance/meetings/{id}/": {"id": alliance.meeting.pk},
        "/api/alliance/decisions/{id}/": {"id": alliance.decision.pk},
        "/api/alliance/actions/{id}/": action,
        "/api/alliance/actions/{id}/evidence/": action,
        "/api/alliance/actions/{id}/progress/": action,
        "/api/alliance/actions/{id}/publish/": action,
        "/api/alliance/good-practice/{id}/": {"id": alliance.good_practice.pk},
        **_summit_objects(world),
    }


def _summit_objects(world: World) -> dict[str, dict]:
    """The analyst's round; the practitioner's own contribution waiting to be checked (they
    may withdraw it, analysts moderate it); the approved one for reports."""
    alliance = world.alliance
    summit, own = {"id": alliance.summit.pk}, {"id": alliance.own_waiting.pk}
    return {
        "/api/alliance/summit-rounds/{id}/": summit,
        "/api/alliance/summit-rounds/{id}/advance/": summit,
        "/api/alliance/contributions/{id}/": own,
        "/api/alliance/contributions/{id}/approve/": own,
        "/api/alliance/contributions/{id}/reject/": own,
        "/api/alliance/contributions/{id}/withdraw/": own,
        "/api/alliance/contributions/{id}/report/": {"id": alliance.approved.pk},
    }


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, kept on the test's own database connection.

    Django closes connections at the end of each request; the test client
    switches that off, and so must we, or the test's transaction would end.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@cache
def _free_strategy(label: str):
    """An operation's strategy with nothing fixed: the same for every role, so built once."""
    operation = next(op for op in _operations() if op.label == label)
    return operation.as_strategy(generation_mode=GenerationMode.POSITIVE)


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


@cache
def _schema():
    """The schema, read once per run from the application itself."""
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


def _short(failure_group: FailureGroup) -> str:
    text = str(failure_group)
    # Keep the failure titles and the first lines of detail; drop long bodies.
    return re.sub(r"\n{3,}", "\n\n", text)[:1500]


def _fuzz(strategy, headers: dict, record) -> int:
    """Run one strategy's cases, ``record(title, detail)`` for each failure; count the cases."""
    cases = 0

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        nonlocal cases
        cases += 1
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                record(failure.title, _short(group))

    run()
    return cases


@pytest.mark.parametrize("role", ROLES)
def test_no_server_errors_and_responses_match_the_schema(role, world, wsgi_app):
    operations = _operations()
    assert operations, "the schema lists no operations"
    token = world.token(role)
    headers = {"Authorization": f"Token {token}"} if token else {}
    real = _real_objects(world)
    failures: dict[tuple[str, str], str] = {}
    pending_failures: dict[tuple[str, str], str] = {}
    known: set[tuple[str, str]] = set()
    cases = 0

    for operation in operations:
        passes = []
        if operation.path not in real or role in FREE_PATH_ROLES:
            passes.append(_free_strategy(operation.label))
        if operation.path in real:
            passes.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.POSITIVE, path_parameters=real[operation.path]
                )
            )
        pending = operation.path.startswith(PENDING_PREFIXES)
        if "{" in operation.path and operation.path not in real and not pending:
            pytest.fail(f"{operation.label}: add its path parameters to _real_objects()")
        found = pending_failures if pending else failures

        def record(title, detail, label=operation.label, found=found):
            if (label, title) in KNOWN_FUZZ_FINDINGS:
                known.add((label, title))
            else:
                found.setdefault((label, title), detail)

        if role == NEGATIVE_ROLE and not pending:
            # Invalid input, where the operation takes any: a 4xx, never a 5xx.
            passes.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.NEGATIVE,
                    **({"path_parameters": real[operation.path]} if operation.path in real else {}),
                )
            )

        for strategy in passes:
            # A negative pass on an operation with nothing to make invalid has no cases.
            with suppress(Unsatisfiable):
                cases += _fuzz(strategy, headers, record)

    FIGURES["fuzz_operations"] = len(operations)
    FIGURES["fuzz_roles"] = len(ROLES)
    FIGURES["fuzz_cases"] += cases
    FIGURES["fuzz_failures"] += len(failures)
    FIGURES["fuzz_pending_failures"] += len(pending_failures)
    PENDING_FUZZ.extend(
        f"as {role}: {label} — {title}" for (label, title) in sorted(pending_failures)
    )
    KNOWN_FUZZ.update(
        f"{label} — {title}: {KNOWN_FUZZ_FINDINGS[label, title]}" for label, title in known
    )
    assert not failures, f"{len(failures)} distinct failure(s) as {role}:\n\n" + "\n\n".join(
        f"{label} — {title}\n{detail}" for (label, title), detail in failures.items()
    )
