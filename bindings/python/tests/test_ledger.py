"""Keys, signed ballots, the ballot box and its log through the ppb Python package: a whole district
vote driven from Python, compared with what the `ppb` command line reads from the same log.

Run by CTest with PPB_C_LIBRARY, PPB_CLI and PPB_TEST_DATA in the environment (see test_ppb.py).
"""

import os
import tempfile
import unittest

import ppb

from ppb_cli import CLI, run as run_cli

ELECTION = """{
  "format": "ppb/election/v1",
  "cycle": "almaly-2026",
  "title": {"kk": "Алмалы", "ru": "Алмалы", "en": "Almaly"},
  "country": "Kazakhstan", "currency": "KZT", "money_places": 0, "utc_offset": "+05:00",
  "units": [
    {"id": "almaty", "kind": "city", "name": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}},
    {"id": "almaly", "kind": "district", "parent": "almaty",
     "name": {"kk": "Алмалы", "ru": "Алмалы", "en": "Almaly"}, "budget": 100}
  ],
  "phases": [
    {"phase": "submission", "begin": "2026-02-01T00:00:00Z", "end": "2026-03-01T00:00:00Z"},
    {"phase": "voting", "begin": "2026-04-15T00:00:00Z", "end": "2026-05-01T00:00:00Z"}
  ],
  "proposals": {"categories": ["roads"], "min_cost": 1, "max_cost": 100, "max_per_author": 1,
    "required_fields": [], "max_revisions": 1,
    "review": {"council": [], "quorum": 1, "decision_rule": "majority"}},
  "ballot": {"vote_type": "approval", "min_length": 1, "max_length": 2},
  "eligibility": {"min_age": 18, "residence": "own_unit"},
  "revote": "latest", "credentials": "pseudonymous",
  "tally": {"rule": "greedy", "satisfaction": "points", "tie_break": "default"}
}
"""

BALLOT = ("META\nkey;value\ndescription;Almaly\ncurrency;KZT\nbudget;100\nvote_type;approval\n"
          "PROJECTS\nproject_id;cost;name\nP1;60;Park\nP2;50;Library\nP3;30;Bench\n"
          "VOTES\nvoter_id;vote\n")

VOTING_DAY = 1776675600  # 2026-04-20T09:00:00Z
CLOSING = 1777593600     # 2026-05-01T00:00:00Z

# RFC 8032, test 1.
RFC_SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
RFC_PUBLIC = "ppb-voter-pk:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"


def seed(n):
    return bytes([n]) * 32


class KeysTest(unittest.TestCase):
    def test_known_answer_and_text_forms_both_ways(self):
        with ppb.VoterKey.from_seed(RFC_SEED) as k:
            self.assertEqual(k.role, "voter")
            self.assertEqual(k.public_text, RFC_PUBLIC)
            self.assertEqual(k.secret_text(), "ppb-voter-sk:" + RFC_SEED.hex())
            self.assertEqual(ppb.parse_public_key(RFC_PUBLIC), k.public_key)
            self.assertEqual(ppb.public_key_text(k.public_key, "voter"), RFC_PUBLIC)
            with ppb.VoterKey.parse(k.secret_text()) as again:
                self.assertEqual(again.public_key, k.public_key)

    def test_random_keys_differ_and_keep_their_role(self):
        with ppb.OfficerKey.generate() as a, ppb.OfficerKey.generate() as b:
            self.assertNotEqual(a.public_key, b.public_key)
            self.assertTrue(a.public_text.startswith("ppb-officer-pk:"))
            self.assertTrue(a.secret_text().startswith("ppb-officer-sk:"))

    def test_bad_key_text_is_a_parse_error_with_code_141(self):
        secret = "ppb-voter-sk:" + RFC_SEED.hex()
        for call in (lambda: ppb.AuthorityKey.parse(secret),          # another role
                     lambda: ppb.VoterKey.parse(RFC_PUBLIC),          # the public half
                     lambda: ppb.VoterKey.parse("ppb-voter-sk:zz"),   # bad hex
                     lambda: ppb.parse_public_key(RFC_PUBLIC, "officer"),
                     lambda: ppb.parse_public_key(secret)):
            with self.assertRaises(ppb.ParseError) as cm:
                call()
            self.assertEqual(cm.exception.code, 141)

    def test_wrong_sizes_and_roles_are_refused(self):
        with self.assertRaises(ValueError):
            ppb.VoterKey.from_seed(b"short")
        with self.assertRaises(ValueError):
            ppb.public_key_text(b"\0" * 32, "mayor")

    def test_a_closed_key_is_refused(self):
        k = ppb.VoterKey.generate()
        k.close()
        with self.assertRaises(ppb.MisuseError):
            k.public_key


