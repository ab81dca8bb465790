#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# upstream-qmap.sh SRCDIR BUILDDIR
#
# The proof that <scxcmask/cid_compat.bpf.h> is a drop-in for the kernel's
# tools/sched_ext/include/scx/cid.bpf.h: the kernel's own scx_qmap, from
# Debian's linux-source-7.x (tests/vm/fetch-source.sh), is built twice per
# kernel -- unmodified ("upstream") and with cid.bpf.h replaced by the
# compat header ("compat") -- and both run in a guest of the matching
# kernel (tests/vm/fetch-kernel.sh) under a small workload.  Each build is
# judged by its own output: it attaches, a task pinned to every cpu runs to
# completion, its dispatch count grows, no stall is reported, and it
# unregisters cleanly ("EXIT: unregistered from user space").  The verifier
# counts of every program and scx_qmap's last statistics are printed side
# by side.
#
# The replacement is an include-path override: a directory placed before
# tools/sched_ext/include holds scx/.  scx/common.bpf.h includes
# "cid.bpf.h" with quotes, which always finds the file next to it first,
# so the override directory holds copies of the tree's scx/ headers
# (unmodified) with cid.bpf.h alone replaced by a one-line file including
# <scxcmask/cid_compat.bpf.h>.  No source file is edited.
#
# The tree's own libbpf is built statically (bpftool 7.5's skeletons need a
# newer libbpf than Debian 12's) and cached next to the source.  7.3's
# scx_qmap needs clang-22 (clang-19 turns an arena pointer into a scalar).
#
# Environment: VM_KERNELS (default "7.2 7.3"), VM_CACHE (kernels, default
# ~/.cache/libscxcmask-vm), SRC_CACHE (sources, ~/.cache/libscxcmask-src),
# QMAP_SMP (default 4), QMAP_TIMEOUT (seconds per guest, default 420),
# BPF_TARGET_ARCH (configure's; x86).
# Exit 0 when every build passed on every kernel tried, 77 when nothing could
# run (printing why), 1 on a failure.
set -uo pipefail

srcdir=$(cd "${1:?usage: $0 SRCDIR BUILDDIR}" && pwd)
builddir=$(cd "${2:?usage: $0 SRCDIR BUILDDIR}" && pwd)
here=$srcdir/tests/vm
kernels=${VM_KERNELS:-7.2 7.3}
vm_cache=${VM_CACHE:-${HOME:-/root}/.cache/libscxcmask-vm}
src_cache=${SRC_CACHE:-${HOME:-/root}/.cache/libscxcmask-src}
smp=${QMAP_SMP:-4}
guest_timeout=${QMAP_TIMEOUT:-420}
work=$builddir/tests/vm/work/upstream-qmap
busybox=${BUSYBOX:-/bin/busybox}
# configure's BPF_TARGET_ARCH, as make check-vm-upstream passes it (the
# guests are Debian's amd64 kernels, hence the default)
bpf_arch=${BPF_TARGET_ARCH:-x86}

skip() { echo "SKIP: $*"; exit 77; }
t_start=$SECONDS

for t in qemu-system-x86_64 cpio bpftool gcc make; do
	command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
done
file "$busybox" 2>/dev/null | grep -q 'statically linked' || skip "$busybox is not a static busybox"

pick_clang() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 && { echo "$c"; return 0; }
	done
	return 1
}

# The tree's libbpf, built once per source tree.
build_libbpf() {
	local src=$1 out=$1/.libbpf
	[ -s "$out/inst/usr/lib64/libbpf.a" ] && { echo "$out/inst/usr"; return 0; }
	rm -rf "$out" && mkdir -p "$out/obj" || return 1
	if ! make -s -C "$src/tools/lib/bpf" BUILD_STATIC_ONLY=1 OUTPUT="$out/obj/" \
		DESTDIR="$out/inst" prefix=/usr -j2 install >"$out/build.log" 2>&1; then
		echo "upstream-qmap: building $src/tools/lib/bpf failed:" >&2
		tail -n 5 "$out/build.log" >&2
		return 1
	fi
	echo "$out/inst/usr"
}

