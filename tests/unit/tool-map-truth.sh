#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask map --sysfs DIR --json' on every kernel truth in
# tests/fixtures/cidtruth equals truth.json for every field they share
# (six topo fields on 7.2 kernels, eight on 7.3), and names the generation.
set -eu
. "$top_srcdir/tests/unit/tool-env.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }

for case_dir in "$top_srcdir"/tests/fixtures/cidtruth/*/ "$top_srcdir"/tests/fixtures/vm/*/; do
	name=$(basename "$case_dir")
	mkdir "$tmp/$name"
	tar -xzf "$case_dir/sysfs.tar.gz" -C "$tmp/$name"
	args=$(python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))
print("--gen", "7.3" if t["topo_size_bytes"] == 32 else "7.2", "--shard-size", t["cid_shard_size"] or 0)' \
		"$case_dir/truth.json")
	# shellcheck disable=SC2086
	if ! "$tool" map --sysfs "$tmp/$name" --json $args >"$tmp/$name.json"; then
		echo "FAIL: $name: scxcmask map exited with $?"; fail=$((fail + 1)); continue
	fi
	if python3 - "$case_dir/truth.json" "$tmp/$name.json" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
keys = ["nr_cpu_ids", "nr_cids", "nr_online_cids", "cpu_to_cid", "cid_to_cpu", "topo"]
if sorted(got) != sorted(keys + ["gen"]):
    sys.exit("keys %s, expected exactly %s" % (sorted(got), sorted(keys + ["gen"])))
want_gen = "7.3" if truth["topo_size_bytes"] == 32 else "7.2"
if got["gen"] != want_gen:
    sys.exit("gen %s, expected %s" % (got["gen"], want_gen))
for k in keys[:-1]:
    if got[k] != truth[k]:
        sys.exit("%s: %s, kernel says %s" % (k, got[k], truth[k]))
if len(got["topo"]) != len(truth["topo"]):
    sys.exit("topo has %d entries, kernel %d" % (len(got["topo"]), len(truth["topo"])))
for cid, (g, t) in enumerate(zip(got["topo"], truth["topo"])):
    if len(g) != 8:
        sys.exit("topo[%d] has %d fields, expected 8" % (cid, len(g)))
    for f in t:
        if g[f] != t[f]:
            sys.exit("topo[%d].%s = %d, kernel says %d" % (cid, f, g[f], t[f]))
PY
	then pass=$((pass + 1)); else echo "FAIL: $name"; fail=$((fail + 1)); fi
done
[ $pass -gt 0 ] || { echo "FAIL: no cidtruth fixture found"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
