"""Keys, signed ballots, the ballot box and its log over libppb-c.

A district vote in a few lines::

    import ppb

    authority = ppb.AuthorityKey.generate()
    voters = [ppb.VoterKey.generate() for _ in range(3)]
    with ppb.BoxSetup(open("election.json", "rb").read()) as setup:
        setup.set_ballot("almaly", open("almaly.pb").read())
        for v in voters:
            setup.add_credential(v.public_key, "almaly")
        setup.set_authority(authority.public_key)
        with ppb.BallotBox.create("ballots.log", setup) as box:
            ballot = ppb.sign_ballot(voters[0], setup.election_id, 0, [0, 2])  # unit 0, projects 0 and 2
            verdict = box.submit(ballot)              # a Verdict; a refusal is not an exception
            box.close(authority)
    report = ppb.verify_log("ballots.log")            # re-checks every verdict
    result = ppb.tally_log("ballots.log")             # the same dict as `ppb log tally --json`

Keys and hashes are ``bytes`` (32 bytes). Times are Unix seconds (int) or aware ``datetime``.
Refusals of a citizen's ballot come back as `Verdict` objects with a stable reason; exceptions are
for misuse and damaged input only.
"""

import ctypes
import datetime as _datetime
import json as _json
import os
from dataclasses import dataclass

from . import _native
from ._native import c_status, check, lib, text
from .election import _Handle

HASH_BYTES = 32
PUBLICKEY_BYTES = 32
SEED_BYTES = 32

ROLES = {"voter": 0, "authority": 1, "officer": 2}
PAYLOADS = {"approval": 1, "points": 2, "ranking": 3}


class _Verdict(ctypes.Structure):
    _fields_ = [("accepted", ctypes.c_int32), ("reason", ctypes.c_int32), ("entry", ctypes.c_uint64),
                ("ballot_id", ctypes.c_uint8 * HASH_BYTES)]


class _LogReport(ctypes.Structure):
    _fields_ = [("entries", ctypes.c_uint64), ("accepted", ctypes.c_uint64), ("rejected", ctypes.c_uint64),
                ("paper_ballots", ctypes.c_uint64), ("checkpoints", ctypes.c_uint64),
                ("torn_bytes", ctypes.c_uint64), ("closed", ctypes.c_int32), ("verified", ctypes.c_int32),
                ("root", ctypes.c_uint8 * HASH_BYTES)]


_p = ctypes.POINTER
_vp = ctypes.c_void_p
_u8p = ctypes.c_char_p  # byte input (bytes objects pass as char*)
_out_bytes = ctypes.c_char * HASH_BYTES  # a 32-byte output buffer

