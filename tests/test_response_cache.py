"""The whole-response cache for public pages (scr_platform/response_cache.py), on small views.

The views here count their calls, so a test can tell a page served from the
cache (no call) from one rendered again.
"""

import time

import pytest
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import path

from scr_platform.fragments import vary_on_fragment, wants_fragment
from scr_platform.response_cache import (
    CACHE_SECONDS,
    MAX_VALUE_LENGTH,
    PUBLIC_VERSION_KEY,
    _response_key,
    public_changed,
    public_fragment,
    public_response_cache,
    public_version,
    versioned_in_process,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_response_cache")]

calls: list[str] = []

# A plain Context: no context processors (the service navigation needs the site's URLs).
_PAGE = Template("<p>{{ name }} {{ count }}</p>")


def _page(request, name):
    calls.append(name)
    context = Context({"request": request, "name": name, "count": len(calls)})
    return HttpResponse(_PAGE.render(context))


@public_response_cache("page", parameters=["period", "region"])
def page_view(request):
    return _page(request, "page")


@public_response_cache("lazy", parameters=lambda: ["q"])
def lazy_view(request):
    return _page(request, "lazy")


@public_response_cache("item")
def item_view(request, pk):
    calls.append(f"item {pk}")
    if pk > 100:
        return HttpResponse("No such item", status=404)
    return HttpResponse(f"item {pk} {len(calls)}")


@public_response_cache("download", everyone=True, headers=["Content-Disposition"])
def download_view(request):
    calls.append("download")
    response = HttpResponse(f"a,b\n1,{len(calls)}\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="x.csv"'
    response["X-Not-Kept"] = "1"
    return response


@public_response_cache("cookie")
def cookie_view(request):
    calls.append("cookie")
    response = HttpResponse(f"cookie {len(calls)}")
    response.set_cookie("seen", "1")
    return response


@public_response_cache("csrf")
def csrf_view(request):
    calls.append("csrf")
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


@public_response_cache("session")
def session_view(request):
    calls.append("session")
    request.session["visited"] = True
    return HttpResponse(f"session {len(calls)}")


@public_response_cache("version")
def version_view(request):
    calls.append("version")
    return HttpResponse(str(request.public_version))


def message_view(request):
    messages.success(request, "You have signed out")
    return redirect("/page/")


@public_response_cache("in-place", parameters=["region"])
def in_place_view(request):
    """A page whose filter region htmx asks for alone (scr_platform/fragments.py)."""
    calls.append("in-place")
    template = "fragment.html" if wants_fragment(request) else "page.html"
    return vary_on_fragment(HttpResponse(f"{template} {len(calls)}"))


@public_response_cache("varies", parameters=["region"])
def varies_view(request):
    calls.append("varies")
    response = HttpResponse(f"varies {len(calls)}")
    response["Vary"] = "Accept-Language"
    return response


def fragment_page_view(request):
    """A signed-in page whose public part is kept: it counts how often that part is made."""

    def make():
        calls.append("fragment")
        return f"<p>made {len(calls)} times</p>"

    return HttpResponse(public_fragment("counted", request, parameters=(), make=make))


urlpatterns = [
    path("fragment-page/", fragment_page_view),
    path("in-place/", in_place_view),
    path("varies/", varies_view),
    path("page/", page_view),
    path("lazy/", lazy_view),
    path("items/<int:pk>/", item_view),
    path("download/", download_view),
    path("cookie/", cookie_view),
    path("csrf/", csrf_view),
    path("session/", session_view),
    path("version/", version_view),
    path("message/", message_view),
]


@pytest.fixture(autouse=True)
def no_calls():
    calls.clear()


def test_a_hit_serves_the_same_body_and_policy(client):
    first = client.get("/page/")
    second = client.get("/page/")
    assert calls == ["page"]  # rendered once
    assert second.content == first.content
    # The middleware's headers are added to a hit as to a rendered page; the
    # policy has no nonce to go stale (base.html's inline script has a hash).
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Content-Type-Options"] == "nosniff"


def test_an_entry_stored_with_a_nonce_is_still_served(client):
    # Entries stored before pages lost their nonce have a fifth item.
    client.get("/page/")
    key = _response_key("page", RequestFactory().get("/page/"), frozenset())
    cache.set(key, (*cache.get(key), "old-nonce"))
    assert client.get("/page/").content == b"<p>page 1</p>"
    assert calls == ["page"]


def test_a_hit_makes_no_query(client, django_assert_num_queries):
    client.get("/page/")
    with django_assert_num_queries(0):
        assert client.get("/page/").status_code == 200


def test_signed_in_people_never_get_or_fill_the_cached_page(client):
    client.get("/page/")  # stored for the public
    client.force_login(UserFactory())
    client.get("/page/")
    client.get("/page/")
    assert calls == ["page", "page", "page"]
    client.logout()
    client.get("/page/")  # the public's stored page is still there
    assert calls == ["page", "page", "page"]


def test_a_pending_message_is_shown_not_replaced_by_the_cached_page(client):
    client.get("/page/")
    client.get("/message/", follow=True)
    assert calls == ["page", "page"]


def test_a_change_shows_once_its_transaction_commits(client, django_capture_on_commit_callbacks):
    client.get("/page/")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        public_changed()
        client.get("/page/")  # not committed yet: still the stored page
        assert calls == ["page"]
    client.get("/page/")
    assert calls == ["page", "page"]


def test_the_version_moves_on_after_commit_only(django_capture_on_commit_callbacks):
    before = public_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        public_changed()
    assert public_version() == before
    callbacks[0]()
    assert public_version() != before


def test_a_lost_version_renders_again(client):
    from django.core.cache import cache

    client.get("/page/")
    cache.delete("public-version")  # evicted, or Redis lost its data
    client.get("/page/")
    assert calls == ["page", "page"]


def test_the_view_renders_under_the_version_it_is_stored_with(client):
    assert client.get("/version/").content == str(public_version()).encode()


def test_entries_expire_as_a_backstop(client, monkeypatch):
    client.get("/page/")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + CACHE_SECONDS + 1)
    client.get("/page/")
    assert calls == ["page", "page"]


def test_each_query_made_of_known_parameters_has_its_own_entry(client):
    client.get("/page/", {"period": "2016"})
    client.get("/page/", {"period": "2016"})
    client.get("/page/", {"period": "2017"})
    client.get("/page/?region=x&period=2016")
    client.get("/page/?period=2016&region=x")  # the same query in another order
    assert calls == ["page", "page", "page"]


def test_a_value_that_contains_an_ampersand_is_not_confused_with_two_parameters(client):
    client.get("/page/", {"period": "2016&region=x"})
    client.get("/page/?period=2016&region=x")
    assert calls == ["page", "page"]


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=mail",
        "?period=2016&period=2017",
        f"?period={'x' * (MAX_VALUE_LENGTH + 1)}",
    ],
    ids=["unknown parameter", "repeated parameter", "overlong value"],
)
def test_queries_outside_the_known_parameters_are_never_cached(client, query):
    client.get(f"/page/{query}")
    client.get(f"/page/{query}")
    assert calls == ["page", "page"]


