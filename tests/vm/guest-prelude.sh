# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The start of every mkinitramfs.sh guest's /init (busybox sh; installed as
# /etc/guest-prelude.sh and sourced by guest-init.sh and guest-bpf.sh):
# busybox's applets on PATH and the filesystems the tests read.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t bpf bpf /sys/fs/bpf
