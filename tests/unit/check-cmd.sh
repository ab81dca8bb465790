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

expect 2 "unknown option '--bogus'" check --bogus
expect 2 "option '--btf' needs an argument" check --btf
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
	expect 0 "generation:       unknown-newer (struct scx_cid_topo is 40 bytes" check --btf "$dir/7.4-clusters"
	expect 0 "provisional 7.4" check --btf "$dir/7.4-clusters"
	expect 0 "generation:       unknown-newer (no struct scx_cid_topo)" check --btf "$dir/no-topo"
	# 'map --btf FILE': the generation of that kernel, on a synthetic tree
	tree=$dir/tree
	sh "$top_srcdir/tests/fixtures/make-synthetic.sh" \
		"$top_srcdir/tests/fixtures/synthetic/cluster-interleaved.fixture" "$tree"
	expect 1 "a generation this library does not know (struct scx_cid_topo is 40 bytes)" \
		map --sysfs "$tree" --btf "$dir/7.4-clusters"
	expect 1 "ask for a generation" map --sysfs "$tree" --btf "$dir/no-topo"
	expect 0 "kernel 7.2 (from $dir/7.2), 0 shards" map --sysfs "$tree" --btf "$dir/7.2"
	expect 0 "kernel 7.3 (from $dir/7.3), 1 shards" map --sysfs "$tree" --btf "$dir/7.3"
	expect 0 "from $dir/plain, a kernel without sched_ext: 7.3 assumed" map --sysfs "$tree" --btf "$dir/plain"
	expect 0 "from $dir/scx-6.12, a kernel without cids: 7.3 assumed" map --sysfs "$tree" --btf "$dir/scx-6.12"
	expect 1 "no such file" map --sysfs "$tree" --btf "$dir/nope"
	expect 2 "--gen and --btf both name the generation" map --sysfs "$tree" --btf "$dir/7.2" --gen 7.3
	expect 1 "NO CID SUPPORT" check --btf "$dir/plain"
	expect 1 "cid support:      no" check --btf "$dir/scx-6.12"
	# the file is read once, by the library: a pipe works, raw BTF or ELF
	# piped WANT PATTERN FILE WHAT: 'cat FILE | scxcmask check --btf
	# /dev/stdin' exits WANT and prints PATTERN (WHAT names a failure)
	piped() {
		cat "$3" | "$tool" check --btf /dev/stdin >"$dir/out" 2>&1
		rc=$?
		if [ $rc -eq "$1" ] && grep -q "$2" "$dir/out"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: $4: exit $rc"; cat "$dir/out"
		fi
	}
	# piped_ok LABEL FILE: 'cat FILE | scxcmask check --btf /dev/stdin' says OK
	piped_ok() { piped 0 "verdict:          OK" "$2" "$1 piped into --btf /dev/stdin"; }
	piped_ok "7.3 raw BTF" "$dir/7.3"
	expect 0 "verdict:          OK" check --btf /dev/stdin <"$dir/7.3"
	# a FIFO with no writer: an error at once, not a hang (timeout: exit 124)
	mkfifo "$dir/fifo"
	timeout 20 "$tool" check --btf "$dir/fifo" >"$dir/out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -q "fifo: empty, so not a BTF file" "$dir/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: check --btf FIFO without a writer: exit $rc (124: it hung)"; cat "$dir/out"
	fi
	# a malformed BTF: our one-line message on stderr, none of libbpf's
	"$tool" check --btf "$dir/dangling" >"$dir/out" 2>"$dir/err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] && grep -q "dangling: not readable as BTF" "$dir/err" &&
	   ! grep -q libbpf "$dir/err" && [ ! -s "$dir/out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: check --btf malformed BTF: exit $rc, stderr:"; cat "$dir/err"
	fi
	# over the 64 MiB cap, from a file and from a pipe
	{ printf '\237\353\001\000'; head -c $((64 * 1024 * 1024)) /dev/zero; } >"$dir/huge"
	expect 1 "more than the 64 MiB a BTF check reads" check --btf "$dir/huge"
	piped 1 "/dev/stdin: more than the 64 MiB" "$dir/huge" "check --btf /dev/stdin over the cap"
	rm -f "$dir/huge"
	expect 1 "not a regular file or a pipe (a character device)" check --btf /dev/zero
	expect 1 "is a directory" check --btf "$dir"
	# Debian's real kernels, when tests/vm/fetch-kernel.sh has cached them
	cache=${VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libscxcmask-vm}
	for vmlinux in "$cache"/7.3-*/vmlinux; do
		[ -r "$vmlinux" ] || { echo "note: no cached 7.3 vmlinux in $cache: real-kernel pipe cases not run"; break; }
		piped_ok "$vmlinux (ELF)" "$vmlinux"
		if command -v objcopy >/dev/null 2>&1 &&
		   objcopy -O binary --only-section=.BTF "$vmlinux" "$dir/real.btf" 2>/dev/null; then
			piped_ok "$vmlinux .BTF (raw)" "$dir/real.btf"
		fi
	done
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
