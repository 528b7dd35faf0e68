#!/usr/bin/env python3
"""Tallies a pabulib election through ppb's Python module and prints the funded projects with the
reason for each, then the JSON `ppb tally --json` would print.

usage: tally.py FILE.pb [RULE]      (PYTHONPATH=bindings/python, or the installed package)
"""
import sys

import ppb


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    rule = sys.argv[2] if len(sys.argv) == 3 else "greedy"
    try:
        with ppb.Election.load(sys.argv[1]) as election, election.tally(rule) as outcome:
            for project in outcome.selected:
                print("funded %-8s %s (%s)" % (project.id, project.name, outcome.result(project).reason))
            print("spent %d of %d" % (outcome.spent, election.budget))
            result = outcome.to_dict()  # money as exact integers
            print("%d of %d projects funded by %s" % (len(result["selected"]), len(result["projects"]), result["rule"]))
    except ppb.InvalidArgumentError as e:
        print(e, file=sys.stderr)
        return 2
    except ppb.Error as e:  # ParseError, IoError, ...: e.status, e.code, e.message
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
