#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Runs test_convert_map on sysfs trees extracted from the fixtures: the
# kernel-truth cases (cidtruth) and real machines whose cid order is not
# their cpu order (realsysfs).
set -eu
fx="$top_srcdir/tests/fixtures"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/convert-map.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

extract() {	# NAME TARBALL
	[ -f "$2" ] || { echo "SKIP: fixture $2 is missing"; exit 77; }
	mkdir "$tmp/$1"
	tar -xzf "$2" -C "$tmp/$1"
}
for c in smp2 s2c2 c4t2 c4t2-73; do
	extract "$c" "$fx/cidtruth/$c/sysfs.tar.gz"
done
for c in 40intel64-4n10c+pci-conflicts 8em64t-2s2ca2c offline-cpu0-node0 \
	16amd64-8n2c-cpusets 256ppc-8n8s4t; do
	extract "$c" "$fx/realsysfs/$c.tar.gz"
done

rc=0
"$top_builddir/tests/unit/test_convert_map" "$tmp" "$fx/convert/set_cmask.txt" \
	"$fx/convert/holes" || rc=$?
exit $rc
