"""Test settings without feature apps (`MASTHEAD_WITHOUT_APP=campaigns`, or several, comma
separated): what a newsroom that does not want drives, narration or newsletters runs. Used by
tests/test_optional_apps.py.

Everything settings.py adds for the app is a dotted path starting with its name (periodic and
start-up tasks, warm-ups, data exporters, account panels, context processors), so it goes with the app.
"""

import os
from typing import Any

from config.test_settings import *  # noqa: F403
from config.test_settings import (
    INSTALLED_APPS,
    MEMBERS_ACCOUNT_PANELS,
    MEMBERS_DATA_EXPORTERS,
    PERIODIC_TASKS,
    TEMPLATES,
    WORKER_STARTUP_TASKS,
    WORKER_WARM_UPS,
)

WITHOUT_APPS = set(os.environ["MASTHEAD_WITHOUT_APP"].split(","))


def _kept(dotted: str) -> bool:
    return dotted.split(".")[0] not in WITHOUT_APPS


INSTALLED_APPS = [app for app in INSTALLED_APPS if _kept(app)]
PERIODIC_TASKS = {task: every for task, every in PERIODIC_TASKS.items() if _kept(task)}
WORKER_STARTUP_TASKS = [task for task in WORKER_STARTUP_TASKS if _kept(task)]
WORKER_WARM_UPS = {queue: path for queue, path in WORKER_WARM_UPS.items() if _kept(path)}
MEMBERS_DATA_EXPORTERS = [path for path in MEMBERS_DATA_EXPORTERS if _kept(path)]
MEMBERS_ACCOUNT_PANELS = [name for name in MEMBERS_ACCOUNT_PANELS if _kept(name.replace("/", "."))]
_options: Any = TEMPLATES[0]["OPTIONS"]
_options["context_processors"] = [processor for processor in _options["context_processors"] if _kept(processor)]
