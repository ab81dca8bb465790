#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# /init of the check-vm guest (busybox sh).  /etc/vmtest.conf, appended by
# the host for each boot, sets TOPO, QEMU_ARGS, OFFLINE (cpus to take
# offline before the scheduler starts), RUN_SECS, INDUCE (also run the
# agent with induced faults: "map" a wrong map, "words" cmask words shifted
# past word 0), HOTPLUG (a cpu to take offline and back while the agent
# runs, then offline again for a second enable) and SHARD (run once more
# with that cid_shard_size).  Prints RESULT lines on the serial
# console and sends /out (sysfs snapshot, truth.json, logs, dmesg) as a tar
# over virtio-serial, then powers off.
. /etc/guest-prelude.sh
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
. /etc/vmtest.conf
mkdir -p /out
echo "GUEST start $(cut -d' ' -f1 /proc/uptime)s $(uname -r) topo=$TOPO"

finish() {
	dmesg >/out/dmesg.txt
	cp /proc/cmdline /out/cmdline.txt
	tar -cf - -C /out . >/dev/vport0p1 2>/dev/null || echo "GUEST cannot send /out"
	echo "GUEST done fail=$1 $(cut -d' ' -f1 /proc/uptime)s"
	poweroff -f
}

for c in $OFFLINE; do
	echo 0 >/sys/devices/system/cpu/cpu$c/online || echo "GUEST cannot offline cpu$c"
done

# The sysfs files the cid map reads (and the cache levels and types, for a
# reader), copied (sysfs sizes are fake, so tar cannot read them in place)
# by a few processes, not a few per cpu: a fork costs about 0.2 s on a
# 128-vCPU guest under software emulation.  awk
# copies the contents; tar copies the cpuN/nodeM symlinks as links.
snapshot_sysfs() {
	s=/tmp/snap/sys/devices/system
	mkdir -p $s/cpu $s/node
	cd /sys/devices/system/cpu
	{
		ls -d kernel_max offline online possible present
		find cpu[0-9]*/topology cpu[0-9]*/cache cpu[0-9]*/online -name power -prune -o \
			-type f \( -name 'thread_siblings*' -o -name 'core_cpus*' -o -name 'shared_cpu_*' \
			-o -name level -o -name type -o -name online \) -print 2>/dev/null
	} >/tmp/snap.files
	sed -n 's|/[^/]*$||p' /tmp/snap.files | sort -u | sed "s|^|$s/cpu/|" | xargs mkdir -p
	awk -v d="$s/cpu/" '{ o = d $0; printf "" > o
		while ((getline l < $0) > 0) print l > o
		close($0); close(o) }' /tmp/snap.files
	set -- cpu[0-9]*/node[0-9]*
	[ -L "$1" ] && tar -cf - "$@" | tar -xf - -C $s/cpu
	cd /sys/devices/system/node 2>/dev/null && {
		cp has_cpu online possible $s/node/ 2>/dev/null
		for d in node[0-9]*; do
			mkdir -p $s/node/$d
			cp $d/cpulist $d/cpumap $s/node/$d/
		done
	}
	cd /
	tar -czf /out/sysfs.tar.gz -C /tmp/snap sys
}
snapshot_sysfs
echo "GUEST sysfs snapshot taken $(cut -d' ' -f1 /proc/uptime)s"

# The workload: a busy loop per online cpu plus two (one niced down, one
# up, so that all three FIFOs fill), sleepers, and a task whose affinity
# taskset keeps moving over the online cpus.  Started once the scheduler is
# enabled, so that it does not slow down loading (the verifier) under
# emulation.  Past 16 cpus, 8 busy loops only and a faster mover: every
# vCPU kept busy would slow the agent's checks in step with the vCPU count
# under single-threaded emulation, and the mover alone reaches every cpu.
start_workload() {
	online=$(cat /sys/devices/system/cpu/online)
	cpus=$(echo "$online" | awk -F, '{ for (i = 1; i <= NF; i++) { n = split($i, r, "-");
		lo = r[1]; hi = n > 1 ? r[2] : r[1]; for (c = lo; c <= hi; c++) printf "%d ", c } }')
	pids=
	[ -n "$NO_WORKLOAD" ] && return
	busy=$cpus nap=200000
	if [ $(echo $cpus | wc -w) -gt 16 ]; then
		busy="1 2 3 4 5 6 7 8" nap=20000
	fi
	for c in $busy x y; do
		sh -c 'while :; do :; done' &
		pids="$pids $!"
	done
	set -- $pids
	renice -n 10 -p $1 >/dev/null
	renice -n -10 -p $2 >/dev/null
	mover=$3
	for i in 1 2 3; do
		sh -c 'while :; do usleep 3000; done' &
		pids="$pids $!"
	done
	sh -c "while :; do for c in $cpus; do taskset -p \$(printf %x \$((1 << c))) $mover >/dev/null; usleep $nap; done; done" &
	pids="$pids $!"
}

