#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# scripts/capture-sysfs.sh keeps every file the cid map reads: a capture of
# a fixture tree gives the same 'scxcmask map --json' as the tree itself.
set -eu
. "$top_srcdir/tests/unit/tool-env.sh"
# small trees with the quirks: dangling links, no possible/online, map-only caches, no caches
for name in offline-cpu0-node0 8ia64-2s2c2t 20s390-2g6s4c; do
	mkdir "$tmp/orig" "$tmp/copy"
	tar -xzf "$top_srcdir/tests/fixtures/realsysfs/$name.tar.gz" -C "$tmp/orig"
	sh "$top_srcdir/scripts/capture-sysfs.sh" "$tmp/cap.tar.gz" "$tmp/orig" >/dev/null
	tar -xzf "$tmp/cap.tar.gz" -C "$tmp/copy"
	"$tool" map --sysfs "$tmp/orig" --json >"$tmp/a.json"
	"$tool" map --sysfs "$tmp/copy" --json >"$tmp/b.json"
	if cmp -s "$tmp/a.json" "$tmp/b.json"; then pass=$((pass + 1)); else
		echo "FAIL: $name: the capture maps differently"; fail=$((fail + 1))
	fi
	rm -rf "$tmp/orig" "$tmp/copy" "$tmp/cap.tar.gz"
done
# the cluster files of the 7.4 walk, list and hex forms
mkdir "$tmp/copy"
sh "$top_srcdir/tests/fixtures/make-synthetic.sh" \
	"$top_srcdir/tests/fixtures/synthetic/cluster-split-shard.fixture" "$tmp/orig"
sh "$top_srcdir/scripts/capture-sysfs.sh" "$tmp/cap.tar.gz" "$tmp/orig" >/dev/null
tar -xzf "$tmp/cap.tar.gz" -C "$tmp/copy"
"$tool" map --sysfs "$tmp/orig" --json --gen 7.4 --shard-size 4 >"$tmp/a.json"
"$tool" map --sysfs "$tmp/copy" --json --gen 7.4 --shard-size 4 >"$tmp/b.json"
if cmp -s "$tmp/a.json" "$tmp/b.json"; then pass=$((pass + 1)); else
	echo "FAIL: cluster-split-shard: the capture maps differently under 7.4"; fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
