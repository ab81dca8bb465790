#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# capture-sysfs.sh OUT.tar.gz [SYSFS]: captures the files the cid map reads
# (include/scxcmask/cid.h, "Reading sysfs") from this machine's /sys, or
# from SYSFS (a directory holding sys/devices/system), into a tarball in
# the test form: paths start at sys/devices/system, symlinks are kept,
# owners and times are zeroed.  Like hwloc-gather-topology, but only these
# files, so a capture is small and holds nothing else about the machine:
#   cpu/{possible,online,present,offline}, cpu/cpuN/online, cpu/cpuN/nodeM,
#   cpu/cpuN/topology/{thread_siblings_list,core_cpus_list},
#   cpu/cpuN/topology/{cluster_cpus_list,cluster_cpus} (the 7.4 walk),
#   cpu/cpuN/cache/indexK/{level,type,shared_cpu_list,shared_cpu_map},
#   node/{online,possible,has_cpu}, node/nodeM/{cpulist,cpumap}
# Use a capture with 'scxcmask map --sysfs DIR' after extracting it in DIR.
set -eu
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 OUT.tar.gz [SYSFS]" >&2; exit 2; }
out=$1
src=${2:-/}
[ -d "$src/sys/devices/system/cpu" ] || { echo "$0: no $src/sys/devices/system/cpu" >&2; exit 1; }
case $out in /*) ;; *) out=$PWD/$out ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dst=$tmp/sys/devices/system

copy() {	# copy DIR FILE...: files of one directory, as plain contents (sysfs sizes lie)
	d=$1; shift
	mkdir -p "$dst/$d"
	for f in "$@"; do
		[ -f "$d/$f" ] || continue
		cat "$d/$f" >"$dst/$d/$f" 2>/dev/null || rm -f "$dst/$d/$f"
	done
}

cd "$src/sys/devices/system"
copy cpu possible online present offline
[ -d node ] && copy node online possible has_cpu
for c in cpu/cpu[0-9]*; do
	[ -d "$c" ] || continue
	copy "$c" online
	for l in "$c"/node[0-9]*; do
		[ -L "$l" ] && ln -s "$(readlink "$l")" "$dst/$l"
	done
	[ -d "$c/topology" ] && copy "$c/topology" thread_siblings_list core_cpus_list \
		cluster_cpus_list cluster_cpus
	for k in "$c"/cache/index[0-9]*; do
		[ -d "$k" ] && copy "$k" level type shared_cpu_list shared_cpu_map
	done
done
for n in node/node[0-9]*; do
	[ -d "$n" ] && copy "$n" cpulist cpumap
done
cd "$tmp"
tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -czf "$out" sys
echo "captured $(find sys -type f | wc -l) files into $out"
