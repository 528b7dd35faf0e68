#!/bin/sh
# CTest learns each doctest case by name, and CMake splits a name at ';': the pieces then run no
# test case at all and still pass. Fails, listing them, when a test case name holds a semicolon.
# usage: test_names_check.sh PATH/TO/ppb-tests
bad=$("$1" --list-test-cases --no-version | grep ';')
[ -z "$bad" ] && exit 0
printf 'test case names with a semicolon (rename them):\n%s\n' "$bad" >&2
exit 1