class BallotTest(unittest.TestCase):
    def setUp(self):
        self.voter = ppb.VoterKey.from_seed(seed(1))
        self.election = ppb.election_id(ELECTION)

    def tearDown(self):
        self.voter.close()

    def test_sign_and_open_each_kind(self):
        signed = ppb.sign_ballot(self.voter, self.election, 0, [2, 0])  # put in order here
        verdict, ballot = ppb.open_ballot(signed)
        self.assertTrue(verdict)
        self.assertEqual(verdict.reason, 0)
        self.assertEqual(verdict.ballot_id, ppb.ballot_id(signed))
        self.assertEqual(ballot.kind, "approval")
        self.assertEqual(ballot.projects, (0, 2))
        self.assertIsNone(ballot.points)
        self.assertEqual(ballot.election_id, self.election)
        self.assertEqual(ballot.credential, self.voter.public_key)
        self.assertEqual((ballot.unit, ballot.revision), (0, 1))

        _, ballot = ppb.open_ballot(ppb.sign_ballot(self.voter, self.election, 1, [2, 0], points=[5, 3], revision=4))
        self.assertEqual((ballot.kind, ballot.projects, ballot.points), ("points", (0, 2), (3, 5)))
        self.assertEqual((ballot.unit, ballot.revision), (1, 4))
        _, ballot = ppb.open_ballot(ppb.sign_ballot(self.voter, self.election, 0, [2, 0, 1], kind="ranking"))
        self.assertEqual((ballot.kind, ballot.projects), ("ranking", (2, 0, 1)))

    def test_a_forged_ballot_is_a_verdict_not_an_exception(self):
        signed = bytearray(ppb.sign_ballot(self.voter, self.election, 0, [1]))
        signed[-1] ^= 1
        verdict, ballot = ppb.open_ballot(bytes(signed))
        self.assertFalse(verdict)
        self.assertIsNone(ballot)
        self.assertEqual((verdict.reason, verdict.reason_name), (3, "bad_signature"))
        verdict, _ = ppb.open_ballot(b"short")
        self.assertEqual(verdict.reason_name, "too_short")

    def test_ballots_without_a_canonical_form_are_refused(self):
        with self.assertRaises(ppb.InvalidArgumentError):
            ppb.sign_ballot(self.voter, self.election, 0, [1, 1])
        with self.assertRaises(ppb.InvalidArgumentError):
            ppb.sign_ballot(self.voter, self.election, 0, [0, 1], points=[1, 0])
        with ppb.AuthorityKey.generate() as authority, self.assertRaises(ppb.InvalidArgumentError) as cm:
            ppb.sign_ballot(authority, self.election, 0, [1])
        self.assertIn("voter's key", cm.exception.message)
        with self.assertRaises(ValueError):
            ppb.sign_ballot(self.voter, b"\0" * 31, 0, [1])


