#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# scripts/abi-check.sh itself, on tiny libraries: an added function passes;
# a changed prototype or a removed function fails; the same removal with a
# new SONAME passes.
set -eu
: "${top_srcdir:?}"
command -v abidw >/dev/null 2>&1 || { echo "SKIP: abidw not found (abigail-tools)"; exit 77; }
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir h
pass=0 fail=0

# lib SONAME DECLARATIONS DEFINITIONS OUT
lib() {
	printf '%s\n' "$2" >h/x.h
	printf '#include "h/x.h"\n%s\n' "$3" >x.c
	$CC -g -O2 -shared -fPIC -Wl,-soname,"$1" x.c -o "$4"
}
lib libx.so.1 'int foo(int a); int bar(void);' 'int foo(int a) { return a; } int bar(void) { return 1; }' base.so
lib libx.so.1 'int foo(int a); int bar(void); int baz(void);' \
	'int foo(int a) { return a; } int bar(void) { return 1; } int baz(void) { return 2; }' added.so
lib libx.so.1 'int foo(long a); int bar(void);' 'int foo(long a) { return a; } int bar(void) { return 1; }' changed.so
lib libx.so.1 'int foo(int a);' 'int foo(int a) { return a; }' removed.so
lib libx.so.2 'int foo(int a);' 'int foo(int a) { return a; }' bumped.so

check="bash $top_srcdir/scripts/abi-check.sh"
$check update base.abi base.so h >/dev/null
for case in added:0 changed:1 removed:1 bumped:0; do
	name=${case%:*} want=${case#*:}
	got=0
	$check check base.abi "$name.so" h >out.txt 2>&1 || got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: abi-check exit $got, expected $want"
		sed 's/^/  /' out.txt
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
