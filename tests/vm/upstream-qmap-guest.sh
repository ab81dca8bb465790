#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# /init of the upstream-qmap guest (tests/vm/upstream-qmap.sh): runs each
# build of the kernel's scx_qmap in /opt/<build>/ in turn under a small
# workload and prints what the host judges:
#
#	QMAP <build> enabled <seconds>     the scheduler attached
#	PROG ... / PROGS ...               progstats while it is loaded
#	PINNED <build> <cpu> ok            a task pinned to that cpu finished
#	QOUT <build>: <line>               scx_qmap's own output
#	QMAP <build> rc=<n> state=<s>      after SIGINT: exit code, sched_ext state
#	DMESG <line>                       the kernel's sched_ext lines at the end
#	GUEST done fail=<n>
. /etc/guest-prelude.sh
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
echo "GUEST start $(cut -d' ' -f1 /proc/uptime) $(uname -r)"

ncpu=$(grep -c '^processor' /proc/cpuinfo)
fail=0
state() { cat /sys/kernel/sched_ext/state 2>/dev/null || echo none; }

for b in $(cat /etc/qmap-builds); do
	# shellcheck disable=SC2046
	/opt/"$b"/scx_qmap $(cat /etc/qmap-args) >/tmp/"$b".out 2>&1 &
	pid=$!
	t0=$(cut -d. -f1 /proc/uptime)
	# verification takes tens of seconds under TCG
	while [ "$(state)" != enabled ] && kill -0 "$pid" 2>/dev/null &&
		[ $(($(cut -d. -f1 /proc/uptime) - t0)) -lt 240 ]; do
		sleep 1
	done
	if [ "$(state)" != enabled ]; then
		echo "QMAP $b not enabled (state $(state))"
		fail=$((fail + 1))
		kill -INT "$pid" 2>/dev/null
		wait "$pid"
		sed "s/^/QOUT $b: /" /tmp/"$b".out
		continue
	fi
	echo "QMAP $b enabled $(($(cut -d. -f1 /proc/uptime) - t0))"
	/bin/progstats | sed "s/^/$b /"
	# one busy task pinned to each cpu, plus an unpinned pair: every cpu
	# must run what the scheduler dispatches to it
	pins=""
	c=0
	while [ "$c" -lt "$ncpu" ]; do
		taskset -c "$c" sh -c 'i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done' &&
			echo "PINNED $b $c ok" &
		pins="$pins $!"
		c=$((c + 1))
	done
	sh -c 'i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done' &
	sh -c 'i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done' &
	wait $pins
	sleep 3
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	echo "QMAP $b rc=$rc state=$(state)"
	sed "s/^/QOUT $b: /" /tmp/"$b".out
done
dmesg | grep -E 'sched_ext|BUG|stall|Oops' | sed 's/^/DMESG /'
echo "GUEST done fail=$fail"
poweroff -f
