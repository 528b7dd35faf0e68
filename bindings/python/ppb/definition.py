"""Election definitions, proposals and eligibility over libppb-c.

::

    import ppb

    problems = ppb.Definition.check_file("election.json")    # [] when valid, as `ppb election validate`
    with ppb.Definition.load("election.json") as d, ppb.Roll.load("roll.csv", d) as roll:
        print(d.id.hex(), [u.id for u in d.units])
        with ppb.ProposalRegistry(d) as reg:
            for v in reg.import_proposals(open("proposals.json", "rb").read(), roll):
                print(v.id, v.state if v.ok else [p.reason for p in v.problems])
        print(roll.check("850314301011", d, "kosshy-center", "2026-04-20T10:00:00Z").eligible)
    print(ppb.iin_check("850314301011"))                     # IinCheck(valid=True, ...)

Refusals are answers, not exceptions: a refused proposal is a `ProposalVerdict` with problems, an
ineligible voter an `EligibilityVerdict` with failures, an invalid IIN an `IinCheck` with a reason.
"""

import ctypes
import datetime
import json as _json
import os
from dataclasses import dataclass

from . import _native
from ._native import check, lib, text
from .election import _Handle

LANGS = {"kk": 0, "ru": 1, "en": 2}
PROPOSAL_STATES = ("submitted", "under_review", "approved", "returned", "resubmitted", "rejected", "withdrawn",
                   "merged")


def _lang(lang):
    if lang not in LANGS:
        raise ValueError("lang must be 'kk', 'ru' or 'en', not %r" % (lang,))
    return LANGS[lang]


def _data(text_or_bytes):
    return text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else bytes(text_or_bytes)


def _timestamp(at):
    """`at` as ppb's UTC text: a str as given, a datetime converted (naive ones are taken as UTC)."""
    if isinstance(at, datetime.datetime):
        if at.tzinfo is not None:
            at = at.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return at.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    return str(at).encode("utf-8")


def _get(fn, handle, ctype, *args):
    v = ctype()
    check(fn(handle, *args, ctypes.byref(v)))
    return v.value


def _owned_text(fn, *args):
    """Calls a function that hands out `char**` memory, and returns it as str (freed with ppb_free)."""
    raw, size = ctypes.c_void_p(), ctypes.c_size_t()
    check(fn(*args, ctypes.byref(raw), ctypes.byref(size)))
    try:
        return ctypes.string_at(raw.value, size.value).decode("utf-8")
    finally:
        lib.ppb_free(raw)


# ---- definitions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DefinitionProblem:
    """One problem of an election definition: ``path`` is a JSON Pointer ("" for the document) and
    ``message`` what is wrong. ``str()`` gives the line `ppb election validate` prints."""

    path: str
    message: str

    def __str__(self):
        return "%s: %s" % (self.path, self.message) if self.path else self.message


@dataclass(frozen=True)
class Unit:
    """A territorial unit: ``names`` in kk/ru/en, ``parent`` id ("" for the root), ``budget`` in
    smallest money units or None (a unit that only groups others has no ballot)."""

    index: int
    id: str
    names: dict
    parent: str
    budget: object

    @property
    def name(self):
        return self.names["en"]


def _problems(fn, *args):
    h = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(h)))
    try:
        out = []
        for i in range(_get(lib.ppb_definition_problems_count, h, ctypes.c_size_t)):
            path, message = ctypes.c_char_p(), ctypes.c_char_p()
            check(lib.ppb_definition_problem(h, i, ctypes.byref(path), ctypes.byref(message)))
            out.append(DefinitionProblem(text(path.value), text(message.value)))
        return out
    finally:
        lib.ppb_definition_problems_free(h)


