#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Prints the Debian symbols file of the runtime package from the version
# script, so that it never has to be kept in step by hand:
#
#   scripts/gen-symbols.sh > debian/libscxcmask1.symbols
#
# Every symbol of node SCXCMASK_X.Y gets X.Y.0, the first release that had
# the node, as its minimum version; the SONAME (and so the package name)
# comes from the libtool numbers in configure.ac.  The package build fails
# when the library's exports differ from this (DPKG_GENSYMBOLS_CHECK_LEVEL=4
# in debian/rules), and tests/install/check-debian-symbols.sh when the
# committed file differs from this output.
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
map=$top/libscxcmask/libscxcmask.map

lt() { sed -n "s/^SCXCMASK_LT_$1=\([0-9]*\).*/\1/p" "$top/configure.ac"; }
soversion=$(( $(lt CURRENT) - $(lt AGE) ))

echo "libscxcmask.so.$soversion libscxcmask$soversion #MINVER#"
echo "* Build-Depends-Package: libscxcmask-dev"
# Strip comments, then walk "NODE {", "global:", "sym;", "local:", "}".
sed -e 's|/\*.*\*/||g' "$map" | sed -e '/\/\*/,/\*\//d' | awk '
	/^[ \t]*SCXCMASK_[0-9]+\.[0-9]+[ \t]*\{/ {
		node = $1; sub(/\{.*/, "", node)
		ver = node; sub(/^SCXCMASK_/, "", ver); ver = ver ".0"
		print " " node "@" node " " ver
		scope = "global"; next
	}
	/^[ \t]*\}/ { node = ""; next }
	node == "" { next }
	/^[ \t]*global:/ { scope = "global"; next }
	/^[ \t]*local:/ { scope = "local"; next }
	scope == "global" && /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*;/ {
		sym = $1; sub(/;.*/, "", sym)
		print " " sym "@" node " " ver
	}
' | LC_ALL=C sort -u
