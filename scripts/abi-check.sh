#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The ABI of libscxcmask.so against the committed baseline of the last
# release (abi/libscxcmask.abi, libabigail's abidw XML).
#
#   abi-check.sh check  BASELINE LIB.so HEADER_DIR...   compare (CI, 'make check-abi')
#   abi-check.sh update BASELINE LIB.so HEADER_DIR...   rewrite the baseline ('make abi-baseline')
#
# Only types reachable from the public headers (HEADER_DIRs) count.  Added
# functions are reported and pass.  Anything else abidiff reports about
# the baseline's symbols (a removed symbol, a changed prototype, a changed
# public struct) fails, unless the SONAME changed as well: then old
# programs cannot pick up the new library by accident, which is the point
# of a SONAME bump (docs/RELEASING.md).  Exit 77 when libabigail is missing.
set -euo pipefail

usage() { echo "usage: $0 check|update BASELINE LIB.so HEADER_DIR..." >&2; exit 2; }
[ $# -ge 4 ] || usage
mode=$1 baseline=$2 lib=$3
shift 3
ABIDW=${ABIDW:-abidw}
ABIDIFF=${ABIDIFF:-abidiff}
command -v "$ABIDW" >/dev/null 2>&1 && command -v "$ABIDIFF" >/dev/null 2>&1 ||
	{ echo "SKIP: abidw/abidiff not found (Debian package abigail-tools)"; exit 77; }
[ -f "$lib" ] || { echo "FAIL: no library $lib"; exit 1; }
sections=$(readelf -S "$lib")
grep -q '\.debug_info' <<<"$sections" ||
	{ echo "FAIL: $lib has no debug information: build with -g (the default CFLAGS)"; exit 1; }

hd=()
for d in "$@"; do [ -d "$d" ] && hd+=(--hd "$d"); done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The representation is stable across build directories: no paths.
"$ABIDW" --no-corpus-path --short-locs --drop-private-types "${hd[@]}" \
	--out-file "$tmp/current.abi" "$lib"

if [ "$mode" = update ]; then
	cp "$tmp/current.abi" "$baseline"
	echo "abi-check: wrote $baseline ($(grep -c '<elf-symbol ' "$baseline") ELF symbols)"
	exit 0
fi
[ "$mode" = check ] || usage
[ -f "$baseline" ] || { echo "FAIL: no baseline $baseline (make abi-baseline writes one)"; exit 1; }

soname_of() { sed -n "s/.*<abi-corpus [^>]*soname='\([^']*\)'.*/\1/p" "$1" | head -n 1; }
old_soname=$(soname_of "$baseline")
new_soname=$(soname_of "$tmp/current.abi")

# Pass 1: everything, for the log.  Pass 2: without additions; any report
# left is a change to what the baseline already had.
rc=0
"$ABIDIFF" "$baseline" "$tmp/current.abi" >"$tmp/all.txt" 2>&1 || rc=$?
if [ $((rc & 3)) -ne 0 ]; then
	cat "$tmp/all.txt"
	echo "FAIL: abidiff could not compare (exit $rc)"
	exit 1
fi
nrc=0
"$ABIDIFF" --no-added-syms "$baseline" "$tmp/current.abi" >"$tmp/changed.txt" 2>&1 || nrc=$?

added=$(sed -n 's/.*Functions changes summary: [0-9]* Removed, [0-9]* Changed[^,]*, \([0-9]*\) Added.*/\1/p' "$tmp/all.txt" | head -n 1)
echo "abi-check: baseline $old_soname, current $new_soname, ${added:-0} function(s) added"
if [ $((nrc & 12)) -eq 0 ]; then
	[ $((rc & 4)) -ne 0 ] && sed 's/^/  /' "$tmp/all.txt"
	echo "abi-check: compatible with the baseline"
	exit 0
fi
sed 's/^/  /' "$tmp/changed.txt"
if [ "$old_soname" != "$new_soname" ]; then
	echo "abi-check: incompatible changes, with the SONAME bumped ($old_soname -> $new_soname): allowed"
	exit 0
fi
echo "FAIL: incompatible ABI change without a SONAME bump (docs/RELEASING.md: libtool rule 3)"
exit 1
