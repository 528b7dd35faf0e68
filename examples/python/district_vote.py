#!/usr/bin/env python3
"""A district vote end to end through ppb's Python module, like `ppb demo district` (without its
crash): the Almaly district of Almaty (12 projects, approval of 1 to 5), N voters with
pseudonymous credentials, signed ballots into the ballot box, a forged and a replayed ballot
refused, the box closed, the log re-verified, a voter's ballot proven to be in it, and the tally.

usage: district_vote.py [VOTERS] [OUT_DIR]     (PYTHONPATH=bindings/python, or the installed package)

VOTERS defaults to 300; the log is written to OUT_DIR/ballots.log (default: a temporary folder).
Deterministic: keys and choices come from a fixed seed (ballot nonces are random).
"""
import datetime
import hashlib
import os
import random
import sys
import tempfile

import ppb

ELECTION = """{
  "format": "ppb/election/v1",
  "cycle": "almaly-2026",
  "title": {"kk": "Алмалы ауданының халық қатысатын бюджеті 2026",
            "ru": "Бюджет народного участия Алмалинского района 2026",
            "en": "Almaly district People's Participation Budget 2026"},
  "country": "Kazakhstan",
  "currency": "KZT",
  "money_places": 0,
  "utc_offset": "+05:00",
  "units": [
    {"id": "almaty", "kind": "city", "name": {"kk": "Алматы қаласы", "ru": "город Алматы", "en": "Almaty"}},
    {"id": "almaly", "kind": "district", "parent": "almaty",
     "name": {"kk": "Алмалы ауданы", "ru": "Алмалинский район", "en": "Almaly district"}, "budget": 300000000}
  ],
  "phases": [
    {"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
    {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}
  ],
  "proposals": {
    "categories": ["improvement", "lighting", "playgrounds", "sport", "greening", "roads"],
    "min_cost": 1000000, "max_cost": 100000000, "max_per_author": 1,
    "required_fields": [], "max_revisions": 1,
    "review": {"council": [], "quorum": 1, "decision_rule": "majority"}
  },
  "ballot": {"vote_type": "approval", "min_length": 1, "max_length": 5},
  "eligibility": {"min_age": 18, "residence": "own_unit"},
  "revote": "latest",
  "credentials": "pseudonymous",
  "tally": {"rule": "greedy", "satisfaction": "points", "tie_break": "default"}
}
"""

PROJECTS = [
    ("AL-01", "Благоустройство сквера на Толе би", 48000000),
    ("AL-02", "Детская площадка во дворе Жамбыла 114", 22000000),
    ("AL-03", "Освещение улицы Карасай батыра", 35000000),
    ("AL-04", "Тротуар по улице Абылай хана", 61000000),
    ("AL-05", "Спортивная площадка у школы №35", 27000000),
    ("AL-06", "Озеленение бульвара Бухар жырау", 18000000),
    ("AL-07", "Велодорожка по Шевченко", 74000000),
    ("AL-08", "Пандусы у поликлиники №4", 9000000),
    ("AL-09", "Реконструкция фонтана у ТЮЗа", 55000000),
    ("AL-10", "Скамейки и урны на Кабанбай батыра", 6000000),
    ("AL-11", "Площадка для выгула собак", 12000000),
    ("AL-12", "Ремонт арыков по Гоголя", 40000000),
]
POPULARITY = [30, 22, 17, 12, 10, 8, 6, 5, 4, 3, 2, 1]

VOTING_DAY = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=datetime.timezone.utc)
CLOSING = datetime.datetime(2026, 5, 1, 0, 0, tzinfo=datetime.timezone.utc)
SEED = 2026


def ballot_pb():
    """The district's ballot as a pabulib file without votes."""
    rows = "".join("%s;%d;%s\n" % (pid, cost, name) for pid, name, cost in PROJECTS)
    return ("META\nkey;value\ndescription;Almaly district People's Participation Budget 2026\n"
            "country;Kazakhstan\nunit;Almaty\nsubunit;Almaly district\ninstance;almaly-2026\ncurrency;KZT\n"
            "budget;300000000\nvote_type;approval\nmin_length;1\nmax_length;5\nrule;greedy\n"
            "PROJECTS\nproject_id;cost;name\n" + rows + "VOTES\nvoter_id;vote\n")


