#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Prints the closing lines of every test log under a build directory:
# Check's "N%: Checks: ..." and the "N passed, N failed" lines, and the
# reason of every skipped test.
set -euo pipefail
dir=${1:-.}
find "$dir" -name '*.log' -path '*tests/*' ! -name test-suite.log -print0 | sort -z |
while IFS= read -r -d '' log; do
	lines=$(grep -E '^[0-9]+%: Checks: |^([^,]*: )?[0-9]+ passed, [0-9]+ failed|bpf-proofs\[|^SKIP|^check-[a-z-]+:' "$log" || true)
	[ -n "$lines" ] && printf '%s\n%s\n' "${log#"$dir"/}" "$(printf '%s\n' "$lines" | sed 's/^/  /')"
done
