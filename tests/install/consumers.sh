#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Another project's view of an installed libscxcmask: everything here is
# built in a scratch directory outside the source tree with flags from
# pkg-config only.
#
#   consumers.sh [--sysroot DIR] PCDIR
#
# PCDIR holds the installed scxcmask.pc.  --sysroot DIR names the root the
# copy was installed under (make install DESTDIR=DIR, or dpkg -x into DIR);
# pkg-config then prefixes DIR to its paths.  Checks: the .pc file is
# prefix-relative; the headers compile alone, in C and C++; the library has
# its SONAME and development symlink and exports only versioned symbols; a
# userspace program links and runs dynamically and statically; a BPF program
# compiles with clang -target bpf against the installed BPF headers and
# (as root, on a kernel with arenas) loads through a bpftool skeleton and
# agrees with the userspace library; the manual pages are found by name.
#
# Environment: CC (cc), CXX (c++), BPF_CLANG (clang >= 19), BPFTOOL.
set -uo pipefail

sysroot=
while [ $# -gt 0 ]; do
	case $1 in
	--sysroot) sysroot=$2; shift 2 ;;
	-*) echo "usage: $0 [--sysroot DIR] PCDIR" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--sysroot DIR] PCDIR" >&2; exit 2; }
pcdir=$(cd "$1" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$pcdir/scxcmask.pc" ] || { echo "FAIL: no scxcmask.pc in $pcdir"; exit 1; }

export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if [ -n "$sysroot" ]; then
	sysroot=$(cd "$sysroot" && pwd)
	export PKG_CONFIG_SYSROOT_DIR=$sysroot
	# keep -I/usr/include and -L/usr/lib/... of a /usr install: under a
	# sysroot they are not the system's
	export PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
fi
CC=${CC:-cc}
CXX=${CXX:-c++}

work=$(mktemp -d "${TMPDIR:-/tmp}/scxcmask-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
skipped() { skip=$((skip + 1)); echo "SKIP: $*"; }
run() { "$@" >log 2>&1 || { sed 's/^/    /' log; return 1; }; }

cflags=$(pkg-config --cflags scxcmask) || { bad "pkg-config --cflags scxcmask"; exit 1; }
libs=$(pkg-config --libs scxcmask)
static_libs=$(pkg-config --static --libs scxcmask)
echo "pkg-config: version $(pkg-config --modversion scxcmask); cflags: $cflags; libs: $libs"
# pkgconf prefixes the sysroot to variables too, pkg-config 0.29 does not
inroot() { case $1 in "$sysroot"/*) echo "$1" ;; *) echo "$sysroot$1" ;; esac; }
incdir=$(inroot "$(pkg-config --variable=includedir scxcmask)")
libdir=$(inroot "$(pkg-config --variable=libdir scxcmask)")

# ---------------------------------------------------------------- layout
raw_pc=$(cat "$pcdir/scxcmask.pc")
grep -q '^includedir=\${prefix}/' <<<"$raw_pc" &&
	grep -Eq '^libdir=\$\{(exec_)?prefix\}/' <<<"$raw_pc" &&
	ok "scxcmask.pc: libdir and includedir follow \${prefix}" ||
	bad "scxcmask.pc hard-codes its paths: $(grep -E '^(libdir|includedir)=' <<<"$raw_pc" | tr '\n' ' ')"

missing=
for h in scxcmask.h cmask.h common.h version.h cmask_defs.h cmask_ops.h cmask.bpf.h arena.bpf.h; do
	[ -f "$incdir/scxcmask/$h" ] || missing="$missing $h"
done
[ -z "$missing" ] && ok "headers under $incdir/scxcmask/" || bad "missing in $incdir/scxcmask/:$missing"

# every userspace header stands alone, in C and in C++
for h in "$incdir"/scxcmask/*.h; do
	n=scxcmask/$(basename "$h")
	case $n in *.bpf.h | scxcmask/cmask_ops.h) continue ;; esac
	printf '#include <%s>\n' "$n" >one.c
	run "$CC" -std=c11 -Wall -Wextra -Werror $cflags -c one.c -o one.o ||
		{ bad "<$n> does not compile alone (C)"; continue; }
	if command -v "$CXX" >/dev/null 2>&1; then
		cp one.c one.cc
		run "$CXX" -Wall -Wextra -Werror $cflags -c one.cc -o one.o ||
			{ bad "<$n> does not compile alone (C++)"; continue; }
	fi
	ok "<$n> compiles alone"
done

so=$(readlink "$libdir/libscxcmask.so")
soname=$(readelf -d "$libdir/libscxcmask.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -n "$soname" ] && [ -e "$libdir/$soname" ] && [ "$so" = "$(readlink "$libdir/$soname")" -o "$so" = "$soname" ] &&
	ok "libscxcmask.so -> $so, SONAME $soname" ||
	bad "development symlink or SONAME: libscxcmask.so -> '$so', SONAME '$soname'"
[ -f "$libdir/libscxcmask.a" ] && ok "static archive" || bad "no $libdir/libscxcmask.a"

unversioned=$(objdump -T "$libdir/libscxcmask.so" |
	awk '$2 == "g" && $4 != "*UND*" && $(NF-1) !~ /^SCXCMASK_[0-9]+\.[0-9]+$/ { print $NF }')
nexp=$(objdump -T "$libdir/libscxcmask.so" | awk '$2 == "g" && $4 != "*UND*"' | wc -l)
[ -z "$unversioned" ] && [ "$nexp" -gt 0 ] && ok "objdump -T: $nexp exports, all in SCXCMASK_ nodes" ||
	bad "unversioned exports: $unversioned"

# ---------------------------------------------------------------- userspace
cp "$here/consumer.c" .
if run "$CC" -Wall -Wextra -Werror $cflags consumer.c -o consumer-dyn $libs; then
	ok "dynamic consumer builds"
	if LD_LIBRARY_PATH=$libdir run ./consumer-dyn; then
		ok "dynamic consumer: $(tail -n 1 log)"
	else
		bad "dynamic consumer run"
	fi
	deps=$(LD_LIBRARY_PATH=$libdir ldd ./consumer-dyn)
	grep -q "libscxcmask.so.* => $libdir/" <<<"$deps" &&
		ok "dynamic consumer loads the installed library" ||
		bad "dynamic consumer does not load $libdir/libscxcmask.so: $(grep scxcmask <<<"$deps")"
else
	bad "dynamic consumer does not build"
fi

if run "$CC" -static -Wall -Wextra -Werror $cflags consumer.c -o consumer-static $static_libs; then
	ok "static consumer builds (pkg-config --static --libs)"
	if readelf -d consumer-static 2>/dev/null | grep 'NEEDED' >/dev/null; then
		bad "static consumer still needs shared libraries"
	else
		ok "static consumer needs no shared library"
	fi
	run ./consumer-static && ok "static consumer: $(tail -n 1 log)" || bad "static consumer run"
else
	bad "static consumer does not link with '$static_libs'"
fi

# ---------------------------------------------------------------- BPF
find_clang() {
	local c v
	for c in ${BPF_CLANG:-} clang-21 clang-20 clang-19 clang; do
		command -v "$c" >/dev/null 2>&1 || continue
		v=$("$c" -dumpversion 2>/dev/null | cut -d. -f1)
		[ -n "$v" ] && [ "$v" -ge 19 ] && { echo "$c"; return; }
	done
}
clang=$(find_clang)
bpftool=${BPFTOOL:-$(command -v bpftool || { [ -x /usr/sbin/bpftool ] && echo /usr/sbin/bpftool; })}
multiarch=$("$CC" -print-multiarch 2>/dev/null)
[ -n "$multiarch" ] && [ -d "/usr/include/$multiarch" ] && multiarch_inc="-I/usr/include/$multiarch" || multiarch_inc=
if [ -z "$clang" ] || [ -z "$bpftool" ] || ! pkg-config --exists libbpf; then
	skipped "BPF consumer: needs clang >= 19, bpftool and libbpf (have '${clang:-}', '${bpftool:-}')"
else
	cp "$here/consumer.bpf.c" "$here/consumer_load.c" .
	if run "$clang" -O2 -g -target bpf -mcpu=v3 $multiarch_inc $cflags -c consumer.bpf.c -o consumer.bpf.o; then
		ok "BPF consumer compiles: $clang -target bpf \$(pkg-config --cflags scxcmask)"
		if run "$bpftool" gen skeleton consumer.bpf.o name consumer && cp log consumer.skel.h &&
			run "$CC" -Wall -Wextra -Werror $(pkg-config --cflags scxcmask libbpf) consumer_load.c \
				-o consumer-load $(pkg-config --libs scxcmask libbpf); then
			ok "skeleton and loader build"
			LD_LIBRARY_PATH=$libdir ./consumer-load >log 2>&1
			rc=$?
			case $rc in
			0) ok "BPF consumer: $(tail -n 1 log)" ;;
			77) skipped "BPF consumer load: $(sed -n 's/^SKIP: //p' log)" ;;
			*) sed 's/^/    /' log; bad "BPF consumer load and run" ;;
			esac
		else
			bad "skeleton or loader"
		fi
	else
		bad "BPF consumer does not compile against the installed headers"
	fi
fi

# ---------------------------------------------------------------- manual pages
mandir=$(dirname "$libdir")
for d in "$sysroot/usr/share/man" "$(inroot "$(pkg-config --variable=prefix scxcmask)")/share/man"; do
	[ -d "$d/man3" ] && mandir=$d
done
if command -v man >/dev/null 2>&1 && [ -d "$mandir/man3" ]; then
	for name in 3:scx_cmask_and 3:libscxcmask 1:scxcmask; do
		out=$(MANPATH=$mandir MANWIDTH=80 man "${name%%:*}" "${name#*:}" 2>&1)
		grep -q "^NAME" <<<"$out" && ok "man ${name%%:*} ${name#*:}" || bad "man ${name%%:*} ${name#*:}: $out"
	done
else
	skipped "manual pages: no man command or no $mandir/man3"
fi

echo "consumers: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
