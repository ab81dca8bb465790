#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 1200
#
# make check again, in the same tree, configured anew now that 02-install-deps
# has installed what CI adds: the second BPF compiler (clang-22), hwloc and
# libnuma, qemu, abigail-tools.  00-setup configured the tree before those
# were there, so 01-make-check built neither the clang-22 BPF tests nor the
# hwloc/libnuma bridge tests, and 60-check-vm, which uses this tree, would
# carry no clang-22 program into the guests.  Under CI=true a feature that
# is still missing fails the stage: CI must not pass on a tree that quietly
# left it out.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f config.status ] || ci_skip "the tree is not configured (00-setup did not run)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# what configure decided: the conditionals and the second compiler
features() { grep -E '^S\["(HAVE_[A-Z0-9_]+_TRUE|BPF_CLANG2)"\]=' config.status; }
before=$(features)
./config.status --recheck >"$log" 2>&1 && ./config.status >>"$log" 2>&1 || {
	tail -n 20 "$log"
	echo "03-make-check-ci: configure failed"
	exit 1
}
missing=()
# automake's conditionals, as config.status holds them: NAME_TRUE is
# empty when NAME holds
cond() { grep -q "^S\[\"$1_TRUE\"\]=\"\"$" config.status; }
cond HAVE_HWLOC || missing+=("hwloc (libhwloc-dev)")
cond HAVE_NUMA || missing+=("libnuma (libnuma-dev)")
cond HAVE_BPF_CLANG2 || missing+=("a second BPF clang (clang-22)")
if [ ${#missing[@]} -gt 0 ]; then
	echo "03-make-check-ci: configure did not find: ${missing[*]}"
	[ "${CI:-}" = true ] && exit 1
fi
echo "03-make-check-ci: second BPF clang: $(sed -n 's/^BPF_CLANG2 = //p' Makefile)"
if [ "$(features)" = "$before" ]; then
	# a machine that had every package before 00-setup: 01 ran this suite
	echo "03-make-check-ci: configure found what 00-setup found; 01-make-check already ran this suite"
	exit 0
fi
echo "03-make-check-ci: configure found more than 00-setup did:"
diff <(printf '%s\n' "$before") <(features) | sed -n 's/^> /  /p'
rc=0
make -j"$(nproc)" check || rc=$?
[ "$rc" -eq 0 ] || sed 's/^/| /' test-suite.log
echo "make check (CI packages): test summaries"
.ci/summaries.sh .
exit "$rc"
