#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# From a fresh clone: install what is missing, build everything, and run
# the demo.  Then 'make check'.  Extra arguments go to ./configure.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi
[ -f Makefile ] && [ config.status -nt configure ] || ./configure "$@"
make -j"$(nproc)"
scripts/demo.sh