# build_qmap SRC WORK VARIANT CLANG LIBBPF: WORK/VARIANT/scx_qmap
build_qmap() {
	local src=$1 w=$2 v=$3 clang=$4 lb=$5 t=$1/tools/sched_ext sys ovr=()
	mkdir -p "$w/$v" || return 1
	if [ "$v" = compat ]; then
		rm -rf "$w/override" && mkdir -p "$w/override/scx" &&
			cp "$t"/include/scx/*.h "$w/override/scx/" || return 1
		printf '/* the compat header in place of upstream'"'"'s (upstream-qmap.sh) */\n#include <scxcmask/cid_compat.bpf.h>\n' \
			>"$w/override/scx/cid.bpf.h"
		ovr=(-I"$w/override" -I"$srcdir/bpf" -I"$srcdir/common")
	fi
	sys=$($clang -v -E - </dev/null 2>&1 |
		sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')
	# shellcheck disable=SC2086
	$clang -g -O2 -mcpu=v3 -target bpf -D__TARGET_ARCH_"$bpf_arch" -mlittle-endian \
		-Wall -Wno-compare-distinct-pointer-types -Wno-microsoft-anon-tag -fms-extensions \
		"${ovr[@]}" -I"$t/include" -I"$t/include/bpf-compat" -I"$w" -I"$lb/include" \
		-I"$src/tools/include/uapi" -I"$src/tools/include" $sys \
		-c "$t/scx_qmap.bpf.c" -o "$w/$v/scx_qmap.bpf.o" >"$w/$v/build.log" 2>&1 || return 1
	bpftool gen object "$w/$v/scx_qmap.linked.o" "$w/$v/scx_qmap.bpf.o" >>"$w/$v/build.log" 2>&1 &&
		bpftool gen skeleton "$w/$v/scx_qmap.linked.o" name scx_qmap \
			>"$w/$v/scx_qmap.bpf.skel.h" 2>>"$w/$v/build.log" || return 1
	gcc -g -O2 -pthread -I"$w/$v" -I"$w" -I"$src/tools/lib" -I"$src/tools/include" \
		-I"$src/tools/include/uapi" -I"$t/include" -I"$lb/include" \
		-c "$t/scx_qmap.c" -o "$w/$v/scx_qmap.o" >>"$w/$v/build.log" 2>&1 &&
		gcc -o "$w/$v/scx_qmap" "$w/$v/scx_qmap.o" "$lb/lib64/libbpf.a" -lelf -lz -lzstd \
			-lpthread >>"$w/$v/build.log" 2>&1
}

# mkroot WORK SRC: WORK/initramfs.gz with busybox, both builds and their libraries
mkroot() {
	local w=$1 root=$1/root lib dest
	rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,opt} || return 1
	cp "$busybox" "$root/bin/busybox" && ln -s busybox "$root/bin/sh" &&
		install -m 755 "$here/upstream-qmap-guest.sh" "$root/init" &&
		install -m 644 "$here/guest-prelude.sh" "$root/etc/guest-prelude.sh" &&
		install -m 755 "$w/progstats" "$root/bin/progstats" || return 1
	for v in upstream compat; do
		install -D -m 755 "$w/$v/scx_qmap" "$root/opt/$v/scx_qmap" || return 1
	done
	echo "upstream compat" >"$root/etc/qmap-builds"
	# statistics every second: 7.3 has -i (default 5 s), 7.2 prints every second
	if grep -q '"[^"]*i:[^"]*"' <(grep -m1 'getopt(' -A1 "$2/tools/sched_ext/scx_qmap.c"); then
		echo "-i 1" >"$root/etc/qmap-args"
	else
		: >"$root/etc/qmap-args"
	fi
	ldd "$w/upstream/scx_qmap" | awk '/=> \// { print $3 } /^\t\// { print $1 }' | while read -r lib; do
		dest=$lib
		mkdir -p "$root$(dirname "$dest")" && cp -L "$lib" "$root$dest"
	done
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$w/initramfs.gz"
}

