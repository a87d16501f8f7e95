"""Synthetic, clinically plausible NET case histories for the demo database and benchmarks.

Everything here is invented: names, MRNs ("DEMO-000001" …), institutions, trial ids. The data
follows the program's practice (see ``history``) so that screens, the considerations engine and the
reports have realistic material, and it is deterministic for a seed.

``generate(n_patients, seed, today)`` yields rows per table (no database needed);
``write_demo(store, n_patients, seed, today=...)`` writes them into an empty store.
"""

from __future__ import annotations

from typing import Any

from netboard.demo.generate import DEMO_TODAY, GENERATOR_VERSION, generate, mrn
from netboard.demo.therapy import OPTION_IDS

DEFAULT_PATIENTS = 500
DEFAULT_SEED = 1

_WRITER = ("DemoTargetError", "patient_count", "write_demo")


def __getattr__(name: str) -> Any:
    # The writer needs the database layer; generating rows (e.g. in the worker process) does not.
    if name in _WRITER:
        from netboard.demo import writer

        return getattr(writer, name)
    raise AttributeError(f"module 'netboard.demo' has no attribute {name!r}")

__all__ = [
    "DEFAULT_PATIENTS",
    "DEFAULT_SEED",
    "DEMO_TODAY",
    "GENERATOR_VERSION",
    "OPTION_IDS",
    "DemoTargetError",
    "generate",
    "mrn",
    "patient_count",
    "write_demo",
]
