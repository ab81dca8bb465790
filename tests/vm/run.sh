#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# run.sh BUILDDIR [--fixtures DIR]
#
# make check-vm: boots Debian's sched_ext kernels (7.2, and 7.3 when
# experimental has it) under qemu on the topologies in tests/vm/topologies,
# runs examples/qmap_cid with its checks (-c) and a workload in each guest,
# then judges each boot from the host: the guest's checks passed, the
# scheduler was enabled and unloaded cleanly, the kernel log holds no
# warning, oops or stall, and (on one boot) a deliberately wrong map made
# the checks fail.  Prints one line per boot and "N passed, N failed".
#
# Exits 77 ("SKIP: reason") only when no kernel could be fetched.
#
# Environment: VM_KERNELS ("7.2 7.3"), VM_TOPOS (names, default all),
# VM_CACHE (kernel cache, default $XDG_CACHE_HOME/libscxcmask-vm),
# VM_JOBS (guests at once, default 2), VM_TIMEOUT (seconds per boot, 240),
# VM_RUN_SECS (seconds qmap_cid runs, 6), QEMU (qemu-system-x86_64).
set -uo pipefail

builddir=$(cd "${1:?usage: run.sh BUILDDIR [--fixtures DIR]}" && pwd)
shift
fixtures=
[ "${1:-}" = --fixtures ] && fixtures=$2
here=$(cd "$(dirname "$0")" && pwd)
kernels=${VM_KERNELS:-7.2 7.3}
cache=${VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libscxcmask-vm}
jobs=${VM_JOBS:-2}
boot_timeout=${VM_TIMEOUT:-240}
qemu=${QEMU:-qemu-system-x86_64}
work=$builddir/tests/vm/work
start=$(date +%s)

# say, skip, vm_prepare, vm_fetch_kernels
. "$here/vm-lib.sh" || exit 1
vm_prepare

# 1. Kernels.
declare -A vmlinuz vmlinux
vm_fetch_kernels

# 2. The BPF object, against the newest kernel's BTF (CO-RE adapts it to
# the others; its 7.3-only ops fields such as cid_shard_size stay zero, and
# libbpf skips zero members an older kernel lacks), and the agent.
newest=$(printf '%s\n' "${avail[@]}" | sort -V | tail -n 1)
btf_from=${vmlinux[$newest]}
rm -f "$builddir/examples/qmap_cid/vmlinux.h"
if ! make -C "$builddir" -s examples/qmap_cid/qmap_cid qmap-cid-bpf \
	QMAP_CID_VMLINUX="$btf_from" >"$work/build.log" 2>&1; then
	cat "$work/build.log"
	echo "check-vm: building qmap_cid failed"
	exit 1
fi
say "built qmap_cid.bpf.o against the BTF of kernel $newest"

# 3. The guest's root.
"$here/mkinitramfs.sh" "$builddir" "$work/base.cpio.gz" || exit $?
say "initramfs: $(stat -c %s "$work/base.cpio.gz") bytes"

# 4. Boots.
topos=()
while IFS='|' read -r name args params offline opts; do
	name=$(echo $name)
	case "$name" in '' | '#'*) continue ;; esac
	if [ -n "${VM_TOPOS:-}" ] && ! grep -qw -- "$name" <<<"$VM_TOPOS"; then
		continue
	fi
	topos+=("$name|$(echo $args)|$(echo $params)|$(echo $offline)|$(echo $opts)")
done <"$here/topologies"

# verified LOG: the sum of the "processed N insns" lines qmap_cid -v printed
verified() { sed -n 's/.* processed \([0-9]*\) insns.*/\1/p' "$1" 2>/dev/null | awk '{ s += $1 } END { if (NR) print s }'; }
# opt OPTIONS KEY: the value of KEY=value in a topology's options
opt() { sed -n "s/.*\\<$2=\\([^ ]*\\).*/\\1/p" <<<"$1"; }
# qemu_base ARGS: the machine, with -m 1G and -cpu max unless ARGS set them
qemu_base() {
	local b="-M q35 -accel tcg,thread=single"
	grep -q -- '-cpu ' <<<"$1" || b="$b -cpu max"
	grep -q -- '-m ' <<<"$1" || b="$b -m 1G"
	echo "$b"
}

