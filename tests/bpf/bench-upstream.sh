#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# bench-upstream.sh BUILDDIR: runs tests/bpf/bench-upstream (the library's
# BPF helpers against upstream's cid.bpf.h) on this host if it allows BPF
# arenas, else inside Debian's 7.3 guest through tests/vm/run-bpf.sh, and
# prints its table with a line saying where it ran.
set -uo pipefail
builddir=$(cd "${1:?usage: bench-upstream.sh BUILDDIR}" && pwd)
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
prog=$builddir/tests/bpf/bench-upstream
out=$("$prog" 2>&1); rc=$?
if [ $rc -eq 0 ]; then
	echo "ran on: this host ($(uname -r), $(nproc) cpus)"
	printf '%s\n' "$out"
	exit 0
fi
echo "host: $(printf '%s\n' "$out" | head -n 1); running in the 7.3 guest (qemu TCG)"
# run-bpf.sh counts a program that prints no "N passed" line as failed:
# its status says nothing here; the guest's "rc=0" line does
VM_KERNELS=${VM_KERNELS:-7.3} bash "$top_srcdir/tests/vm/run-bpf.sh" "$builddir" \
	tests/bpf/bench-upstream >"$builddir/tests/bpf/bench-upstream.vm.log" 2>&1
found=0
for log in "$builddir"/tests/vm/work-bpf/k*/serial.log; do
	[ -f "$log" ] || continue
	grep -q 'BPFTEST end bench-upstream rc=0' "$log" || continue
	found=1
	echo "ran on: guest $(sed -n 's/.*GUEST start [^ ]* \([^ ]*\) \(cpus=[^ ]*\).*/\1 \2/p' "$log" | head -n 1), qemu TCG on $(uname -r) host"
	sed -n '/BPFTEST begin bench-upstream/,/BPFTEST end bench-upstream/p' "$log" |
		sed '1d;$d' | tr -d '\r' | grep -v '^\[ *[0-9.]*\]'
done
if [ "$found" -eq 0 ]; then
	echo "bench-upstream: no guest run finished (see tests/bpf/bench-upstream.vm.log)" >&2
	exit 1
fi
