#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 3600
#
# make check-vm in the tree ./setup.sh configured: examples/qmap_cid on
# Debian's sched_ext 7.2 (and 7.3) kernels under qemu, on the topologies of
# tests/vm/topologies (4 to 128 vCPUs, hotplug), with the kernel as the
# judge of the cid map and the conversions; every tests/bpf program inside
# both guests; the kernel's own scx_qmap on upstream's and the compat
# cid.bpf.h.  Prints
# the per-boot lines and "N passed, N failed"; skips (77) only when the
# BPF toolchain, qemu or the Debian kernel packages are unavailable.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f Makefile ] || ci_skip "the tree is not configured (./setup.sh)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
make check-vm 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
echo "check-vm: $(( $(date +%s) - start ))s"
if [ "$rc" -ne 0 ] && grep -q '^SKIP: ' "$log" && ! grep -Eq '^[0-9]+ passed, [0-9]+ failed$' "$log"; then
	exit 77
fi
exit "$rc"
