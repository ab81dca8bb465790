#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# .ci/run on fake stages: the final table shows each stage's result, reason
# and counts; a failing or hung stage fails the run; under CI=true a skip
# fails it unless its reason is accepted (host-no-arena, only when the
# guests printed passing bpf-proofs lines); the run fails when the BPF
# proofs ran nowhere (host tests/bpf skipped, no guest lines); and a failed
# stage 00-09 stops it.
set -u
: "${top_srcdir:?}"
for f in run lib.sh summaries.sh; do
	[ -f "$top_srcdir/.ci/$f" ] || { echo "SKIP: $top_srcdir/.ci/$f is missing"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ci-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {	# WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; fail=$((fail + 1)); fi
}

# stub DIR STAGE...: a top directory with the real .ci/run and fake stages
# (from the here-documents below), and a host tests/bpf result that skipped
# because the kernel refused an arena.
stub() {
	local d=$1 s
	shift
	mkdir -p "$d/.ci/stages" "$d/tests/bpf"
	cp "$top_srcdir/.ci/run" "$top_srcdir/.ci/lib.sh" "$top_srcdir/.ci/summaries.sh" "$d/.ci/"
	printf 'SKIP: this kernel cannot create a BPF arena map (Operation not permitted)\n' >"$d/tests/bpf/agree.log"
	printf ':test-result: SKIP\n' >"$d/tests/bpf/agree.trs"
	for s in "$@"; do
		printf '#!/usr/bin/env bash\n. "$(dirname "$0")/../lib.sh"\n' >"$d/.ci/stages/$s.sh"
		case $s in
		*-pass) printf 'echo "100%%: Checks: 12, Failures: 0, Errors: 0"\necho "  x: 5 passed, 0 failed"\necho "# PASS:  3"\n' ;;
		*-fail) printf 'echo "3 passed, 2 failed"\nexit 3\n' ;;
		*-hang) printf '# ci-time-limit: 2\nsleep 30\n' ;;
		*-skip) printf 'ci_skip "valgrind is not installed"\n' ;;
		*-arena) printf 'ci_skip_because host-no-arena "the host refuses BPF arenas"\n' ;;
		*-guests) printf 'echo "bpf-proofs[7.2]: 7 programs, 7 passed, 0 failed"\necho "bpf-proofs[7.3]: 7 programs, 6 passed, 0 failed"\n' ;;
		*-badguest) printf 'echo "bpf-proofs[7.3]: 7 programs, 6 passed, 1 failed"\n' ;;
		esac >>"$d/.ci/stages/$s.sh"
	done
}
# run NAME [VAR=VALUE...]: .ci/run in the stub NAME; its output in NAME.out
run() {
	local d=$tmp/$1
	shift
	# not the settings of a .ci/run this test may itself run under
	(cd "$d" && env -u CI -u CI_ONLY -u CI_LOG_DIR "$@" CI_LOG_DIR="$d.logs" bash .ci/run >"$d.out" 2>&1)
	echo $? >"$d.rc"
}
rc() { [ "$(cat "$tmp/$1.rc")" = "$2" ]; }
has() { grep -Eq -- "$2" "$tmp/$1.out"; }
row() { sed -n '/^CI summary/,$p' "$tmp/$1.out" | grep -Eq -- "^$2"; }

# 1. everything at once, without CI=true
stub "$tmp/mixed" 10-pass 20-skip 30-fail 40-hang 60-guests 70-arena
run mixed
check "mixed: the run fails" rc mixed 1
check "mixed: passed row with its counts" row mixed '10-pass +passed +[0-9]+s +12 checks, 0 failed; 5 passed, 0 failed; automake PASS 3'
check "mixed: failed row with its exit code" has mixed '^ +exit 3$'
check "mixed: failed stage's counts" row mixed '30-fail +FAILED +[0-9]+s +3 passed, 2 failed'
check "mixed: hung stage killed at its limit" has mixed 'still running after 2s; killed'
check "mixed: skip shown with its reason" has mixed 'valgrind is not installed; not a reason CI accepts'
check "mixed: guest proofs counted" row mixed '60-guests +passed .*bpf-proofs 7.2: 7 programs, 7 passed, 0 failed; 7.3: 7 programs, 6 passed, 0 failed'
check "mixed: arena skip accepted" has mixed 'accepted \[host-no-arena\]: the guests ran them'
check "mixed: BPF proven in the guests" row mixed 'BPF proofs +proven'
check "mixed: failing stages named" has mixed '^CI FAILED: 30-fail, 40-hang \(time limit\)$'

# 2. CI=true: the unaccepted skip fails the run; the accepted ones do not
stub "$tmp/ci" 10-pass 20-skip 60-guests 70-arena
run ci CI=true
check "CI=true: an unaccepted skip fails the run" rc ci 1
check "CI=true: the skip named as the cause" has ci '^CI FAILED: 20-skip \(skipped under CI=true\)$'
check "CI=true: the unaccepted skip's row" row ci '20-skip +SKIPPED \(fails under CI\)'

# 3. CI=true with only accepted skips and passing guest proofs: passes
stub "$tmp/clean" 10-pass 60-guests 70-arena
run clean CI=true
check "CI=true, accepted skips: the run passes" rc clean 0
check "CI=true, accepted skips: host row accepted" has clean 'Operation not permitted\); accepted \[host-no-arena\]'

# 4. no guest proofs and the host skipped: ran nowhere
stub "$tmp/nowhere" 10-pass
run nowhere
check "nowhere: the run fails" rc nowhere 1
check "nowhere: says the BPF proofs ran nowhere" row nowhere 'BPF proofs +FAILED'
check "nowhere: named as the cause" has nowhere '^CI FAILED: BPF proofs \(ran nowhere\)$'

# 5. a guest failure is no proof, and does not make the arena skip acceptable
stub "$tmp/bad" 10-pass 60-badguest 70-arena
run bad CI=true
check "failing guest proofs: the run fails" rc bad 1
check "failing guest proofs: the arena skip is not accepted" has bad 'not accepted \[host-no-arena\]: guest BPF proofs did not all pass'

# 6. a failed early stage (00-09) stops the run: later stages are not run
stub "$tmp/early" 01-fail 10-pass
run early
check "early failure: the run fails" rc early 1
check "early failure: later stages listed as not run" row early '10-pass +not run'
check "early failure: later stages did not run" test ! -e "$tmp/early.logs/10-pass.log"

if [ "$fail" -ne 0 ]; then
	for o in "$tmp"/*.out; do echo "== ${o##*/}"; sed -n '/^CI summary/,$p' "$o"; done
fi
echo "check-ci-run: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
