#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask map' on every real machine's tree in tests/fixtures/realsysfs:
# a map (exit 0, valid JSON whose tables are inverse permutations) or a
# clear error (exit 1 with a message); never a crash.  Also the tree form
# and 'override' in each of its forms.
set -eu
. "$top_srcdir/tests/unit/tool-env.sh"
have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1

run() {	# run NAME ARGS...: exit 0, or 1 with a message; anything else fails
	name=$1; shift
	st=0
	"$tool" "$@" >"$tmp/out" 2>"$tmp/err" || st=$?
	if [ $st -eq 0 ] || { [ $st -eq 1 ] && [ -s "$tmp/err" ]; }; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name: scxcmask $* exited with $st"; sed 's/^/  /' "$tmp/err"; fail=$((fail + 1))
	fi
	return $st
}

for tarball in "$top_srcdir"/tests/fixtures/realsysfs/*.tar.gz; do
	name=$(basename "$tarball" .tar.gz)
	root=$tmp/$name
	mkdir "$root"
	tar -xzf "$tarball" -C "$root"
	run "$name" map --sysfs "$root" || true
	run "$name" override --sysfs "$root" --c || true
	if run "$name" map --sysfs "$root" --json && [ $have_py = 1 ]; then
		if python3 - "$tmp/out" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
c2c, d2c = m["cpu_to_cid"], m["cid_to_cpu"]
assert len(c2c) == m["nr_cpu_ids"] and len(d2c) == m["nr_cids"] == len(m["topo"])
assert sorted(d2c) == [c for c, cid in enumerate(c2c) if cid >= 0]
assert all(c2c[cpu] == cid for cid, cpu in enumerate(d2c))
assert m["nr_online_cids"] <= m["nr_cids"]
PY
		then pass=$((pass + 1)); else echo "FAIL: $name: inconsistent JSON"; fail=$((fail + 1)); fi
	fi
	rm -rf "$root"
done
[ $pass -gt 0 ] || { echo "FAIL: no realsysfs fixture found"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
