"""Learning material (collation): a briefing's audience versions, training packs, overviews.

Published material is public: the version of a published briefing, a published
training pack, and each as a PDF; a national overview of any period. A draft
(the version of a draft briefing, a draft pack) is seen by analysts and
administrators only, as a page and as a PDF; everyone else is told it is not
there (404), signed in or not. Analysts write both; through the API too.
"""

from .rows import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    check,
    everyone,
    only,
)

ANALYSTS = only("analyst")
DRAFT = only("analyst", public=NOT_FOUND, others=NOT_FOUND)
WRITERS = {"analyst", "admin"}


def _part(kind):
    return lambda w: {
        "slug": getattr(w.learning, kind).briefing.slug,
        "audience": getattr(w.learning, kind).audience,
    }


def _pack(kind):
    return lambda w: {"code": getattr(w.learning, kind).issue.code}


LEARNING = {
    "collation:briefing-audience": [
        check("published", _part("part")),
        check("draft", _part("draft_part"), get=DRAFT),
    ],
    "collation:briefing-audience-pdf": [
        check("published", _part("part")),
        check("draft", _part("draft_part"), get=DRAFT),
    ],
    "collation:briefing-audience-edit": [
        check("published", _part("part"), get=ANALYSTS, post=WRITERS),
        check("draft", _part("draft_part"), get=ANALYSTS, post=WRITERS),
    ],
    "collation:training-pack": [
        check("published", _pack("pack")),
        check("draft", _pack("draft_pack"), get=DRAFT),
    ],
    "collation:training-pack-pdf": [
        check("published", _pack("pack")),
        check("draft", _pack("draft_pack"), get=DRAFT),
    ],
    "collation:training-pack-edit": [
        check("published", _pack("pack"), get=ANALYSTS, post=WRITERS),
        check("draft", _pack("draft_pack"), get=ANALYSTS, post=WRITERS),
    ],
    "collation:overview-index": [check()],
    "collation:overview": [
        check("a year", lambda w: {"period": "2015"}),
        check("a quarter", lambda w: {"period": "2015-Q2"}),
        check("not a period", lambda w: {"period": "someday"}, get=everyone(NOT_FOUND)),
    ],
    "collation:overview-pdf": [
        check("a year", lambda w: {"period": "2015"}),
        check("not a period", lambda w: {"period": "someday"}, get=everyone(NOT_FOUND)),
    ],
}


API_ANALYSTS_WRITE = {"analyst", "admin"}
API_DRAFT = only("analyst", public=NOT_FOUND, others=NOT_FOUND)
# Writing: 401 without credentials, 403 for a role that does not write, whatever the id
# names (writers are checked before anything is looked up, so a draft's id says nothing).
API_WRITE_REFUSED = only("analyst", public=UNAUTHORIZED, others=FORBIDDEN)
# A POST to one version or pack: writers get 405 (they change it with PUT or PATCH).
API_DETAIL_POST = {**API_WRITE_REFUSED, "analyst": NOT_ALLOWED, "admin": NOT_ALLOWED}

LEARNING_API = {
    "collation-api:overview": [
        check(get=everyone(BAD_REQUEST)),  # no period: a clear 400
        check("a year", query={"period": "2015"}),
    ],
    "collation-api:briefing-audience-list": [check(post=API_ANALYSTS_WRITE)],
    "collation-api:briefing-audience-detail": [
        check("published", lambda w: {"pk": w.learning.part.pk}, post=()),
        check(
            "draft",
            lambda w: {"pk": w.learning.draft_part.pk},
            get=API_DRAFT,
            post_refused=API_DETAIL_POST,
        ),
    ],
    "collation-api:training-pack-list": [check(post=API_ANALYSTS_WRITE)],
    "collation-api:training-pack-detail": [
        check("published", lambda w: {"pk": w.learning.pack.pk}),
        check(
            "draft",
            lambda w: {"pk": w.learning.draft_pack.pk},
            get=API_DRAFT,
            post_refused=API_DETAIL_POST,
        ),
    ],
    "collation-api:training-pack-publish": [
        check(
            "draft",
            lambda w: {"pk": w.learning.draft_pack.pk},
            get=everyone(NOT_ALLOWED),
            post=API_ANALYSTS_WRITE,
            post_refused=API_WRITE_REFUSED,
        )
    ],
}
