"""The therapy catalog: every option the NET program offers, from netboard/resources/catalog.toml.

The catalog is data so that clinicians can review it without reading code. It is validated on load:
a malformed entry raises CatalogError naming the file, the entry and the field. The default catalog
is read once per process (the window asks for it often).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from netboard.domain.burden import Burden, BurdenError, parse_burden
from netboard.domain.vocab import Modality, OptionGroup
from netboard.resources import resource_file
from netboard.resources import resources_dir as resources_dir  # the shipped data folder

Evidence = Literal["established", "unverified"]
_E = TypeVar("_E", OptionGroup, Modality)

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED_TEXT = ("id", "name", "group", "modality", "regimen", "plain_language")
_OPTIONAL_TEXT = ("short_name", "pivotal_data", "availability")
_LISTS = ("references", "agents", "unverified_facts")
_KNOWN_KEYS = frozenset(
    (*_REQUIRED_TEXT, *_OPTIONAL_TEXT, *_LISTS, "evidence", "repeatable", "burden")
)
_EVIDENCE: tuple[Evidence, ...] = ("established", "unverified")


class CatalogError(ValueError):
    """The catalog file cannot be used; the message names the file, entry and field."""


@dataclass(frozen=True, slots=True)
class CatalogOption:
    """One therapy option: what it is, its usual regimen, and where the facts come from."""

    id: str
    name: str
    group: OptionGroup
    modality: Modality
    regimen: str
    plain_language: str
    references: tuple[str, ...]
    availability: str = ""
    agents: tuple[str, ...] = ()
    short_name: str = ""
    pivotal_data: str = ""
    evidence: Evidence = "established"
    unverified_facts: tuple[str, ...] = ()
    """The facts of this entry that the reference marks [verify]; the screen and paper flag them."""
    repeatable: bool = True
    """False for one-time procedures (resection of the primary, transplant): never a 'return'."""
    burden: Burden | None = None
    """What it asks of the patient and where it can be given (required in the catalog file)."""

    @property
    def label(self) -> str:
        """The short label for timeline bars and tight spaces."""
        return self.short_name or self.name

    @property
    def unverified(self) -> bool:
        return self.evidence == "unverified"


def _normalize(text: str) -> str:
    text = text.lower().replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-")
    return " ".join(text.split())


@dataclass(frozen=True)
class Catalog:
    """The options in catalog order, with lookups by id and by agent text."""

    options: tuple[CatalogOption, ...]
    source: str = "<memory>"
    _by_id: Mapping[str, CatalogOption] = field(init=False, repr=False, compare=False)
    _order: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _agent_patterns: tuple[tuple[re.Pattern[str], CatalogOption], ...] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    """Compiled on the first agent lookup (a window that never reads a course text does not
    pay the ~250 regular expressions at start-up)."""
    _agent_cache: dict[str, CatalogOption | None] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {o.id: o for o in self.options})
        object.__setattr__(self, "_order", {o.id: i for i, o in enumerate(self.options)})

    def _patterns(self) -> tuple[tuple[re.Pattern[str], CatalogOption], ...]:
        """Each synonym's pattern with its option, longest synonym first (built once)."""
        if self._agent_patterns is not None:
            return self._agent_patterns
        synonyms: list[tuple[str, CatalogOption]] = []
        for option in self.options:
            names = {option.id.replace("_", " "), option.name, option.label, *option.agents}
            synonyms.extend((_normalize(n), option) for n in names if n.strip())
        # Longest synonym first: "lanreotide q14d" wins over "lanreotide"; ties keep catalog order.
        synonyms.sort(key=lambda pair: (-len(pair[0]), self._order[pair[1].id]))
        patterns = tuple(
            (re.compile(rf"(?<![a-z0-9]){re.escape(text)}(?![a-z0-9])"), option)
            for text, option in synonyms
        )
        object.__setattr__(self, "_agent_patterns", patterns)
        return patterns

    def __iter__(self) -> Iterator[CatalogOption]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    def __contains__(self, option_id: object) -> bool:
        return option_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def get(self, option_id: str) -> CatalogOption:
        """The option with this id; KeyError names the id when the catalog has none."""
        try:
            return self._by_id[option_id]
        except KeyError:
            raise KeyError(f"no catalog option '{option_id}' in {self.source}") from None

    def find(self, option_id: str | None) -> CatalogOption | None:
        """The option with this id, or None."""
        return self._by_id.get(option_id) if option_id else None

    def index(self, option_id: str) -> int:
        """Position in catalog order (the ranking's tie-breaker); unknown ids sort last."""
        return self._order.get(option_id, len(self.options))

    def in_group(self, group: OptionGroup) -> tuple[CatalogOption, ...]:
        return tuple(o for o in self.options if o.group == group)

    def by_agent(self, text: str) -> CatalogOption | None:
        """The option an agent text names ("Lutathera 7.4 GBq" → PRRT), by its longest synonym."""
        key = _normalize(text)
        if not key:
            return None
        if key in self._agent_cache:
            return self._agent_cache[key]
        found = self._by_id.get(key.replace(" ", "_"))
        if found is None:
            found = next((o for p, o in self._patterns() if p.search(key)), None)
        self._agent_cache[key] = found
        return found


