"""The ppb Python package over libppb-c: loading, inspection, tallies, errors, lifetimes, and the
same JSON as `ppb tally --json`.

Run by CTest with PPB_C_LIBRARY (the built libppb-c), PPB_CLI (the built `ppb`) and
PPB_TEST_DATA (tests/data) in the environment; PYTHONPATH points at bindings/python.
"""

import ctypes
import gc
import glob
import json
import os
import threading
import unittest

import ppb
from ppb import _native

DATA = os.environ.get("PPB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "data"))
from ppb_cli import CLI, run as run_cli

SMALL = ("META\nkey;value\ndescription;Small test\ncurrency;KZT\nbudget;10\nvote_type;approval\nmax_length;1\n"
         "PROJECTS\nproject_id;cost;name\na;6;Park\nb;5;Library\nc;4;Bench\n"
         "VOTES\nvoter_id;vote\n1;a\n2;a\n3;b\n4;c,b\n")


def cli_tally(path, args):
    """`ppb tally PATH --json --quiet ARGS`: (exit status, stdout)."""
    r = run_cli("tally", path, "--json", "--quiet", *args)
    return r.returncode, r.stdout


def cli_args(options):
    args = []
    for k, v in options.items():
        if v is True:  # a flag: --comparison
            args.append("--" + k.replace("_", "-"))
        else:
            args += ["--" + k.replace("_", "-"), str(v)]
    return args


class LibraryTest(unittest.TestCase):
    def test_version_matches_the_header(self):
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "..", "..", "..", "include", "ppb", "version.hpp"), encoding="utf-8") as f:
            text = f.read()
        parts = [int(text.split("#define PPB_VERSION_%s " % p)[1].split()[0]) for p in ("MAJOR", "MINOR", "PATCH")]
        self.assertEqual(ppb.version(), "%d.%d.%d" % tuple(parts))
        self.assertEqual(ppb.__version__, ppb.version())
        self.assertEqual(ppb.version_number(), parts[0] * 10000 + parts[1] * 100 + parts[2])

    def test_sizes_match_the_header_macros(self):
        header = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "c", "include", "ppb", "ppb.h")
        with open(header, encoding="utf-8") as f:
            text = f.read()
        for name, value in ppb.sizes().items():
            macro = "#define PPB_%s " % name.upper()
            self.assertIn(macro, text)
            self.assertEqual(int(text.split(macro)[1].split()[0].rstrip("U")), value, name)

    def test_init_is_idempotent(self):
        ppb.init()
        self.assertFalse(ppb.init())

    def test_rule_names(self):
        names = ppb.rule_names()
        self.assertEqual(names[0], "greedy")
        for n in ("greedy-cost", "phragmen", "max-welfare", "meta"):
            self.assertIn(n, names)

    def test_library_is_the_one_under_test(self):
        if os.environ.get("PPB_C_LIBRARY"):
            self.assertEqual(os.path.realpath(_native.lib._name), os.path.realpath(os.environ["PPB_C_LIBRARY"]))


