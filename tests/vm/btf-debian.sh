#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask check' on the BTF of Debian's real sched_ext kernels: 7.2 from
# unstable and 7.3 from experimental, fetched by fetch-kernel.sh beside it
# into the cache 'make check-vm' uses (a private apt state; nothing is
# installed).  It lives here, with the kernel downloads, not in tests/unit/.  Each must be recognised as
# its generation with the library's cmask layout, both from the vmlinux
# ELF and from its .BTF section as raw BTF.
#
# Downloads, so it is not part of 'make check': run 'make check-btf-debian'
# (CI: .ci/stages/50-btf-debian.sh).  Prints "SKIP: <why>" and exits 77 when
# neither kernel can be fetched.  Environment: VM_CACHE, shared with 'make
# check-vm' (default $XDG_CACHE_HOME/libscxcmask-vm), DEBIAN_MIRROR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tool="$top_builddir/tools/scxcmask"
fetch="$here/fetch-kernel.sh"
cache=${VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libscxcmask-vm}
[ -x "$tool" ] || { echo "SKIP: $tool is not built"; exit 77; }
[ -r "$fetch" ] || { echo "SKIP: $fetch is missing"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btf-debian.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

pass=0 fail=0 skipped=""
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# verdict LABEL GEN FILE: scxcmask check says GEN and OK for FILE
verdict() {
	"$tool" check --btf "$3" >"$work/out" 2>&1
	rc=$?
	sed 's/^/    /' "$work/out"
	if [ $rc -ne 0 ]; then
		bad "$1: exit $rc"
	elif ! grep -q "^generation: *$2 " "$work/out"; then
		bad "$1: generation is not $2"
	elif ! grep -q "^struct scx_cmask: matches libscxcmask" "$work/out"; then
		bad "$1: layout not reported as matching"
	else
		ok "$1"
	fi
}

for k in 7.2 7.3; do
	out=$(bash "$fetch" "$k" "$cache" 2>"$work/fetch.err")
	rc=$?
	if [ $rc -eq 77 ]; then
		skipped="$skipped $k"
		echo "kernel $k: ${out#SKIP: }"
		continue
	elif [ $rc -ne 0 ]; then
		bad "kernel $k: fetch-kernel.sh exited $rc: $(cat "$work/fetch.err")"
		continue
	fi
	vmlinux=$(printf '%s\n' "$out" | sed -n 's/^vmlinux=//p')
	echo "kernel $k: $(cat "$(dirname "$vmlinux")/package" 2>/dev/null || echo "$vmlinux")"
	verdict "$k vmlinux (ELF .BTF)" "$k" "$vmlinux"
	if command -v objcopy >/dev/null 2>&1 &&
		objcopy -O binary --only-section=.BTF "$vmlinux" "$work/$k.btf" 2>/dev/null &&
		[ -s "$work/$k.btf" ]; then
		verdict "$k raw BTF" "$k" "$work/$k.btf"
	else
		echo "kernel $k: no objcopy or no .BTF section; raw-BTF case not run"
	fi
done

if [ $pass -eq 0 ] && [ $fail -eq 0 ]; then
	echo "SKIP: no Debian sched_ext kernel could be fetched (kernels:$skipped)"
	exit 77
fi
[ -n "$skipped" ] && echo "note: kernels not fetched:$skipped"
echo "btf-debian: $pass passed, $fail failed"
[ $fail -eq 0 ]
