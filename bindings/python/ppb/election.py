"""Elections, tallies and outcomes over libppb-c."""

import ctypes
import json as _json
import os
from dataclasses import dataclass

from . import _native
from ._native import check, lib, text
from .errors import MisuseError


@dataclass(frozen=True)
class Project:
    """A project on the ballot. Identity is ``id``, never ``name``.

    ``cost`` is in the election's smallest money unit (10^-money_places), an exact integer.
    """

    index: int
    id: str
    name: str
    cost: int


@dataclass(frozen=True)
class ProjectResult:
    """One project's fate in a tally: ``status`` is "funded", "skipped", "excluded" or
    "not_reached"; ``reason`` says why in plain words; ``rank`` is its 1-based place in the rule's
    order of consideration (0 if never ranked)."""

    project: Project
    status: str
    reason: str
    votes: int
    rank: int

    @property
    def funded(self):
        return self.status == "funded"


class _Handle:
    """Owns one C handle; `close()` (or leaving a ``with`` block) frees it, once."""

    _free = None

    def __init__(self, handle):
        self._h = handle

    def _live(self):
        if self._h is None:
            raise MisuseError("[ppb.usage_error.201] %s is closed" % type(self).__name__, 201)
        return self._h

    def close(self):
        """Frees the underlying C handle; later use raises `MisuseError`. Safe to call twice."""
        h, self._h = self._h, None
        if h is not None:
            type(self)._free(h)

    @property
    def closed(self):
        return self._h is None

    def __enter__(self):
        self._live()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may already be gone
            pass


def _option_key(name):
    return name.replace("_", "-")


def _option_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Election(_Handle):
    """One budget unit's projects and ballots, read from a pabulib ``.pb`` file.

    Use as a context manager, or call `close()`::

        with ppb.Election.load("Poland_Warszawa_2017_Mlynow.pb") as e:
            with e.tally(rule="greedy", tie_break="file-order") as out:
                print([p.id for p in out.selected])
    """

    _free = staticmethod(lib.ppb_election_free)

    @classmethod
    def parse(cls, text_or_bytes, strict=False):
        """Parses ``.pb`` text (str or UTF-8 bytes). ``strict`` refuses ballots that break the
        file's own META limits (otherwise they are counted, see `warning_count`).
        Raises `ParseError` for malformed text."""
        data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else bytes(text_or_bytes)
        out = ctypes.c_void_p()
        check(lib.ppb_election_parse(data, len(data), _native.LOAD_STRICT if strict else 0, ctypes.byref(out)))
        return cls(out.value)

    @classmethod
    def load(cls, path, strict=False):
        """Reads a ``.pb`` file. Raises `IoError` if it cannot be read, `ParseError` if malformed."""
        out = ctypes.c_void_p()
        check(lib.ppb_election_load_file(os.fsencode(path), _native.LOAD_STRICT if strict else 0,
                                         ctypes.byref(out)))
        return cls(out.value)

    def _get(self, fn, ctype, *args):
        v = ctype()
        check(fn(self._live(), *args, ctypes.byref(v)))
        return v.value

    @property
    def budget(self):
        """The budget in smallest units (an int; divide by 10**money_places for currency units)."""
        return self._get(lib.ppb_election_budget, ctypes.c_int64)

    @property
    def money_places(self):
        return self._get(lib.ppb_election_money_places, ctypes.c_int32)

    @property
    def vote_type(self):
        """pabulib's vote type: "approval", "choose-1", "cumulative", "scoring" or "ordinal"."""
        return text(self._get(lib.ppb_election_vote_type, ctypes.c_char_p))

    @property
    def voters(self):
        """Number of ballots cast."""
        return self._get(lib.ppb_election_voter_count, ctypes.c_uint64)

    @property
    def warning_count(self):
        """Ballots kept although they break the file's META limits."""
        return self._get(lib.ppb_election_warning_count, ctypes.c_size_t)

    def meta(self, key, default=None):
        """The META value for ``key`` ("description", "currency", ...), or ``default``."""
        raw = self._get(lib.ppb_election_meta, ctypes.c_char_p, key.encode("utf-8"))
        return default if raw is None else text(raw)

    def _project(self, i):
        return Project(i, text(self._get(lib.ppb_election_project_id, ctypes.c_char_p, i)),
                       text(self._get(lib.ppb_election_project_name, ctypes.c_char_p, i)),
                       self._get(lib.ppb_election_project_cost, ctypes.c_int64, i))

    @property
    def projects(self):
        """The projects in file order, as `Project` values."""
        n = self._get(lib.ppb_election_project_count, ctypes.c_size_t)
        return [self._project(i) for i in range(n)]

    def project(self, id):
        """The project whose id is ``id``; raises `KeyError` if there is none."""
        found, index = ctypes.c_int32(), ctypes.c_size_t()
        check(lib.ppb_election_find_project(self._live(), str(id).encode("utf-8"), ctypes.byref(found),
                                            ctypes.byref(index)))
        if not found.value:
            raise KeyError(id)
        return self._project(index.value)

    def tally(self, rule="greedy", **options):
        """Runs a rule by name with `ppb tally`'s options, spelled with underscores:
        ``satisfaction``, ``tie_break``, ``seed``, ``completion``, ``comparison``, ``node_limit``.
        Returns an `Outcome`. Raises `InvalidArgumentError` for an unknown rule or option, or an
        option the rule does not take."""
        opts = ctypes.c_void_p()
        check(lib.ppb_tally_options_new(ctypes.byref(opts)))
        try:
            check(lib.ppb_tally_options_set(opts, b"rule", str(rule).encode("utf-8")))
            for k, v in options.items():
                check(lib.ppb_tally_options_set(opts, _option_key(k).encode("utf-8"),
                                                _option_value(v).encode("utf-8")))
            out = ctypes.c_void_p()
            check(lib.ppb_tally_run(self._live(), opts, ctypes.byref(out)))
        finally:
            lib.ppb_tally_options_free(opts)
        return Outcome(out.value, self.projects)


