#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# /init of the check-vm guest (busybox sh).  /etc/vmtest.conf, appended by
# the host for each boot, sets TOPO, QEMU_ARGS, OFFLINE (cpus to take
# offline before the scheduler starts), RUN_SECS and INDUCE (also run the
# agent with a deliberately wrong map).  Prints RESULT lines on the serial
# console and sends /out (sysfs snapshot, truth.json, logs, dmesg) as a tar
# over virtio-serial, then powers off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t bpf bpf /sys/fs/bpf
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

# The sysfs files the cid map reads, copied (sysfs sizes are fake, so tar
# cannot read them in place); few commands, as each costs a lot under
# software emulation.
snapshot_sysfs() {
	s=/tmp/snap/sys/devices/system
	mkdir -p $s/cpu $s/node
	cd /sys/devices/system/cpu
	cp kernel_max offline online possible present $s/cpu/
	for n in cpu[0-9]*; do
		mkdir -p $s/cpu/$n
		cp -r $n/topology $n/cache $n/online $s/cpu/$n/ 2>/dev/null
		for l in $n/node[0-9]*; do
			[ -L "$l" ] && ln -s ../../node/${l##*/} $s/cpu/$n/${l##*/}
		done
	done
	rm -rf $s/cpu/cpu*/cache/*/power $s/cpu/cpu*/cache/*/uevent
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
# emulation.
start_workload() {
	online=$(cat /sys/devices/system/cpu/online)
	cpus=$(echo "$online" | awk -F, '{ for (i = 1; i <= NF; i++) { n = split($i, r, "-");
		lo = r[1]; hi = n > 1 ? r[2] : r[1]; for (c = lo; c <= hi; c++) printf "%d ", c } }')
	pids=
	[ -n "$NO_WORKLOAD" ] && return
	for c in $cpus x y; do
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
	sh -c "while :; do for c in $cpus; do taskset -p \$(printf %x \$((1 << c))) $mover >/dev/null; usleep 200000; done; done" &
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
run_agent /out/qmap_cid.txt yes -c -d "${RUN_SECS:-6}" -i 2 -t /out/truth.json $AGENT_ARGS
echo "RESULT qmap_cid rc=$rc counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' /out/qmap_cid.txt | tail -n 1)"
[ $rc -eq 0 ] || fail=$((fail + 1))

if [ -n "$INDUCE" ]; then
	QMAP_CID_WRONG_MAP=1 run_agent /out/induced.txt no -c -d 1 -i 5 >/dev/null
	echo "RESULT induced rc=$rc counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' /out/induced.txt | tail -n 1)"
	grep '^FAIL' /out/induced.txt | head -n 5
fi
finish $fail