class Definition(_Handle):
    """An election definition (docs/election.md): territory tree with budgets, phases, proposal,
    ballot and eligibility rules, tally rule. Immutable; use as a context manager or `close()`."""

    _free = staticmethod(lib.ppb_definition_free)

    @staticmethod
    def check(text_or_bytes):
        """Every problem of a definition (str or bytes) as `DefinitionProblem` values; [] if valid."""
        data = _data(text_or_bytes)
        return _problems(lib.ppb_definition_check, data, len(data))

    @staticmethod
    def check_file(path):
        """`check` of a file's bytes. Raises `IoError` if it cannot be read."""
        return _problems(lib.ppb_definition_check_file, os.fsencode(path))

    @classmethod
    def parse(cls, text_or_bytes):
        """Parses a definition, keeping its exact bytes. Raises `ParseError` (code 120: not JSON;
        121: invalid, the message listing every problem)."""
        data = _data(text_or_bytes)
        out = ctypes.c_void_p()
        check(lib.ppb_definition_parse(data, len(data), ctypes.byref(out)))
        return cls(out.value)

    @classmethod
    def load(cls, path):
        """Reads a definition file. Raises `IoError` or `ParseError`."""
        out = ctypes.c_void_p()
        check(lib.ppb_definition_load_file(os.fsencode(path), ctypes.byref(out)))
        return cls(out.value)

    @property
    def id(self):
        """The election id (32 bytes): SHA-256("ppb/election/v1" ‖ the definition's exact bytes)."""
        buf = (ctypes.c_uint8 * lib.ppb_hash_bytes())()
        check(lib.ppb_definition_id(self._live(), buf))
        return bytes(buf)

    @property
    def cycle(self):
        return text(_get(lib.ppb_definition_cycle, self._live(), ctypes.c_char_p))

    @property
    def money_places(self):
        return _get(lib.ppb_definition_money_places, self._live(), ctypes.c_int32)

    def _unit(self, i):
        h = self._live()
        names = {k: text(_get(lib.ppb_definition_unit_name, h, ctypes.c_char_p, i, v)) for k, v in LANGS.items()}
        has, budget = ctypes.c_int32(), ctypes.c_int64()
        check(lib.ppb_definition_unit_budget(h, i, ctypes.byref(has), ctypes.byref(budget)))
        return Unit(i, text(_get(lib.ppb_definition_unit_id, h, ctypes.c_char_p, i)), names,
                    text(_get(lib.ppb_definition_unit_parent, h, ctypes.c_char_p, i)),
                    budget.value if has.value else None)

    @property
    def units(self):
        """Every territorial unit in definition order, as `Unit` values."""
        return [self._unit(i) for i in range(_get(lib.ppb_definition_unit_count, self._live(), ctypes.c_size_t))]

    def unit(self, id):
        """The unit whose id is ``id``; raises `KeyError` if there is none."""
        found, index = ctypes.c_int32(), ctypes.c_size_t()
        check(lib.ppb_definition_find_unit(self._live(), str(id).encode("utf-8"), ctypes.byref(found),
                                           ctypes.byref(index)))
        if not found.value:
            raise KeyError(id)
        return self._unit(index.value)


