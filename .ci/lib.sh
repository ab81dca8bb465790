# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Helpers for .ci/stages/*.sh.  Source it: . .ci/lib.sh
#
# The top directory is configured in place by ./setup.sh, and autoconf
# refuses an out-of-tree build from a configured source tree, so a stage
# that needs its own build directory takes a pristine copy of the sources.

ci_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ci_fresh_src DIR: a clean checkout of HEAD in DIR, with configure generated.
ci_fresh_src() {
	local dir=$1
	rm -rf "$dir"
	git clone -q "$ci_top" "$dir"
	(cd "$dir" && autoreconf -fi >/dev/null 2>&1)
}

ci_skip() {
	echo "SKIP: $*"
	exit 77
}
