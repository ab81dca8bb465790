#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Files that exist only to be installed must be listed where automake
# installs them from: every public header (include/scxcmask, bpf/scxcmask,
# common/scxcmask) in some fragment's pkginclude_HEADERS, every docs/*.md
# in docs/local.mk.  A file missing there builds and tests fine in the tree
# and is then absent for every user of an installed copy.
set -eu
: "${top_srcdir:?}"
cd "$top_srcdir"
pass=0 fail=0
listed() {	# FILE FRAGMENT...
	f=$1; shift
	grep -q -e "[[:space:]=]$f\([[:space:]\\\\]\|\$\)" "$@"
}
fragments=$(find . -name '*.mk' -not -path './_build/*' -not -path './debian/*' | sort)
for h in include/scxcmask/*.h bpf/scxcmask/*.h common/scxcmask/*.h; do
	[ -f "$h" ] || continue
	if listed "$h" $fragments; then pass=$((pass + 1)); else
		echo "FAIL: $h is not in any pkginclude_HEADERS: it would not be installed"; fail=$((fail + 1))
	fi
done
for d in docs/*.md; do
	[ -f "$d" ] || continue
	if listed "$d" docs/local.mk; then pass=$((pass + 1)); else
		echo "FAIL: $d is not in docs/local.mk: it would be neither installed nor shipped"; fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
