#!/bin/sh
# Checks the Debian package from `cpack -G DEB`: its control fields, its contents, that apt can
# resolve its dependencies from Debian 12, and that the programs in it run once unpacked.
#
# Unpacked into a temporary root rather than `dpkg -i` on this machine: CI runs on a machine that
# later sessions keep, and an installed /usr/lib/libppb-c.so.0 or /usr/include/ppb would then shadow
# the build tree in every later build and test (the Python module falls back to the system's
# library). `apt-get install --simulate` does what `dpkg -i` checks on a fresh machine (every
# dependency resolvable, no conflict) without touching it.
# usage: deb_test.sh PACKAGE.deb DATA_DIR
set -eu
deb=$1 data=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }

dpkg-deb --field "$deb" Package | grep -qx ppb || fail "package name is not ppb"
deps=$(dpkg-deb --field "$deb" Depends)
echo "$deps" | grep -q libboost-json || fail "Depends lacks libboost-json: $deps"
dpkg-deb --contents "$deb" > "$root/contents"
for f in ./usr/bin/ppb ./usr/include/ppb/ppb.h ./usr/include/ppb/ppb.hpp ./usr/lib/libppb.a \
         ./usr/lib/libppb-c.so.0 ./usr/lib/cmake/ppb/ppb-config.cmake ./usr/lib/pkgconfig/ppb.pc \
         ./usr/lib/pkgconfig/ppb-c.pc ./usr/lib/python3/dist-packages/ppb/__init__.py; do
  grep -q " $f\( \|$\)" "$root/contents" || fail "$f is not in the package"
done

# A fresh Debian 12 machine can install it: apt resolves every dependency (no change is made).
apt-get install --simulate --no-install-recommends "$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")" > "$root/apt" 2>&1 \
  || { cat "$root/apt"; fail "apt cannot install the package"; }
grep -q "^Inst ppb " "$root/apt" || { cat "$root/apt"; fail "apt would not install ppb"; }

# Unpacked, the programs run: the CLI, the Python module (finding libppb-c by its relative path).
dpkg-deb --extract "$deb" "$root/fs"
"$root/fs/usr/bin/ppb" --version
"$root/fs/usr/bin/ppb" tally "$data/czestochowa_2024_bleszno.pb" --quiet | grep -q "funded 6 of 14 projects" \
  || fail "the packaged ppb gives another tally"
env -u PPB_C_LIBRARY PYTHONPATH="$root/fs/usr/lib/python3/dist-packages" python3 -c "
import ppb, ppb._native as n
assert n.lib._name.startswith('$root/fs/usr/lib/'), n.lib._name
with ppb.Election.load('$data/czestochowa_2024_bleszno.pb') as e, e.tally() as o:
    assert o.spent == 328416, o.spent
print('python module from the package:', ppb.version(), n.lib._name)"
echo "deb: $(basename "$deb") is complete, installable, and runs"
