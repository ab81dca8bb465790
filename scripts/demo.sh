#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The first thing a new user sees: what the library does on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# First: a BPF program and its agent sharing cmasks in an arena, when this
# machine can run it (root, BPF arenas, the BPF toolchain at build time).
echo "== examples/arena_agent: BPF and the agent share cmasks in a BPF arena"
if [ ! -x examples/arena_agent/arena_agent ]; then
	echo "skipped: not built (configure found no BPF toolchain: clang >= 19, bpftool, libbpf >= 1.4)"
else
	rc=0
	examples/arena_agent/arena_agent || rc=$?
	case $rc in
	0) ;;
	77) echo "(skipped; the userspace demos below still run)" ;;
	*) echo "examples/arena_agent failed (exit $rc)" >&2; exit "$rc" ;;
	esac
fi
echo

echo "== examples/basic: cmask operations in the agent"
examples/basic/basic