def test_parameters_can_be_given_by_a_function(client):
    client.get("/lazy/", {"q": "neglect"})
    client.get("/lazy/", {"q": "neglect"})
    client.get("/lazy/", {"page": "2"})
    client.get("/lazy/", {"page": "2"})
    assert calls == ["lazy", "lazy", "lazy"]


def test_each_path_has_its_own_entry_and_only_200s_are_kept(client):
    assert client.get("/items/1/").content.startswith(b"item 1 ")
    assert client.get("/items/2/").content.startswith(b"item 2 ")
    assert client.get("/items/1/").content.startswith(b"item 1 ")
    client.get("/items/404/")
    assert client.get("/items/404/").status_code == 404
    assert calls == ["item 1", "item 2", "item 404", "item 404"]


@pytest.mark.parametrize("url", ["/cookie/", "/csrf/", "/session/"])
def test_responses_that_set_cookies_or_touch_the_session_or_token_are_not_cached(client, url):
    client.get(url)
    client.get(url)
    assert len(calls) == 2


def test_output_the_same_for_everyone_is_cached_for_everyone_with_its_own_headers(client):
    first = client.get("/download/")
    client.force_login(UserFactory())
    second = client.get("/download/")
    assert calls == ["download"]
    assert second.content == first.content
    assert second["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert second["Content-Type"] == "text/csv"
    assert not second.has_header("X-Not-Kept")


def test_only_get_and_head_are_served_from_the_cache(client):
    client.get("/page/")
    client.head("/page/")
    assert calls == ["page"]
    client.post("/page/")
    assert calls == ["page", "page"]


def test_a_fragment_and_its_page_are_kept_apart_and_both_vary_on_hx_request(client):
    htmx = {"HTTP_HX_REQUEST": "true"}
    fragment = client.get("/in-place/", {"region": "london"}, **htmx)
    page = client.get("/in-place/", {"region": "london"})
    assert (fragment.content, page.content) == (b"fragment.html 1", b"page.html 2")
    # Both stored: served again without rendering, each for its own kind of request.
    assert client.get("/in-place/", {"region": "london"}, **htmx).content == fragment.content
    assert client.get("/in-place/", {"region": "london"}).content == page.content
    assert calls == ["in-place", "in-place"]
    for response in (fragment, page):
        assert "HX-Request" in response["Vary"]
    hit = client.get("/in-place/", {"region": "london"})
    assert "HX-Request" in hit["Vary"]  # a hit says so too


def test_htmx_restoring_history_gets_the_stored_whole_page(client):
    page = client.get("/in-place/")
    restored = client.get(
        "/in-place/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert restored.content == page.content == b"page.html 1"
    assert calls == ["in-place"]


def test_a_response_varying_on_anything_else_is_not_kept(client):
    client.get("/varies/")
    client.get("/varies/")
    assert calls == ["varies", "varies"]


def test_a_value_kept_in_process_is_served_while_its_version_holds():
    loads: list[int] = []

    def load(value):
        def make():
            loads.append(value)
            return value

        return make

    assert versioned_in_process("figure", 1, load("first")) == "first"
    assert versioned_in_process("figure", 1, load("again")) == "first"
    assert versioned_in_process("figure", 2, load("second")) == "second"
    assert loads == ["first", "second"]


def test_nothing_is_kept_in_process_for_none_and_the_oldest_go_first(monkeypatch):
    monkeypatch.setattr("scr_platform.response_cache._IN_PROCESS_SIZE", 2)
    assert versioned_in_process("invalid", 1, lambda: None) is None
    assert versioned_in_process("invalid", 1, lambda: "made") == "made"
    for key in ("a", "b", "c"):
        versioned_in_process(key, 1, lambda key=key: key)
    assert versioned_in_process("a", 1, lambda: "made again") == "made again"
    assert versioned_in_process("c", 1, lambda: "not made") == "c"


def test_a_signed_in_page_shows_a_public_change_made_by_another_process(client):
    """The fragment kept in this process is out of date once the version in Redis moves."""
    client.force_login(UserFactory())
    first = client.get("/fragment-page/")
    assert client.get("/fragment-page/").content == first.content
    cache.incr(PUBLIC_VERSION_KEY)  # as a change committed in another process does
    assert client.get("/fragment-page/").content != first.content
    assert calls == ["fragment", "fragment"]
