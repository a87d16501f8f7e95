"""Invented names for demo patients, staff and places: obviously fictional, partly non-ASCII.

Family names are built from made-up syllables ("Quorvenby", "Tavellund"); a few per hundred are
Unicode ones (Żółć, Dvořák, Øyelund, Ἀλέξανδρος, Наталья …) so that sorting, searching, the
screen and the PDFs are exercised with letters beyond ASCII.
"""

from __future__ import annotations

from random import Random

from netboard.domain.vocab import Discipline, Sex

_HEADS = (
    "Ab", "Bel", "Cor", "Dav", "Eld", "Fen", "Gal", "Hal", "Isk", "Jor", "Kel", "Lum", "Mar",
    "Nor", "Ost", "Pel", "Quor", "Ras", "Sel", "Tav", "Ulm", "Vor", "Wen", "Yar", "Zel", "Bram",
    "Crel", "Drom", "Frab", "Glim", "Harv", "Plov", "Strub", "Tromb", "Vesp", "Wib",
)
_MIDDLES = ("", "", "", "a", "e", "i", "o", "ab", "er", "il", "ov", "ul", "en", "and")
_TAILS = (
    "by", "dal", "stad", "wick", "ara", "ell", "quist", "mont", "ovic", "berg", "ton", "ard",
    "lund", "ski", "ez", "ani", "holm", "ridge", "gaard", "ford", "anu", "elli", "son",
)
_GIVEN_F = (
    "Alvina", "Berit", "Calyx", "Dorna", "Elspa", "Farrin", "Gweld", "Hessa", "Ilvy", "Jonet",
    "Kirrin", "Lavra", "Mirabet", "Nessa", "Orla", "Perrin", "Quilla", "Rosmund", "Sabeth",
    "Tamsa", "Ulla", "Veska", "Wrenna", "Yselle", "Zorina",
)
_GIVEN_M = (
    "Abel", "Bastor", "Corwen", "Dabrik", "Elmo", "Fenrik", "Gaspan", "Halvard", "Idris", "Jasto",
    "Kolbe", "Lorcan", "Mattis", "Nilo", "Osric", "Pavlo", "Quint", "Rasmo", "Sylvan", "Tobin",
    "Ulrik", "Varro", "Wendel", "Yorick", "Zebulon",
)
_UNICODE_FAMILY = ("Żółć", "Dvořák", "Øyelund", "Ångström-Quiv", "Çelikbrav", "Þórvalds",
                   "Müllerbrask", "Ñandúvar", "Ščeglov", "Łabędzkin")
_UNICODE_GIVEN_F = ("Наталья", "Zoë", "Ágnes", "Søs", "Ἑλένη", "Łucja")
_UNICODE_GIVEN_M = ("Ἀλέξανδρος", "Jiří", "Ørjan", "Łukasz", "Andrés", "Дмитрий")


def family_name(rng: Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(_UNICODE_FAMILY)
    return rng.choice(_HEADS) + rng.choice(_MIDDLES) + rng.choice(_TAILS)


def given_name(rng: Random, sex: Sex) -> str:
    female = sex == Sex.FEMALE or (sex != Sex.MALE and rng.random() < 0.5)
    if rng.random() < 0.04:
        return rng.choice(_UNICODE_GIVEN_F if female else _UNICODE_GIVEN_M)
    return rng.choice(_GIVEN_F if female else _GIVEN_M)


INSTITUTIONS = (
    "Marrowvale University Hospital",
    "St. Quillon Regional Clinic",
    "Fenwick Lake Cancer Centre",
    "Dorsand County Hospital",
    "Brambleton Oncology Practice",
)
"""The main site first; the others share care closer to the patient's home."""

TRIAL_IDS = ("DEMO-NET-101", "DEMO-NET-214", "DEMO-PRRT-305", "DEMO-IO-412")
"""Invented trial identifiers (deliberately not NCT numbers)."""


def staff(rng: Random) -> dict[Discipline, tuple[str, ...]]:
    """A fictional team: two or three clinicians per discipline (deterministic for ``rng``)."""
    team: dict[Discipline, tuple[str, ...]] = {}
    used: set[str] = set()
    for discipline in Discipline:
        if discipline == Discipline.OTHER:
            continue
        people: list[str] = []
        wanted = 3 if discipline == Discipline.MEDICAL_ONCOLOGY else 2
        while len(people) < wanted:
            sex = Sex.FEMALE if rng.random() < 0.5 else Sex.MALE
            name = f"{given_name(rng, sex)} {family_name(rng)}"
            if name in used:
                continue
            used.add(name)
            title = "" if discipline == Discipline.NURSE_NAVIGATOR else "Dr. "
            people.append(title + name)
        team[discipline] = tuple(people)
    return team
