#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# libFuzzer + ASan + UBSan on the arena view for a bounded time
# (FUZZ_SECONDS, default 90): random arena contents, view geometry,
# addresses and cmask headers must never lead outside the mapping.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f config.h ] || ./setup.sh >/dev/null || exit 1
bash tests/fuzz/arena-fuzz.sh "$ci_top" "$ci_top" "${FUZZ_SECONDS:-90}"
