#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The README's second command: make check in the tree ./setup.sh built,
# then every test log's counts and skip reasons (.ci/summaries.sh), which
# .ci/run adds up in its final table.  The host's tests/bpf results are
# judged there too: on a host that refuses BPF arenas they skip, and the
# guests of 60-check-vm must prove the BPF side instead.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f Makefile ] || ci_skip "the tree is not configured (00-setup did not run)"
rc=0
make check || rc=$?
# quoted, so that .ci/run does not count the failed tests' lines twice
[ "$rc" -eq 0 ] || sed 's/^/| /' test-suite.log
echo "make check: test summaries"
.ci/summaries.sh .
exit "$rc"
