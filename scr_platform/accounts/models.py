"""Users and Local Safeguarding Children Boards."""

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse

from .choices import Region


class Board(models.Model):
    """A Local Safeguarding Children Board (LSCB), which commissions reviews."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    region = models.CharField(max_length=40, choices=Region.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:board", kwargs={"slug": self.slug})


class User(AbstractUser):
    """A person who signs in. Roles are groups; see ``accounts.roles``.

    An LSCB manager belongs to exactly one board, recorded here; other roles
    are national and need no board.
    """

    board = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The board an LSCB manager works for. Required for LSCB managers.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


auditlog.register(Board)
auditlog.register(
    User,
    exclude_fields=["password", "last_login"],
    m2m_fields={"groups", "user_permissions"},
)