class Outcome(_Handle):
    """The result of a tally: funded projects, money spent, and each project's fate.

    Stays valid after its `Election` is closed."""

    _free = staticmethod(lib.ppb_outcome_free)

    def __init__(self, handle, projects):
        super().__init__(handle)
        self._projects = projects

    def _get(self, fn, ctype, *args):
        v = ctype()
        check(fn(self._live(), *args, ctypes.byref(v)))
        return v.value

    def json(self, trace=False):
        """The outcome as JSON text: the same bytes as ``ppb tally --json`` (``--trace`` with
        ``trace=True``), without the final newline."""
        raw, size = ctypes.c_void_p(), ctypes.c_size_t()
        check(lib.ppb_outcome_to_json(self._live(), _native.JSON_TRACE if trace else 0, ctypes.byref(raw),
                                      ctypes.byref(size)))
        try:
            return ctypes.string_at(raw.value, size.value).decode("utf-8")
        finally:
            lib.ppb_free(raw)

    def to_dict(self, trace=False):
        """The JSON as a dict (money as exact ints)."""
        return _json.loads(self.json(trace))

    @property
    def rule(self):
        return text(self._get(lib.ppb_outcome_rule, ctypes.c_char_p))

    @property
    def spent(self):
        """Money spent on funded projects, in smallest units."""
        return self._get(lib.ppb_outcome_spent, ctypes.c_int64)

    @property
    def selected(self):
        """The funded projects in selection order."""
        n = self._get(lib.ppb_outcome_selected_count, ctypes.c_size_t)
        return [self._projects[self._get(lib.ppb_outcome_selected, ctypes.c_size_t, i)] for i in range(n)]

    @property
    def tie_count(self):
        return self._get(lib.ppb_outcome_tie_count, ctypes.c_size_t)

    def result(self, project):
        """The `ProjectResult` of a project, given as a `Project`, its id (str) or its index (int)."""
        if isinstance(project, Project):
            i = project.index
        elif isinstance(project, str):
            matches = [p.index for p in self._projects if p.id == project]
            if not matches:
                raise KeyError(project)
            i = matches[0]
        else:
            i = int(project)
        status = self._get(lib.ppb_outcome_project_status, ctypes.c_int32, i)
        return ProjectResult(self._projects[i], _native.PROJECT_STATUS.get(status, "unknown"),
                             text(self._get(lib.ppb_outcome_project_reason, ctypes.c_char_p, i)),
                             self._get(lib.ppb_outcome_project_votes, ctypes.c_uint64, i),
                             self._get(lib.ppb_outcome_project_rank, ctypes.c_uint32, i))

    def explain(self):
        """Every project's `ProjectResult`, in file order."""
        return [self.result(p) for p in self._projects]


def rule_names():
    """The rule names `Election.tally` accepts, in the order ``ppb tally --help`` lists them."""
    names, i = [], 0
    while True:
        raw = ctypes.c_char_p()
        check(lib.ppb_rule_name(i, ctypes.byref(raw)))
        if raw.value is None:
            return names
        names.append(text(raw.value))
        i += 1
