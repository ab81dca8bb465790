#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 900
#
# The Rust crate with both toolchains CI has: Debian's cargo (installed by
# scripts/install-deps.sh --ci) and the machine's current one.  make check
# already ran it with whatever was there; here two toolchains are required.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f Makefile ] || ci_skip "the tree is not configured (./setup.sh)"
start=$(date +%s)
RUST_REQUIRE_TOOLCHAINS=2 make check TESTS="tests/rust/check-decls.sh tests/rust/cargo-test.sh" >/dev/null 2>&1
rc=$?
cat tests/rust/check-decls.log tests/rust/cargo-test.log
echo "rust stage: $(( $(date +%s) - start ))s"
exit "$rc"
