#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The Rust crate's extern "C" declarations against the C headers
# (check-decls.py), and proof that the comparison can fail: copies of
# sys.rs with one return type, one parameter and one struct field changed
# must each be caught.
set -uo pipefail
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
py=$src/tests/rust/check-decls.py
sysrs=$src/bindings/rust/src/sys.rs
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
python3 "$py" "$sysrs" "$src/include" "$src/common" && passed=$((passed + 1)) || {
	echo "FAIL: bindings/rust/src/sys.rs does not match the C headers (see above)"
	failed=$((failed + 1))
}

# Each mutation must be reported.
mutate() {	# mutate NAME SED-EXPRESSION
	sed "$2" "$sysrs" >"$tmp/$1.rs"
	if cmp -s "$sysrs" "$tmp/$1.rs"; then
		echo "FAIL: mutation $1 changed nothing (the test is stale)"
		failed=$((failed + 1))
	elif python3 "$py" "$tmp/$1.rs" "$src/include" "$src/common" >"$tmp/$1.out" 2>&1; then
		echo "FAIL: mutation $1 was not caught"
		failed=$((failed + 1))
	else
		echo "caught: $1: $(grep -m1 '^FAIL' "$tmp/$1.out")"
		passed=$((passed + 1))
	fi
}
mutate return-type 's/pub fn scx_cmask_weight(m: \*const scx_cmask) -> u32;/pub fn scx_cmask_weight(m: *const scx_cmask) -> i32;/'
mutate parameter 's/pub fn scx_cmask_test(cid: u32,/pub fn scx_cmask_test(cid: u64,/'
mutate struct-field 's/pub node_idx: i32,/pub node_idx: u32,/'
mutate missing-function '/pub fn scx_cmask_fill(/d'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
