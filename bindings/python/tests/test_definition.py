"""Election definitions, proposals and eligibility through the ppb Python package: the same answers
as the CLI (`ppb election validate`, `ppb iin check`, `ppb roll check|eligible`, `ppb proposals
import|review|list --json|audit|export`) on the same inputs, plus errors and lifetimes.

Run by CTest with PPB_C_LIBRARY, PPB_CLI and PPB_TEST_DATA in the environment (see test_ppb.py).
"""

import datetime
import hashlib
import json
import os
import shutil
import tempfile
import unittest

import ppb
import ppb_cli

DATA = os.environ.get("PPB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "data"))
ELECTION = os.path.join(DATA, "election_small_city.json")
ROLL = os.path.join(DATA, "roll_small_city.csv")
VOTING = "2026-04-20T10:00:00Z"


def cli(*args):
    """Runs `ppb ARGS`: (exit status, stdout lines)."""
    r = ppb_cli.run(*args)
    return r.returncode, r.stdout.splitlines()


def data(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


class TempDirCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ppb-python-")
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, name, content):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
        return path


class DefinitionTest(TempDirCase):
    def test_load_and_inspect(self):
        with ppb.Definition.load(ELECTION) as d:
            self.assertEqual(d.id, hashlib.sha256(b"ppb/election/v1" + data("election_small_city.json")).digest())
            self.assertEqual(d.cycle, "kosshy-2026")
            self.assertEqual(d.money_places, 0)
            units = d.units
            self.assertEqual([u.id for u in units],
                             ["kosshy", "kosshy-center", "kosshy-north", "kosshy-north-akzhol", "kosshy-south"])
            self.assertEqual(units[0].names, {"kk": "Қосшы қаласы", "ru": "город Косшы", "en": "Kosshy"})
            self.assertEqual(units[0].parent, "")
            self.assertEqual(units[0].budget, 60000000)
            akzhol = d.unit("kosshy-north-akzhol")
            self.assertEqual((akzhol.index, akzhol.parent, akzhol.budget, akzhol.name),
                             (3, "kosshy-north", None, "Akzhol microdistrict"))
            with self.assertRaises(KeyError):
                d.unit("atlantis")
            # The budgets of the units with a ballot, as `ppb election validate` sums them.
            total = sum(u.budget for u in units if u.budget is not None)
            code, out = cli("election", "validate", ELECTION)
            self.assertEqual(code, 0)
            self.assertIn("units         5 (4 with a budget, %d KZT in all)" % total, out)

    def test_parse_keeps_the_exact_bytes(self):
        text = data("election_small_city.json")
        with ppb.Definition.parse(text) as a, ppb.Definition.parse(text.decode("utf-8")) as b, \
                ppb.Definition.parse(text + b"\n") as c:
            self.assertEqual(a.id, b.id)
            self.assertNotEqual(a.id, c.id)

    def test_problems_are_those_ppb_election_validate_prints(self):
        doc = json.loads(data("election_small_city.json"))
        doc["units"][1]["budget"] = -5
        doc["colour"] = "blue"
        doc["phases"][0]["phase"] = "dancing"
        path = self.write("bad.json", json.dumps(doc, ensure_ascii=False))
        problems = ppb.Definition.check_file(path)
        code, out = cli("election", "validate", path)
        self.assertEqual(code, 1)
        self.assertEqual([str(p) for p in problems], out)
        self.assertGreaterEqual(len(problems), 3)
        self.assertIn("/units/1/budget", [p.path for p in problems])
        self.assertIn("/colour", [p.path for p in problems])
        with open(path, "rb") as f:
            self.assertEqual(ppb.Definition.check(f.read()), problems)
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.Definition.load(path)
        self.assertEqual(cm.exception.code, 121)
        for p in problems:
            self.assertIn(str(p), cm.exception.message)

    def test_not_json(self):
        self.assertEqual(ppb.Definition.check_file(ELECTION), [])
        problems = ppb.Definition.check("{")
        self.assertEqual(len(problems), 1)
        self.assertEqual(problems[0].path, "")
        self.assertTrue(problems[0].message.startswith("line 1, column"), problems[0].message)
        code, out = cli("election", "validate", self.write("broken.json", "{"))
        self.assertEqual((code, out), (1, [str(problems[0])]))
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.Definition.parse("{")
        self.assertEqual(cm.exception.code, 120)

    def test_missing_file_and_closed_handle(self):
        with self.assertRaises(ppb.IoError):
            ppb.Definition.load(os.path.join(DATA, "no-such.json"))
        with self.assertRaises(ppb.IoError):
            ppb.Definition.check_file(os.path.join(DATA, "no-such.json"))
        d = ppb.Definition.load(ELECTION)
        d.close()
        with self.assertRaises(ppb.MisuseError):
            d.units


class IinTest(unittest.TestCase):
    NUMBERS = ["850314301011", "040229601040", "010430501070", "850314301012", "8503143010", "85031430101x",
               "850314001011", "850314701011", "851314301011", "230229301011", ""]

    def test_same_lines_as_ppb_iin_check(self):
        for lang in ("en", "ru", "kk"):
            code, out = cli("iin", "check", *self.NUMBERS, "--lang", lang)
            self.assertEqual(code, 1)
            lines = []
            for n in self.NUMBERS:
                c = ppb.iin_check(n)
                lines.append("%s valid %s %s" % (n, c.birth_date.isoformat(), c.sex) if c.valid
                             else "%s invalid %s %s" % (n, c.reason, c.message(lang)))
            self.assertEqual(lines, out, lang)

    def test_values(self):
        c = ppb.iin_check("040229601040")
        self.assertEqual((c.valid, c.code, c.reason, c.birth_date, c.sex),
                         (True, 0, "valid", datetime.date(2004, 2, 29), "female"))
        self.assertEqual(str(c), "040229601040 valid 2004-02-29 female")
        self.assertEqual(c.message(), "")
        bad = ppb.iin_check("850314301012")
        self.assertEqual((bad.valid, bad.code, bad.reason, bad.birth_date, bad.sex),
                         (False, 7, "check_digit_mismatch", None, None))
        self.assertEqual(cli("iin", "check", "850314301012")[1], [str(bad)])
        self.assertEqual(ppb.iin_check("230229301011").reason, "bad_day")  # 29 Feb 1923
        with self.assertRaises(ValueError):
            bad.message("de")


class RollTest(TempDirCase):
    CSV = ("iin,unit,status,registered\n"
           "850314301011,kosshy-center,active,2019-05-20\n"
           "850314301012,kosshy-center,active,2019-05-20\n"
           "900707401026,atlantis,active,2020-01-15\n"
           "850314301011,kosshy-north,active,2019-05-20\n"
           "770101301036,kosshy-north,sleeping,2015-03-02\n"
           "951120401057,kosshy-south,active,2022-13-11\n")

    def test_same_errors_as_ppb_roll_check(self):
        path = self.write("roll.csv", self.CSV)
        with ppb.Definition.load(ELECTION) as d, ppb.Roll.load(path, d) as roll:
            self.assertEqual((roll.voters, roll.rows, roll.bad_rows), (1, 6, 5))
            errors = roll.errors
            self.assertEqual([(e.line, e.code_name) for e in errors],
                             [(3, "invalid_iin"), (4, "unknown_unit"), (5, "duplicate_entry"), (6, "bad_value"),
                              (7, "bad_date")])
            code, out = cli("roll", "check", path, "--election", ELECTION)
            self.assertEqual(code, 1)
            self.assertEqual(["%s:%s" % (path, e) for e in errors], out[:len(errors)])
            self.assertEqual(out[len(errors)], "%s: 6 rows, 1 voters accepted, 5 refused" % path)
        with open(path, "rb") as f, ppb.Roll.parse(f.read()) as without:
            self.assertEqual(without.voters, 2)  # units not checked without a definition

    def test_bundled_roll_and_bad_files(self):
        with ppb.Roll.load(ROLL) as roll:
            self.assertEqual((roll.voters, roll.rows, roll.bad_rows, roll.errors), (12, 12, 0, []))
        with self.assertRaises(ppb.ParseError):
            ppb.Roll.parse("iin,colour\n")
        with self.assertRaises(ppb.IoError):
            ppb.Roll.load(os.path.join(DATA, "no-such.csv"))

    def test_same_verdicts_as_ppb_roll_eligible(self):
        cases = [("850314301011", "kosshy-center", VOTING, []),
                 ("850314301011", "kosshy", VOTING, []),
                 ("850314301011", "kosshy-north", VOTING, ["not_resident"]),
                 ("880505301065", "kosshy-south", VOTING, ["not_active"]),
                 ("010430501070", "kosshy-center", VOTING, ["registered_after_cutoff"]),
                 ("850314301011", "kosshy-center", "2026-03-01T00:00:00Z", ["outside_voting_window"]),
                 ("850314301011", "atlantis", VOTING, ["unknown_unit"]),
                 ("040229601040", "kosshy-north-akzhol", VOTING, ["no_ballot_in_unit"]),
                 ("860101300017", "kosshy-center", VOTING, ["not_on_roll"]),
                 ("080420601085", "kosshy-north", "2026-04-19T18:59:59Z", ["underage"]),
                 ("080420601085", "kosshy-north", "2026-04-19T19:00:00Z", [])]
        with ppb.Definition.load(ELECTION) as d, ppb.Roll.load(ROLL, d) as roll:
            for iin, unit, at, reasons in cases:
                with self.subTest(iin=iin, unit=unit, at=at):
                    v = roll.check(iin, d, unit, at)
                    self.assertEqual(v.reasons, reasons)
                    self.assertEqual(v.eligible, not reasons)
                    code, out = cli("roll", "eligible", ROLL, "--election", ELECTION, "--iin", iin, "--unit", unit,
                                    "--at", at, "--lang", "ru")
                    self.assertEqual(code, 0 if v.eligible else 1)
                    if v.eligible:
                        self.assertEqual(out, ["%s eligible in %s" % (iin, unit)])
                    else:
                        self.assertEqual(out, ["%s not eligible in %s" % (iin, unit)] +
                                         ["  %s %s (%s)" % (f.reason, f.message("ru"), f.detail) for f in v.failures])
            # A datetime works as well as the text.
            at = datetime.datetime(2026, 4, 19, 18, 59, 59, tzinfo=datetime.timezone.utc)
            self.assertEqual(roll.check("080420601085", d, "kosshy-north", at).reasons, ["underage"])

    def test_bad_iin_and_time_are_errors(self):
        with ppb.Definition.load(ELECTION) as d, ppb.Roll.load(ROLL, d) as roll:
            with self.assertRaises(ppb.InvalidArgumentError) as cm:
                roll.check("850314301012", d, "kosshy-center", VOTING)
            self.assertEqual(cm.exception.message,
                             "[ppb.usage_error.200] iin '850314301012' is not a valid IIN: check_digit_mismatch")
            with self.assertRaises(ppb.InvalidArgumentError):
                roll.check("850314301011", d, "kosshy-center", "20 April")


class ProposalsTest(TempDirCase):
    def import_lines(self, verdicts):
        """What `ppb proposals import` prints for these verdicts."""
        lines = []
        for i, v in enumerate(verdicts):
            id = v.id or "#%d" % (i + 1)
            if v.ok:
                lines.append("%s %s" % (id, v.state))
            else:
                lines += ["%s refused %s %s (%s)" % (id, p.reason, p.message(), p.detail) for p in v.problems]
        return lines

    def test_a_whole_cycle_matches_the_cli(self):
        state = os.path.join(self.dir, "kosshy.state")
        steps = [("import", "proposals_small_city.json"), ("review", "reviews_small_city.json"),
                 ("import", "revisions_small_city.json"), ("review", "rereviews_small_city.json")]
        with ppb.Definition.load(ELECTION) as d, ppb.Roll.load(ROLL, d) as roll, ppb.ProposalRegistry(d) as reg:
            for step, name in steps:
                path = os.path.join(DATA, name)
                extra = ["--election", ELECTION, "--roll", ROLL] if not os.path.exists(state) else []
                code, out = cli("proposals", step, path, "--state", state, *extra)
                if step == "import":
                    verdicts = reg.import_proposals(data(name), roll)
                    self.assertEqual(self.import_lines(verdicts), out, name)
                else:
                    verdicts = reg.review(data(name))
                    refused = [line for line in out if " refused " in line]
                    self.assertEqual(refused, [line for v in verdicts if not v.ok
                                               for line in self.import_lines([v])], name)
                self.assertEqual(code, 0 if all(v.ok for v in verdicts) else 1, name)
                self.assertEqual(cli("proposals", "list", "--state", state, "--json")[1], [reg.list_json()], name)
            self.assertEqual(cli("proposals", "audit", "--state", state)[1], reg.audit_csv().splitlines())
            for unit in ("kosshy", "kosshy-center", "kosshy-north", "kosshy-south"):
                code, out = cli("proposals", "export", "--state", state, "--unit", unit)
                self.assertEqual(out, reg.export_pb(unit).splitlines(), unit)
                self.assertEqual(cli("proposals", "list", "--state", state, "--unit", unit, "--json")[1],
                                 [reg.list_json(unit)])

            # Real outcomes of the small city's cycle.
            states = {p["id"]: p["state"] for p in reg.proposals()}
            self.assertEqual(states, {"KC-01": "approved", "KC-02": "approved", "KN-01": "approved",
                                      "KN-02": "rejected", "KS-02": "approved",
                                      "K-01": "approved"})
            kc01 = reg.proposals("kosshy-center")[0]
            self.assertEqual((kc01["estimated_cost"], kc01["final_cost"], kc01["cost"]), (12000000, 11500000, 11500000))
            self.assertEqual(reg.proposals("kosshy-north")[1]["rejection"], "land_unavailable")
            with ppb.Election.parse(reg.export_pb("kosshy-center")) as ballot:
                self.assertEqual([(p.id, p.cost) for p in ballot.projects], [("KC-01", 11500000), ("KC-02", 6000000)])
                self.assertEqual(ballot.budget, 40000000)

    def test_submit_refusals_and_transitions(self):
        with ppb.Definition.load(ELECTION) as d:
            reg = ppb.ProposalRegistry(d)
        with reg:  # the registry outlives its definition
            fields = dict(author="850314301011", unit="kosshy-center", title="Bench", description="d",
                          address="a", category="improvement", cost=2000000)
            v = reg.submit("2026-02-03T06:15:00Z", **fields)
            self.assertEqual((v.ok, v.id, v.state), (True, "P0001", "submitted"))
            again = reg.submit(datetime.datetime(2026, 3, 5, 5, 0), **dict(fields, title="Tree", cost=99000000))
            self.assertEqual([p.reason for p in again.problems],
                             ["outside_submission_window", "author_limit_reached", "cost_above_cap"])
            self.assertEqual((again.id, again.state), ("", None))
            self.assertTrue(again.has("cost_above_cap"))
            self.assertFalse(again.has("likely_duplicate"))
            self.assertEqual(again.problems[2].code, 10)
            self.assertNotEqual(again.problems[2].message("kk"), again.problems[2].message("en"))
            # Backdated: refused, the audit trail never goes back in time.
            back = reg.transition("P0001", "withdrawn", "850314301011", "2026-02-01T00:00:00Z")
            self.assertEqual([p.reason for p in back.problems], ["illegal_transition"])
            self.assertEqual(back.problems[0].detail, "2026-02-01T00:00:00Z is before the proposal's latest "
                                                      "transition (submitted at 2026-02-03T06:15:00Z)")
            self.assertEqual(back.state, "submitted")
            done = reg.transition("P0001", "withdrawn", "850314301011", "2026-02-04T00:00:00Z", comment="moved")
            self.assertEqual((done.ok, done.state), (True, "withdrawn"))
            self.assertEqual(reg.audit_csv().splitlines()[-1],
                             "2,2026-02-04T00:00:00Z,P0001,850314301011,submitted,withdrawn,,moved")
            with self.assertRaises(ValueError):
                reg.transition("P0001", "flying", "x", "2026-02-04T00:00:00Z")
            with self.assertRaises(ppb.ParseError) as cm:
                reg.import_proposals("{")
            self.assertEqual(cm.exception.code, 120)
            with self.assertRaises(ppb.ParseError):
                reg.review({"format": "ppb/proposals/v1", "reviews": []})
            with self.assertRaises(ppb.InvalidArgumentError):
                reg.export_pb("kosshy-north-akzhol")
        with self.assertRaises(ppb.MisuseError):
            reg.list_json()


if __name__ == "__main__":
    unittest.main()
