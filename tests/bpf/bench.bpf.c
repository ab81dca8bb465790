// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Run time of the BPF cmask helpers in the kernel (syscall programs take no
 * test_run repeat count, so each program times its own loop).  Beside them,
 * "ref_*": a word loop in the style of the kernel tree's
 * tools/sched_ext cid.bpf.h helpers (bpf_for over the words, the window
 * masks recomputed per word, raw popcount), written independently here, to
 * compare loop constructs on the same machine.
 */
#include "test.bpf.h"
#include <scxcmask/cmask.bpf.h>
#include "bench.h"

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 16);
} arena SEC(".maps");

#define A	((struct scx_cmask __arena *)ctx->a)
#define B	((struct scx_cmask __arena *)ctx->b)
#define REF_MAX_WORDS	SCX_CMASK_MAX_WORDS

typedef struct scxcmask__bpf_mask __arena ref_mask;

/* ---------------------------------------------------------- reference style */

static __always_inline __u64 ref_word_bits(__u32 w, __u32 lo, __u32 hi)
{
	/* in-range bits of grid word w for cids [lo, hi) */
	__u64 m = ~0ull;

	if (w == lo / 64)
		m &= ~0ull << (lo & 63);
	if (w == (hi - 1) / 64)
		m &= ~0ull >> (63 - ((hi - 1) & 63));
	return m;
}

static __always_inline int ref_and(ref_mask *d, const ref_mask *s)
{
	__u32 lo, hi, dw, sw;
	int i;

	d = scx_arena_ptr(d);
	s = scx_arena_ptr(s);
	lo = d->base > s->base ? d->base : s->base;
	hi = d->base + d->nr_cids < s->base + s->nr_cids ? d->base + d->nr_cids
							  : s->base + s->nr_cids;
	if (lo >= hi)
		return 0;
	dw = d->base / 64;
	sw = s->base / 64;
	bpf_for(i, lo / 64, (hi - 1) / 64 + 1) {
		__u32 di = i - dw, si = i - sw;

		if (di >= REF_MAX_WORDS || si >= REF_MAX_WORDS)
			break;
		d->bits[di] &= s->bits[si] | ~ref_word_bits(i, lo, hi);
	}
	return 0;
}

static __always_inline __u32 ref_weight(const ref_mask *m)
{
	__u32 n, cnt = 0;
	int i;

	m = scx_arena_ptr(m);
	n = SCX_CMASK_NR_WORDS(m->nr_cids);
	bpf_for(i, 0, n) {
		if (i >= REF_MAX_WORDS)
			break;
		cnt += __builtin_popcountll(m->bits[i]);
	}
	return cnt;
}

static __always_inline int ref_intersects(const ref_mask *a, const ref_mask *b)
{
	__u32 lo, hi, aw, bw;
	int i;

	a = scx_arena_ptr(a);
	b = scx_arena_ptr(b);
	lo = a->base > b->base ? a->base : b->base;
	hi = a->base + a->nr_cids < b->base + b->nr_cids ? a->base + a->nr_cids
							  : b->base + b->nr_cids;
	if (lo >= hi)
		return 0;
	aw = a->base / 64;
	bw = b->base / 64;
	bpf_for(i, lo / 64, (hi - 1) / 64 + 1) {
		__u32 ai = i - aw, bi = i - bw;

		if (ai >= REF_MAX_WORDS || bi >= REF_MAX_WORDS)
			break;
		if (a->bits[ai] & b->bits[bi] & ref_word_bits(i, lo, hi))
			return 1;
	}
	return 0;
}

/* ---------------------------------------------------------- timed loops */

#define BENCH_PROG(name, expr)						\
SEC("syscall") int bench_##name(struct bench_ctx *ctx)			\
{									\
	__u64 t0, t1, sink = 0;						\
	int k;								\
									\
	scxcmask_arena_use(arena);					\
	t0 = bpf_ktime_get_ns();					\
	bpf_for(k, 0, ctx->iters)					\
		sink += (__u64)(expr);					\
	t1 = bpf_ktime_get_ns();					\
	ctx->ns = t1 - t0;						\
	ctx->sink = sink;						\
	return 0;							\
}

BENCH_PROG(empty, k)
BENCH_PROG(and, scx_cmask_and(A, B))
BENCH_PROG(or, scx_cmask_or(A, B))
BENCH_PROG(copy, scx_cmask_copy(A, B))
BENCH_PROG(andnot, scx_cmask_andnot(A, B))
BENCH_PROG(weight, scx_cmask_weight(A))
BENCH_PROG(intersects, scx_cmask_intersects(A, B))
BENCH_PROG(subset, scx_cmask_subset(A, B))
BENCH_PROG(equal, scx_cmask_equal(A, B))
BENCH_PROG(empty_mask, scx_cmask_empty(A))
BENCH_PROG(zero, scx_cmask_zero(A))
BENCH_PROG(fill, scx_cmask_fill(A))
BENCH_PROG(next_set, scx_cmask_next_set(A, ctx->cid))
BENCH_PROG(test, scx_cmask_test(ctx->cid, A))
BENCH_PROG(set, scx_cmask_set(ctx->cid, A))
BENCH_PROG(test_and_clear, scx_cmask_test_and_clear(ctx->cid, A))
BENCH_PROG(next_set_wrap, scx_cmask_next_set_wrap(A, ctx->cid))
BENCH_PROG(next_and_set_wrap, scx_cmask_next_and_set_wrap(A, B, ctx->cid))
BENCH_PROG(test_and_set, scx_cmask_test_and_set(ctx->cid, A))
BENCH_PROG(for_each, ({
	__u32 c, n = 0;

	scx_cmask_for_each(c, A)
		n += c;
	n;
}))
BENCH_PROG(ref_and, ref_and((ref_mask *)ctx->a, (const ref_mask *)ctx->b))
BENCH_PROG(ref_weight, ref_weight((const ref_mask *)ctx->a))
BENCH_PROG(ref_intersects, ref_intersects((const ref_mask *)ctx->a, (const ref_mask *)ctx->b))

char LICENSE[] SEC("license") = "Dual BSD/GPL";
