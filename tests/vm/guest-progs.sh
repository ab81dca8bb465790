#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# guest-progs.sh SRCDIR BUILDDIR PROGRAM...
#
# Runs test programs of the build tree (tests/bpf/agree-native,
# tests/bpf/oracle-upstream, ...) inside a guest of each sched_ext kernel,
# where BPF arenas work whatever the host allows.  Each program is copied
# with the shared libraries ldd lists for it (libscxcmask from the build
# tree included) and with the BPF objects beside it that it opens by path
# (tests/bpf/oracle_upstream.bpf.o).  Prints every program's output
# prefixed by "<kernel> <program>:" and one verdict line per program:
#
#	PASS|FAIL|SKIP <kernel> <program> (exit <n>)
#
# Environment: VM_KERNELS (default "7.2 7.3"), VM_CACHE, GUEST_SMP (2), GUEST_ENV,
# GUEST_TIMEOUT (seconds, default 600).  Exit 0 if nothing failed, 77 if no
# guest could run, 1 otherwise.
set -uo pipefail

srcdir=$(cd "${1:?usage: $0 SRCDIR BUILDDIR PROGRAM...}" && pwd)
builddir=$(cd "${2:?usage}" && pwd)
shift 2
[ $# -gt 0 ] || { echo "usage: $0 SRCDIR BUILDDIR PROGRAM..." >&2; exit 2; }
kernels=${VM_KERNELS:-7.2 7.3}
vm_cache=${VM_CACHE:-${HOME:-/root}/.cache/libscxcmask-vm}
smp=${GUEST_SMP:-2}
busybox=${BUSYBOX:-/bin/busybox}
work=$builddir/tests/vm/work/guest-progs

skip() { echo "SKIP: $*"; exit 77; }
command -v qemu-system-x86_64 >/dev/null 2>&1 || skip "qemu-system-x86_64 is not installed"
command -v cpio >/dev/null 2>&1 || skip "cpio is not installed"
file "$busybox" 2>/dev/null | grep -q 'statically linked' || skip "$busybox is not a static busybox"

rm -rf "$work" && mkdir -p "$work/root"/{bin,dev,proc,sys,tmp,etc,opt} || exit 1
root=$work/root
cp "$busybox" "$root/bin/busybox" && ln -s busybox "$root/bin/sh" || exit 1
names=()
for p in "$@"; do
	exe=$builddir/$p
	# libtool wrappers: the real binary is in .libs/
	[ -x "$(dirname "$exe")/.libs/$(basename "$exe")" ] && exe=$(dirname "$exe")/.libs/$(basename "$exe")
	[ -x "$exe" ] || { echo "guest-progs: $builddir/$p is not built" >&2; exit 1; }
	install -D -m 755 "$exe" "$root/opt/$p" || exit 1
	for o in "$(dirname "$builddir/$p")"/oracle_upstream.bpf.o "$(dirname "$builddir/$p")"/oracle_upstream.skip; do
		[ -f "$o" ] && install -D -m 644 "$o" "$root/opt/$(dirname "$p")/$(basename "$o")"
	done
	LD_LIBRARY_PATH=$builddir/libscxcmask/.libs ldd "$exe" | awk '/=> \// { print $3 } /^\t\// { print $1 }' | while read -r lib; do
		case "$lib" in
		/lib/* | /lib64/* | /usr/lib/*) dest=$lib ;;
		*) dest=/lib/x86_64-linux-gnu/$(basename "$lib") ;;
		esac
		mkdir -p "$root$(dirname "$dest")" && cp -L "$lib" "$root$dest"
	done
	names+=("$p")
done
printf '%s\n' "${names[@]}" >"$root/etc/progs"
# GUEST_ENV="A=1 B=2": exported to the programs
: >"$root/etc/env"
for e in ${GUEST_ENV:-}; do printf 'export %s\n' "$e" >>"$root/etc/env"; done
cat >"$root/init" <<'EOF'
#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp; mount -t bpf bpf /sys/fs/bpf
. /etc/env
echo "GUEST start $(uname -r)"
while read -r p; do
	(cd /opt/"$(dirname "$p")" && ./"$(basename "$p")") >/tmp/out 2>&1
	rc=$?
	sed "s|^|OUT $p: |" /tmp/out
	echo "RC $p $rc"
done </etc/progs
echo "GUEST done"
poweroff -f
EOF
chmod 755 "$root/init"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$work/initramfs.gz" || exit 1

failed=0 ran=0
for series in $kernels; do
	kout=$(bash "$srcdir/tests/vm/fetch-kernel.sh" "$series" "$vm_cache") ||
		{ echo "skipped $series: $kout"; continue; }
	vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$kout")
	t0=$SECONDS
	timeout "${GUEST_TIMEOUT:-600}" qemu-system-x86_64 -M q35 -accel tcg,thread=single -cpu max \
		-smp "$smp" -m 1G -nographic -no-reboot -kernel "$vmlinuz" -initrd "$work/initramfs.gz" \
		-append 'console=ttyS0 quiet panic=-1 oops=panic rdinit=/init' </dev/null 2>&1 |
		tr -d '\r' >"$work/$series.log"
	ran=1
	grep -q '^GUEST done' "$work/$series.log" || { echo "FAIL $series: the guest did not finish ($work/$series.log)"; failed=1; }
	sed -n "s|^OUT |$series |p" "$work/$series.log"
	for p in "${names[@]}"; do
		rc=$(sed -n "s|^RC $p ||p" "$work/$series.log")
		case "$rc" in
		0) echo "PASS $series $p (exit 0)" ;;
		77) echo "SKIP $series $p (exit 77)" ;;
		*) echo "FAIL $series $p (exit ${rc:-none})"; failed=1 ;;
		esac
	done
	echo "guest $series: $((SECONDS - t0)) s"
done
[ $ran -eq 1 ] || skip "no guest kernel available"
exit $failed
