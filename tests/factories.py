"""factory_boy factories shared by the whole suite."""

import hashlib

import factory
from django.contrib.auth.models import Group

from scr_platform.accounts.choices import Region, Role
from scr_platform.accounts.models import Board, User

TEST_PASSWORD = "correct-horse-battery"


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test Board {n}")
    slug = factory.LazyAttribute(lambda board: board.name.lower().replace(" ", "-"))
    region = Region.LONDON


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass ``roles=[Role.X]`` to put them in those role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            self.groups.set(Group.objects.filter(name__in=[Role(r).label for r in extracted]))
            if Role.ADMINISTRATOR in extracted:
                self.is_staff = True
                self.save(update_fields=["is_staff"])


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review; ``publish=True`` publishes it (no documents needed here)."""

    class Meta:
        model = "collation.Review"
        skip_postgeneration_save = True

    board = factory.SubFactory(BoardFactory)
    reference = factory.Sequence(lambda n: f"SCR-{n:04d}")
    title = factory.Sequence(lambda n: f"Serious Case Review: Child {chr(65 + n % 26)}{n}")
    incident = "death"
    child_age_band = "under_1"
    child_sex = "female"
    review_model = "silp"

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if extracted:
            from django.utils import timezone

            self.status = "published"
            self.published_at = timezone.now()
            self.publication_date = self.publication_date or timezone.localdate()
            self.save()


class DocumentFactory(factory.django.DjangoModelFactory):
    """A processed document row with no file behind it, for tests that add pages or codings."""

    class Meta:
        model = "collation.ReviewDocument"

    review = factory.SubFactory(ReviewFactory)
    kind = "overview_report"
    file = "x.pdf"
    original_filename = "x.pdf"
    sha256 = factory.Sequence(lambda n: f"{n:064d}")
    size_bytes = 1
    page_count = 1
    status = "ready"
    # As if its public copy had been made with nothing to redact: public once published.
    public_copy = "x-public.pdf"
    public_copy_digest = hashlib.sha256(b"").hexdigest()  # models.documents.NO_REDACTIONS
