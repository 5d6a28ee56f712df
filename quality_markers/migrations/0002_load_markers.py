"""Empty; it used to load version 1 of the framework: the 18 markers in data/quality_markers.json.

A migration must not call live code, which changes after it is written. The
post_migrate loader (quality_markers/reference_data.py) creates whatever is missing after
every migrate, so a fresh database ends with the same data. The migration is
kept because later ones depend on it and databases have it recorded.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("quality_markers", "0001_framework")]

    operations = []
