"""The shipped therapy catalog, its validation, and lookups by id and agent text."""

from __future__ import annotations

from pathlib import Path

import pytest

from netboard.domain.catalog import CatalogError, load_catalog, resources_dir
from netboard.domain.vocab import Modality, OptionGroup

FIXED_IDS = (
    "surgery_primary_resection surgery_cytoreduction surgery_liver_resection liver_transplant "
    "ablation_rfa ablation_microwave ablation_cryo radiation_photon radiation_sbrt "
    "radiation_proton liver_bland_embolization liver_chemoembolization liver_radioembolization "
    "ssa_octreotide_lar ssa_lanreotide ssa_lanreotide_escalated telotristat everolimus "
    "sunitinib cabozantinib captem platinum_etoposide folfox folfiri prrt_lu177_dotatate "
    "prrt_retreatment mibg_i131 pembrolizumab surveillance clinical_trial best_supportive_care"
).split()

GOOD_ENTRY = """
[[option]]
id = "demo_option"
name = "Demo option"
group = "systemic"
modality = "targeted"
regimen = "10 mg daily"
plain_language = "A tablet."
references = ["Somebody 2020"]
agents = ["demozumab"]
BURDEN_LINE
"""
GOOD_ENTRY = GOOD_ENTRY.replace(
    "BURDEN_LINE",
    'burden = { route = "A tablet by mouth.", schedule = "Once a day.", '
    'side_effects = "Tiredness.", where = "near_home", where_note = "At home.", '
    'sources = ["Somebody 2020"], unverified = ["side_effects"] }',
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_catalog_has_exactly_the_fixed_ids_in_order() -> None:
    catalog = load_catalog()
    assert catalog.ids == tuple(FIXED_IDS)


def test_default_catalog_is_cached_and_found_next_to_the_package() -> None:
    assert load_catalog() is load_catalog()
    assert (resources_dir() / "catalog.toml").is_file()


def test_every_entry_is_complete() -> None:
    for option in load_catalog():
        assert option.name and option.regimen and option.plain_language, option.id
        assert option.references, option.id
        assert option.agents, option.id
        assert len(option.plain_language) < 260, option.id
        if option.unverified_facts:
            assert option.unverified, option.id
            assert all("[verify" in fact for fact in option.unverified_facts), option.id


def test_groups_follow_the_clinical_grouping() -> None:
    catalog = load_catalog()
    localized = {o.modality for o in catalog.in_group(OptionGroup.LOCALIZED)}
    assert localized == {
        Modality.SURGERY,
        Modality.ABLATION,
        Modality.RADIATION,
        Modality.LIVER_DIRECTED,
    }
    systemic = {o.modality for o in catalog.in_group(OptionGroup.SYSTEMIC)}
    assert {Modality.SOMATOSTATIN_ANALOG, Modality.TARGETED, Modality.CHEMOTHERAPY} <= systemic
    assert Modality.NUCLEAR_MEDICINE in systemic
    assert {o.id for o in catalog.in_group(OptionGroup.OTHER)} == {
        "surveillance",
        "clinical_trial",
        "best_supportive_care",
    }


def test_facts_marked_verify_are_flagged_unverified() -> None:
    catalog = load_catalog()
    assert catalog.get("captem").unverified
    assert "[verify cycle length]" in catalog.get("captem").regimen
    assert catalog.get("ablation_rfa").unverified
    assert not catalog.get("prrt_lu177_dotatate").unverified
    assert not catalog.get("liver_transplant").repeatable


def test_mibg_availability_names_the_discontinuation() -> None:
    availability = load_catalog().get("mibg_i131").availability
    assert "discontinued" in availability and "2023" in availability and "2024" in availability


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lutathera 7.4 GBq", "prrt_lu177_dotatate"),
        ("177Lu-DOTATATE", "prrt_lu177_dotatate"),
        ("Lu-177", "prrt_lu177_dotatate"),
        ("lutetium", "prrt_lu177_dotatate"),
        ("Sandostatin LAR 30 mg", "ssa_octreotide_lar"),
        ("octreotide", "ssa_octreotide_lar"),
        ("Lanreotide 120 mg", "ssa_lanreotide"),
        ("lanreotide 120 mg every 14 days", "ssa_lanreotide_escalated"),
        ("Xermelo", "telotristat"),
        ("Afinitor", "everolimus"),
        ("carboplatin / etoposide", "platinum_etoposide"),
        ("capecitabine + temozolomide", "captem"),
        ("Y-90 SIR-Spheres", "liver_radioembolization"),
        ("TACE", "liver_chemoembolization"),
        ("proton radiotherapy", "radiation_proton"),
        ("SBRT 3 x 15 Gy", "radiation_sbrt"),
        ("Azedra", "mibg_i131"),
        ("PRRT retreatment", "prrt_retreatment"),
        ("everolimus (trial NCT-TEST-1)", "everolimus"),
        ("watch and wait", "surveillance"),
        ("sunitinib", "sunitinib"),
        ("ssa_lanreotide", "ssa_lanreotide"),
    ],
)
def test_by_agent(text: str, expected: str) -> None:
    found = load_catalog().by_agent(text)
    assert found is not None and found.id == expected