# (name, return type, argument types) for ppb.h's keys, ballots, box and log sections.
_SIGNATURES = [
    ("ppb_role_name", ctypes.c_char_p, [ctypes.c_int32]),
    ("ppb_seed_bytes", ctypes.c_size_t, []),
    ("ppb_keypair_new", c_status, [ctypes.c_int32, _p(_vp)]),
    ("ppb_keypair_from_seed", c_status, [ctypes.c_int32, _u8p, ctypes.c_size_t, _p(_vp)]),
    ("ppb_keypair_parse", c_status, [ctypes.c_int32, ctypes.c_char_p, _p(_vp)]),
    ("ppb_keypair_free", None, [_vp]),
    ("ppb_keypair_role", c_status, [_vp, _p(ctypes.c_int32)]),
    ("ppb_keypair_public_key", c_status, [_vp, _vp]),
    ("ppb_keypair_secret_text", c_status, [_vp, _vp, ctypes.c_size_t, _p(ctypes.c_size_t)]),
    ("ppb_public_key_text", c_status, [ctypes.c_int32, _u8p, ctypes.c_size_t, _p(_vp), _p(ctypes.c_size_t)]),
    ("ppb_public_key_parse", c_status, [ctypes.c_int32, ctypes.c_char_p, _vp]),
    ("ppb_reject_reason_name", ctypes.c_char_p, [ctypes.c_int32]),
    ("ppb_election_id_of", c_status, [ctypes.c_char_p, ctypes.c_size_t, _vp]),
    ("ppb_ballot_sign", c_status, [_vp, _u8p, ctypes.c_uint32, ctypes.c_uint64, ctypes.c_int32,
                                   _p(ctypes.c_uint16), _p(ctypes.c_uint32), ctypes.c_size_t, _p(_vp),
                                   _p(ctypes.c_size_t)]),
    ("ppb_ballot_id", c_status, [_u8p, ctypes.c_size_t, _vp]),
    ("ppb_ballot_open", c_status, [_u8p, ctypes.c_size_t, _p(_vp), _p(_Verdict)]),
    ("ppb_ballot_free", None, [_vp]),
    ("ppb_ballot_election", c_status, [_vp, _vp]),
    ("ppb_ballot_unit", c_status, [_vp, _p(ctypes.c_uint32)]),
    ("ppb_ballot_credential", c_status, [_vp, _vp]),
    ("ppb_ballot_revision", c_status, [_vp, _p(ctypes.c_uint64)]),
    ("ppb_ballot_kind", c_status, [_vp, _p(ctypes.c_int32)]),
    ("ppb_ballot_count", c_status, [_vp, _p(ctypes.c_size_t)]),
    ("ppb_ballot_item", c_status, [_vp, ctypes.c_size_t, _p(ctypes.c_uint16), _p(ctypes.c_uint32)]),
    ("ppb_box_setup_new", c_status, [ctypes.c_char_p, ctypes.c_size_t, _p(_vp)]),
    ("ppb_box_setup_free", None, [_vp]),
    ("ppb_box_setup_election_id", c_status, [_vp, _vp]),
    ("ppb_box_setup_unit_count", c_status, [_vp, _p(ctypes.c_size_t)]),
    ("ppb_box_setup_unit", c_status, [_vp, ctypes.c_size_t, _p(ctypes.c_char_p)]),
    ("ppb_box_setup_set_ballot", c_status, [_vp, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]),
    ("ppb_box_setup_add_credential", c_status, [_vp, _u8p, ctypes.c_char_p]),
    ("ppb_box_setup_add_officer", c_status, [_vp, _u8p, ctypes.c_char_p]),
    ("ppb_box_setup_set_authority", c_status, [_vp, _u8p]),
    ("ppb_box_create", c_status, [ctypes.c_char_p, _vp, _p(_vp)]),
    ("ppb_box_open", c_status, [ctypes.c_char_p, _p(_vp)]),
    ("ppb_box_free", None, [_vp]),
    ("ppb_box_submit", c_status, [_vp, _u8p, ctypes.c_size_t, ctypes.c_int64, _p(_Verdict)]),
    ("ppb_box_revoke", c_status, [_vp, _u8p, ctypes.c_int64, _p(ctypes.c_int32)]),
    ("ppb_box_close", c_status, [_vp, _vp, ctypes.c_int64]),
    ("ppb_box_size", c_status, [_vp, _p(ctypes.c_uint64)]),
    ("ppb_box_root", c_status, [_vp, _vp]),
    ("ppb_box_counts", c_status, [_vp, _p(ctypes.c_uint64), _p(ctypes.c_uint64)]),
    ("ppb_box_is_closed", c_status, [_vp, _p(ctypes.c_int32)]),
    ("ppb_log_verify", c_status, [ctypes.c_char_p, _p(_LogReport)]),
    ("ppb_log_tally", c_status, [ctypes.c_char_p, _p(_vp), _p(ctypes.c_size_t)]),
    ("ppb_log_prove", c_status, [ctypes.c_char_p, _u8p, _p(_vp)]),
    ("ppb_proof_free", None, [_vp]),
    ("ppb_proof_position", c_status, [_vp, _p(ctypes.c_uint64), _p(ctypes.c_uint64)]),
    ("ppb_proof_leaf", c_status, [_vp, _vp]),
    ("ppb_proof_root", c_status, [_vp, _vp]),
    ("ppb_proof_path", c_status, [_vp, _p(_vp), _p(ctypes.c_size_t)]),
    ("ppb_merkle_verify_inclusion", c_status, [_u8p, ctypes.c_uint64, ctypes.c_uint64, _u8p, ctypes.c_size_t,
                                               _u8p, _p(ctypes.c_int32)]),
]

