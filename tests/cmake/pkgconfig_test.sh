#!/bin/sh
# Builds the C consumer with `pkg-config ppb-c` against an installed prefix and runs it; checks that
# ppb.pc resolves to the same prefix. usage: pkgconfig_test.sh PREFIX LIBDIR CC FILE.pb SPENT
set -eu
prefix=$1 libdir=$2 cc=$3 file=$4 spent=$5
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Wextra -pedantic -Werror "$here/find_package/main.c" -o "$out/c_consumer" \
  $(pkg-config --cflags --libs ppb-c)
LD_LIBRARY_PATH="$prefix/$libdir" "$out/c_consumer" "$file" | tee "$out/log"
grep -q "c: spent $spent of" "$out/log"
# Both .pc files point into the prefix they were installed in (relocatable).
inc=$(pkg-config --variable=includedir ppb)
test -f "$inc/ppb/ppb.hpp"
test "$(cd "$inc" && pwd -P)" = "$(cd "$prefix/include" && pwd -P)"
echo "pkg-config: ppb-c and ppb resolve into $prefix"
