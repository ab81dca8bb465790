#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# libFuzzer + ASan + UBSan on the text parsers (cpulist, hexmask, cidlist)
# and the conversions through cid maps (convert), for a bounded time each
# (FUZZ_SECONDS, default 60): no crash, no leak, no undefined behaviour,
# and every round-trip property holds.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f config.h ] || ./setup.sh >/dev/null || exit 1
bash tests/fuzz/parsers-fuzz.sh "$ci_top" "$ci_top" "${FUZZ_SECONDS:-60}"
