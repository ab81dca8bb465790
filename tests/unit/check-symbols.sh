#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Fails when the shared library exports a symbol outside a SCXCMASK_ version
# node, when a function the public headers mark SCXCMASK_API is not
# exported, or when the newest version node is not this release's.
set -eu
so="$top_builddir/libscxcmask/.libs/libscxcmask.so"
map="$top_srcdir/libscxcmask/libscxcmask.map"
[ -f "$so" ] || { echo "no $so (shared library disabled?)"; exit 77; }
fail=0

# objdump -T: "... DF .text ... SCXCMASK_1.0  scx_cmask_and"
exports=$(objdump -T "$so" | awk '($2 == "g" || $2 == "w") && $4 != "*UND*" && $4 != "*ABS*" { print $(NF-1), $NF }')
[ -n "$exports" ] || { echo "FAIL: no exported symbols found in $so"; exit 1; }
unversioned=$(printf '%s\n' "$exports" | awk '$1 !~ /^SCXCMASK_[0-9]+\.[0-9]+$/ { print $2 " (" $1 ")" }')
if [ -n "$unversioned" ]; then
	echo "FAIL: exported without a SCXCMASK_ version node:"; printf '  %s\n' $unversioned; fail=1
fi
foreign=$(printf '%s\n' "$exports" | awk '$2 !~ /^(scx_|scxcmask_)/ { print $2 }')
if [ -n "$foreign" ]; then
	echo "FAIL: exported outside the scx_/scxcmask_ namespace:"; printf '  %s\n' $foreign; fail=1
fi

# every SCXCMASK_API function declared in a public header must be exported
declared=$(cat "$top_srcdir"/include/scxcmask/*.h "$top_builddir"/include/scxcmask/version.h 2>/dev/null |
	tr '\n' ' ' | sed 's/;/;\n/g' | grep 'SCXCMASK_API' |
	sed -n 's/.*[ *]\([a-z_][a-z0-9_]*\)[ ]*(.*/\1/p' | grep -v '^SCXCMASK_API$' | sort -u)
for f in $declared; do
	printf '%s\n' "$exports" | awk '{print $2}' | grep -qx "$f" ||
		{ echo "FAIL: $f is declared SCXCMASK_API but not exported (add it to libscxcmask.map)"; fail=1; }
done

# the newest node must be this release's MAJOR.MINOR
newest=$(grep -o '^SCXCMASK_[0-9]*\.[0-9]*' "$map" | tail -n 1)
release=$(sed -n 's/^#define SCXCMASK_VERSION_STRING "\([0-9]*\.[0-9]*\).*/\1/p' "$top_builddir/include/scxcmask/version.h")
if [ "$newest" != "SCXCMASK_$release" ]; then
	echo "FAIL: newest version node $newest does not match release $release"; fail=1
fi

# each node's symbols are sorted, so that an addition has one place to go
unsorted=$(LC_ALL=C awk '/^[A-Z0-9_.]+ *\{/ { node = $1; prev = "" }
	/^[ \t]+[a-z_][a-z0-9_]*;/ { sub(/^[ \t]+/, ""); sub(/;.*/, "")
		if (prev != "" && $0 < prev) print node ": " $0 " after " prev; prev = $0 }' "$map")
if [ -n "$unsorted" ]; then
	echo "FAIL: libscxcmask.map is not sorted inside its nodes:"; printf '%s\n' "$unsorted" | sed 's/^/  /'; fail=1
fi

n=$(printf '%s\n' "$exports" | wc -l)
[ $fail -eq 0 ] && echo "check-symbols: $n exported symbols, all versioned; $(printf '%s\n' $declared | wc -l) declared, all exported"
exit $fail
