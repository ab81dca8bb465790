#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Debian packages from a clean clone (the CI build directory is left
# alone): the symbols file matches the version script, dpkg-buildpackage
# -b succeeds, lintian finds no error, and the consumers of tests/install
# build and run against the packages unpacked into a throwaway root.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
command -v dpkg-buildpackage >/dev/null 2>&1 || ci_skip "dpkg-buildpackage not installed (dpkg-dev)"
command -v dh >/dev/null 2>&1 || ci_skip "debhelper not installed"

work=$(mktemp -d /tmp/ci-debian.XXXXXX)
trap 'rm -rf "$work"' EXIT
ci_fresh_src "$work/src"
cd "$work/src"

# 1. the committed symbols file is the one the version script gives
pkg=$(scripts/gen-symbols.sh | sed -n '1s/^[^ ]* \([^ ]*\) .*/\1/p')
if ! scripts/gen-symbols.sh | diff -u "debian/$pkg.symbols" -; then
	echo "FAIL: debian/$pkg.symbols is stale: scripts/gen-symbols.sh > debian/$pkg.symbols"
	exit 1
fi
echo "debian/$pkg.symbols: $(grep -c '@' "debian/$pkg.symbols") symbols, as in the version script"

# 2. build (tests run elsewhere in CI: nocheck keeps this fast)
dpkg-checkbuilddeps || { echo "FAIL: build dependencies missing (scripts/install-deps.sh --ci)"; exit 1; }
start=$(date +%s)
DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1 || {
	tail -n 80 "$work/build.log"; echo "FAIL: dpkg-buildpackage"; exit 1
}
echo "dpkg-buildpackage -b: $(( $(date +%s) - start )) s"
ls -1 "$work"/*.deb

# 3. lintian: errors fail, the rest is shown
if command -v lintian >/dev/null 2>&1; then
	lintian --fail-on error "$work"/*.changes || { echo "FAIL: lintian reports errors"; exit 1; }
	echo "lintian: no errors"
else
	echo "note: lintian not installed; not run"
fi

# 4. unpack into a throwaway root and build the consumers against it
root=$work/root
for deb in "$work"/*.deb; do
	case $deb in *-dbgsym_*) continue ;; esac
	dpkg -x "$deb" "$root"
done
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
bash tests/install/consumers.sh --sysroot "$root" "$root/usr/lib/$ma/pkgconfig"
LD_LIBRARY_PATH="$root/usr/lib/$ma" "$root/usr/bin/scxcmask" --version
