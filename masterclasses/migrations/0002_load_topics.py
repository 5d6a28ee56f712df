"""Empty; it used to load the four LiPP masterclass topics from data/reference.json.

A migration must not call live code, which changes after it is written. The
post_migrate loader (masterclasses/reference_data.py) creates whatever is missing after
every migrate, so a fresh database ends with the same data. The migration is
kept because later ones depend on it and databases have it recorded.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("masterclasses", "0001_directory_masterclasses_cpd")]

    operations = []
