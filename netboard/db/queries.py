"""Reads: every function takes the Store and returns domain snapshots, never ORM objects.

The functions live in topic modules (patients, meetings); this module is the one to import.
"""

from __future__ import annotations

from netboard.db.queries_audit import patient_history, verify_audit
from netboard.db.queries_meetings import (
    audit_log,
    find_meeting,
    get_meeting,
    list_meetings,
    next_meeting,
    open_action_items,
)
from netboard.db.queries_meetings_followup import decided_discussions
from netboard.db.queries_patient_list import (
    COUNT_LIMIT,
    FEW,
    GRADE_ORDER,
    SORT_KEYS,
    list_patients,
)
from netboard.db.queries_patients import find_patient, get_case, get_patient, overdue_reviews
from netboard.db.queries_search import search_key_for

__all__ = [
    "COUNT_LIMIT",
    "FEW",
    "GRADE_ORDER",
    "SORT_KEYS",
    "audit_log",
    "decided_discussions",
    "find_meeting",
    "find_patient",
    "get_case",
    "get_meeting",
    "get_patient",
    "list_meetings",
    "list_patients",
    "next_meeting",
    "open_action_items",
    "overdue_reviews",
    "patient_history",
    "search_key_for",
    "verify_audit",
]