class DistrictVoteTest(unittest.TestCase):
    """A whole district vote: credentials, box, ballots (one forged, one replayed), close, verify,
    prove, tally — and the same tally through `ppb log tally --json`."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.log = os.path.join(self.tmp.name, "ballots.log")

    def tearDown(self):
        self.tmp.cleanup()

    def test_district_vote(self):
        voters = [ppb.VoterKey.from_seed(seed(n)) for n in range(1, 8)]
        authority = ppb.AuthorityKey.from_seed(seed(100))
        with ppb.BoxSetup(ELECTION) as setup:
            self.assertEqual(setup.units, ["almaly"])
            self.assertEqual(setup.election_id, ppb.election_id(ELECTION))
            setup.set_ballot("almaly", BALLOT)
            for v in voters[:6]:  # the 7th voter holds no credential
                setup.add_credential(v.public_key, "almaly")
            setup.set_authority(authority.public_key)
            election = setup.election_id
            with ppb.BallotBox.create(self.log, setup) as box:
                start = box.size
                choices = [[0], [0, 2], [1], [1, 2], [0, 2], [2]]
                ballots = [ppb.sign_ballot(v, election, 0, c) for v, c in zip(voters, choices)]
                receipts = []
                for b in ballots[:5]:
                    verdict = box.submit(b, VOTING_DAY)
                    self.assertTrue(verdict, verdict)
                    receipts.append(verdict)
                self.assertEqual([r.entry for r in receipts], list(range(start, start + 5)))

                # Forged: the 6th voter's ballot with one byte of its signature flipped.
                forged = bytearray(ballots[5])
                forged[-3] ^= 0x10
                verdict = box.submit(bytes(forged), VOTING_DAY)
                self.assertFalse(verdict)
                self.assertEqual((verdict.reason, verdict.reason_name), (3, "bad_signature"))
                # Replayed: the first ballot again.
                verdict = box.submit(ballots[0], VOTING_DAY)
                self.assertEqual((verdict.accepted, verdict.reason_name), (False, "duplicate"))
                self.assertEqual(verdict.ballot_id, receipts[0].ballot_id)
                # No credential; before the voting opens.
                verdict = box.submit(ppb.sign_ballot(voters[6], election, 0, [0]), VOTING_DAY)
                self.assertEqual(verdict.reason_name, "unknown_credential")
                self.assertEqual(box.submit(ballots[5], VOTING_DAY - 10 * 86400).reason_name, "voting_not_open")
                # Revoked.
                self.assertTrue(box.revoke(voters[5].public_key, VOTING_DAY))
                self.assertFalse(box.revoke(voters[5].public_key, VOTING_DAY))
                self.assertEqual(box.submit(ballots[5], VOTING_DAY).reason_name, "revoked_credential")
                self.assertEqual(box.counts, (5, 5))

                with self.assertRaises(ppb.InvalidArgumentError):
                    with ppb.AuthorityKey.from_seed(seed(101)) as other:
                        box.close(other, CLOSING)
                self.assertFalse(box.is_closed)
                box.close(authority, CLOSING)
                self.assertTrue(box.is_closed)
                with self.assertRaises(ppb.MisuseError) as cm:
                    box.close(authority, CLOSING)
                self.assertEqual(cm.exception.code, 153)
                self.assertEqual(box.submit(ballots[5], VOTING_DAY).reason_name, "box_closed")
                root, size = box.root, box.size

                proof = box.prove(ballots[1])
                self.assertIsNotNone(proof)
                self.assertEqual((proof.index, proof.tree_size, proof.root), (receipts[1].entry, size, root))
                self.assertTrue(proof.verify())
                self.assertFalse(proof.verify(root=bytes(32)))
                self.assertFalse(ppb.verify_inclusion(proof.leaf, proof.index + 1, proof.tree_size, proof.path,
                                                      proof.root))
                self.assertIsNone(box.prove(forged))  # refused ballots are not in the tree
            self.assertTrue(box.closed)
            with self.assertRaises(ppb.MisuseError):
                box.submit(ballots[0], VOTING_DAY)
        for k in voters + [authority]:
            k.close()

        # Reopened: the same log.
        with ppb.BallotBox.open(self.log) as again:
            self.assertEqual((again.root, again.size, again.counts, again.is_closed), (root, size, (5, 6), True))

        report = ppb.verify_log(self.log)
        self.assertTrue(report.verified)
        self.assertEqual((report.entries, report.accepted, report.rejected, report.closed, report.root),
                         (size, 5, 6, True, root))
        self.assertEqual(report.checkpoints, 2)

        result = ppb.tally_log(self.log)
        self.assertEqual(result["election"], election.hex())
        unit = result["units"][0]
        self.assertEqual((unit["unit"], unit["ballots"]), ("almaly", 5))
        funded = [p["id"] for p in unit["outcome"]["projects"] if p["status"] == "funded"]
        self.assertEqual(funded, ["P1", "P3"])  # P1 3 votes, P3 3 votes, P2 2 votes: 60 + 30 <= 100

        if not CLI:  # reported as skipped, so that a run without the CLI does not pass silently
            self.skipTest("PPB_CLI (the built `ppb`) is not set: not compared with `ppb log tally`")
        if CLI:
            out = run_cli("log", "tally", self.log, "--json", check=True)
            self.assertEqual(out.stdout, ppb.tally_log_json(self.log) + "\n")
            verify = run_cli("log", "verify", self.log)
            self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
            self.assertIn(root.hex(), verify.stdout)

    def test_damaged_and_missing_logs_are_errors(self):
        with self.assertRaises(ppb.IoError):
            ppb.verify_log(os.path.join(self.tmp.name, "missing.log"))
        with ppb.BoxSetup(ELECTION) as setup, ppb.AuthorityKey.generate() as authority:
            setup.set_ballot("almaly", BALLOT)
            setup.set_authority(authority.public_key)
            with ppb.BallotBox.create(self.log, setup):
                pass
            with self.assertRaises(ppb.IoError):  # the log exists
                ppb.BallotBox.create(self.log, setup)
        with open(self.log, "rb") as f:
            data = bytearray(f.read())
        data[len(data) // 2] ^= 0x20
        damaged = os.path.join(self.tmp.name, "damaged.log")
        with open(damaged, "wb") as f:
            f.write(bytes(data))
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.verify_log(damaged)
        self.assertEqual(cm.exception.code, 152)
        with self.assertRaises(ppb.ParseError):
            ppb.tally_log(damaged)
        with self.assertRaises(ppb.ParseError):
            ppb.BallotBox.open(damaged)

    def test_setup_errors(self):
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.BoxSetup("{")
        self.assertEqual(cm.exception.code, 120)
        with ppb.BoxSetup(ELECTION) as setup:
            with self.assertRaises(ppb.InvalidArgumentError):
                setup.set_ballot("almaty", BALLOT)  # the city has no budget: not a ballot unit
            with self.assertRaises(ppb.InvalidArgumentError):
                ppb.BallotBox.create(self.log, setup)  # almaly has no ballot yet
            self.assertFalse(os.path.exists(self.log))


if __name__ == "__main__":
    unittest.main()