def test_by_agent_needs_whole_words() -> None:
    catalog = load_catalog()
    assert catalog.by_agent("") is None
    assert catalog.by_agent("unknownumab") is None
    assert catalog.by_agent("step") is None  # 'ep' is a platinum-etoposide synonym, not a prefix


def test_get_unknown_id_names_it() -> None:
    with pytest.raises(KeyError, match="no_such_option"):
        load_catalog().get("no_such_option")
    assert load_catalog().find("no_such_option") is None


def test_a_valid_custom_catalog_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, GOOD_ENTRY))
    assert catalog.ids == ("demo_option",)
    option = catalog.get("demo_option")
    assert option.group == OptionGroup.SYSTEMIC and option.modality == Modality.TARGETED
    assert option.references == ("Somebody 2020",) and option.evidence == "established"
    assert catalog.by_agent("Demozumab 5 mg") is option
    assert option.burden is not None and option.burden.near_home
    assert option.burden.flagged("side_effects") and not option.burden.flagged("route")


NEAR_HOME = {
    # The program's own words (issue 10): SSA injections, oral drugs, some chemotherapy near home.
    "ssa_octreotide_lar",
    "ssa_lanreotide",
    "ssa_lanreotide_escalated",
    "telotristat",
    "everolimus",
    "sunitinib",
    "cabozantinib",
    "captem",
    "best_supportive_care",
}
CENTER_ONLY = {
    # Specialized center only: PRRT, MIBG, major surgery, liver-directed therapy.
    "prrt_lu177_dotatate",
    "prrt_retreatment",
    "mibg_i131",
    "surgery_primary_resection",
    "surgery_cytoreduction",
    "surgery_liver_resection",
    "liver_transplant",
    "liver_bland_embolization",
    "liver_chemoembolization",
    "liver_radioembolization",
}


def test_every_option_states_its_burden_and_where_it_can_be_given() -> None:
    catalog = load_catalog()
    for option in catalog:
        burden = option.burden
        assert burden is not None, option.id
        assert burden.route and burden.schedule and burden.side_effects, option.id
        assert burden.where_note and burden.sources, option.id
    assert {o.id for o in catalog if o.burden and o.burden.near_home} >= NEAR_HOME
    assert not {o.id for o in catalog if o.burden and o.burden.near_home} & CENTER_ONLY


@pytest.mark.parametrize(
    ("option_id", "stated"),
    [
        # Facts the reference states (section 2, 7): not flagged.
        ("ssa_octreotide_lar", ("route", "schedule", "where")),
        ("everolimus", ("route", "schedule", "side_effects", "where")),
        ("prrt_lu177_dotatate", ("route", "schedule", "side_effects", "where")),
    ],
)
def test_burden_facts_in_the_reference_are_not_flagged(option_id: str, stated: tuple[str]) -> None:
    burden = load_catalog().get(option_id).burden
    assert burden is not None
    assert not any(burden.flagged(f) for f in stated)