def voter_key(i):
    """Voter i's credential, derived from the seed so that a run can be repeated."""
    return ppb.VoterKey.from_seed(hashlib.sha256(b"ppb-demo-voter%d:%d" % (SEED, i)).digest())


def run(voters, out_dir):
    log = os.path.join(out_dir, "ballots.log")
    authority = ppb.AuthorityKey.generate()
    keys = [voter_key(i) for i in range(voters)]
    rng = random.Random(SEED)

    # 1. The election, its ballot, the credentials and the authority.
    with ppb.BoxSetup(ELECTION) as setup:
        setup.set_ballot("almaly", ballot_pb())
        for k in keys:
            setup.add_credential(k.public_key, "almaly")
        setup.set_authority(authority.public_key)
        election = setup.election_id
        unit = setup.units.index("almaly")
        print("election %s: %d voters, %d projects, budget 300 000 000 KZT" % (election.hex()[:16], voters,
                                                                               len(PROJECTS)))

        # 2. The voters' side: each approves 1-5 projects, a few much more popular than the rest.
        ballots = []
        for k in keys:
            picks = set()
            want = rng.randint(1, 5)
            while len(picks) < want:
                picks.add(rng.choices(range(len(PROJECTS)), weights=POPULARITY)[0])
            ballots.append(ppb.sign_ballot(k, election, unit, sorted(picks)))

        # 3. The box: every ballot, then a forged and a replayed one.
        with ppb.BallotBox.create(log, setup) as box:
            receipts = [box.submit(b, VOTING_DAY) for b in ballots]
            refused = [r for r in receipts if not r]
            if refused:
                raise SystemExit("refused: %s" % [r.reason_name for r in refused])
            print("%d ballots accepted" % len(receipts))
            forged = bytearray(ballots[0])
            forged[-1] ^= 1
            for what, data in (("forged", bytes(forged)), ("replayed", ballots[1])):
                verdict = box.submit(data, VOTING_DAY)
                print("%s ballot: %s (reason %d, %s)" % (what, "accepted" if verdict else "refused", verdict.reason,
                                                         verdict.reason_name))
            # 4. Close: the tally is logged as the result, with checkpoints signed by the authority.
            box.close(authority, CLOSING)
            accepted, rejected = box.counts
            print("closed: %d accepted, %d refused; %d entries, root %s" % (accepted, rejected, box.size,
                                                                          box.root.hex()))
            # A voter checks their receipt: the inclusion proof of their ballot in the log.
            proof = box.prove(receipts[0].ballot_id)
            print("voter 0's ballot %s: entry %d of %d, proof of %d hashes %s" % (
                receipts[0].ballot_id.hex()[:16], proof.index, proof.tree_size, len(proof.path),
                "verifies" if proof.verify() else "DOES NOT VERIFY"))
    for k in keys + [authority]:
        k.close()

    # 5. Anyone re-checks the published log and re-tallies it.
    report = ppb.verify_log(log)
    print("log re-checked: %d entries, %d checkpoints, every verdict re-decided: %s" % (
        report.entries, report.checkpoints, "verified" if report.verified else "FAILED"))
    result = ppb.tally_log(log)
    for u in result["units"]:
        outcome = u["outcome"]
        print("\n%s: %d ballots, rule %s, spent %d of %d KZT" % (u["unit"], u["ballots"], outcome["rule"],
                                                                outcome["spent"], outcome["budget"]))
        for p in outcome["projects"]:
            print("  %-6s %-11s %5d votes %11d KZT  %s" % (p["id"], p["status"], p["votes"], p["cost"], p["name"]))
    print("\nverify it with: ppb log verify %s" % log)
    return 0 if report.verified else 1


def main():
    if len(sys.argv) > 3:
        print(next(l for l in __doc__.splitlines() if l.startswith("usage")), file=sys.stderr)
        return 2
    voters = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    try:
        if len(sys.argv) > 2:
            os.makedirs(sys.argv[2], exist_ok=True)
            return run(voters, sys.argv[2])
        with tempfile.TemporaryDirectory() as out_dir:
            return run(voters, out_dir)
    except ppb.Error as e:  # e.status, e.code, e.message
        print(e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
