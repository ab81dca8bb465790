/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Context of one timed run of a bench.bpf.c program: the program calls its
 * operation @iters times on the masks at @a and @b and reports the time
 * the loop took, read with bpf_ktime_get_ns() around it.
 */
#ifndef SCXCMASK_TESTS_BENCH_H
#define SCXCMASK_TESTS_BENCH_H

struct bench_ctx {
	__u64 a, b;		/* user addresses of the masks */
	__u32 iters;
	__u32 cid;
	__u64 ns;		/* out: time of the whole loop */
	__u64 sink;		/* out: folded results, so nothing is optimised away */
};

#endif /* SCXCMASK_TESTS_BENCH_H */
