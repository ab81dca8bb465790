#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# mkinitramfs.sh BUILDDIR OUT.cpio.gz [--init FILE] [--add SRC DEST]...
#
# The check-vm guest's root: static busybox, /init (guest-init.sh), the
# prelude every /init sources (guest-prelude.sh, as /etc/guest-prelude.sh)
# and the programs `make` built in BUILDDIR (examples/qmap_cid/qmap_cid and
# its BPF object), linked dynamically: every library ldd lists is copied
# in at the same path, so the guest runs exactly the host's binaries.  Each boot adds
# its own /etc/vmtest.conf as a second cpio archive (the kernel unpacks
# concatenated archives in order).
#
# --init FILE replaces guest-init.sh (and leaves qmap_cid out); each --add
# copies SRC to DEST in the guest, with the libraries of an executable SRC.
set -euo pipefail

builddir=$1
out=$2
shift 2
init=
adds=()
while [ $# -gt 0 ]; do
	case $1 in
	--init) init=$2; shift 2 ;;
	--add) adds+=("$2" "$3"); shift 3 ;;
	*) echo "mkinitramfs: unknown option $1" >&2; exit 2 ;;
	esac
done
srcdir=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}

skip() { echo "SKIP: $*"; exit 77; }
file "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
	skip "$busybox is not a static busybox (install busybox-static)"
command -v cpio >/dev/null || skip "cpio is not installed"

agent=$builddir/examples/qmap_cid/qmap_cid
bpfobj=$builddir/examples/qmap_cid/qmap_cid.bpf.o
[ -n "$init" ] || for f in "$agent" "$bpfobj"; do
	[ -f "$f" ] || { echo "mkinitramfs: $f is missing" >&2; exit 1; }
done

root=$(mktemp -d "${TMPDIR:-/tmp}/scxcmask-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,out,opt/qmap_cid}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 644 "$srcdir/guest-prelude.sh" "$root/etc/guest-prelude.sh"
exes=()
if [ -n "$init" ]; then
	install -m 755 "$init" "$root/init"
else
	install -m 755 "$srcdir/guest-init.sh" "$root/init"
	install -m 755 "$agent" "$root/opt/qmap_cid/qmap_cid"
	install -m 644 "$bpfobj" "$root/opt/qmap_cid/qmap_cid.bpf.o"
	# the global-subprogram build, when make qmap-cid-bpf made it
	[ ! -f "${bpfobj%.bpf.o}_global.bpf.o" ] ||
		install -m 644 "${bpfobj%.bpf.o}_global.bpf.o" "$root/opt/qmap_cid/qmap_cid_global.bpf.o"
	exes+=("$agent")
fi
for ((i = 0; i < ${#adds[@]}; i += 2)); do
	mkdir -p "$root$(dirname "${adds[i + 1]}")"
	cp "${adds[i]}" "$root${adds[i + 1]}"
	[ -x "${adds[i]}" ] && exes+=("${adds[i]}")
done

# The shared libraries (libscxcmask from the build tree, libbpf, libelf,
# libz, libzstd, libc) and the dynamic loader.  The guest mounts a tmpfs on
# /tmp, so libraries from a build tree there go to the default search
# directory (where the loader looks after the RUNPATH fails).
# (libtool keeps uninstalled test programs without a RUNPATH: the build
# tree's libscxcmask is found through LD_LIBRARY_PATH.)
export LD_LIBRARY_PATH=$builddir/libscxcmask/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
for exe in "${exes[@]}"; do
ldd "$exe" | awk '/=> \// { print $3 } /^\t\// { print $1 }' | while read -r lib; do
	case "$lib" in
	/lib/* | /lib64/* | /usr/lib/*) dest=$lib ;;
	*) dest=/lib/x86_64-linux-gnu/$(basename "$lib") ;;
	esac
	mkdir -p "$root$(dirname "$dest")"
	cp -L "$lib" "$root$dest"
done
if ldd "$exe" | grep -q 'not found'; then
	echo "mkinitramfs: unresolved libraries:" >&2; ldd "$exe" >&2; exit 1
fi
done

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
