"""Defect 5: what people read says things plainly, never the project's internal references
("see seed 001 section 3.3" named a research file the team worked from)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from quality_markers.models import Framework
from quality_markers.reference_data import framework_load
from scr_platform.reference import quality_markers

INTERNAL = re.compile(r"\bseed\s+\d{3}|\bseed\s+text\b|_[0-9a-f]{16}\.txt", re.IGNORECASE)
APPS = ("scr_platform", "collation", "quality_markers", "alliance", "masterclasses")


def test_no_template_or_app_module_names_an_internal_research_file():
    root = Path(settings.BASE_DIR)
    files = [*root.joinpath("templates").rglob("*.html")]
    for app in APPS:
        files += [
            path for path in root.joinpath(app).rglob("*.py") if "migrations" not in path.parts
        ]
    assert len(files) > 100
    offending = [str(path) for path in files if INTERNAL.search(path.read_text())]
    assert offending == []


def test_the_framework_s_source_shown_to_people_is_plain():
    assert not INTERNAL.search(quality_markers()["source"])


@pytest.mark.django_db
def test_the_framework_page_says_where_the_markers_come_from_plainly(client):
    content = client.get(reverse("quality_markers:framework")).content.decode()
    assert "developed in the Learning into Practice Project" in content
    assert not INTERNAL.search(content)


@pytest.mark.django_db
def test_a_database_made_before_the_correction_gets_the_plain_wording():
    Framework.objects.filter(version=1).update(source="(see seed 001 section 3.3)")
    framework_load()
    assert Framework.objects.get(version=1).source == quality_markers()["source"]
