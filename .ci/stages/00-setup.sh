#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 1800
#
# The README's first command, exactly as a user runs it: ./setup.sh
# installs what is missing, configures the tree in place, builds it and
# runs the demo.  The later stages use that build.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top"
./setup.sh