boot() {	# boot KERNEL TOPO-LINE INDUCE
	local k=$1 name args params offline opts dir conf base tmo
	IFS='|' read -r name args params offline opts <<<"$2"
	dir=$work/$name-k${k/./}
	base=$(qemu_base "$args")
	tmo=$(opt "$opts" timeout)
	tmo=${VM_TIMEOUT:-${tmo:-$boot_timeout}}
	mkdir -p "$dir/conf/etc"
	{
		echo "TOPO='$name'"
		echo "QEMU_ARGS='$base $args'"
		echo "OFFLINE='$offline'"
		echo "RUN_SECS='${VM_RUN_SECS:-6}'"
		echo "INDUCE='$3'"
		echo "HOTPLUG='$(opt "$opts" hotplug)'"
		echo "SHARD='$(opt "$opts" shard)'"
		echo "GLOBAL='$(opt "$opts" global)'"
		echo "AGENT_ARGS='${VM_AGENT_ARGS:-}'"
		echo "NO_WORKLOAD='${VM_NO_WORKLOAD:-}'"
	} >"$dir/conf/etc/vmtest.conf"
	(cd "$dir/conf" && find . | cpio -o -H newc --quiet -R 0:0 | gzip -1) >"$dir/conf.cpio.gz"
	cat "$work/base.cpio.gz" "$dir/conf.cpio.gz" >"$dir/initrd"
	local t0=$(date +%s) try
	# A guest that never reaches /init (seen once in ~50 boots under
	# emulation on a loaded host) is booted again, once.
	for try in 1 2; do
		# rcu_cpu_stall_timeout: under single-threaded emulation on a busy
		# 2-core host a vCPU can go the default 21 s without running, which
		# RCU reports as a stall (seen once in ~60 boots).  Scheduler stalls
		# are still judged: sched_ext's own watchdog ejects the scheduler
		# and logs "runnable task stall", which fails the boot below.
		# shellcheck disable=SC2086
		timeout -k 10 "$tmo" "$qemu" $base \
			$args -nographic -no-reboot -kernel "${vmlinuz[$k]}" -initrd "$dir/initrd" \
			-append "console=ttyS0 quiet panic=-1 oops=panic rdinit=/init rcupdate.rcu_cpu_stall_timeout=90 $params" \
			-device virtio-serial-pci -chardev file,id=vs0,path="$dir/out.tar" \
			-device virtserialport,chardev=vs0,name=out </dev/null >"$dir/serial.log" 2>&1
		echo $? >"$dir/qemu.rc"
		grep -q 'GUEST start' "$dir/serial.log" && break
		cp "$dir/serial.log" "$dir/serial-try$try.log"
		echo "$name on $k: the guest did not reach /init; booting again" >"$dir/retried"
	done
	echo $(( $(date +%s) - t0 )) >"$dir/secs"
	rm -f "$dir/initrd"
}

# The induced faults: the wrong map on the first boot, and on every boot
# whose options ask for it (words: only guests past 64 cids can catch it).
# The biggest guests start first, so that the small ones fill in beside them.
list=()
for t in "${topos[@]}"; do
	IFS='|' read -r name args _ _ opts <<<"$t"
	smp=$(sed -n 's/.*-smp \([0-9]*\).*/\1/p' <<<"$args")
	echo "${smp:-1} $t"
done | sort -s -rn -k1,1 | cut -d' ' -f2- >"$work/order"
while IFS= read -r t; do
	for k in "${avail[@]}"; do
		IFS='|' read -r _ _ _ _ opts <<<"$t"
		list+=("$k" "$t" "$(opt "$opts" induce)")
	done