def load_catalog(path: Path | None = None) -> Catalog:
    """The catalog at ``path`` (default: netboard/resources/catalog.toml, read once and cached).

    Raises CatalogError naming the file and the entry when the file is missing or malformed.
    """
    if path is None:
        return _default_catalog()
    return _read_catalog(Path(path))


@cache
def _default_catalog() -> Catalog:
    with resource_file("catalog.toml") as path:
        return _read_catalog(path)


def _read_catalog(path: Path) -> Catalog:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogError(f"{path}: therapy catalog file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("option")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{path}: no [[option]] entries")
    options: list[CatalogOption] = []
    seen_ids: dict[str, int] = {}
    seen_agents: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        option = _parse_entry(path, number, entry)
        where = f"{path}: option {number} ('{option.id}')"
        if option.id in seen_ids:
            raise CatalogError(f"{where}: id repeats option {seen_ids[option.id]}")
        seen_ids[option.id] = number
        for agent in option.agents:
            key = _normalize(agent)
            if key in seen_agents and seen_agents[key] != option.id:
                raise CatalogError(
                    f"{where}: agent '{agent}' is already listed for '{seen_agents[key]}'"
                )
            seen_agents[key] = option.id
        options.append(option)
    return Catalog(tuple(options), source=str(path))


def _parse_entry(path: Path, number: int, entry: object) -> CatalogOption:
    if not isinstance(entry, dict):
        raise CatalogError(f"{path}: option {number}: not a table")
    raw_id = entry.get("id")
    where = f"{path}: option {number}" + (f" ('{raw_id}')" if isinstance(raw_id, str) else "")
    unknown = sorted(set(entry) - _KNOWN_KEYS)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(unknown)}")
    text = {name: _text(where, entry, name, required=True) for name in _REQUIRED_TEXT}
    text.update({name: _text(where, entry, name, required=False) for name in _OPTIONAL_TEXT})
    if not _ID_PATTERN.match(text["id"]):
        raise CatalogError(f"{where}: id must be lower case letters, digits and underscores")
    lists = {name: _strings(where, entry, name) for name in _LISTS}
    if not lists["references"]:
        raise CatalogError(f"{where}: field 'references' needs at least one source")
    evidence = entry.get("evidence", "established")
    if evidence not in _EVIDENCE:
        raise CatalogError(f"{where}: field 'evidence' is '{evidence}', not one of {_EVIDENCE}")
    if lists["unverified_facts"] and evidence != "unverified":
        raise CatalogError(f"{where}: lists unverified_facts but evidence is '{evidence}'")
    repeatable = entry.get("repeatable", True)
    if not isinstance(repeatable, bool):
        raise CatalogError(f"{where}: field 'repeatable' must be true or false")
    try:
        burden = parse_burden(entry.get("burden"))
    except BurdenError as exc:
        raise CatalogError(f"{where}: {exc}") from None
    return CatalogOption(
        id=text["id"],
        name=text["name"],
        group=_enum(where, OptionGroup, "group", text["group"]),
        modality=_enum(where, Modality, "modality", text["modality"]),
        regimen=text["regimen"],
        plain_language=text["plain_language"],
        references=lists["references"],
        availability=text["availability"],
        agents=lists["agents"],
        short_name=text["short_name"],
        pivotal_data=text["pivotal_data"],
        evidence="unverified" if evidence == "unverified" else "established",
        unverified_facts=lists["unverified_facts"],
        repeatable=repeatable,
        burden=burden,
    )


def _text(where: str, entry: Mapping[str, Any], name: str, *, required: bool) -> str:
    value = entry.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problem = "is missing" if value is None else "must be non-empty text"
        raise CatalogError(f"{where}: field '{name}' {problem}")
    return value.strip()


def _strings(where: str, entry: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = entry.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{where}: field '{name}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _enum(where: str, kind: type[_E], name: str, value: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise CatalogError(f"{where}: field '{name}' is '{value}', not one of {allowed}") from None
