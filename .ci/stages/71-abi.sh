#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The built libscxcmask.so against the last release's ABI baseline
# (abi/libscxcmask.abi): fails on a removed or changed interface unless the
# SONAME was bumped (docs/RELEASING.md).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top"
[ -f Makefile ] || ci_skip "the tree is not configured (run ./setup.sh first)"
command -v abidiff >/dev/null 2>&1 || ci_skip "abidiff not installed (abigail-tools)"

make -s libscxcmask/libscxcmask.la
make check-abi
