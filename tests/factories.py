"""factory_boy factories shared by the whole suite."""

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
