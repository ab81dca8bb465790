#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# fetch-kernel.sh 7.2|7.3 CACHEDIR
#
# Downloads Debian's sched_ext kernel (linux-binary-*-cloud-amd64: 7.2 from
# unstable, 7.3 from experimental) with a private apt state, so nothing is
# installed on the host, and extracts the boot image and the vmlinux ELF
# (which keeps .BTF).  On success prints two lines:
#
#	vmlinuz=<path>
#	vmlinux=<path>
#
# and exits 0.  Exits 77 after printing "SKIP: <reason>" when the mirror or
# the package is unavailable; 1 on a local failure.  Every network step has a
# timeout.  Results are cached in CACHEDIR/<kernel version>/; a cached kernel
# younger than FETCH_KERNEL_MAX_AGE_DAYS (default 7) is reused without network,
# and an older one is still used when the mirror is unreachable.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -uo pipefail

series=${1:-}
cache=${2:-}
case "$series" in
7.2) suite=sid ;;
7.3) suite=experimental ;;
*) echo "usage: $0 7.2|7.3 CACHEDIR" >&2; exit 2 ;;
esac
[ -n "$cache" ] || { echo "usage: $0 7.2|7.3 CACHEDIR" >&2; exit 2; }
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
max_age=${FETCH_KERNEL_MAX_AGE_DAYS:-7}

skip() { echo "SKIP: $*"; exit 77; }
die() { echo "fetch-kernel: $*" >&2; exit 1; }
fetch_name=fetch-kernel
. "$(dirname "${BASH_SOURCE[0]}")/private-apt.sh" || die "cannot read private-apt.sh"

mkdir -p "$cache" || die "cannot create $cache"
cache=$(cd "$cache" && pwd)
# One fetch at a time per cache (tests may call this in parallel).
exec 9>"$cache/.lock"
flock -w 600 9 || skip "another fetch-kernel.sh holds $cache/.lock"
for t in apt-get dpkg-deb zstd; do
	command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
done

# The newest extracted kernel of this series already in the cache, if any.
cached_kernel() {
	local d best=
	for d in "$cache"/"$series"*/; do
		[ -s "$d/vmlinuz" ] && [ -s "$d/vmlinux" ] || continue
		best=$d
	done
	[ -n "$best" ] && printf '%s\n' "${best%/}"
}

report() {
	printf 'vmlinuz=%s\nvmlinux=%s\n' "$1/vmlinuz" "$1/vmlinux"
	exit 0
}

fresh=$(cached_kernel)
if [ -n "$fresh" ] && [ -z "$(find "$fresh/vmlinux" -mtime +"$max_age" 2>/dev/null)" ]; then
	report "$fresh"
fi

# A private apt (tests/vm/private-apt.sh).
private_apt "$cache/apt" "$mirror" "$suite"
private_apt_update

# The newest linux-binary-<series>[.N+debN]-cloud-amd64 in the wanted suite
# (7.2 must not match 7.20).
best=$(apt-cache "${apt_opts[@]}" pkgnames "linux-binary-$series" 2>/dev/null |
	grep -E -- "^linux-binary-${series//./\\.}([.+~][^-]*)?-cloud-amd64\$" |
	xargs -r apt-cache "${apt_opts[@]}" madison 2>/dev/null |
	awk -F' *[|] *' -v s=" $suite/main " 'index($3, s) { print $1 " " $2 }' |
	sort -V -k2 | tail -n 1)
if [ -z "$best" ]; then
	err=$(grep -m1 -E '^(Err|E|W):' "$apt_dir/update.log")
	fallback_or_skip "no linux-binary-$series*-cloud-amd64 package in $suite at $mirror${err:+ ($err)}"
fi
pkg=${best% *}
ver=${best#* }
dest=$cache/$series-${ver//[:~+]/_}
if [ -s "$dest/vmlinuz" ] && [ -s "$dest/vmlinux" ]; then
	touch "$dest/vmlinux"
	report "$dest"
fi

rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/deb" || die "cannot create $dest.tmp"
if ! (cd "$dest.tmp/deb" && timeout 300 apt-get "${apt_opts[@]}" download "$pkg=$ver") \
	>"$dest.tmp/download.log" 2>&1; then
	rm -rf "$dest.tmp"
	fallback_or_skip "cannot download $pkg=$ver ($(tail -n 1 "$dest.tmp/download.log" 2>/dev/null))"
fi
deb=$(ls "$dest.tmp"/deb/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || die "apt-get download produced no .deb"
dpkg-deb -x "$deb" "$dest.tmp/root" || die "dpkg-deb -x $deb failed"
vmlinuz=$(find "$dest.tmp/root" -name vmlinuz -type f | head -n 1)
[ -n "$vmlinuz" ] || vmlinuz=$(find "$dest.tmp/root" -name 'vmlinuz-*' -type f | head -n 1)
[ -n "$vmlinuz" ] || die "no vmlinuz in $deb"
cp "$vmlinuz" "$dest.tmp/vmlinuz" || die "copy failed"
find "$dest.tmp/root" -name 'config*' -type f -exec cp {} "$dest.tmp/config" \; -quit

# The bzImage carries the kernel as a zstd frame: decompress from the first
# frame magic that yields a real ELF (a few spurious matches may come first).
extract_vmlinux() {
	local off
	for off in $(LC_ALL=C grep -obUaP '\x28\xb5\x2f\xfd' "$1" | cut -d: -f1); do
		tail -c +"$((off + 1))" "$1" | zstd -dcq 2>/dev/null >"$2.part"
		if [ "$(head -c 4 "$2.part" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] &&
			[ "$(stat -c %s "$2.part")" -gt 1048576 ]; then
			mv "$2.part" "$2"
			return 0
		fi
	done
	rm -f "$2.part"
	return 1
}
extract_vmlinux "$dest.tmp/vmlinuz" "$dest.tmp/vmlinux" || die "no zstd-compressed ELF found in $vmlinuz"
echo "$pkg=$ver" >"$dest.tmp/package"
rm -rf "$dest.tmp/root" "$dest.tmp/deb" "$dest"
mv "$dest.tmp" "$dest" || die "cannot move the kernel into $dest"
report "$dest"
