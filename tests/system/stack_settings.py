"""The production settings, with the fault tests' timing knobs turned down.

Everything else is ``scr_platform.settings`` as deployed. Only waits that
would make a test sit for minutes are shortened, each from the environment
so a test can choose:

- beat's stuck-job sweep runs every ``SYSTEM_SWEEP_SECONDS`` (production: 300 s);
- Redis hands an unacknowledged message to another worker after
  ``SYSTEM_VISIBILITY_TIMEOUT`` seconds (production: the task time limit
  + 300 s), which is how a job survives its whole worker being killed.
"""

import os

from scr_platform.settings import *  # noqa: F403
from scr_platform.settings import CELERY_BEAT_SCHEDULE, CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "requeue-stuck-processing-jobs": {
        **CELERY_BEAT_SCHEDULE["requeue-stuck-processing-jobs"],
        "schedule": float(os.environ.get("SYSTEM_SWEEP_SECONDS", "300")),
    },
}
if "SYSTEM_VISIBILITY_TIMEOUT" in os.environ:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ["SYSTEM_VISIBILITY_TIMEOUT"]),
    }
