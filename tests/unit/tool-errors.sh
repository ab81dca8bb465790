#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The scxcmask command's two error classes, for every subcommand:
# - output that cannot be written (stdout on /dev/full, or closed) is a
#   failure with a message, never exit 0 with the output lost;
# - a usage error names the offending option or argument, also inside a
#   cluster of short options (-xy), for a missing option argument, an
#   option given an argument it does not take, and an unknown command.
set -u
. "$top_srcdir/tests/unit/tool-env.sh"

mkdir "$tmp/sys"
tar -xzf "$top_srcdir/tests/fixtures/cidtruth/c4t2-73/sysfs.tar.gz" -C "$tmp/sys" || exit 1
sys=$tmp/sys

# A BTF file the check accepts (exit 0), when test_btf can write one.
btf=
gen=$top_builddir/tests/unit/test_btf
if [ -x "$gen" ] && SCXCMASK_BTF_TEST_DIR=$tmp "$gen" >"$tmp/gen.log" 2>&1 && [ -s "$tmp/7.3" ]; then
	btf=$tmp/7.3
fi

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# full ARGS...: succeeds on /dev/null; on /dev/full and on a closed stdout
# it fails (status 1, or 2 for a usage error) and says why on stderr.
full() {
	"$tool" "$@" >/dev/null 2>"$tmp/err"
	want=$?
	if [ "$want" -ne 0 ]; then
		bad "scxcmask $* fails even on /dev/null (exit $want):"; sed 's/^/    /' "$tmp/err"; return
	fi
	"$tool" "$@" >/dev/full 2>"$tmp/err"
	got=$?
	if [ "$got" -eq 1 ] && grep -q "cannot write to standard output: No space left on device" "$tmp/err"; then
		ok
	else
		bad "scxcmask $* >/dev/full: exit $got (want 1), stderr:"; sed 's/^/    /' "$tmp/err"
	fi
	"$tool" "$@" >&- 2>"$tmp/err"
	got=$?
	if [ "$got" -eq 1 ] && grep -q "cannot write to standard output" "$tmp/err"; then
		ok
	else
		bad "scxcmask $* >&-: exit $got (want 1), stderr:"; sed 's/^/    /' "$tmp/err"
	fi
}

full map --sysfs "$sys"
full map --sysfs "$sys" --json
full map --sysfs "$sys" --svg
full override --sysfs "$sys"
full override --sysfs "$sys" --json
full override --sysfs "$sys" --c
full cids 0-3 --sysfs "$sys"
full cids --sysfs "$sys" --skip-unmapped 0-7
full cpus 0-7 --sysfs "$sys"
full --help
full --version
for cmd in map override cids cpus check; do
	full "$cmd" --help
done
if [ -n "$btf" ]; then
	full check --btf "$btf"
else
	echo "note: tests/unit/test_btf wrote no 7.3 BTF (no libbpf or Check): 'check --btf' on /dev/full is not run"
fi

# A failing command keeps its own status and message on /dev/full.
"$tool" cids 99 --sysfs "$sys" >/dev/full 2>"$tmp/err"
got=$?
if [ "$got" -eq 1 ] && grep -q "past the limit" "$tmp/err"; then ok; else
	bad "scxcmask cids 99 >/dev/full: exit $got, stderr:"; sed 's/^/    /' "$tmp/err"
fi
# A usage error writes nothing to stdout: a closed stdout is no second error.
"$tool" cids -x 0 >&- 2>"$tmp/err"
got=$?
if [ "$got" -eq 2 ] && ! grep -q "standard output" "$tmp/err"; then ok; else
	bad "scxcmask cids -x 0 >&-: exit $got, stderr:"; sed 's/^/    /' "$tmp/err"
fi

# usage 'MESSAGE' ARGS...: exit 2, MESSAGE on stderr (fixed string), a usage
# line after it, nothing on stdout.
usage() {
	want=$1
	shift
	"$tool" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq 2 ] && grep -qF -- "$want" "$tmp/err" && grep -q "^usage: scxcmask" "$tmp/err" &&
	   [ ! -s "$tmp/out" ]; then
		ok
	else
		bad "scxcmask $*: exit $got (want 2), want \"$want\"; stderr:"; sed 's/^/    /' "$tmp/err"
	fi
}

for cmd in map override check; do
	usage "$cmd: unknown option '-x'" "$cmd" -xy
	usage "$cmd: unknown option '-q'" "$cmd" -q
	usage "$cmd: unknown option '--bogus'" "$cmd" --bogus
	usage "$cmd: unknown option '--bogus'" "$cmd" --bogus=1
	usage "$cmd: unexpected argument 'extra'" "$cmd" extra
done
for cmd in cids cpus; do
	usage "$cmd: unknown option '-x'" "$cmd" -xy 0
	usage "$cmd: unknown option '-x'" "$cmd" 0 -xy
	usage "$cmd: unknown option '-z'" "$cmd" --sysfs "$sys" 0 -z
	usage "$cmd: unknown option '--bogus'" "$cmd" --bogus 0
	usage "$cmd: option '--sysfs' needs an argument" "$cmd" 0 --sysfs
	usage "$cmd: unexpected argument '1'" "$cmd" 0 1
done
usage "cids: missing the CPULIST argument" cids
usage "cpus: missing the CIDLIST argument" cpus --sysfs "$sys"
usage "cids: option '--skip-unmapped' takes no argument" cids --skip-unmapped=yes 0
usage "cpus: unknown option '--skip-unmapped'" cpus --skip-unmapped 0
usage "cids: ambiguous option '--s'" cids --s "$sys" 0
usage "map: option '--sysfs' needs an argument" map --sysfs
usage "map: option '--shard-size' needs an argument" map --shard-size
usage "map: option '--gen' needs an argument" map --json --gen
usage "map: option '--json' takes no argument" map --json=1
usage "override: unknown option '--svg'" override --svg
usage "map: --shard-size wants a number, not 'x'" map --shard-size x
usage "map: --gen wants 7.2, 7.3 or 7.4 (provisional), not '8.0'" map --gen 8.0
usage "map: unknown option '--c'" map --c
usage "map: unknown option '-j'" map -jx
usage "override: unknown option '-s'" override --sysfs="$sys" -sx
usage "check: option '--btf' needs an argument" check --btf
usage "check: option '--btf' needs a FILE, not ''" check --btf=
usage "check: unknown option '-b'" check -b x
usage "scxcmask: unknown command 'bogus'" bogus
usage "scxcmask: unknown option '-x'" -x
usage "scxcmask: no command given"

echo "tool-errors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
