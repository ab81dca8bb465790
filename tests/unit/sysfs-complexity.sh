#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Runs test_sysfs_complexity with the open-counting shim preloaded.  Under
# AddressSanitizer the shim comes before the sanitizer runtime in the
# library list, which is harmless here (the shim only forwards): the
# link-order check is turned off for this run.
set -eu
shim=$top_builddir/tests/unit/.libs/open_count.so
[ -f "$shim" ] || { echo "open_count.so was not built ($shim)" >&2; exit 1; }
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
exec "$top_builddir/libtool" --mode=execute env LD_PRELOAD="$shim" \
	"$top_builddir/tests/unit/test_sysfs_complexity"