# ---- proposals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a request was refused (or a voter is not eligible): a pinned ``code``, its stable
    ``reason`` name and a ``detail`` for officials. `message(lang)` explains it to a citizen."""

    code: int
    reason: str
    detail: str
    _message = None

    def message(self, lang="en"):
        return text(type(self)._message(self.code, _lang(lang)))


class ProposalProblem(Problem):
    _message = staticmethod(lib.ppb_proposal_reason_message)


@dataclass(frozen=True)
class ProposalVerdict:
    """The answer to one entry: ``ok`` (applied) or its ``problems``; ``state`` is the proposal's
    state afterwards ("approved", …), or None when there is no such proposal."""

    id: str
    state: object
    problems: tuple

    @property
    def ok(self):
        return not self.problems

    def has(self, reason):
        """Whether problem ``reason`` (a name such as "likely_duplicate") was found."""
        return any(p.reason == reason for p in self.problems)


def _verdicts(h):
    try:
        out = []
        for i in range(_get(lib.ppb_proposal_verdicts_count, h, ctypes.c_size_t)):
            state = _get(lib.ppb_proposal_verdict_state, h, ctypes.c_int32, i)
            problems = []
            for j in range(_get(lib.ppb_proposal_verdict_problem_count, h, ctypes.c_size_t, i)):
                code, detail = ctypes.c_int32(), ctypes.c_char_p()
                check(lib.ppb_proposal_verdict_problem(h, i, j, ctypes.byref(code), ctypes.byref(detail)))
                problems.append(ProposalProblem(code.value, text(lib.ppb_proposal_reason_name(code.value)),
                                                text(detail.value)))
            out.append(ProposalVerdict(text(_get(lib.ppb_proposal_verdict_id, h, ctypes.c_char_p, i)),
                                       text(lib.ppb_proposal_state_name(state)) if state >= 0 else None,
                                       tuple(problems)))
        return out
    finally:
        lib.ppb_proposal_verdicts_free(h)


class ProposalRegistry(_Handle):
    """The proposals of one election (docs/proposals.md): submissions, revisions, withdrawals,
    council reviews and merges, checked against the election's rules and the lifecycle, with an
    audit trail. Stays valid after its `Definition` is closed."""

    _free = staticmethod(lib.ppb_registry_free)

    def __init__(self, definition):
        out = ctypes.c_void_p()
        check(lib.ppb_registry_new(definition._live(), ctypes.byref(out)))
        super().__init__(out.value)

    def import_proposals(self, document, roll=None):
        """Applies a ``ppb/proposals/v1`` document (str, bytes, or a dict serialised here) as
        `ppb proposals import` does; returns one `ProposalVerdict` per entry. Without a `Roll`
        authors' residence is not checked. Raises `ParseError` for a malformed document."""
        data = _data(_json.dumps(document) if isinstance(document, dict) else document)
        out = ctypes.c_void_p()
        check(lib.ppb_registry_import(self._live(), roll._live() if roll is not None else None, data, len(data),
                                      ctypes.byref(out)))
        return _verdicts(out.value)

    def submit(self, at, roll=None, **fields):
        """Submits one proposal: `import_proposals` of a document with one entry (``id``, ``author``,
        ``unit``, ``title``, ``description``, ``address``, ``category``, ``cost``, ``attachments``)."""
        entry = dict(fields, at=_timestamp(at).decode("ascii"))
        return self.import_proposals({"format": "ppb/proposals/v1", "proposals": [entry]}, roll)[0]

    def review(self, document):
        """Applies a ``ppb/reviews/v1`` document (votes and merges) as `ppb proposals review` does;
        returns one `ProposalVerdict` per entry (its ``state`` shows the council's decision)."""
        data = _data(_json.dumps(document) if isinstance(document, dict) else document)
        out = ctypes.c_void_p()
        check(lib.ppb_registry_review(self._live(), data, len(data), ctypes.byref(out)))
        return _verdicts(out.value)

    def transition(self, id, to, actor, at, reason=None, comment=None):
        """Low-level lifecycle step: moves proposal ``id`` to state ``to`` (a name), recording
        ``actor``, ``reason`` (a reason name) and ``comment``. Returns a `ProposalVerdict`."""
        if to not in PROPOSAL_STATES:
            raise ValueError("unknown proposal state %r" % (to,))
        code = 0
        if reason is not None:
            code = next((c for c in range(1, 60) if text(lib.ppb_proposal_reason_name(c)) == reason), None)
            if code is None:
                raise ValueError("unknown proposal reason %r" % (reason,))
        out = ctypes.c_void_p()
        check(lib.ppb_registry_transition(self._live(), str(id).encode("utf-8"), PROPOSAL_STATES.index(to),
                                          str(actor).encode("utf-8"), _timestamp(at), code,
                                          None if comment is None else str(comment).encode("utf-8"),
                                          ctypes.byref(out)))
        return _verdicts(out.value)[0]

    def list_json(self, unit=None):
        """The proposals (all, or ``unit``'s) as JSON text: what `ppb proposals list --json` prints."""
        return _owned_text(lib.ppb_registry_list_json, self._live(), None if unit is None else unit.encode("utf-8"))

    def proposals(self, unit=None):
        """`list_json` as a list of dicts (money as exact ints)."""
        return _json.loads(self.list_json(unit))

    def audit_csv(self):
        """The audit trail as CSV, what `ppb proposals audit` prints."""
        return _owned_text(lib.ppb_registry_audit_csv, self._live())

    def export_pb(self, unit):
        """The ballot of ``unit`` as pabulib ``.pb`` text, what `ppb proposals export` writes.
        Raises `InvalidArgumentError` if the unit has no ballot."""
        return _owned_text(lib.ppb_registry_export_pb, self._live(), str(unit).encode("utf-8"))


# ---- eligibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IinCheck:
    """What `iin_check` found: ``valid``, the first failed check's ``code`` and ``reason`` name
    ("valid" when valid), and for a valid number its ``birth_date`` and ``sex``."""

    iin: str
    valid: bool
    code: int
    reason: str
    birth_date: object
    sex: object

    def message(self, lang="en"):
        """The reason explained to a citizen ("" when valid)."""
        return text(lib.ppb_iin_reason_message(self.code, _lang(lang))) if not self.valid else ""

    def __str__(self):
        """The line `ppb iin check` prints for this number."""
        if self.valid:
            return "%s valid %s %s" % (self.iin, self.birth_date.isoformat(), self.sex)
        return "%s invalid %s %s" % (self.iin, self.reason, self.message())


def iin_check(iin):
    """Checks an IIN (ЖСН / ИИН: 12 digits, check digit, birth date). Returns an `IinCheck`; an
    invalid number is an answer, not an exception."""
    info = _native.IinInfo()
    check(lib.ppb_iin_check(str(iin).encode("utf-8"), ctypes.byref(info)))
    birth = datetime.date(info.birth_year, info.birth_month, info.birth_day) if info.valid else None
    return IinCheck(str(iin), bool(info.valid), info.reason, text(lib.ppb_iin_reason_name(info.reason)), birth,
                    text(lib.ppb_sex_name(info.sex)) if info.valid else None)


