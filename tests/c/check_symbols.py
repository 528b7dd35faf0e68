#!/usr/bin/env python3
"""libppb-c exports exactly the committed symbol list, and the list is exactly what ppb.h declares.

usage: check_symbols.py LIBPPB_C.so ppb.sym ppb.h

Three sets must be equal:
- the functions ppb.h declares (every `PPB_CAPI ... ppb_x(`),
- the global symbols of the version script ppb.sym,
- the defined dynamic symbols of the built library (`nm -D --defined-only`), version nodes aside.
A symbol declared but not defined (ElectionGuard shipped such functions), or exported but not
declared (a leaked C++ symbol), fails with its name.
"""
import re
import subprocess
import sys


def main():
    lib, sym, header = sys.argv[1:4]
    text = open(sym, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    glob = re.search(r"global:(.*?)local:", text, flags=re.S)
    listed = set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*;", glob.group(1)))
    nodes = set(re.findall(r"^\s*([A-Z][A-Z0-9_]*)\s*\{", text, flags=re.M))

    htext = open(header, encoding="utf-8").read()
    htext = re.sub(r"/\*.*?\*/", "", htext, flags=re.S)
    declared = set(re.findall(r"PPB_CAPI[^;(]*?\b(ppb_[a-z0-9_]+)\s*\(", htext))

    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True, text=True).stdout
    exported = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        name = parts[2].split("@")[0]
        if name in nodes:  # the version node itself (an absolute symbol)
            continue
        exported.add(name)

    failures = []
    for what, a, b in (("declared in ppb.h but not listed in ppb.sym", declared, listed),
                       ("listed in ppb.sym but not declared in ppb.h", listed, declared),
                       ("listed in ppb.sym but not exported by the library", listed, exported),
                       ("exported by the library but not listed in ppb.sym", exported, listed)):
        for name in sorted(a - b):
            failures.append("%s: %s" % (what, name))
    if not all(n.startswith("ppb_") for n in listed):
        failures.append("ppb.sym lists a name without the ppb_ prefix")
    if failures:
        print("\n".join(failures))
        print("0 passed, %d failed" % len(failures))
        return 1
    print("%d symbols: ppb.h, ppb.sym and %s agree" % (len(listed), lib))
    return 0


if __name__ == "__main__":
    sys.exit(main())
