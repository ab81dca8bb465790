#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The static library's namespace.  In libscxcmask.so only the version
# script's symbols are visible, but libscxcmask.a exports every non-static
# symbol of every object, where a consumer's own cid_walk() or
# MAX_WORDS-sized helper would collide with ours.  So every global symbol
# the archive defines must be either public API (a name in
# libscxcmask.map) or internal with the scxcmask__ prefix.
set -eu
a="$top_builddir/libscxcmask/.libs/libscxcmask.a"
map="$top_srcdir/libscxcmask/libscxcmask.map"
[ -f "$a" ] || { echo "SKIP: no $a (static library disabled: ./configure --enable-static)"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm is not installed"; exit 77; }

public=$(sed -n 's/^[[:space:]]*\([a-z_][a-z0-9_]*\);.*/\1/p' "$map" | sort -u)
# "T scx_cmask_and", "D ...", "B ...", "R ...", "W ..." (weak), "i ..." (ifunc)
defined=$(nm -g --defined-only "$a" | awk 'NF == 3 { print $3 }' | sort -u)
[ -n "$defined" ] || { echo "FAIL: nm found no global symbol in $a"; exit 1; }
pass=0 fail=0
for sym in $defined; do
	base=${sym%%.*}		# gcc's clones: scx_cmask_weight.resolver
	case $base in
	scxcmask__*) pass=$((pass + 1)); continue ;;
	# what a sanitizer build's instrumentation adds (--enable-sanitizers)
	__asan* | ___asan* | __odr_asan* | __ubsan* | __sancov*) continue ;;
	esac
	if printf '%s\n' "$public" | grep -qx "$base"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $sym is global in libscxcmask.a but neither public (libscxcmask.map) nor scxcmask__-prefixed"
		fail=$((fail + 1))
	fi
done
echo "static symbols: $(printf '%s\n' $defined | wc -l) global in libscxcmask.a"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