class ElectionTest(unittest.TestCase):
    def test_parse_and_inspect(self):
        with ppb.Election.parse(SMALL) as e:
            self.assertEqual(e.budget, 10)
            self.assertEqual(e.money_places, 0)
            self.assertEqual(e.vote_type, "approval")
            self.assertEqual(e.voters, 4)
            self.assertEqual(e.warning_count, 1)
            self.assertEqual(e.meta("currency"), "KZT")
            self.assertIsNone(e.meta("nope"))
            self.assertEqual(e.meta("nope", "-"), "-")
            self.assertEqual([(p.index, p.id, p.name, p.cost) for p in e.projects],
                             [(0, "a", "Park", 6), (1, "b", "Library", 5), (2, "c", "Bench", 4)])
            self.assertEqual(e.project("c"), ppb.Project(2, "c", "Bench", 4))
            with self.assertRaises(KeyError):
                e.project("zz")

    def test_parse_bytes_and_unicode(self):
        text = SMALL.replace("Park", "Саябақ «Көктем»")
        with ppb.Election.parse(text.encode("utf-8")) as e:
            self.assertEqual(e.projects[0].name, "Саябақ «Көктем»")

    def test_load_file(self):
        with ppb.Election.load(os.path.join(DATA, "czestochowa_2024_bleszno.pb")) as e:
            self.assertEqual(e.budget, 329457)
            self.assertEqual(e.meta("currency"), "PLN")
            self.assertGreater(e.voters, 0)

    def test_parse_error_carries_status_code_and_message(self):
        bad = SMALL.replace("4;c,b", "4;zz")
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.Election.parse(bad)
        err = cm.exception
        self.assertEqual(err.status, 3)
        self.assertEqual(err.status_name, "PPB_ERR_PARSE")
        self.assertEqual(err.code, 103)
        self.assertEqual(str(err), "[ppb.parse_error.103] <input>:18: vote names project 'zz', which PROJECTS does not list")
        self.assertIsInstance(err, ppb.Error)

    def test_strict_refuses_ballots_over_the_limits(self):
        with self.assertRaises(ppb.ParseError) as cm:
            ppb.Election.parse(SMALL, strict=True)
        self.assertEqual(cm.exception.code, 107)

    def test_missing_file_is_an_io_error(self):
        with self.assertRaises(ppb.IoError) as cm:
            ppb.Election.load("/nonexistent/x.pb")
        self.assertEqual(cm.exception.status, 4)
        self.assertEqual(cm.exception.code, 100)
        self.assertIsInstance(cm.exception, OSError)
        self.assertIn("/nonexistent/x.pb", str(cm.exception))

    def test_closed_election_is_misuse(self):
        e = ppb.Election.parse(SMALL)
        e.close()
        e.close()  # twice is fine
        self.assertTrue(e.closed)
        with self.assertRaises(ppb.MisuseError) as cm:
            _ = e.budget
        self.assertEqual(cm.exception.status, 2)
        with self.assertRaises(ppb.MisuseError):
            e.tally()
        with self.assertRaises(ppb.MisuseError):
            with e:
                pass


class TallyTest(unittest.TestCase):
    def test_default_tally_and_explanations(self):
        with ppb.Election.parse(SMALL) as e, e.tally() as out:
            self.assertEqual(out.rule, "greedy")
            self.assertEqual(out.spent, 9)
            self.assertEqual([p.id for p in out.selected], ["b", "c"])
            self.assertEqual(out.tie_count, 1)
            a = out.result("a")
            self.assertEqual((a.status, a.reason, a.votes, a.rank, a.funded),
                             ("skipped", "does not fit: costs 6, only 5 left", 2, 2, False))
            self.assertEqual(out.result(1), out.result(e.projects[1]))
            self.assertTrue(out.result("b").funded)
            self.assertEqual([r.status for r in out.explain()], ["skipped", "funded", "funded"])
            d = out.to_dict()
            self.assertEqual(d["selected"], ["b", "c"])
            self.assertEqual({p["id"]: (p["status"], p["reason"]) for p in d["projects"]},
                             {r.project.id: (r.status, r.reason) for r in out.explain()})
            self.assertNotIn("trace", d)
            self.assertEqual(len(out.to_dict(trace=True)["trace"]), 3)
            with self.assertRaises(KeyError):
                out.result("zz")
            with self.assertRaises(ppb.InvalidArgumentError):
                out.result(3)

    def test_options(self):
        with ppb.Election.parse(SMALL) as e:
            with e.tally(tie_break="file-order") as out:
                self.assertEqual([p.id for p in out.selected], ["a", "c"])
            with e.tally("greedy-cost") as out:
                self.assertEqual(out.rule, "greedy-cost")
            with e.tally(tie_break="lot", seed=7) as x, e.tally(seed=7, tie_break="lot") as y:
                self.assertEqual(x.json(), y.json())
            with e.tally(satisfaction="cost", comparison=False, completion="none") as out:
                self.assertEqual(out.to_dict()["satisfaction"], "cost")
            with e.tally("mes") as out:
                self.assertEqual((out.rule, [p.id for p in out.selected]), ("mes", ["b"]))
            with e.tally("mes", completion="add1+greedy", comparison=True) as out:
                self.assertEqual([p.id for p in out.selected], ["b", "c"])

    def test_bad_options_raise_invalid_argument(self):
        with ppb.Election.parse(SMALL) as e:
            for kwargs in ({"rule": "dictator"}, {"satisfaction": "joy"}, {"tie_break": "coin"}, {"seed": -1},
                           {"frobnicate": 1}, {"comparison": "maybe"}, {"rule": "phragmen", "satisfaction": "cost"},
                           {"rule": "meta"}, {"completion": "add1"}, {"rule": "mes", "completion": "bogus"}):
                with self.subTest(kwargs=kwargs), self.assertRaises(ppb.InvalidArgumentError) as cm:
                    e.tally(**kwargs)
                self.assertEqual(cm.exception.status, 1)
                self.assertTrue(str(cm.exception).startswith("[ppb.usage_error.200] "))
                self.assertIsInstance(cm.exception, ValueError)

    def test_outcome_outlives_its_election(self):
        e = ppb.Election.parse(SMALL)
        out = e.tally()
        text = out.json()
        e.close()
        del e
        gc.collect()
        self.assertEqual(out.json(), text)
        self.assertEqual([p.id for p in out.selected], ["b", "c"])
        out.close()
        with self.assertRaises(ppb.MisuseError):
            out.json()

    def test_threads_tally_the_same_election(self):
        with ppb.Election.load(os.path.join(DATA, "czestochowa_2024_bleszno.pb")) as e:
            with e.tally() as out:
                want = out.json()
            got = []

            def work():
                with e.tally() as o:
                    got.append(o.json())

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(got, [want] * 4)