# run_agent LOG WORKLOAD ARGS...: the agent, bounded in time, its output
# also on the console; with WORKLOAD=yes the workload runs while it is enabled.
run_agent() {
	log=$1 work=$2
	shift 2
	: >$log
	( timeout $((${RUN_SECS:-6} + 240)) /opt/qmap_cid/qmap_cid "$@" >$log 2>&1; echo $? >/tmp/rc ) &
	agent=$!
	pids=
	if [ "$work" = yes ]; then
		while kill -0 $agent 2>/dev/null && ! grep -q 'enabled on' $log; do
			usleep 100000
		done
		kill -0 $agent 2>/dev/null && start_workload
	fi
	wait $agent
	[ -n "$pids" ] && kill $pids 2>/dev/null
	cat $log
	rc=$(cat /tmp/rc)
}

fail=0
export QMAP_CID_QEMU_ARGS="$QEMU_ARGS"
export QMAP_CID_OFFLINED="$(echo $OFFLINE | tr ' ' ,)"
# boot messages apart: the host judges only what the kernel says from here on
dmesg >/out/dmesg-boot.txt
dmesg -c >/dev/null
echo "GUEST qmap_cid starts $(cut -d' ' -f1 /proc/uptime)s"
counts() { grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1; }
run_agent /out/qmap_cid.txt yes -c -d "${RUN_SECS:-6}" -i 2 -t /out/truth.json \
	${HOTPLUG:+-H $HOTPLUG} $AGENT_ARGS
echo "RESULT qmap_cid rc=$rc counts=$(counts /out/qmap_cid.txt)"
[ $rc -eq 0 ] || fail=$((fail + 1))

# the induced faults: each run must fail (judged by the host)
for f in $(echo $INDUCE | tr , ' '); do
	case $f in
	map) env=QMAP_CID_WRONG_MAP ;;
	words) env=QMAP_CID_SHIFT_WORDS ;;
	*) echo "GUEST unknown induced fault $f"; continue ;;
	esac
	export $env=1
	run_agent /out/induced-$f.txt no -c -d 1 -i 5 >/dev/null
	unset $env
	echo "RESULT induced-$f rc=$rc counts=$(counts /out/induced-$f.txt)"
	grep '^FAIL' /out/induced-$f.txt | head -n 3
done

# another cid_shard_size (7.3; the agent exits 77 on 7.2)
if [ -n "$SHARD" ]; then
	run_agent /out/shard.txt no -c -d 1 -i 5 -s $SHARD -t /out/truth-shard.json >/dev/null
	echo "RESULT shard rc=$rc counts=$(counts /out/shard.txt)"
	grep -E '^(FAIL|SKIP)' /out/shard.txt | head -n 5
fi

# The loop helpers as global subprograms (SCXCMASK_BPF_GLOBAL_FUNCS): the
# same checks, and the verifier's statistics of both builds (-v).
if [ -n "$GLOBAL" ]; then
	run_agent /out/inline.txt no -d 1 -i 5 -v >/dev/null
	run_agent /out/global.txt no -c -d 1 -i 5 -v -b /opt/qmap_cid/qmap_cid_global.bpf.o >/dev/null
	echo "RESULT global rc=$rc counts=$(counts /out/global.txt)"
	grep -E '^(FAIL|SKIP)' /out/global.txt | head -n 5
fi

# Hotplug without ops.cid_online/cid_offline: the kernel must eject the
# scheduler (the agent brings the cpu back).
if [ -n "$HOTPLUG" ]; then
	run_agent /out/eject.txt no -c -d 1 -i 5 -H $HOTPLUG -N >/dev/null
	echo "RESULT eject rc=$rc counts=$(counts /out/eject.txt)"
	grep '^FAIL' /out/eject.txt | head -n 5
	[ $rc -eq 0 ] || fail=$((fail + 1))
fi

# After hotplug: the cpu offline again, and a second enable, whose tables
# must be the library's new prediction from the changed sysfs.
if [ -n "$HOTPLUG" ]; then
	echo 0 >/sys/devices/system/cpu/cpu$HOTPLUG/online || echo "GUEST cannot offline cpu$HOTPLUG"
	QMAP_CID_OFFLINED="$QMAP_CID_OFFLINED${QMAP_CID_OFFLINED:+,}$HOTPLUG" \
		run_agent /out/reenable.txt no -c -d 1 -i 5 -t /out/truth-reenable.json >/dev/null
	echo "RESULT reenable rc=$rc counts=$(counts /out/reenable.txt)"
	grep '^FAIL' /out/reenable.txt | head -n 5
	[ $rc -eq 0 ] || fail=$((fail + 1))
fi
finish $fail
