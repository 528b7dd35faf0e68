"""ppb: participatory budgeting from proposal to verifiable result — Python bindings.

A thin, standard-library-only (ctypes) layer over libppb-c, the C ABI of the ppb C++ library::

    import ppb

    with ppb.Election.load("Poland_Czestochowa_2024_Bleszno.pb") as election:
        with election.tally(rule="greedy", tie_break="file-order") as outcome:
            for project in outcome.selected:
                print(project.id, project.name, project.cost)
            result = outcome.to_dict()      # the same JSON as `ppb tally --json`

Election definitions, proposals and eligibility (module ``ppb.definition``)::

    with ppb.Definition.load("election.json") as d, ppb.Roll.load("roll.csv", d) as roll:
        verdict = roll.check("850314301011", d, "kosshy-center", "2026-04-20T10:00:00Z")
        print(verdict.eligible, verdict.reasons)
    print(ppb.iin_check("850314301011"))     # 850314301011 valid 1985-03-14 male

Errors are `ppb.Error` subclasses carrying ``status``, ``code`` and ``message``. Money is exact:
integers in the election's smallest unit (10^-money_places).

Set ``PPB_C_LIBRARY`` to the path of libppb-c.so to use a library outside the usual places.
"""

from . import _native
from .definition import (Definition, DefinitionProblem, EligibilityProblem, EligibilityVerdict, IinCheck,
                         ProposalProblem, ProposalRegistry, ProposalVerdict, Roll, RollError, Unit, iin_check)
from .election import Election, Outcome, Project, ProjectResult, rule_names
from .ledger import (AuthorityKey, BallotBox, Ballot, BoxSetup, KeyPair, LogReport, OfficerKey, Proof, Verdict,
                     VoterKey, ballot_id, election_id, open_ballot, parse_public_key, prove, public_key_text,
                     reject_reason_name, sign_ballot, tally_log, tally_log_json, verify_inclusion, verify_log)
from .errors import (CryptoInitError, Error, InternalError, InvalidArgumentError, IoError, MisuseError,
                     NoMemoryError, ParseError)

__all__ = ["Election", "Outcome", "Project", "ProjectResult", "rule_names", "version", "version_number",
           "Definition", "DefinitionProblem", "Unit", "ProposalRegistry", "ProposalVerdict", "ProposalProblem",
           "iin_check", "IinCheck", "Roll", "RollError", "EligibilityVerdict", "EligibilityProblem",
           "init", "sizes", "Error", "InvalidArgumentError", "MisuseError", "ParseError", "IoError",
           "NoMemoryError", "CryptoInitError", "InternalError",
           "KeyPair", "VoterKey", "AuthorityKey", "OfficerKey", "public_key_text", "parse_public_key",
           "Verdict", "Ballot", "election_id", "ballot_id", "sign_ballot", "open_ballot", "reject_reason_name",
           "BoxSetup", "BallotBox", "LogReport", "Proof", "verify_log", "tally_log", "tally_log_json", "prove",
           "verify_inclusion"]


def version():
    """The library's version ("0.1.0")."""
    return _native.text(_native.lib.ppb_version_string())


def version_number():
    """The library's version as major·10⁴ + minor·10² + patch."""
    return _native.lib.ppb_version_number()


def init():
    """Initialises the library and its cryptography (libsodium). Returns True the first time,
    False when already done; raises `CryptoInitError` on failure."""
    r = _native.lib.ppb_init()
    if r < 0:
        _native.check(6)
    return r == 0


def sizes():
    """ppb.h's size constants, from the library: money_places_max, publickey_bytes,
    signature_bytes, hash_bytes."""
    lib = _native.lib
    return {"money_places_max": lib.ppb_money_places_max(), "publickey_bytes": lib.ppb_publickey_bytes(),
            "signature_bytes": lib.ppb_signature_bytes(), "hash_bytes": lib.ppb_hash_bytes(),
            "seed_bytes": lib.ppb_seed_bytes()}


__version__ = version()
