#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# fetch-source.sh 7.2|7.3 [CACHEDIR]
#
# Downloads Debian's kernel source package (linux-source-7.2 from unstable,
# linux-source-7.3 from experimental) with a private apt state, so nothing is
# installed on the host, and extracts only the parts the tests read: the
# sched_ext tools and kernel code, and what building the tree's own libbpf
# needs.  CACHEDIR defaults to ~/.cache/libscxcmask-src.  On success prints
#
#	src=<path of the extracted tree>
#	cid_bpf_h=<path of tools/sched_ext/include/scx/cid.bpf.h>
#	version=<package version>
#
# and exits 0.  Exits 77 after printing "SKIP: <reason>" when the mirror or
# the package is unavailable; 1 on a local failure.  Every network step has a
# timeout.  The extracted tree is cached in CACHEDIR/<series>-<version>/; one
# younger than FETCH_SOURCE_MAX_AGE_DAYS (default 7) is reused without
# network, and an older one is still used when the mirror is unreachable.
# The tarball itself (about 165 MB) is not kept.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian).
# Nothing extracted here is ever committed: it is the kernel's code.
set -uo pipefail

usage() { echo "usage: $0 7.2|7.3 [CACHEDIR]" >&2; exit 2; }
series=${1:-}
cache=${2:-${HOME:-/root}/.cache/libscxcmask-src}
case "$series" in
7.2) suite=sid ;;
7.3) suite=experimental ;;
*) usage ;;
esac
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
max_age=${FETCH_SOURCE_MAX_AGE_DAYS:-7}

# The members extracted (relative to the tarball's top directory).
parts=(tools/sched_ext kernel/sched/ext
	tools/include tools/arch/x86 tools/scripts tools/build tools/lib/bpf
	include/uapi arch/x86/include/uapi scripts/bpf_doc.py)

skip() { echo "SKIP: $*"; exit 77; }
die() { echo "fetch-source: $*" >&2; exit 1; }
fetch_name=fetch-source
. "$(dirname "${BASH_SOURCE[0]}")/private-apt.sh" || die "cannot read private-apt.sh"

mkdir -p "$cache" || die "cannot create $cache"
cache=$(cd "$cache" && pwd)
exec 9>"$cache/.lock"
flock -w 900 9 || skip "another fetch-source.sh holds $cache/.lock"
for t in apt-get dpkg-deb xz tar; do
	command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
done

# A tree extracted with every part the tests use (older caches lacked some).
complete() {
	[ -s "$1/tools/sched_ext/include/scx/cid.bpf.h" ] && [ -d "$1/tools/lib/bpf" ] &&
		[ -s "$1/scripts/bpf_doc.py" ]
}

cached_tree() {
	local d best=
	for d in "$cache"/"$series"-*/; do
		complete "$d" || continue
		best=$d
	done
	[ -n "$best" ] && printf '%s\n' "${best%/}"
}

report() {
	printf 'src=%s\ncid_bpf_h=%s\nversion=%s\n' "$1" \
		"$1/tools/sched_ext/include/scx/cid.bpf.h" "$(cat "$1/package" 2>/dev/null)"
	exit 0
}

fresh=$(cached_tree)
if [ -n "$fresh" ] && [ -z "$(find "$fresh/package" -mtime +"$max_age" 2>/dev/null)" ]; then
	report "$fresh"
fi

# A private apt (tests/vm/private-apt.sh).
private_apt "$cache/apt-$suite" "$mirror" "$suite"
private_apt_update

pkg=linux-source-$series
ver=$(apt-cache "${apt_opts[@]}" madison "$pkg" 2>/dev/null |
	awk -F' *[|] *' -v s=" $suite/main " 'index($3, s) { print $2 }' | sort -V | tail -n 1)
if [ -z "$ver" ]; then
	err=$(grep -m1 -E '^(Err|E|W):' "$apt_dir/update.log")
	fallback_or_skip "no $pkg package in $suite at $mirror${err:+ ($err)}"
fi
dest=$cache/$series-${ver//[:~+]/_}
if complete "$dest"; then
	touch "$dest/package"
	report "$dest"
fi

rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/deb" || die "cannot create $dest.tmp"
if ! (cd "$dest.tmp/deb" && timeout 600 apt-get "${apt_opts[@]}" download "$pkg=$ver") \
	>"$dest.tmp/download.log" 2>&1; then
	msg=$(tail -n 1 "$dest.tmp/download.log" 2>/dev/null)
	rm -rf "$dest.tmp"
	fallback_or_skip "cannot download $pkg=$ver ($msg)"
fi
deb=$(ls "$dest.tmp"/deb/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "apt-get download produced no .deb"
# The .deb holds /usr/src/linux-source-X.tar.xz; take the tarball out to
# a pipe and extract only the wanted members (wildcards: the top directory's
# name is the package's, and some members exist in one series only).
top=$(dpkg-deb --fsys-tarfile "$deb" | tar -t 2>/dev/null | grep -m1 -E '\.tar\.xz$')
[ -n "$top" ] || die "no kernel tarball in $deb"
mkdir -p "$dest.tmp/x" || die "cannot create $dest.tmp/x"
pats=()
for p in "${parts[@]}"; do pats+=("*/$p"); done
dpkg-deb --fsys-tarfile "$deb" | tar -xO "$top" |
	tar -xJ -C "$dest.tmp/x" --wildcards --no-wildcards-match-slash --strip-components=1 \
		"${pats[@]}" 2>"$dest.tmp/tar.log"
complete "$dest.tmp/x" ||
	die "$pkg=$ver has no tools/sched_ext/include/scx/cid.bpf.h ($(tail -n 1 "$dest.tmp/tar.log"))"
echo "$pkg=$ver" >"$dest.tmp/x/package"
rm -rf "$dest"
mv "$dest.tmp/x" "$dest" || die "cannot move the source into $dest"
rm -rf "$dest.tmp"
report "$dest"
