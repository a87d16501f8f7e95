"""The item models: qtmodeltester on each, and the patient list's paging, search, filters, sort."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from netboard.db import queries
from netboard.domain import patient_list_text as cells
from netboard.domain import record_columns as cols
from netboard.domain.timeline import build_timeline
from netboard.domain.vocab import PatientStatus, PrimarySite
from netboard.ui.models import patient_list as pl
from netboard.ui.models.patient_list import PatientFilter, PatientListModel
from netboard.ui.models.records import ID_ROLE, RecordTableModel
from netboard.ui.models.timeline_table import TimelineTableModel
from tests.ui.conftest import TODAY


def names(model: PatientListModel) -> list[str]:
    return [model.data(model.index(r, cells.NAME)) for r in range(model.rowCount())]


def test_patient_list_model_passes_modeltester(qtmodeltester, ui_store, ui_ids) -> None:
    model = PatientListModel(ui_store)
    qtmodeltester.check(model)
    model.set_search("testperson")
    qtmodeltester.check(model)


def test_patient_list_search_filters_and_sort(qapp, ui_store, ui_ids) -> None:
    model = PatientListModel(ui_store)
    assert model.rowCount() == 4
    assert names(model) == [
        "Mockname, Delta",
        "Samplecase, Gamma",
        "Testperson, Alpha",
        "Testperson, Beta",
    ]
    model.set_search("T-0002")
    assert names(model) == ["Testperson, Beta"]
    model.set_filter(PatientFilter(site=PrimarySite.PANCREAS))
    assert names(model) == ["Mockname, Delta", "Testperson, Alpha"]
    model.set_filter(PatientFilter(site=PrimarySite.PANCREAS, status=PatientStatus.DECEASED))
    assert names(model) == ["Mockname, Delta"]
    model.set_filter(PatientFilter(on_next_agenda=True))
    assert names(model) == ["Samplecase, Gamma"]
    assert model.data(model.index(0, cells.AGENDA)).startswith("\u25cf")
    model.set_filter(PatientFilter())
    model.sort(cells.MRN, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, cells.MRN)) for r in range(4)] == [
        "X-7777",
        "T-0003",
        "T-0002",
        "T-0001",
    ]


def test_patient_list_shows_clinician_labels(qapp, ui_store, ui_ids) -> None:
    model = PatientListModel(ui_store)
    model.set_search("alpha")
    assert model.data(model.index(0, cells.SITE)) == "Pancreas"
    assert model.data(model.index(0, cells.GRADE)) == "G2"
    assert model.data(model.index(0, cells.KI67)) == "15 %"
    assert model.data(model.index(0, cells.BORN)) == "12 Apr 1961"
    assert model.data(model.index(0, cells.STATUS)) == "Active"
    assert model.data(model.index(0, cells.NAME), pl.ID_ROLE) == ui_ids.alpha


def test_patient_list_holds_only_the_pages_it_shows(qapp, tmp_path, monkeypatch) -> None:
    from netboard.db import queries_patient_list
    from netboard.db.store import Store
    from netboard.demo import write_demo

    store = Store.open(f"sqlite:///{tmp_path / 'many.sqlite'}", user="t")
    try:
        write_demo(store, 1500, seed=7)
        expected = [row.mrn for row in queries.list_patients(store, limit=1500).rows]
        # Counted exactly (under the bound): every row is there from the start.
        monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", 2000)
        model = PatientListModel(store)
        assert model.rowCount() == 1500 and not model.capped
        assert model.cached_rows() == pl.PAGE_SIZE
        # Walking the whole list keeps at most MAX_PAGES pages in memory, yet every row reads.
        mrns = [model.data(model.index(r, cells.MRN)) for r in range(model.rowCount())]
        assert mrns == expected
        assert model.cached_rows() <= pl.PAGE_SIZE * pl.MAX_PAGES
        # Walking back up reads evicted pages again, each after the end of the page before.
        assert [model.data(model.index(r, cells.MRN)) for r in range(0, 1500, 97)] == expected[::97]
    finally:
        store.close()


def test_patient_list_beyond_the_count_grows_as_it_scrolls(
    qapp, qtmodeltester, tmp_path, monkeypatch
) -> None:
    from netboard.db import queries_patient_list
    from netboard.db.store import Store
    from netboard.demo import write_demo

    store = Store.open(f"sqlite:///{tmp_path / 'many.sqlite'}", user="t")
    try:
        write_demo(store, 1050, seed=7)
        expected = [row.mrn for row in queries.list_patients(store, limit=2000).rows]
        monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", 250)
        model = PatientListModel(store)
        assert (model.rowCount(), model.capped, model.counted) == (pl.PAGE_SIZE, True, 250)
        inserted: list[tuple[int, int]] = []
        model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 1050 and not model.capped
        assert inserted[0] == (100, 199) and inserted[-1] == (1000, 1049)
        assert [model.data(model.index(r, cells.MRN)) for r in range(1050)] == expected
        assert model.cached_rows() <= pl.PAGE_SIZE * pl.MAX_PAGES
        # A change elsewhere rereads the rows but keeps the scrolled length.
        model.refresh(rows_changed=False)
        assert model.rowCount() == 1050
        assert model.data(model.index(1049, cells.MRN)) == expected[-1]
        model.set_search("demo-0001")
        assert (model.rowCount(), model.capped) == (100, False)  # DEMO-000100 … DEMO-000199
        qtmodeltester.check(model)
    finally:
        store.close()


def test_record_and_timeline_models_pass_modeltester(qtmodeltester, ui_store, ui_ids, qapp) -> None:
    from netboard.domain.catalog import load_catalog

    case = queries.get_case(ui_store, ui_ids.alpha)
    catalog = load_catalog()
    facts = cols.CaseFacts(today=TODAY)
    therapy = RecordTableModel(cols.therapy_columns(catalog, facts))
    therapy.set_records(tuple(reversed(case.therapies)))
    qtmodeltester.check(therapy)
    assert therapy.data(therapy.index(0, 0)) == "everolimus"
    assert therapy.data(therapy.index(0, 5)) == "ongoing"
    assert therapy.data(therapy.index(1, 1)) == "Octreotide LAR"
    assert therapy.data(therapy.index(0, 0), ID_ROLE) == case.therapies[-1].id
    for spec in (
        cols.pathology_columns(facts),
        cols.staging_columns(),
        cols.imaging_columns(),
        cols.lab_columns(),
        cols.ecog_columns(),
        cols.tumor_columns(),
    ):
        model = RecordTableModel(spec)
        model.set_records(case.pathology if spec[0].title == "Date" else case.tumors)
        qtmodeltester.check(model)
    timeline = TimelineTableModel()
    qtmodeltester.check(timeline)
    timeline.set_timeline(build_timeline(case, TODAY, catalog=catalog))
    qtmodeltester.check(timeline)
    assert timeline.rowCount() > 10
    first = timeline.data(timeline.index(0, 0))
    assert first == "01 Mar 2019"


def test_pathology_grade_rise_is_highlighted(qapp, ui_store, ui_ids) -> None:
    from netboard.domain.grading import grade_drift

    case = queries.get_case(ui_store, ui_ids.alpha)
    facts = cols.CaseFacts(today=TODAY, drift_ids={d.later.id for d in grade_drift(case.pathology)})
    model = RecordTableModel(cols.pathology_columns(facts))
    model.set_records(tuple(reversed(case.pathology)))
    grade_col = [c.title for c in model.columns].index("WHO grade")
    assert model.data(model.index(0, grade_col)) == "G2  \u2191 rose"
    assert model.data(model.index(1, grade_col)) == "G1"
    assert model.data(model.index(0, grade_col), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, grade_col), Qt.ItemDataRole.ForegroundRole) is None
    assert date(2024, 9, 10) == model.record(0).date
