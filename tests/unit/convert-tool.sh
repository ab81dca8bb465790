#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# scxcmask cids / scxcmask cpus on fixtures: the cmask words equal what the
# kernel handed to set_cmask (cidtruth), lists go to cids and back on a
# machine whose cid order is not its cpu order, errors exit 1 or 2 with a
# message on stderr and nothing on stdout.
set -u
. "$top_srcdir/tests/unit/tool-env.sh"
fx="$top_srcdir/tests/fixtures"

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for c in smp2 s2c2 c4t2 c4t2-73; do
	[ -f "$fx/cidtruth/$c/sysfs.tar.gz" ] || { echo "SKIP: no cidtruth fixture $c"; exit 77; }
	mkdir "$tmp/$c" && tar -xzf "$fx/cidtruth/$c/sysfs.tar.gz" -C "$tmp/$c"
done
inter=40intel64-4n10c+pci-conflicts
[ -f "$fx/realsysfs/$inter.tar.gz" ] || { echo "SKIP: no realsysfs fixture $inter"; exit 77; }
mkdir "$tmp/$inter" && tar -xzf "$fx/realsysfs/$inter.tar.gz" -C "$tmp/$inter"

# expect STATUS WANT_STDOUT_FILE_OR_- ARGS...: exit status, stdout, stderr rules
expect() {
	want_rc=$1 want_out=$2
	shift 2
	rc=0
	"$tool" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" != "$want_rc" ]; then
		bad "scxcmask $*: exit $rc, want $want_rc ($(cat "$tmp/err"))"
		return
	fi
	if [ "$want_rc" = 0 ]; then
		if [ -s "$tmp/err" ]; then bad "scxcmask $*: stderr on success"; return; fi
		if [ "$want_out" != - ] && ! cmp -s "$tmp/out" "$want_out"; then
			bad "scxcmask $*: stdout"; diff "$want_out" "$tmp/out"; return
		fi
	else
		if [ -s "$tmp/out" ] || ! grep -q "^scxcmask: " "$tmp/err"; then
			bad "scxcmask $*: a failure must print only on stderr"; return
		fi
	fi
	ok
}

# 1. every set_cmask sample of the kernel truth, and the cids back to cpus
grep -v '^#' "$fx/convert/set_cmask.txt" | while read -r c cpus base nr alloc words; do
	printf 'base %s\nnr_cids %s\nalloc_words %s\nwords %s\n' "$base" "$nr" "$alloc" "$words" \
		>"$tmp/want.$c.$cpus"
	echo "$c $cpus"
done >"$tmp/samples"
while read -r c cpus; do
	expect 0 - cids "$cpus" --sysfs "$tmp/$c"
	# identity maps here: the cid list is the cpu list
	{ echo "cids $cpus"; cat "$tmp/want.$c.$cpus"; } >"$tmp/want"
	cmp -s "$tmp/out" "$tmp/want" && ok || { bad "cids $cpus on $c"; diff "$tmp/want" "$tmp/out"; }
	echo "cpus $cpus" >"$tmp/want"
	expect 0 "$tmp/want" cpus "$cpus" --sysfs "$tmp/$c"
done <"$tmp/samples"
[ -s "$tmp/samples" ] || bad "no samples read"

# 2. interleaved nodes: cpus 0-9 are spread over cids, and come back whole
expect 0 - cids 0-9 --sysfs "$tmp/$inter"
cids=$(sed -n 's/^cids //p' "$tmp/out")
[ -n "$cids" ] && [ "$cids" != 0-9 ] && ok || bad "interleaved cids: '$cids'"
echo "cpus 0-9" >"$tmp/want"
expect 0 "$tmp/want" cpus "$cids" --sysfs "$tmp/$inter"
# the kernel's syntax in full, and the same set written two ways
expect 0 - cids "0-79:1/2" --sysfs "$tmp/$inter"
sed -n 's/^cids //p' "$tmp/out" >"$tmp/a"
printf 'cpus %s\n' "$(seq -s, 0 2 78)" >"$tmp/want"
expect 0 - cpus "$(cat "$tmp/a")" --sysfs "$tmp/$inter"
# the tool prints the shortest form: every even cpu, one by one
cmp -s "$tmp/out" "$tmp/want" && ok || { bad "0-79:1/2 back to cpus"; diff "$tmp/want" "$tmp/out"; }

# 3. holes in the possible cpus
holes="$fx/convert/holes"
expect 1 - cids all --sysfs "$holes"
grep -q "cpu 2 has no cid" "$tmp/err" && ok || bad "holes: message $(cat "$tmp/err")"
printf 'cids 0-3\nbase 0\nnr_cids 4\nalloc_words 2\nwords 0xf 0x0\n' >"$tmp/want"
expect 0 "$tmp/want" cids all --skip-unmapped --sysfs "$holes"
echo "cpus 0-1,4-5" >"$tmp/want"
expect 0 "$tmp/want" cpus all --sysfs "$holes"

# 4. errors: positioned parse errors exit 1, usage errors exit 2
expect 1 - cids "0-3,x7" --sysfs "$tmp/c4t2"
grep -q 'cpulist "0-3,x7": expected a number at offset 4' "$tmp/err" && ok || bad "message: $(cat "$tmp/err")"
expect 1 - cids 8 --sysfs "$tmp/c4t2"
expect 1 - cpus 8 --sysfs "$tmp/c4t2"
grep -q 'cidlist "8"' "$tmp/err" && ok || bad "message: $(cat "$tmp/err")"
expect 1 - cids 0 --sysfs "$tmp/no-such-tree"
expect 2 - cids
expect 2 - cids 0 1 --sysfs "$tmp/c4t2"
expect 2 - cids 0 --bogus
expect 2 - cpus 0 --skip-unmapped
expect 2 - cpus 0 --sysfs

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
