#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Installs the CI build into a throwaway DESTDIR and runs the consumers of
# tests/install against it ('make installcheck DESTDIR=...'): a userspace
# program (dynamic and static) and a BPF program built with pkg-config only.
# Also: every installed file lies under the configured prefix, and
# uninstall removes them all.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ci_top"
[ -f Makefile ] || ci_skip "the tree is not configured (run ./setup.sh first)"

dest=$(mktemp -d /tmp/ci-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT
prefix=$(sed -n 's/^prefix = //p' Makefile)
make -s install DESTDIR="$dest" >/dev/null

outside=$(cd "$dest" && find . -type f -o -type l | sed 's|^\.||' | grep -v "^$prefix/" || true)
if [ -n "$outside" ]; then
	echo "FAIL: installed outside the prefix $prefix:"; printf '  %s\n' $outside; exit 1
fi
echo "installed $(cd "$dest" && find . -type f | wc -l) files, $(cd "$dest" && find . -type l | wc -l) symlinks, all under $prefix"

make installcheck DESTDIR="$dest"

make -s uninstall DESTDIR="$dest" >/dev/null
left=$(cd "$dest" && find . -type f -o -type l)
if [ -n "$left" ]; then
	echo "FAIL: make uninstall left files:"; printf '  %s\n' $left; exit 1
fi
echo "uninstall removed everything"