@pytest.mark.parametrize(
    ("option_id", "not_in_reference"),
    [
        # The reference gives no side effects for SSAs, sunitinib, cabozantinib, CAPTEM; no
        # cycle schedule for platinum-etoposide; no setting for ablation or radiation.
        ("ssa_octreotide_lar", "side_effects"),
        ("sunitinib", "side_effects"),
        ("cabozantinib", "side_effects"),
        ("captem", "schedule"),
        ("platinum_etoposide", "schedule"),
        ("ablation_rfa", "where"),
        ("radiation_photon", "where"),
    ],
)
def test_burden_facts_not_in_the_reference_are_flagged(
    option_id: str, not_in_reference: str
) -> None:
    burden = load_catalog().get(option_id).burden
    assert burden is not None and burden.flagged(not_in_reference)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD_ENTRY.replace('regimen = "10 mg daily"\n', ""),
            r"'demo_option'.*'regimen' is missing",
        ),
        (GOOD_ENTRY.replace('"systemic"', '"systemc"'), r"'demo_option'.*'group' is 'systemc'"),
        (GOOD_ENTRY.replace('"targeted"', '"magic"'), r"'demo_option'.*'modality' is 'magic'"),
        (GOOD_ENTRY.replace('["Somebody 2020"]', "[]"), r"'demo_option'.*references"),
        (GOOD_ENTRY.replace('name = "Demo option"', 'name = ""'), r"'name' must be non-empty"),
        (GOOD_ENTRY + 'colour = "red"\n', r"'demo_option'.*unknown field.*colour"),
        (GOOD_ENTRY + 'evidence = "maybe"\n', r"'evidence' is 'maybe'"),
        (GOOD_ENTRY.replace('"demo_option"', '"Demo Option"'), r"lower case"),
        (GOOD_ENTRY + GOOD_ENTRY, r"option 2 \('demo_option'\): id repeats option 1"),
        (
            GOOD_ENTRY + GOOD_ENTRY.replace('"demo_option"', '"other"'),
            r"'other'.*agent 'demozumab' is already listed for 'demo_option'",
        ),
        (GOOD_ENTRY + 'unverified_facts = ["x [verify]"]\n', r"unverified_facts but evidence"),
        ("[[option]]\nid = 3\n", r"option 1.*'name' is missing|'id' must be"),
        (
            "\n".join(x for x in GOOD_ENTRY.split("\n") if not x.startswith("burden")),
            r"'demo_option'.*'burden' is missing",
        ),
        (
            GOOD_ENTRY.replace('where = "near_home"', 'where = "moon"'),
            r"'demo_option'.*burden field 'where' is 'moon', not one of near_home, center",
        ),
        (
            GOOD_ENTRY.replace('route = "A tablet by mouth.", ', ""),
            r"'demo_option'.*burden field 'route' is missing",
        ),
        (
            GOOD_ENTRY.replace('side_effects = "Tiredness."', 'side_effects = "  "'),
            r"'demo_option'.*burden field 'side_effects' must be non-empty text",
        ),
        (
            GOOD_ENTRY.replace('sources = ["Somebody 2020"]', "sources = []"),
            r"'demo_option'.*burden field 'sources' needs at least one source",
        ),
        (
            GOOD_ENTRY.replace('unverified = ["side_effects"]', 'unverified = ["price"]'),
            r"'demo_option'.*burden field 'unverified' names price",
        ),
        (
            GOOD_ENTRY.replace('where_note = "At home.", ', 'where_note = "At home.", cost = 1, '),
            r"'demo_option'.*burden has unknown field\(s\) cost",
        ),
        ("[[option\n", r"not valid TOML"),
        ("title = 'no options'\n", r"no \[\[option\]\] entries"),
    ],
)
def test_malformed_catalog_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CatalogError, match=message) as raised:
        load_catalog(path)
    assert str(path) in str(raised.value)


def test_missing_catalog_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "absent.toml")