# Verdict and table for one kernel from the guest log.
judge() {
	local log=$1 series=$2 bad=0 v n
	grep -q '^GUEST done' "$log" || { echo "FAIL $series: the guest did not finish (see $log)"; return 1; }
	for v in upstream compat; do
		local why=()
		grep -q "^QMAP $v enabled" "$log" || why+=("never enabled")
		n=$(grep -c "^PINNED $v [0-9]* ok" "$log")
		[ "$n" -eq "$smp" ] || why+=("pinned tasks finished on $n of $smp cpus")
		grep -q "^QOUT $v: .*EXIT: unregistered from user space" "$log" || why+=("no clean unload")
		grep -q "^QMAP $v rc=0 state=disabled" "$log" || why+=("$(grep "^QMAP $v rc=" "$log" | head -n 1)")
		local d1 d2
		d1=$(grep "^QOUT $v: stats" "$log" | head -n 1 | sed -n 's/.* dsp=\([0-9]*\).*/\1/p')
		d2=$(grep "^QOUT $v: stats" "$log" | tail -n 1 | sed -n 's/.* dsp=\([0-9]*\).*/\1/p')
		{ [ -n "$d2" ] && [ "${d2:-0}" -gt "${d1:-0}" ]; } || why+=("dispatch count did not grow (${d1:-none} -> ${d2:-none})")
		if [ ${#why[@]} -eq 0 ]; then
			echo "PASS $series $v: enabled, $n/$smp cpus ran pinned tasks, dsp ${d1} -> ${d2}, clean unload"
		else
			echo "FAIL $series $v: ${why[*]}"
			bad=1
		fi
	done
	if grep -E '^DMESG .*(stall|BUG|Oops|error)' "$log"; then
		echo "FAIL $series: the kernel reported a problem (above)"
		bad=1
	fi
	echo "--- $series: verifier processed instructions per program (upstream cid.bpf.h | compat)"
	awk -v k="$series" '
		$1 == "upstream" && $2 == "PROG" { split($5, a, "="); up[$4] = a[2]; names[$4] = 1 }
		$1 == "compat" && $2 == "PROG" { split($5, a, "="); co[$4] = a[2]; names[$4] = 1 }
		END {
			n = 0
			for (p in names) list[++n] = p
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
				if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
			for (i = 1; i <= n; i++) {
				p = list[i]
				printf "  %-28s %9s %9s %+8d\n", p, up[p] == "" ? "-" : up[p], co[p] == "" ? "-" : co[p], co[p] - up[p]
				tu += up[p]; tc += co[p]
			}
			printf "  %-28s %9d %9d %+8d\n", "total", tu, tc, tc - tu
		}' "$log"
	echo "--- $series: scx_qmap's last statistics (upstream | compat)"
	for v in upstream compat; do
		for k in 'stats  :' '         exp_' 'hier   : self'; do
			grep "^QOUT $v: $k" "$log" | tail -n 1 | sed "s/^QOUT //"
		done
		grep "^QMAP $v enabled" "$log" | sed 's/^QMAP /  attach (s): /'
	done
	return $bad
}

ran=0 failed=0 skipped=()
mkdir -p "$work" || exit 1
gcc -static -O2 -o "$work/progstats" "$here/progstats.c" || { echo "FAIL: cannot build progstats"; exit 1; }
for series in $kernels; do
	t0=$SECONDS
	w=$work/$series
	mkdir -p "$w" || exit 1
	kout=$(bash "$here/fetch-kernel.sh" "$series" "$vm_cache")
	rc=$?
	if [ $rc -ne 0 ]; then
		skipped+=("$series: ${kout:-fetch-kernel.sh failed}")
		continue
	fi
	vmlinuz=$(sed -n 's/^vmlinuz=//p' <<<"$kout")
	vmlinux=$(sed -n 's/^vmlinux=//p' <<<"$kout")
	sout=$(bash "$here/fetch-source.sh" "$series" "$src_cache")
	rc=$?
	if [ $rc -ne 0 ]; then
		skipped+=("$series: ${sout:-fetch-source.sh failed}")
		continue
	fi
	src=$(sed -n 's/^src=//p' <<<"$sout")
	if [ "$series" = 7.2 ]; then
		clang=$(pick_clang clang-22 clang-19) || { skipped+=("$series: no clang-22 or clang-19"); continue; }
	else
		clang=$(pick_clang clang-22) ||
			{ skipped+=("$series: clang-22 is not installed (clang-19 miscompiles 7.3's scx_qmap)"); continue; }
	fi
	bpftool btf dump file "$vmlinux" format c >"$w/vmlinux.h" || { echo "FAIL $series: bpftool btf dump"; failed=1; continue; }
	lb=$(build_libbpf "$src") || { echo "FAIL $series: libbpf"; failed=1; continue; }
	bad=0
	for v in upstream compat; do
		if ! build_qmap "$src" "$w" "$v" "$clang" "$lb"; then
			echo "FAIL $series: building scx_qmap ($v) failed:"
			grep -E 'error|undefined' "$w/$v/build.log" | head -n 10
			bad=1
		fi
	done
	[ $bad -eq 0 ] || { failed=1; continue; }
	cp "$work/progstats" "$w/progstats" && mkroot "$w" "$src" || { echo "FAIL $series: initramfs"; failed=1; continue; }
	tb=$SECONDS
	timeout "$guest_timeout" qemu-system-x86_64 -M q35 -accel tcg,thread=single -cpu max \
		-smp "$smp" -m 1G -nographic -no-reboot -kernel "$vmlinuz" -initrd "$w/initramfs.gz" \
		-append 'console=ttyS0 quiet panic=-1 oops=panic rdinit=/init' </dev/null \
		>"$w/guest.log" 2>&1
	tr -d '\r' <"$w/guest.log" >"$w/guest.txt"
	echo "=== $series ($(sed -n 's/^version=//p' <<<"$sout"), $clang, -smp $smp): built in $((tb - t0)) s, guest $((SECONDS - tb)) s"
	ran=1
	judge "$w/guest.txt" "$series" || failed=1
done
for s in "${skipped[@]}"; do echo "skipped $s"; done
echo "upstream-qmap: $((SECONDS - t_start)) s"
[ $failed -eq 0 ] || exit 1
[ $ran -eq 1 ] || skip "no kernel could run (${skipped[*]})"
exit 0
