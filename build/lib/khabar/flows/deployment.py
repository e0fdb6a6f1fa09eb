"""The check `prefect deploy` runs first (the build step in prefect.yaml): the deployment's paths
are fixed when it is made, so each must be given, or the deploy stops saying which is missing."""

from __future__ import annotations

import os
from pathlib import Path

REQUIRED = {
    "KHABAR_PROJECT_DIR": "the Khabar checkout the worker runs the flow from",
    "KHABAR_LANDING": "the landing folder the scrapers write to",
    "KHABAR_WAREHOUSE": "the DuckDB file analysts read",
}


class MissingSetting(RuntimeError):
    pass


def require_settings() -> dict[str, str]:
    """Prefect build step: the three paths, each set; the project folder holding flows/nightly.py."""
    missing = [f"{name} ({meaning})" for name, meaning in REQUIRED.items() if not os.environ.get(name, "").strip()]
    if missing:
        raise MissingSetting("set " + ", ".join(missing) + " before `prefect deploy`; see README, \"Deploy the nightly schedule\"")
    project = Path(os.environ["KHABAR_PROJECT_DIR"])
    if not (project / "flows" / "nightly.py").is_file():
        raise MissingSetting(f"KHABAR_PROJECT_DIR={project} does not hold flows/nightly.py: point it at the Khabar checkout")
    return {name: os.environ[name] for name in REQUIRED}
