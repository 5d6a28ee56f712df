"""Empty; it used to load the DFE-RR157 recommendation themes (data/reference.json).

A migration must not call live code, which changes after it is written. The
post_migrate loader (collation/reference_data.py) creates whatever is missing after
every migrate, so a fresh database ends with the same data. The migration is
kept because later ones depend on it and databases have it recorded.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("collation", "0007_recommendation_coding")]

    operations = []
