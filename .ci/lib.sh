# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Helpers for .ci/run and .ci/stages/*.sh.  Every stage sources it:
#	. "$(dirname "$0")/../lib.sh"
#
# The top directory is configured in place by ./setup.sh, and autoconf
# refuses an out-of-tree build from a configured source tree, so a stage
# that needs its own build directory takes a pristine copy of the sources
# (ci_fresh_src).

ci_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ci_fresh_src DIR: a pristine source tree in DIR (no build outputs), with
# configure generated.  It holds the files git tracks (its index), as they
# are in the working tree, so a stage tests the sources 'make check' did,
# committed or not (a new file counts once it is git-added); on a clean
# clone (CI) that is HEAD.  DIR gets no .git: ask git about $ci_top.
ci_fresh_src() {
	local dir=$1
	git -C "$ci_top" rev-parse --git-dir >/dev/null 2>&1 ||
		{ echo "ci_fresh_src: $ci_top is not a git checkout" >&2; return 1; }
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$ci_top" && git ls-files -z --cached) |
		(cd "$ci_top" && tar --null --ignore-failed-read -T - -cf -) | tar -C "$dir" -xf - || return 1
	(cd "$dir" && autoreconf -fi >/dev/null 2>&1) ||
		{ echo "ci_fresh_src: autoreconf failed in $dir" >&2; return 1; }
}

# ci_skip REASON...: the stage cannot run here; exit 77 with the reason.
# Under CI=true, .ci/run fails on such a skip.
ci_skip() {
	echo "SKIP: $*"
	exit 77
}

# ci_skip_because KEY REASON...: a skip whose reason CI may accept, if KEY
# is in ci_accepted_skips and its condition holds (see below).
ci_skip_because() {
	local key=$1
	shift
	echo "SKIP[$key]: $*"
	exit 77
}

# The skips CI accepts.  Each KEY has a function ci_accept_KEY (dashes
# become underscores) that .ci/run calls with its log directory once every
# stage has run: it prints what makes the skip acceptable and succeeds, or
# prints what is missing and fails (and then the skip fails the run).
ci_accepted_skips="host-no-arena"

# host-no-arena: the host kernel refuses BPF arena maps (the host tests/bpf
# skip), and the same BPF proofs ran and passed inside the guests of
# 'make check-vm'.
ci_accept_host_no_arena() {
	local proofs
	proofs=$(ci_bpf_proofs "$1"/*.log)
	if [ -z "$proofs" ]; then
		echo "no guest ran the BPF proofs (no bpf-proofs[...] line in any stage log)"
		return 1
	fi
	case " $proofs " in
	*"FAILED"* | *" 0 programs"*) echo "guest BPF proofs did not all pass: $proofs"; return 1 ;;
	esac
	echo "the guests ran them: $proofs"
}

# ci_bpf_proofs LOG...: the guests' BPF proof lines summed per kernel,
# "7.2: 7 programs, 7 passed, 0 failed; 7.3: ..." (FAILED appended to a
# kernel with failures); nothing when there are none.  The lines are
# tests/vm's "bpf-proofs[KERNEL]: N programs, N passed, N failed".
ci_bpf_proofs() {
	cat "$@" 2>/dev/null | tr -d '\r' | awk '
	match($0, /bpf-proofs\[[^]]*\]: [0-9]+ programs, [0-9]+ passed, [0-9]+ failed/) {
		s = substr($0, RSTART + 11, RLENGTH - 11)
		k = substr(s, 1, index(s, "]") - 1)
		c = substr(s, index(s, "]") + 2); sub(/^[^0-9]+/, "", c)
		split(c, n, /[^0-9]+/)
		if (!(k in prog)) order[++nk] = k
		prog[k] += n[1]; pass[k] += n[2]; fail[k] += n[3]
	}
	END {
		for (i = 1; i <= nk; i++) {
			k = order[i]
			printf "%s%s: %d programs, %d passed, %d failed%s", (i > 1 ? "; " : ""), k,
				prog[k], pass[k], fail[k], (fail[k] || !pass[k] ? " FAILED" : "")
		}
		if (nk) printf "\n"
	}'
}

# ci_counts LOG: the test counts a log shows, on one line: Check's
# "NN%: Checks: N, Failures: N, Errors: N", the "N passed, N failed" lines
# (at the start of a line, after at most a comma-free "label: "; with an
# optional ", N skipped"), and
# automake's "# PASS: N" summaries.  Lines quoted with "| " (a log shown
# a second time) are not counted.  Empty when the log has none.
ci_counts() {
	tr -d '\r' <"$1" | awk '
	/^\| / { next }
	match($0, /[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+/) {
		split(substr($0, RSTART, RLENGTH), n, /[^0-9]+/)
		ck += n[2]; cf += n[3] + n[4]; nck++
		next
	}
	/bpf-proofs\[/ { next }
	/^[ \t]*([^,]*: )?[0-9]+ passed, [0-9]+ failed/ {
		s = $0; sub(/ passed, .*/, "", s); sub(/.*[^0-9]/, "", s)
		f = $0; sub(/.* passed, /, "", f); sub(/ failed.*/, "", f)
		tp += s; tf += f; ntp++
		if (match($0, /failed, [0-9]+ skipped/)) {
			k = substr($0, RSTART + 8, RLENGTH - 8); sub(/ .*/, "", k); ts += k
		}
		next
	}
	/^# (PASS|SKIP|FAIL|XFAIL|XPASS|ERROR): +[0-9]+/ {
		k = $2; sub(/:$/, "", k); am[k] += $3; nam++
	}
	END {
		out = ""
		if (nck) out = out sprintf("%d checks, %d failed", ck, cf)
		if (ntp) out = out (out != "" ? "; " : "") sprintf("%d passed, %d failed", tp, tf) (ts ? sprintf(", %d skipped", ts) : "")
		if (nam) {
			out = out (out != "" ? "; " : "") "automake"
			split("PASS SKIP FAIL XFAIL XPASS ERROR", ks, " ")
			for (i = 1; i <= 6; i++)
				if (ks[i] in am) out = out sprintf(" %s %d", ks[i], am[ks[i]])
		}
		print out
	}'
}

# ci_skip_reason LOG: the last "SKIP: ..." or "SKIP[KEY]: ..." line of a
# log, as "KEY<tab>REASON" (KEY empty when the stage gave none).
ci_skip_reason() {
	tr -d '\r' <"$1" | sed -n 's/^SKIP\(\[\([a-z0-9-]*\)\]\)\{0,1\}: \(.*\)/\2\t\3/p' | tail -n 1
}
