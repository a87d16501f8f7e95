"""The demo tells no contradictory stories (issue 12).

Every generated record passes the product's own validation, and a set of plausibility rules
written apart from the generator holds for every patient: uptake words match the Krenning score,
warnings about earlier PRRT only where PRRT came earlier, a wish for a second opinion before
surgery only where surgery is being decided, a best response only once a restaging could show it.
Generated for the fixed reference day and for the real today (the demo is made relative to it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netboard.demo import DEFAULT_PATIENTS, DEFAULT_SEED, DEMO_TODAY, generate
from netboard.domain import validation

ROOT = Path(__file__).resolve().parents[1]
KIND_OF_TABLE = {
    "patient": "patient", "tumor": "tumor", "pathology_result": "pathology",
    "staging_assessment": "staging", "imaging_study": "imaging", "lab_result": "lab",
    "performance_status": "performance", "therapy_course": "therapy", "toxicity": "toxicity",
    "meeting": "meeting", "attendance": "attendance", "case_discussion": "discussion",
    "option_considered": "option", "decision": "decision", "action_item": "action",
}
DB_ONLY = {"search_key", "list_site", "list_grade", "list_ki67", "list_next_review"}
"""Denormalised list columns the bulk writer fills; not fields of a form."""
PRRT = {"prrt_lu177_dotatate", "prrt_retreatment"}
FIRST_RESTAGING = timedelta(weeks=8)  # a best response needs at least one restaging scan

Row = dict[str, Any]


def tables(n: int, seed: int, today: date) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for chunk in generate(n, seed, today):
        for name, rows in chunk.items():
            out[name].extend(rows)
    return out


@pytest.fixture(scope="module", params=[DEMO_TODAY, date.today()], ids=["fixed", "real-today"])
def demo(request: pytest.FixtureRequest) -> tuple[date, dict[str, list[Row]]]:
    return request.param, tables(300, 11, request.param)


def test_every_generated_record_passes_the_products_validation(
    demo: tuple[date, dict[str, list[Row]]],
) -> None:
    today, data = demo
    problems: list[str] = []
    for table, rows in data.items():
        kind = KIND_OF_TABLE[table]
        for row in rows:
            values = {k: v for k, v in row.items() if k not in DB_ONLY}
            try:  # coerce: the writer stores a list of sites as comma-separated text
                validation.validate(kind, validation.coerce(kind, values),
                                    today=today + timedelta(days=120))
            except validation.ValidationError as exc:
                problems.append(f"{kind} {row['id']}: {exc}")
    assert not problems, problems[:10]


class Patients:
    """The generated rows joined per patient, as the plausibility rules need them."""

    def __init__(self, data: dict[str, list[Row]]) -> None:
        self.tumor_patient = {t["id"]: t["patient_id"] for t in data["tumor"]}
        self.meeting_day = {m["id"]: m["starts_at"].date() for m in data["meeting"]}
        self.discussions = {d["id"]: d for d in data["case_discussion"]}
        self.krenning: dict[str, list[tuple[date, int]]] = defaultdict(list)
        for study in data["imaging_study"]:
            if study["krenning"] is not None:
                self.krenning[study["patient_id"]].append((study["date"], study["krenning"]))
        self.courses: dict[str, list[Row]] = defaultdict(list)
        for course in data["therapy_course"]:
            self.courses[course["patient_id"]].append(course)
        self.options: dict[str, list[Row]] = defaultdict(list)
        for option in data["option_considered"]:
            self.options[option["discussion_id"]].append(option)

    def day_of(self, discussion_id: str) -> date:
        return self.meeting_day[self.discussions[discussion_id]["meeting_id"]]

    def patient_of(self, discussion_id: str) -> str:
        return str(self.discussions[discussion_id]["patient_id"])

    def krenning_by(self, patient_id: str, day: date) -> list[int]:
        return [k for d, k in self.krenning[patient_id] if d <= day]

    def prrt_before(self, patient_id: str, day: date) -> bool:
        return any(c["option_id"] in PRRT and c["start_date"] < day
                   for c in self.courses[patient_id])


def options_with_text(data: dict[str, list[Row]]) -> Iterator[Row]:
    yield from data["option_considered"]


def test_uptake_words_match_the_krenning_score(demo: tuple[date, dict[str, list[Row]]]) -> None:
    _, data = demo
    joined = Patients(data)
    wrong = []
    for option in options_with_text(data):
        found = re.search(r"SSTR-positive \(Krenning (\d)\)", option["rationale"])
        if found is None:
            continue
        pid = joined.patient_of(option["discussion_id"])
        if int(found.group(1)) < 2 or min(joined.krenning[pid], default=(None, 9))[1] < 2:
            wrong.append(option["rationale"])
    assert not wrong, wrong[:5]


def test_warnings_about_earlier_prrt_only_after_prrt(
    demo: tuple[date, dict[str, list[Row]]],
) -> None:
    _, data = demo
    joined = Patients(data)
    wrong = []
    for option in options_with_text(data):
        if "Radioembolization after PRRT" not in option["rationale"]:
            continue
        discussion = option["discussion_id"]
        if not joined.prrt_before(joined.patient_of(discussion), joined.day_of(discussion)):
            wrong.append((joined.day_of(discussion), option["rationale"]))
    assert not wrong, wrong[:5]


def test_second_opinion_before_surgery_only_where_surgery_is_decided(
    demo: tuple[date, dict[str, list[Row]]],
) -> None:
    _, data = demo
    joined = Patients(data)
    wrong = []
    for discussion in data["case_discussion"]:
        if "before surgery" not in discussion["patient_preferences"]:
            continue
        considered = {o["option_id"] for o in joined.options[discussion["id"]]}
        if not any(o.startswith("surgery_") for o in considered):
            wrong.append((discussion["question"], sorted(considered)))
    assert not wrong, wrong[:5]


def test_a_best_response_only_once_a_restaging_could_show_it(
    demo: tuple[date, dict[str, list[Row]]],
) -> None:
    today, data = demo
    wrong = []
    for course in data["therapy_course"]:
        if course["best_response"] is None:
            continue
        seen_until = min(course["end_date"] or today, today)
        if seen_until - course["start_date"] < FIRST_RESTAGING and (
                course["end_date"] is None or course["end_date"] > today):
            wrong.append((course["option_id"], course["start_date"], course["best_response"]))
    assert not wrong, wrong[:5]


def test_the_planned_meeting_lies_ahead_of_the_demos_today(
    demo: tuple[date, dict[str, list[Row]]],
) -> None:
    today, data = demo
    planned = [m for m in data["meeting"] if m["finalized_at"] is None]
    assert len(planned) == 1
    assert today < planned[0]["starts_at"].date() <= today + timedelta(days=10)
    assert all(m["starts_at"].date() < today for m in data["meeting"] if m["finalized_at"])


def test_the_readmes_example_names_are_in_the_default_demo() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = re.findall(r'names such as "([^"]+)"', " ".join(readme.split()))
    assert quoted, "the README names an example demo patient"
    people = tables(DEFAULT_PATIENTS, DEFAULT_SEED, DEMO_TODAY)["patient"]
    assert set(quoted) <= {f"{p['family_name']}, {p['given_name']}" for p in people}