@dataclass(frozen=True)
class RollError:
    """A refused row of a roll: its ``line``, error ``code`` and ``code_name`` (invalid_iin,
    unknown_unit, …) and ``message``. ``str()`` is the line `ppb roll check` prints, without the file."""

    line: int
    code: int
    code_name: str
    message: str

    def __str__(self):
        return "%d: %s: %s" % (self.line, self.code_name, self.message)


class EligibilityProblem(Problem):
    _message = staticmethod(lib.ppb_eligibility_reason_message)


@dataclass(frozen=True)
class EligibilityVerdict:
    """May this voter vote here? ``eligible``, or every failed condition in ``failures``."""

    eligible: bool
    failures: tuple

    @property
    def reasons(self):
        """The failed conditions' names, in code order."""
        return [f.reason for f in self.failures]

    def has(self, reason):
        return reason in self.reasons


class Roll(_Handle):
    """A voter roll read from CSV (``iin,unit,status,registered,credential``). Bad rows do not
    stop the import: the good rows are kept, the bad ones listed in `errors`."""

    _free = staticmethod(lib.ppb_roll_free)

    @classmethod
    def parse(cls, text_or_bytes, definition=None):
        """Reads a roll held in memory; with a `Definition`, every unit must be one of its units.
        Raises `ParseError` for text that is not a roll at all (no header, unknown column)."""
        data = _data(text_or_bytes)
        out = ctypes.c_void_p()
        check(lib.ppb_roll_parse(data, len(data), definition._live() if definition is not None else None,
                                 ctypes.byref(out)))
        return cls(out.value)

    @classmethod
    def load(cls, path, definition=None):
        """Reads a roll file. Raises `IoError` or `ParseError`."""
        out = ctypes.c_void_p()
        check(lib.ppb_roll_load_file(os.fsencode(path), definition._live() if definition is not None else None,
                                     ctypes.byref(out)))
        return cls(out.value)

    @property
    def voters(self):
        """Voters accepted."""
        return _get(lib.ppb_roll_voter_count, self._live(), ctypes.c_size_t)

    @property
    def rows(self):
        """Data rows read."""
        return _get(lib.ppb_roll_row_count, self._live(), ctypes.c_uint64)

    @property
    def bad_rows(self):
        """Rows refused (exact, even past the listed `errors`)."""
        return _get(lib.ppb_roll_bad_row_count, self._live(), ctypes.c_uint64)

    @property
    def errors(self):
        """The refused rows (the first 1000 at most), as `RollError` values in line order."""
        h = self._live()
        out = []
        for i in range(_get(lib.ppb_roll_error_count, h, ctypes.c_size_t)):
            line, code, message = ctypes.c_uint64(), ctypes.c_int32(), ctypes.c_char_p()
            check(lib.ppb_roll_error(h, i, ctypes.byref(line), ctypes.byref(code), ctypes.byref(message)))
            out.append(RollError(line.value, code.value, text(lib.ppb_error_code_name(code.value)),
                                 text(message.value)))
        return out

    def check(self, iin, definition, unit, at):
        """May voter ``iin`` vote in ``unit`` at ``at`` (a datetime, or UTC text
        "YYYY-MM-DDTHH:MM:SSZ")? Returns an `EligibilityVerdict`, as `ppb roll eligible` decides.
        Raises `InvalidArgumentError` for an invalid IIN (see `iin_check`) or timestamp."""
        out = ctypes.c_void_p()
        check(lib.ppb_roll_check(self._live(), definition._live(), str(iin).encode("utf-8"),
                                 str(unit).encode("utf-8"), _timestamp(at), ctypes.byref(out)))
        h = out.value
        try:
            failures = []
            for i in range(_get(lib.ppb_eligibility_verdict_failure_count, h, ctypes.c_size_t)):
                code, detail = ctypes.c_int32(), ctypes.c_char_p()
                check(lib.ppb_eligibility_verdict_failure(h, i, ctypes.byref(code), ctypes.byref(detail)))
                failures.append(EligibilityProblem(code.value, text(lib.ppb_eligibility_reason_name(code.value)),
                                                   text(detail.value)))
            eligible = bool(_get(lib.ppb_eligibility_verdict_eligible, h, ctypes.c_int32))
            return EligibilityVerdict(eligible, tuple(failures))
        finally:
            lib.ppb_eligibility_verdict_free(h)
