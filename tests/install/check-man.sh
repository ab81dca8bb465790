#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The manual pages render without a single groff or man warning; every
# SCXCMASK_API function has a kernel-doc comment and so a page (the
# generator's --strict); every ".so" page points at a page that exists; and
# scxcmask(1) names each command and option that 'scxcmask --help' prints.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
command -v groff >/dev/null 2>&1 || { echo "SKIP: groff is not installed"; exit 77; }
command -v perl >/dev/null 2>&1 || { echo "SKIP: perl is not installed"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/man3" "$tmp/man1"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# The same inputs as man/local.mk: every public header plus version.h.
headers=$(ls "$top_srcdir"/include/scxcmask/*.h)
if perl "$top_srcdir/scripts/gen-man.pl" --strict --version test --outdir "$tmp/man3" \
	$headers "$top_builddir/include/scxcmask/version.h" 2>"$tmp/gen.err"; then ok
else bad "gen-man.pl --strict:"; sed 's/^/  /' "$tmp/gen.err"
fi
cp "$top_builddir/man/scxcmask.1" "$tmp/man1/" 2>/dev/null ||
	sed 's|@PACKAGE_VERSION@|test|' "$top_srcdir/man/scxcmask.1.in" >"$tmp/man1/scxcmask.1"

# render: no warnings at all from groff -ww, nor from man -l (man-db).
cd "$tmp"
for page in man3/*.3 man1/scxcmask.1; do
	if head -n 1 "$page" | grep -q '^\.so '; then
		target=$(sed -n 's/^\.so //p' "$page")
		[ -f "$target" ] && ok || bad "$page: .so points at missing $target"
		continue
	fi
	out=$(groff -ww -z -man "$page" 2>&1) || true
	[ -z "$out" ] && ok || { bad "groff -ww -z -man $page:"; printf '%s\n' "$out" | sed 's/^/  /'; }
	if command -v man >/dev/null 2>&1; then
		out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null) || true
		[ -z "$out" ] && ok || { bad "man -l $page:"; printf '%s\n' "$out" | sed 's/^/  /'; }
	fi
done
[ -f man3/libscxcmask.3 ] && ok || bad "no libscxcmask(3) overview page"

# scxcmask(1) against the command's own --help.
tool="$top_builddir/tools/scxcmask"
if [ -x "$tool" ]; then
	help=$("$tool" --help 2>&1) || bad "scxcmask --help exits non-zero"
	page=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' man1/scxcmask.1)
	words=$(printf '%s\n' "$help" |
		{ grep -o -e '--[a-z][a-z0-9-]*' -e 'scxcmask [a-z][a-z-]*' || true; } | sed 's/^scxcmask //' | sort -u)
	for w in $words; do
		printf '%s\n' "$page" | grep -q -e "$w" && ok || bad "scxcmask --help names '$w', scxcmask(1) does not"
	done
	# and the other way: each command of the page's SYNOPSIS exists
	for w in $(sed -n 's/^\.B scxcmask \([a-z][a-z-]*\)$/\1/p' man1/scxcmask.1); do
		printf '%s\n' "$help" | grep -q -e "scxcmask $w" && ok || bad "scxcmask(1) names command '$w', scxcmask --help does not"
	done
else
	echo "note: $tool not built; scxcmask(1) not compared with --help"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
