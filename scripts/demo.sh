#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The first thing a new user sees: what the library does on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== examples/basic: cmask operations in the agent"
examples/basic/basic
