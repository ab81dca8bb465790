#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 600
#
# scxcmask map --svg rendered by headless Chromium (installed by
# scripts/install-deps.sh --ci) for a 2-, a 64- and a 256-cpu machine and a
# guest with offline cpus.  The pictures are this run's artifacts: their
# paths, sizes and dimensions are printed here.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
[ -f Makefile ] || ci_skip "the tree is not configured (./setup.sh)"
SVG_REQUIRE_CHROMIUM=1 make check TESTS=tests/unit/tool-map-svg.sh >/dev/null 2>&1
rc=$?
cat tests/unit/tool-map-svg.log
ls -l tests/unit/svg-work/*.png 2>/dev/null
exit "$rc"