done <"$work/order"
# the first small boot (in file order) also runs the wrong map
for ((i = 0; i < ${#list[@]}; i += 3)); do
	if [ "${list[i + 1]}" = "${topos[0]}" ] && [ "${list[i]}" = "${avail[0]}" ]; then
		grep -q map <<<"${list[i + 2]}" || list[i + 2]="map${list[i + 2]:+,${list[i + 2]}}"
	fi
done
running=0
for ((i = 0; i < ${#list[@]}; i += 3)); do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	boot "${list[i]}" "${list[i + 1]}" "${list[i + 2]}" &
	running=$((running + 1))
done
wait
say "all boots finished"

# 5. Verdicts.
passed=0
failed=0
check() {	# check OK-STATUS DESCRIPTION
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "  FAIL: $2"
	fi
}
bad_log='WARNING:|BUG:|Oops|Call Trace|stall|soft lockup|hung task|Kernel panic|sched_ext: .*(error|runnable task)'
for ((i = 0; i < ${#list[@]}; i += 3)); do
	k=${list[i]}
	IFS='|' read -r name args params offline <<<"${list[i + 1]}"
	dir=$work/$name-k${k/./}
	mkdir -p "$dir/out"
	tar -xf "$dir/out.tar" -C "$dir/out" 2>/dev/null
	log=$dir/serial.log
	counts=$(sed -n 's/.*RESULT qmap_cid rc=[0-9]* counts=\([0-9]* passed, [0-9]* failed\).*/\1/p' "$log" | tr -d '\r')
	gp=${counts%% passed*}
	gf=$(sed -n 's/.* \([0-9]*\) failed/\1/p' <<<"$counts")
	echo "$name on $k: $(cat "$dir/secs")s, guest checks: ${counts:-none}"
	[ -f "$dir/retried" ] && echo "  note: $(cat "$dir/retried")"
	check "$(grep -q 'GUEST done' "$log"; echo $?)" "$name/$k: the guest did not finish (qemu rc $(cat "$dir/qemu.rc")); tail of $log:
$(tail -n 30 "$log")"
	check "$(grep -q 'RESULT qmap_cid rc=0 ' "$log"; echo $?)" "$name/$k: qmap_cid -c failed:
$(grep -E '^(FAIL|qmap_cid:)' "$dir/out/qmap_cid.txt" 2>/dev/null | head -n 20)"
	if [ -n "$gp" ]; then
		passed=$((passed + gp))
		failed=$((failed + ${gf:-0}))
	fi
	check "$(grep -q 'BPF scheduler "qmap_cid" enabled' "$dir/out/dmesg.txt" 2>/dev/null; echo $?)" \
		"$name/$k: no 'enabled' line in the kernel log"
	check "$(grep -q '"qmap_cid" disabled (unregistered from user space)' "$dir/out/dmesg.txt" 2>/dev/null; echo $?)" \
		"$name/$k: qmap_cid was not unloaded cleanly"
	# from the moment qmap_cid starts (boot-time complaints about qemu's
	# topology are shown, not judged)
	sed -n '/GUEST qmap_cid starts/,$p' "$log" >"$dir/serial-run.log"
	check "$(! grep -Eq "$bad_log" "$dir/serial-run.log" "$dir/out/dmesg.txt" 2>/dev/null; echo $?)" \
		"$name/$k: kernel log: $(grep -Eh "$bad_log" "$dir/serial-run.log" "$dir/out/dmesg.txt" 2>/dev/null | head -n 5)"
	grep -Eh 'WARNING:' "$dir/out/dmesg-boot.txt" 2>/dev/null | head -n 2 | sed 's/^/  boot-time (not judged): /' 
	check "$([ -s "$dir/out/truth.json" ] && [ -s "$dir/out/sysfs.tar.gz" ]; echo $?)" \
		"$name/$k: no truth.json or sysfs snapshot came back"
	# result LABEL: the counts of a RESULT line of the guest
	result() { sed -n "s/.*RESULT $1 rc=\\([0-9]*\\) counts=\\(.*\\)/rc \\1, \\2/p" "$log" | tr -d '\r'; }
	for f in ${list[i + 2]//,/ }; do
		check "$(grep -Eq "RESULT induced-$f rc=1 counts=[0-9]+ passed, [1-9][0-9]* failed" "$log"; echo $?)" \
			"$name/$k: the induced fault '$f' was not caught: $(result "induced-$f")"
		echo "  induced $f: $(result "induced-$f") (expected to fail)"
	done
	IFS='|' read -r _ _ _ _ opts <<<"${list[i + 1]}"
	if [ -n "$(opt "$opts" hotplug)" ]; then
		hp=$(sed -n 's/^qmap_cid: hotplug of //p' "$dir/out/qmap_cid.txt" 2>/dev/null)
		check "$(grep -Eq '^qmap_cid: hotplug of cpu .*: [1-9][0-9]* passed, 0 failed' "$dir/out/qmap_cid.txt" 2>/dev/null; echo $?)" \
			"$name/$k: the hotplug checks: ${hp:-did not run}"
		check "$(grep -Eq 'RESULT reenable rc=0 counts=[0-9]+ passed, 0 failed' "$log"; echo $?)" \
			"$name/$k: enabling again after hotplug: $(result reenable)
$(grep -E '^(FAIL|qmap_cid:)' "$dir/out/reenable.txt" 2>/dev/null | head -n 10)"
		check "$(grep -Eq 'RESULT eject rc=0 counts=[0-9]+ passed, 0 failed' "$log"; echo $?)" \
			"$name/$k: hotplug without the hotplug ops: $(result eject)
$(grep -E '^(FAIL|qmap_cid:)' "$dir/out/eject.txt" 2>/dev/null | head -n 10)"
		echo "  hotplug without the hotplug ops: $(result eject); $(sed -n 's/^qmap_cid: kernel exit: //p' "$dir/out/eject.txt" 2>/dev/null)"
		c1=$(tr -d '\n' <"$dir/out/truth.json" 2>/dev/null | sed -n 's/.*"cid_to_cpu": \[\([^]]*\)\].*/\1/p')
		c2=$(tr -d '\n' <"$dir/out/truth-reenable.json" 2>/dev/null | sed -n 's/.*"cid_to_cpu": \[\([^]]*\)\].*/\1/p')
		check "$([ -n "$c1" ] && [ -n "$c2" ] && [ "$c1" != "$c2" ]; echo $?)" \
			"$name/$k: the second enable did not renumber: cid_to_cpu [$c1] then [$c2]"
		echo "  hotplug of $hp; enabled again: $(result reenable), cid_to_cpu [$c1] -> [$c2]"
	fi
	if [ -n "$(opt "$opts" shard)" ]; then
		if [ "$k" = 7.2 ]; then
			check "$(grep -q 'RESULT shard rc=77 ' "$log"; echo $?)" "$name/$k: -s on 7.2 did not skip: $(result shard)"
		else
			check "$(grep -Eq 'RESULT shard rc=0 counts=[0-9]+ passed, 0 failed' "$log"; echo $?)" \
				"$name/$k: cid_shard_size $(opt "$opts" shard): $(result shard)
$(grep -E '^(FAIL|qmap_cid:)' "$dir/out/shard.txt" 2>/dev/null | head -n 10)"
		fi
		echo "  cid_shard_size $(opt "$opts" shard): $(result shard)"
	fi
	if [ -n "$(opt "$opts" global)" ]; then
		check "$(grep -Eq 'RESULT global rc=0 counts=[0-9]+ passed, 0 failed' "$log"; echo $?)" \
			"$name/$k: qmap_cid with global-subprogram helpers: $(result global)
$(grep -E '^(FAIL|qmap_cid:|libbpf:)' "$dir/out/global.txt" 2>/dev/null | head -n 10)"
		vi=$(verified "$dir/out/inline.txt")
		vg=$(verified "$dir/out/global.txt")
		check "$([ "${vi:-0}" -gt 0 ] && [ "${vg:-0}" -gt 0 ]; echo $?)" \
			"$name/$k: no verifier totals for the inline and global builds (${vi:-?}, ${vg:-?})"
		echo "  helpers as global subprograms: $(result global); verifier-processed instructions, all programs: inline ${vi:-?}, global ${vg:-?}"
	fi
	if [ -n "$fixtures" ] && [ -s "$dir/out/truth.json" ]; then
		mkdir -p "$fixtures/$name-k${k/./}"
		cp "$dir/out/sysfs.tar.gz" "$dir/out/truth.json" "$fixtures/$name-k${k/./}/"
		if [ -s "$dir/out/truth-shard.json" ]; then
			sh=$fixtures/$name-shard$(opt "$opts" shard)-k${k/./}
			mkdir -p "$sh"
			cp "$dir/out/sysfs.tar.gz" "$sh/"
			cp "$dir/out/truth-shard.json" "$sh/truth.json"
		fi
	fi
done
say "check-vm done"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
