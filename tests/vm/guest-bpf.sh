#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# /init of the check-vm-bpf guest (busybox sh): runs every program listed
# in /opt/bpf/list (the tests/bpf check programs the host built, which need
# root and BPF arenas: the guest has both) and prints each one's output
# between "BPFTEST begin NAME" and "BPFTEST end NAME rc=N" lines on the
# serial console, then powers off.  The host (run-bpf.sh) judges.
. /etc/guest-prelude.sh
echo "GUEST start $(cut -d' ' -f1 /proc/uptime)s $(uname -r) cpus=$(cat /sys/devices/system/cpu/online)"
for t in $(cat /opt/bpf/list); do
	echo "BPFTEST begin $t $(cut -d' ' -f1 /proc/uptime)s"
	timeout 300 /opt/bpf/$t </dev/null 2>&1
	rc=$?
	echo "BPFTEST end $t rc=$rc $(cut -d' ' -f1 /proc/uptime)s"
done
echo "GUEST done $(cut -d' ' -f1 /proc/uptime)s"
poweroff -f
