"""Presentation-mode sizing and screen choice, as plain functions (no Qt; tested directly)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TypeScale:
    """Pixel sizes of the presentation's type for one screen."""

    body: int
    heading: int
    question: int
    small: int
    timer: int


def type_scale(width_px: int, height_px: int) -> TypeScale:
    """Type that reads from the back of a meeting room and grows with the screen.

    The body is about 1/40 of the screen height (27 px on 1080p, 54 px on 4K), never below 16 px;
    the shorter side rules so a portrait screen does not overflow.
    """
    side = max(1, min(height_px, int(width_px * 9 / 16)))
    body = max(16, round(side / 40))
    return TypeScale(
        body=body,
        heading=round(body * 1.55),
        question=round(body * 1.3),
        small=max(12, round(body * 0.75)),
        timer=round(body * 1.2),
    )


def choose_screen(screen_count: int, main_window_screen: int | None, primary: int = 0) -> int:
    """Index of the screen for the slides: not the chair's window's screen, when there is one."""
    if screen_count <= 1:
        return 0
    if main_window_screen is None or not 0 <= main_window_screen < screen_count:
        main_window_screen = primary
    others = [i for i in range(screen_count) if i != main_window_screen]
    return others[0]


def step(index: int, count: int, delta: int) -> int:
    """The next case index, clamped to the agenda (no wrap-around: the last case stays last)."""
    if count <= 0:
        return 0
    return max(0, min(count - 1, index + delta))


def visible_options(stanced: Sequence[str], ranked: Sequence[str], limit: int = 6) -> list[str]:
    """Option ids for a slide: every option given a stance, then the engine's top ranks."""
    shown = list(dict.fromkeys(stanced))
    for option_id in ranked:
        if len(shown) >= max(limit, len(stanced)):
            break
        if option_id not in shown:
            shown.append(option_id)
    return shown
