# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The start of every guest's /init (busybox sh): installed as
# /etc/guest-prelude.sh by mkinitramfs.sh and upstream-qmap.sh, sourced by
# guest-init.sh, guest-bpf.sh and upstream-qmap-guest.sh.  Busybox's
# applets on PATH and the filesystems the tests read.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t bpf bpf /sys/fs/bpf
