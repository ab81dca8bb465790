#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# What CI needs beyond the README's commands (valgrind, the fuzzing and
# sanitizer runtimes, qemu, abigail-tools, the Debian packaging tools):
# scripts/install-deps.sh --ci, so every later stage can run instead of
# skipping.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top"
scripts/install-deps.sh --ci
