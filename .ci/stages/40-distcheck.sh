#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 1200
#
# make distcheck from a fresh clone in an out-of-tree build: the tarball
# holds every file the build, the tests and 'make installcheck' need (the
# consumers of tests/install run there against the _inst copy), and
# install/uninstall leave nothing behind.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

work=$(mktemp -d /tmp/ci-distcheck.XXXXXX)
trap 'rm -rf "$work"' EXIT
ci_fresh_src "$work/src"
mkdir "$work/build"
cd "$work/build"
"$work/src/configure" -q
make -j2 distcheck DISTCHECK_CONFIGURE_FLAGS="${DISTCHECK_CONFIGURE_FLAGS:-}" >"$work/distcheck.log" 2>&1 || {
	tail -n 150 "$work/distcheck.log"
	find "$work/build" -name test-suite.log -path '*_build*' -exec cat {} + 2>/dev/null | tail -n 100
	echo "FAIL: make distcheck"
	exit 1
}
grep -A3 -e '^====.*archives ready' -e 'ready for distribution' "$work/distcheck.log" || true
# the installcheck consumers' verdict, from inside distcheck
grep -e '^consumers:' -e '^ok: BPF' -e '^SKIP: ' "$work/distcheck.log" || true
tarball=$(ls "$work"/build/libscxcmask-*.tar.gz)
ls -l "$tarball"

# Tracked files the tarball lacks (CI, Debian packaging and .gitignore
# files excepted): each is either dead or a missing EXTRA_DIST entry.
missing=$(comm -13 <(tar -tzf "$tarball" | sed 's|^[^/]*/||' | sort) \
	<(git -C "$ci_top" ls-files | sort) | grep -v -e '^\.ci/' -e '^debian/' -e '\.gitignore$' || true)
if [ -n "$missing" ]; then
	echo "warning: tracked files not in the tarball (add them to EXTRA_DIST, or remove them):"
	printf '  %s\n' $missing
fi
