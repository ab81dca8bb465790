# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Sourced by the shell tests of the scxcmask command.  Sets $tool to the
# built command, the real binary rather than libtool's wrapper script (which
# costs a shell per run: these tests run it hundreds of times), $tmp to a
# scratch directory removed on exit, and the pass/fail counters.
: "${top_srcdir:?}" "${top_builddir:?}"
tool=$top_builddir/tools/scxcmask
if [ -x "$top_builddir/tools/.libs/scxcmask" ]; then
	tool=$top_builddir/tools/.libs/scxcmask
	LD_LIBRARY_PATH=$top_builddir/libscxcmask/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
fi
[ -x "$tool" ] || { echo "SKIP: $tool is not built"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scxcmask-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
