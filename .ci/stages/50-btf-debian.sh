#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask check' on the BTF of Debian's real 7.2 and 7.3 kernels, which
# it downloads (tests/vm/fetch-kernel.sh; cached with 'make check-vm').
# Skips (77) when the Debian archive is out of reach.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top" || exit 1
# the README's 'make check' built the tree in place
[ -x tools/scxcmask ] || make -s -j2 >/dev/null || exit 1
top_builddir=$ci_top bash tests/vm/btf-debian.sh
