#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Every compiled unit test program under valgrind (memcheck, full leak
# check): any error fails the stage.  Uses the build './setup.sh' made in
# the source tree (or the build directory given as $1), or builds one when
# there is none.  The property and stress tests are scaled down (valgrind
# is ~50x slower).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
top=$ci_top
command -v valgrind >/dev/null 2>&1 || ci_skip "valgrind is not installed"

build=${1:-$top}
if [ ! -f "$build/config.status" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/scxcmask-vg.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	ci_fresh_src "$work/src"
	build=$work/build
	mkdir -p "$build"
	(cd "$build" && "$work/src/configure" -q)
fi
if grep -q -- '-fsanitize' "$build/Makefile"; then
	echo "the build in $build uses sanitizers, which valgrind cannot run" >&2
	exit 1
fi
make -C "$build" -s -j2 >/dev/null
make -C "$build" -s -j2 check TESTS= >/dev/null

# The Check programs of tests/unit, from the one list that also makes
# them tests (unit_progs in tests/unit/local.mk).
progs=$(make -C "$build" -s print-unit-progs | tr " " "\n" | grep "^tests/unit/")
[ -n "$progs" ] || { echo "no unit test programs found in $build" >&2; exit 1; }

export top_srcdir=$top top_builddir=$build
export SCXCMASK_PROP_CASES=${SCXCMASK_PROP_CASES:-15} SCXCMASK_STRESS_ITERS=${SCXCMASK_STRESS_ITERS:-20}
# one process per run: valgrind's report then covers the tests themselves
export CK_FORK=no
per_prog=${VALGRIND_PROG_TIMEOUT:-300}
failed=()
for p in $progs; do
	log=$build/$p.valgrind.out
	start=$(date +%s)
	rc=0
	# CK_FORK=no also drops Check's per-test timeout: this one stands in
	(cd "$build" && timeout -k 10 "$per_prog" ./libtool --mode=execute \
		valgrind -q --error-exitcode=1 --leak-check=full "./$p") >"$log" 2>&1 || rc=$?
	[ "$rc" -ne 124 ] || echo "$p: still running after ${per_prog}s under valgrind; killed" >>"$log"
	summary=$(grep -E '^[0-9]+%: Checks: |^[0-9]+ passed, [0-9]+ failed|^SKIP' "$log" | tail -n 1 || true)
	printf '%-40s rc=%-3s %3ss  %s\n' "$p" "$rc" "$(( $(date +%s) - start ))" "$summary"
	case $rc in
	0 | 77) ;;
	*) cat "$log"; failed+=("$p") ;;
	esac
done
if [ ${#failed[@]} -ne 0 ]; then
	echo "valgrind: FAILED: ${failed[*]}"
	exit 1
fi
echo "valgrind: all unit test programs clean"