@unittest.skipUnless(CLI, "PPB_CLI (the built `ppb`) is not set")
class SameAsCliTest(unittest.TestCase):
    """The same tally through Python and through `ppb tally --json` gives identical JSON."""

    OPTION_SETS = [
        {},
        {"tie_break": "file-order"},
        {"tie_break": "lexicographic", "satisfaction": "cost"},
        {"rule": "greedy-cost"},
        {"rule": "greedy", "satisfaction": "cardinality"},
        {"rule": "greedy-no-skip", "tie_break": "file-order"},
        {"rule": "phragmen"},
        {"rule": "max-welfare"},
        {"rule": "meta"},
        {"rule": "mes"},
        {"rule": "mes", "satisfaction": "cardinality", "completion": "add1+greedy"},
        {"rule": "mes", "completion": "add1", "comparison": True},
        {"tie_break": "lot", "seed": 12345},
    ]

    def test_every_bundled_file_and_rule(self):
        files = sorted(glob.glob(os.path.join(DATA, "*.pb")))
        self.assertGreaterEqual(len(files), 4)
        compared = 0
        for path in files:
            with ppb.Election.load(path) as e:
                for options in self.OPTION_SETS:
                    with self.subTest(file=os.path.basename(path), options=options):
                        status, stdout = cli_tally(path, cli_args(options))
                        opts = dict(options)
                        rule = opts.pop("rule", "greedy")
                        try:
                            with e.tally(rule, **opts) as out:
                                text = out.json()
                        except ppb.InvalidArgumentError:
                            self.assertEqual(status, 2, "Python refused what the CLI ran")
                            continue
                        self.assertEqual(status, 0)
                        self.assertEqual(stdout, text + "\n")
                        compared += 1
        self.assertGreater(compared, 20)

    def test_trace(self):
        path = os.path.join(DATA, "toulouse_2022_17.pb")
        status, stdout = cli_tally(path, ["--trace"])
        self.assertEqual(status, 0)
        with ppb.Election.load(path) as e, e.tally() as out:
            self.assertEqual(stdout, out.json(trace=True) + "\n")
            self.assertEqual(json.loads(stdout), out.to_dict(trace=True))


class NativeTest(unittest.TestCase):
    """Direct ctypes checks of what the classes do not reach."""

    def test_status_names_and_last_error(self):
        lib = _native.lib
        self.assertEqual(lib.ppb_status_name(3), b"PPB_ERR_PARSE")
        self.assertEqual(lib.ppb_status_name(99), b"PPB_ERR_UNKNOWN")
        self.assertEqual(lib.ppb_rule_name(0, None), 1)
        self.assertEqual(lib.ppb_last_error(), b"[ppb.usage_error.200] out_name is NULL")
        self.assertEqual(lib.ppb_last_error_code(), 200)
        self.assertEqual(lib.ppb_project_status_name(3), b"not_reached")
        lib.ppb_free(None)

    def test_unknown_status_gives_a_plain_error(self):
        err = ppb.errors.from_status(42, 0, "from a newer library")
        self.assertIs(type(err), ppb.Error)
        self.assertEqual(err.status, 42)

    def test_null_election_pointer_is_invalid_argument(self):
        budget = ctypes.c_int64()
        self.assertEqual(_native.lib.ppb_election_budget(None, ctypes.byref(budget)), 1)


if __name__ == "__main__":
    unittest.main()
