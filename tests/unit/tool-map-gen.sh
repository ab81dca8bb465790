#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask map' and generations: --gen 7.4 prints the cluster level in the
# tree and the cluster fields in JSON, marked provisional, on the ARM
# capture with clusters and on a synthetic tree whose cluster a shard
# splits; without --gen the first line says which generation is modelled
# and why, never a bare "kernel 7.3".
set -eu
. "$top_srcdir/tests/unit/tool-env.sh"

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
# has FILE TEXT: FILE has a line holding TEXT (fixed string)
has() { grep -qF -- "$2" "$1"; }

arm=$tmp/arm
mkdir "$arm"
tar -xzf "$top_srcdir/tests/fixtures/realsysfs/128arm-2pa2n8cluster4co.tar.gz" -C "$arm"

"$tool" map --sysfs "$arm" --gen 7.4 >"$tmp/tree74"
has "$tmp/tree74" "kernel 7.4 PROVISIONAL (asked for), 8 shards" && ok || bad "7.4 header"
has "$tmp/tree74" "7.4 is provisional" && ok || bad "7.4 provisional note"
[ "$(grep -c '^    cluster [0-9]*: cids ' "$tmp/tree74")" -eq 32 ] && ok || bad "32 clusters in the tree"
has "$tmp/tree74" "    cluster 31: cids 124-127" && ok || bad "cluster 31"
# node -> llc -> cluster -> core, in that order, at growing indentation
sed -n '3,5p' "$tmp/tree74" >"$tmp/head74"
printf 'node 0: cids 0-31\n  llc 0: cids 0-31\n    cluster 0: cids 0-3\n' | cmp -s - "$tmp/head74" &&
	ok || { bad "tree levels:"; cat "$tmp/head74"; }
"$tool" map --sysfs "$arm" --gen 7.3 >"$tmp/tree73"
! grep -q cluster "$tmp/tree73" && ok || bad "7.3 tree shows clusters"
has "$tmp/tree73" "kernel 7.3 (asked for), 8 shards" && ok || bad "7.3 header"
"$tool" map --sysfs "$arm" >"$tmp/tree-default"
has "$tmp/tree-default" "kernel 7.3 (assumed: a captured tree, no kernel to ask)" && ok ||
	{ bad "default header:"; head -1 "$tmp/tree-default"; }

# the shard boundary inside a cluster shows in the tree
syn=$tmp/syn
sh "$top_srcdir/tests/fixtures/make-synthetic.sh" \
	"$top_srcdir/tests/fixtures/synthetic/cluster-split-shard.fixture" "$syn"
"$tool" map --sysfs "$syn" --gen 7.4 --shard-size 4 >"$tmp/split"
sed -n '/cluster 0:/,/cluster 1:/p' "$tmp/split" | grep -q "core 2: cpu 4 = cid 4, cpu 5 = cid 5   \[shard 1 starts\]" &&
	ok || { bad "shard 1 inside cluster 0:"; cat "$tmp/split"; }

# this machine: the header names the generation and the reason
"$tool" map >"$tmp/here" 2>"$tmp/here.err" && st=0 || st=$?
if [ $st -eq 0 ]; then
	head -1 "$tmp/here" | grep -Eq "; kernel 7\.[23] \((the running kernel's BTF|assumed: [^)]*)\), " &&
		ok || { bad "running-system header:"; head -1 "$tmp/here"; }
else
	grep -q "does not know" "$tmp/here.err" && ok || { bad "scxcmask map exited $st:"; cat "$tmp/here.err"; }
fi
"$tool" map --gen 7.5 >/dev/null 2>"$tmp/err" && bad "--gen 7.5 accepted" ||
	{ has "$tmp/err" "--gen wants 7.2, 7.3 or 7.4 (provisional)" && ok || bad "--gen 7.5 message"; }

if command -v python3 >/dev/null 2>&1; then
	"$tool" map --sysfs "$arm" --gen 7.4 --json >"$tmp/74.json"
	"$tool" map --sysfs "$arm" --gen 7.3 --json >"$tmp/73.json"
	if python3 - "$tmp/74.json" "$tmp/73.json" <<'PY'
import json, sys
m4, m3 = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert m4["gen"] == "7.4" and m4["provisional"] is True, (m4["gen"], m4.get("provisional"))
assert m3["gen"] == "7.3" and "provisional" not in m3
for cid, t in enumerate(m4["topo"]):
    assert len(t) == 10, t
    assert (t["cluster_cid"], t["cluster_idx"]) == (cid - cid % 4, cid // 4), (cid, t)
for t in m3["topo"]:
    assert len(t) == 8 and "cluster_cid" not in t, t
# the clusters change nothing else on this machine (one cpu per core, clusters in cpu order)
assert m3["cid_to_cpu"] == m4["cid_to_cpu"]
assert [dict((k, v) for k, v in t.items() if not k.startswith("cluster")) for t in m4["topo"]] == m3["topo"]
PY
	then ok; else bad "7.4 JSON of the ARM capture"; fi
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
