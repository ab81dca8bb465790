#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Installs what libscxcmask needs on Debian or Ubuntu, and nothing that is
# already there.  Runs apt through sudo only when not already root.
#
#   scripts/install-deps.sh          build, 'make check', BPF tests, demo
#   scripts/install-deps.sh --ci     also what CI adds: sanitizers, valgrind,
#                                    qemu for 'make check-vm', fuzzing,
#                                    ABI and Debian packaging checks
set -euo pipefail

profile=base
case "${1:-}" in
--ci) profile=ci ;;
"") ;;
*) echo "usage: $0 [--ci]" >&2; exit 2 ;;
esac

say() { printf 'install-deps: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	say "not root and no sudo: install the packages below by hand" >&2
	SUDO=(false)
fi

[ -r /etc/os-release ] || { say "no /etc/os-release; only Debian and Ubuntu are automated" >&2; exit 1; }
. /etc/os-release
case "${ID:-}:${ID_LIKE:-}" in
debian:* | ubuntu:* | *:*debian*) ;;
*) say "unsupported distribution '${ID:-?}': see README.md for the package list" >&2; exit 1 ;;
esac

APT_OPTS=(-o Acquire::Check-Valid-Until=false -o Acquire::Retries=3)
export DEBIAN_FRONTEND=noninteractive

# Debian 12's libbpf (1.1) is too old for arena skeletons; its backports
# suite carries 1.4+ and bpftool 7.5.
backports=
if [ "${ID}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
	backports=bookworm-backports
	if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
		say "enabling bookworm-backports"
		printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' \
			'Suites: bookworm-backports' 'Components: main' \
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
			"${SUDO[@]}" tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
		need_update=1
	fi
fi

pkgs=(build-essential autoconf automake libtool pkg-config check python3
      libelf-dev zlib1g-dev libzstd-dev clang-19 llvm-19 libbpf-dev bpftool)
[ "$profile" = ci ] && pkgs+=(git valgrind libclang-rt-19-dev libhwloc-dev qemu-system-x86 busybox-static cpio
	zstd abigail-tools lintian debhelper devscripts dpkg-dev fakeroot man-db groff-base)
# clang-22 (bookworm-security): the second BPF compiler of tests/bpf and the
# one 7.3's scx_qmap needs (tests/vm/upstream-qmap.sh); xz-utils unpacks
# Debian's linux-source tarballs (tests/vm/fetch-source.sh).
[ "$profile" = ci ] && pkgs+=(clang-22 xz-utils)

# The Rust crate is tested with Debian's own toolchain beside any other.
[ "$profile" = ci ] && pkgs+=(cargo rustc)
# The hwloc and libnuma bridges are tested against the real libraries.
[ "$profile" = ci ] && pkgs+=(libnuma-dev)
# scxcmask map --svg is rendered by headless Chromium in CI.
[ "$profile" = ci ] && pkgs+=(chromium)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# libbpf-dev counts only at >= 1.4, and bpftool only when it runs.
libbpf_ok() { pkg-config --atleast-version=1.4 libbpf 2>/dev/null; }
missing=()
for p in "${pkgs[@]}"; do
	case "$p" in
	libbpf-dev) libbpf_ok || missing+=("$p") ;;
	bpftool) command -v bpftool >/dev/null 2>&1 || [ -x /usr/sbin/bpftool ] || missing+=("$p") ;;
	*) installed "$p" || missing+=("$p") ;;
	esac
done

if [ ${#missing[@]} -eq 0 ]; then
	say "everything is installed ($profile)"
	exit 0
fi
say "installing: ${missing[*]}"
"${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q
targets=()
for p in "${missing[@]}"; do
	if [ -n "$backports" ] && { [ "$p" = libbpf-dev ] || [ "$p" = bpftool ]; }; then
		targets+=("$p/$backports")
	elif apt-cache show "$p" >/dev/null 2>&1; then
		targets+=("$p")
	else
		say "warning: no package '$p' on this release; the parts that need it will be skipped" >&2
	fi
done
"${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${targets[@]}"
libbpf_ok || say "warning: libbpf >= 1.4 is still missing; BPF parts will be skipped" >&2
