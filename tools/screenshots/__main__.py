"""``python -m tools.screenshots``: see the package docstring."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import tools.screenshots as package
from tools.screenshots import scenes_case, scenes_considerations, scenes_meeting
from tools.screenshots.session import use_offscreen_screen

Render = Callable[..., list[Path]]
SETS: dict[str, tuple[Render, int]] = {
    "case": (scenes_case.render, scenes_case.PATIENTS),
    "meeting": (scenes_meeting.render, scenes_meeting.PATIENTS),
    "considerations": (scenes_considerations.render, scenes_considerations.PATIENTS),
    "laptop": (scenes_meeting.render_laptop, scenes_meeting.PATIENTS),
}
LAPTOP = "laptop"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots",
                                     description=(package.__doc__ or "").splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS),
                        help="render only this set (repeatable; default: all)")
    parser.add_argument("--patients", type=int, default=None,
                        help="demo patients per set (default: each set's own)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the demo's day (default: its fixed day)")
    args = parser.parse_args(argv)
    chosen = args.sets or list(SETS)
    if LAPTOP in chosen and len(chosen) > 1:  # its own screen: its own process
        chosen = [name for name in chosen if name != LAPTOP]
        _laptop_in_child(args)
    for name in chosen:
        render, patients = SETS[name]
        with tempfile.TemporaryDirectory() as tmp:
            if name == LAPTOP and os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith(
                "offscreen"
            ):
                use_offscreen_screen(Path(tmp))
            for path in render(args.out_dir, patients=args.patients or patients, seed=args.seed,
                               today=args.today):
                print(path)
    return 0


def _laptop_in_child(args: argparse.Namespace) -> None:
    command = [sys.executable, "-m", "tools.screenshots", str(args.out_dir), "--set", LAPTOP,
               "--seed", str(args.seed)]
    if args.patients:
        command += ["--patients", str(args.patients)]
    if args.today:
        command += ["--today", args.today.isoformat()]
    subprocess.run(command, check=True)


if __name__ == "__main__":
    raise SystemExit(main())
