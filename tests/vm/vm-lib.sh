# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Sourced by run.sh and run-bpf.sh (host side of make check-vm): the log
# and skip helpers, the fresh work directory, and the kernels.  The caller
# sets start (date +%s), qemu, work, here (tests/vm), kernels and cache.

say() { printf '[%4ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }
skip() { echo "SKIP: $*"; exit 77; }

# qemu must exist; $work starts empty.
vm_prepare() {
	command -v "$qemu" >/dev/null 2>&1 || skip "$qemu is not installed"
	rm -rf "$work"
	mkdir -p "$work"
}

# Fetches each of $kernels (fetch-kernel.sh, cached in $cache) and fills
# vmlinuz[K] and vmlinux[K] (associative arrays the caller declares), avail
# (the kernels fetched) and kernel_skips (K=REASON for those the archive
# could not give).  A local failure of fetch-kernel.sh exits 1; no kernel
# at all skips.
vm_fetch_kernels() {
	local k out
	avail=()
	kernel_skips=()
	for k in $kernels; do
		out=$("$here/fetch-kernel.sh" "$k" "$cache" 2>"$work/fetch-$k.err")
		case $? in
		0)
			vmlinuz[$k]=$(sed -n 's/^vmlinuz=//p' <<<"$out")
			vmlinux[$k]=$(sed -n 's/^vmlinux=//p' <<<"$out")
			avail+=("$k")
			say "kernel $k: $(cat "$(dirname "${vmlinuz[$k]}")/package" 2>/dev/null)"
			;;
		77)
			say "kernel $k skipped: ${out#SKIP: }"
			kernel_skips+=("$k=${out#SKIP: }")
			;;
		*) say "kernel $k: fetch-kernel.sh failed: $(cat "$work/fetch-$k.err")"; exit 1 ;;
		esac
	done
	[ ${#avail[@]} -gt 0 ] || skip "no sched_ext kernel could be fetched (see above)"
}