for _name, _restype, _argtypes in _SIGNATURES:
    _f = getattr(lib, _name)
    _f.restype = _restype
    _f.argtypes = _argtypes


def _role(role):
    if role not in ROLES:
        raise ValueError("role must be one of %s, not %r" % (", ".join(ROLES), role))
    return ROLES[role]


def _fixed(data, size, what):
    data = bytes(data)
    if len(data) != size:
        raise ValueError("%s must be %d bytes, not %d" % (what, size, len(data)))
    return data


def _digest(fn, *args):
    out = _out_bytes()
    check(fn(*args, out))
    return out.raw


def _utf8(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


def _seconds(at):
    """Unix seconds from an int, an aware datetime, or None (now)."""
    if at is None:
        return int(_datetime.datetime.now(_datetime.timezone.utc).timestamp())
    if isinstance(at, _datetime.datetime):
        if at.tzinfo is None:
            raise ValueError("at must be an aware datetime (UTC), not a naive one")
        return int(at.timestamp())
    return int(at)


def _take(raw, size):
    """Copies ppb-allocated memory and releases it with ppb_free."""
    try:
        return ctypes.string_at(raw.value, size.value)
    finally:
        lib.ppb_free(raw)


# ---- keys ------------------------------------------------------------------------------------

class KeyPair(_Handle):
    """An Ed25519 key pair of a role ("voter", "authority" or "officer"). The secret key stays in
    the library and is wiped when the key pair is closed. Use `VoterKey`, `AuthorityKey` or
    `OfficerKey`, whose constructors fix the role."""

    _free = staticmethod(lib.ppb_keypair_free)
    role = None  # set by the subclasses

    @classmethod
    def generate(cls):
        """A fresh random key pair."""
        out = _vp()
        check(lib.ppb_keypair_new(_role(cls.role), ctypes.byref(out)))
        return cls(out.value)

    @classmethod
    def from_seed(cls, seed):
        """The key pair derived from a 32-byte seed (deterministic: tests, known answers)."""
        seed = _fixed(seed, SEED_BYTES, "seed")
        out = _vp()
        check(lib.ppb_keypair_from_seed(_role(cls.role), seed, len(seed), ctypes.byref(out)))
        return cls(out.value)

    @classmethod
    def parse(cls, secret_text):
        """Reads the text form ``ppb-<role>-sk:HEX``; raises `ParseError` (code 141) for another
        role's key, a public key or bad hex."""
        out = _vp()
        check(lib.ppb_keypair_parse(_role(cls.role), _utf8(secret_text), ctypes.byref(out)))
        return cls(out.value)

    @property
    def public_key(self):
        """The public key (32 bytes)."""
        return _digest(lib.ppb_keypair_public_key, self._live())

    @property
    def public_text(self):
        """The public key's text form ``ppb-<role>-pk:HEX``."""
        return public_key_text(self.public_key, self.role)

    def secret_text(self):
        """The secret key's text form ``ppb-<role>-sk:HEX``. Treat it as a secret."""
        needed = ctypes.c_size_t()
        check(lib.ppb_keypair_secret_text(self._live(), None, 0, ctypes.byref(needed)))
        buf = ctypes.create_string_buffer(needed.value)
        check(lib.ppb_keypair_secret_text(self._live(), buf, needed.value, None))
        try:
            return buf.value.decode("ascii")
        finally:
            ctypes.memset(buf, 0, needed.value)


class VoterKey(KeyPair):
    """A voter's credential: signs ballots."""

    role = "voter"


class AuthorityKey(KeyPair):
    """The election authority's key: closes the box and signs its checkpoints."""

    role = "authority"


class OfficerKey(KeyPair):
    """A polling-point officer's key: signs batches of paper ballots."""

    role = "officer"


def public_key_text(key, role="voter"):
    """The text form ``ppb-<role>-pk:HEX`` of a 32-byte public key."""
    key = _fixed(key, PUBLICKEY_BYTES, "key")
    raw, size = _vp(), ctypes.c_size_t()
    check(lib.ppb_public_key_text(_role(role), key, len(key), ctypes.byref(raw), ctypes.byref(size)))
    return _take(raw, size).decode("ascii")


def parse_public_key(text_form, role="voter"):
    """The 32-byte public key of a text form ``ppb-<role>-pk:HEX`` of ``role``; raises `ParseError`
    (code 141) otherwise."""
    return _digest(lib.ppb_public_key_parse, _role(role), _utf8(text_form))


# ---- ballots ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """The answer for a ballot: accepted, or refused with a stable ``reason`` (a pinned number)
    and its ``reason_name`` ("bad_signature", "duplicate", ...). ``entry`` is the index of the log
    entry recording a box's decision and, with ``ballot_id``, the voter's receipt. True when
    accepted."""

    accepted: bool
    reason: int
    reason_name: str
    entry: int
    ballot_id: bytes

    def __bool__(self):
        return self.accepted

    @classmethod
    def _from(cls, v):
        return cls(bool(v.accepted), v.reason, reject_reason_name(v.reason) if not v.accepted else "",
                   v.entry, bytes(v.ballot_id))


def reject_reason_name(reason):
    """The stable name of a refusal reason ("duplicate"), or "unknown"."""
    return text(lib.ppb_reject_reason_name(int(reason)))


def election_id(definition):
    """The election id (32 bytes): SHA-256 over the definition's exact bytes (str or bytes)."""
    data = _utf8(definition)
    return _digest(lib.ppb_election_id_of, data, len(data))


def ballot_id(signed_ballot):
    """The id (32 bytes) of a signed ballot."""
    data = bytes(signed_ballot)
    return _digest(lib.ppb_ballot_id, data, len(data))


def sign_ballot(voter, election, unit, projects, points=None, kind=None, revision=1):
    """Encodes and signs a ballot; returns its bytes.

    ``election`` is the election id (32 bytes), ``unit`` the unit's index among the ballot units
    (`BoxSetup.units`), ``projects`` project indices of the unit's ballot. ``kind`` is "approval"
    (default), "points" (when ``points`` is given: one per project) or "ranking" (most preferred
    first). Approval and points ballots are put in canonical order here. Raises
    `InvalidArgumentError` for a ballot without a canonical form or a key that is not a voter's.
    """
    if kind is None:
        kind = "points" if points is not None else "approval"
    if kind not in PAYLOADS:
        raise ValueError("kind must be one of %s, not %r" % (", ".join(PAYLOADS), kind))
    items = [int(p) for p in projects]
    pts = None
    if kind == "points":
        pts = [int(n) for n in points]
        if len(pts) != len(items):
            raise ValueError("points needs one value per project")
        pairs = sorted(zip(items, pts))
        items, pts = [p for p, _ in pairs], [n for _, n in pairs]
    elif kind == "approval":
        items = sorted(items)
    if not isinstance(voter, KeyPair):
        raise TypeError("voter must be a VoterKey")
    c_items = (ctypes.c_uint16 * len(items))(*items)
    c_points = (ctypes.c_uint32 * len(pts))(*pts) if pts is not None else None
    election = _fixed(election, HASH_BYTES, "election id")
    raw, size = _vp(), ctypes.c_size_t()
    check(lib.ppb_ballot_sign(voter._live(), election, int(unit), int(revision), PAYLOADS[kind], c_items, c_points,
                              len(items), ctypes.byref(raw), ctypes.byref(size)))
    return _take(raw, size)


@dataclass(frozen=True)
class Ballot:
    """A signed ballot that verified and parsed: ``kind`` "approval", "points" or "ranking";
    ``projects`` indices into the unit's ballot; ``points`` one per project for "points", else
    None."""

    election_id: bytes
    unit: int
    credential: bytes
    revision: int
    kind: str
    projects: tuple
    points: tuple
    ballot_id: bytes


def open_ballot(signed_ballot):
    """Verifies a signed ballot's signature, then parses it strictly. Returns ``(verdict,
    ballot)``: ``ballot`` is a `Ballot` when the verdict accepts, else None (e.g. reason
    "bad_signature" for a forged one). It does not check the ballot against an election."""
    data = bytes(signed_ballot)
    v, h = _Verdict(), _vp()
    check(lib.ppb_ballot_open(data, len(data), ctypes.byref(h), ctypes.byref(v)))
    verdict = Verdict._from(v)
    if not h.value:
        return verdict, None
    try:
        def get(fn, ctype):
            x = ctype()
            check(fn(h, ctypes.byref(x)))
            return x.value

        kind = {n: k for k, n in PAYLOADS.items()}[get(lib.ppb_ballot_kind, ctypes.c_int32)]
        projects, points = [], []
        for i in range(get(lib.ppb_ballot_count, ctypes.c_size_t)):
            p, n = ctypes.c_uint16(), ctypes.c_uint32()
            check(lib.ppb_ballot_item(h, i, ctypes.byref(p), ctypes.byref(n)))
            projects.append(p.value)
            points.append(n.value)
        ballot = Ballot(_digest(lib.ppb_ballot_election, h), get(lib.ppb_ballot_unit, ctypes.c_uint32),
                        _digest(lib.ppb_ballot_credential, h), get(lib.ppb_ballot_revision, ctypes.c_uint64),
                        kind, tuple(projects), tuple(points) if kind == "points" else None, verdict.ballot_id)
    finally:
        lib.ppb_ballot_free(h)
    return verdict, ballot


# ---- box -------------------------------------------------------------------------------------

class BoxSetup(_Handle):
    """What a ballot box is created with: the election definition (its exact bytes give the
    election id), each ballot unit's ballot (``.pb`` text), the voters' credentials, the officers
    and the authority's public key."""

    _free = staticmethod(lib.ppb_box_setup_free)

    def __init__(self, definition):
        """``definition``: the election definition JSON (str or bytes, exactly as published).
        Raises `ParseError` for JSON that is not a valid election."""
        data = _utf8(definition)
        out = _vp()
        check(lib.ppb_box_setup_new(data, len(data), ctypes.byref(out)))
        super().__init__(out.value)

    @property
    def election_id(self):
        return _digest(lib.ppb_box_setup_election_id, self._live())

    @property
    def units(self):
        """The ballot units' ids; a ballot's ``unit`` is an index into this list."""
        n = ctypes.c_size_t()
        check(lib.ppb_box_setup_unit_count(self._live(), ctypes.byref(n)))
        out = []
        for i in range(n.value):
            raw = ctypes.c_char_p()
            check(lib.ppb_box_setup_unit(self._live(), i, ctypes.byref(raw)))
            out.append(text(raw.value))
        return out

    def set_ballot(self, unit, pb_text):
        """Sets the ballot (``.pb`` text; VOTES may be empty) of ballot unit ``unit``."""
        data = _utf8(pb_text)
        check(lib.ppb_box_setup_set_ballot(self._live(), _utf8(unit), data, len(data)))

    def add_credential(self, key, unit):
        """Lets the holder of public ``key`` (32 bytes) vote; they live in ``unit``."""
        check(lib.ppb_box_setup_add_credential(self._live(), _fixed(key, PUBLICKEY_BYTES, "key"), _utf8(unit)))

    def add_officer(self, key, unit):
        """Adds a polling-point officer's public key serving ``unit``."""
        check(lib.ppb_box_setup_add_officer(self._live(), _fixed(key, PUBLICKEY_BYTES, "key"), _utf8(unit)))

    def set_authority(self, key):
        """Sets the election authority's public key."""
        check(lib.ppb_box_setup_set_authority(self._live(), _fixed(key, PUBLICKEY_BYTES, "key")))


class BallotBox(_Handle):
    """An open ballot box over its log file. A context manager: leaving the ``with`` block (or
    `release`) frees the handle; `close` closes the *voting* as ``ppb box close`` does.

    `submit` returns a `Verdict`: a refused ballot (forged, replayed, unknown credential, outside
    the voting window, ...) is an answer, not an exception."""

    _free = staticmethod(lib.ppb_box_free)

    def __init__(self, handle, path):
        super().__init__(handle)
        self.path = os.fspath(path)

    @classmethod
    def create(cls, path, setup):
        """Creates a new log at ``path`` from a `BoxSetup`. Raises `IoError` if the file exists,
        `InvalidArgumentError` for a setup the box refuses (a unit without a ballot, a bad
        credential key)."""
        out = _vp()
        check(lib.ppb_box_create(os.fsencode(path), setup._live(), ctypes.byref(out)))
        return cls(out.value, path)

    @classmethod
    def open(cls, path):
        """Opens an existing log (after a stop or a crash: a torn last entry is cut)."""
        out = _vp()
        check(lib.ppb_box_open(os.fsencode(path), ctypes.byref(out)))
        return cls(out.value, path)

    def release(self):
        """Frees the handle (the log stays on disk). Safe to call twice."""
        _Handle.close(self)

    def __exit__(self, *exc):
        self.release()
        return False

    def __del__(self):
        try:
            self.release()
        except Exception:
            pass

    def submit(self, signed, at=None):
        """Submits a signed ballot (or paper batch) at time ``at`` (Unix seconds or an aware
        datetime; default now). Returns the `Verdict` once the decision is durable."""
        data = bytes(signed)
        v = _Verdict()
        check(lib.ppb_box_submit(self._live(), data, len(data), _seconds(at), ctypes.byref(v)))
        return Verdict._from(v)

    def revoke(self, key, at=None):
        """Revokes a credential from ``at`` on; False if it is not listed or already revoked."""
        done = ctypes.c_int32()
        check(lib.ppb_box_revoke(self._live(), _fixed(key, PUBLICKEY_BYTES, "key"), _seconds(at),
                                 ctypes.byref(done)))
        return bool(done.value)

    def close(self, authority, at=None):
        """Closes the voting with the `AuthorityKey`: logs the close, the tally of every unit as
        the result, and signed checkpoints. Raises `MisuseError` if already closed,
        `InvalidArgumentError` for a key that is not the setup's authority."""
        if not isinstance(authority, KeyPair):
            raise TypeError("authority must be an AuthorityKey")
        check(lib.ppb_box_close(self._live(), authority._live(), _seconds(at)))

    def prove(self, ballot):
        """The inclusion `Proof` of an accepted ballot (its id, or its signed bytes), or None."""
        bid = bytes(ballot)
        return prove(self.path, bid if len(bid) == HASH_BYTES else ballot_id(bid))

    def _u64(self, fn):
        x = ctypes.c_uint64()
        check(fn(self._live(), ctypes.byref(x)))
        return x.value

    @property
    def size(self):
        """Entries in the log."""
        return self._u64(lib.ppb_box_size)

    @property
    def root(self):
        """The log's Merkle root (32 bytes)."""
        return _digest(lib.ppb_box_root, self._live())

    @property
    def counts(self):
        """``(accepted, rejected)`` submissions so far."""
        a, r = ctypes.c_uint64(), ctypes.c_uint64()
        check(lib.ppb_box_counts(self._live(), ctypes.byref(a), ctypes.byref(r)))
        return a.value, r.value

    @property
    def is_closed(self):
        x = ctypes.c_int32()
        check(lib.ppb_box_is_closed(self._live(), ctypes.byref(x)))
        return bool(x.value)

    @property
    def closed(self):
        """Whether the handle was released (as for every ppb object); see `is_closed` for the
        voting."""
        return self._h is None


# ---- log -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogReport:
    """What re-checking a log found. ``verified`` is True when ``ppb log verify`` would pass."""

    entries: int
    accepted: int
    rejected: int
    paper_ballots: int
    checkpoints: int
    torn_bytes: int
    closed: bool
    verified: bool
    root: bytes


def verify_log(path):
    """Replays the log at ``path`` from its bytes alone, re-deciding every verdict, as ``ppb log
    verify`` does. Returns a `LogReport`; raises `ParseError` (code 152) naming the first entry
    that does not hold, `IoError` if it cannot be read."""
    r = _LogReport()
    check(lib.ppb_log_verify(os.fsencode(path), ctypes.byref(r)))
    return LogReport(r.entries, r.accepted, r.rejected, r.paper_ballots, r.checkpoints, r.torn_bytes,
                     bool(r.closed), bool(r.verified), bytes(r.root))


def tally_log_json(path):
    """The tally of the log's counted ballots as JSON text: the same bytes as ``ppb log tally
    --json`` without its final newline."""
    raw, size = _vp(), ctypes.c_size_t()
    check(lib.ppb_log_tally(os.fsencode(path), ctypes.byref(raw), ctypes.byref(size)))
    return _take(raw, size).decode("utf-8")


def tally_log(path):
    """`tally_log_json` as a dict: ``{"election", "units": [{"unit", "ballots", "outcome"}]}``."""
    return _json.loads(tally_log_json(path))


@dataclass(frozen=True)
class Proof:
    """An RFC 6962 inclusion proof: the leaf hash at ``index`` in the tree of ``tree_size``
    entries with root ``root``, and the ``path`` of hashes from the leaf up."""

    index: int
    tree_size: int
    leaf: bytes
    root: bytes
    path: tuple

    def verify(self, root=None):
        """Whether the proof holds (against ``root``, by default its own)."""
        return verify_inclusion(self.leaf, self.index, self.tree_size, self.path,
                                self.root if root is None else root)


def prove(path, ballot_id_):
    """The inclusion `Proof` of the accepted ballot with id ``ballot_id_`` in the log at ``path``,
    or None if the log holds no such ballot."""
    bid = _fixed(ballot_id_, HASH_BYTES, "ballot id")
    h = _vp()
    check(lib.ppb_log_prove(os.fsencode(path), bid, ctypes.byref(h)))
    if not h.value:
        return None
    try:
        index, size = ctypes.c_uint64(), ctypes.c_uint64()
        check(lib.ppb_proof_position(h, ctypes.byref(index), ctypes.byref(size)))
        hashes, count = _vp(), ctypes.c_size_t()
        check(lib.ppb_proof_path(h, ctypes.byref(hashes), ctypes.byref(count)))
        flat = ctypes.string_at(hashes.value, count.value * HASH_BYTES) if count.value else b""
        return Proof(index.value, size.value, _digest(lib.ppb_proof_leaf, h), _digest(lib.ppb_proof_root, h),
                     tuple(flat[i:i + HASH_BYTES] for i in range(0, len(flat), HASH_BYTES)))
    finally:
        lib.ppb_proof_free(h)


def verify_inclusion(leaf, index, tree_size, path, root):
    """Checks an inclusion proof with only hashes (RFC 9162), as a voter's app does."""
    flat = b"".join(_fixed(p, HASH_BYTES, "path hash") for p in path)
    ok = ctypes.c_int32()
    check(lib.ppb_merkle_verify_inclusion(_fixed(leaf, HASH_BYTES, "leaf"), int(index), int(tree_size),
                                          flat if flat else None, len(path), _fixed(root, HASH_BYTES, "root"),
                                          ctypes.byref(ok)))
    return bool(ok.value)
