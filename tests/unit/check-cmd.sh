#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask check' end to end: verdicts and exit status on the synthetic
# BTF files that tests/unit/test_btf writes (7.2, 7.3, RFC, broken layouts,
# no sched_ext), on files that are not BTF, and on bad usage.
set -u
tool="$top_builddir/tools/scxcmask"
gen="$top_builddir/tests/unit/test_btf"
[ -x "$tool" ] || { echo "SKIP: $tool is not built"; exit 77; }
[ -x "$gen" ] || { echo "SKIP: $gen is not built (Check missing?)"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/check-cmd.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
SCXCMASK_BTF_TEST_DIR=$dir "$gen" >"$dir/gen.log" 2>&1 || { cat "$dir/gen.log"; echo "FAIL: test_btf"; exit 1; }

pass=0 fail=0
# expect STATUS PATTERN ARGS...: exit status and a line of stdout+stderr
expect() {
	want=$1 pattern=$2
	shift 2
	"$tool" "$@" >"$dir/out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ] && grep -q -- "$pattern" "$dir/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: scxcmask $*: exit $got (want $want), output (want /$pattern/):"
		sed 's/^/    /' "$dir/out"
	fi
}

expect 2 "unknown argument '--bogus'" check --bogus
expect 2 "missing FILE after '--btf'" check --btf
expect 0 "usage: scxcmask check" check --help
if [ -e "$dir/7.2" ]; then
	expect 1 "no such file" check --btf "$dir/nope"
	expect 1 "not a BTF file" check --btf "$dir/text"
	expect 1 "not a BTF file" check --btf "$dir/empty"
	expect 0 "generation:       7.2 (struct scx_cid_topo is 24 bytes)" check --btf "$dir/7.2"
	expect 0 "verdict:          OK" check --btf "$dir/7.2"
	expect 0 "generation:       7.3 (struct scx_cid_topo is 32 bytes)" check --btf="$dir/7.3"
	expect 1 "MISMATCH: member 1 is 'nr_bits' at offset 4" check --btf "$dir/rfc"
	expect 1 "obsolete RFC layout" check --btf "$dir/rfc"
	expect 1 "'alloc_words' at offset 8" check --btf "$dir/no-alloc"
	expect 1 "member 'bits' is an array of int 'unsigned int'" check --btf "$dir/bits-u32"
	expect 1 "extra member 'flags'" check --btf "$dir/extra member"
	expect 1 "NO CID SUPPORT" check --btf "$dir/plain"
	expect 1 "cid support:      no" check --btf "$dir/scx-6.12"
	if [ -r /sys/kernel/btf/vmlinux ]; then
		"$tool" check >"$dir/out" 2>&1
		rc=$?
		if { [ $rc -eq 0 ] || [ $rc -eq 1 ]; } && grep -q "^BTF: *\/sys\/kernel\/btf\/vmlinux" "$dir/out"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: scxcmask check (running kernel): exit $rc"; cat "$dir/out"
		fi
	fi
else
	# a library without libbpf says so
	expect 1 "without libbpf" check --btf "$dir/nope-either"
fi
echo "check-cmd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
