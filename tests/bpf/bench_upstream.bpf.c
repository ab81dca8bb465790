// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF benchmark side by side with upstream: bench.bpf.c's programs
 * (the library's helpers, bench_<op>) and the same timed loops around
 * upstream's helpers (bench_up_<op>), taken from the kernel's
 * tools/sched_ext/include/scx/cid.bpf.h of a fetched linux-source-7.3,
 * whose path the build passes as UPSTREAM_CID_H (nothing of it is stored
 * here).  tests/bpf/bench_vs.c runs both in one process, interleaved.
 * The shims upstream's header expects from scx/common.bpf.h are the
 * oracle's (tests/bpf/oracle_upstream.bpf.c).
 */
#define SCXCMASK_BPF_DEFINE_STRUCT
#include "bench.bpf.c"

#define UPSTREAM_ERRORS	bench_up_errors
#include "upstream_cid.bpf.h"

/* upstream's writers return nothing: (call, 0) */
BENCH_PROG(up_and, (cmask_and(A, B), 0))
BENCH_PROG(up_or, (cmask_or(A, B), 0))
BENCH_PROG(up_copy, (cmask_copy(A, B), 0))
BENCH_PROG(up_andnot, (cmask_andnot(A, B), 0))
BENCH_PROG(up_weight, cmask_weight(A))
BENCH_PROG(up_intersects, cmask_intersects(A, B))
BENCH_PROG(up_subset, cmask_subset(A, B))
BENCH_PROG(up_equal, cmask_equal(A, B))
BENCH_PROG(up_next_set, cmask_next_set(A, ctx->cid))
BENCH_PROG(up_next_set_wrap, cmask_next_set_wrap(A, ctx->cid))
BENCH_PROG(up_next_and_set_wrap, cmask_next_and_set_wrap(A, B, ctx->cid))
BENCH_PROG(up_test, cmask_test(ctx->cid, A))
BENCH_PROG(up_set, (cmask_set(ctx->cid, A), 0))
BENCH_PROG(up_test_and_set, cmask_test_and_set(ctx->cid, A))
BENCH_PROG(up_test_and_clear, cmask_test_and_clear(ctx->cid, A))
/* the macro alone gives the verifier no bound: a may_goto check does, as in the oracle */
BENCH_PROG(up_for_each, ({
	__u32 c, n = 0;

	cmask_for_each(c, A) {
		if (!scxcmask_can_loop)
			break;
		n += c;
	}
	n;
}))
