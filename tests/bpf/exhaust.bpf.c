// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF half of the budget-exhaustion test (exhaust.c): one syscall
 * program spins on scxcmask_can_loop until the kernel's may_goto budget for
 * this run is spent (8M iterations before 6.15, a quarter second since),
 * then calls one cmask helper, counting the calls of the early-stop hook
 * the helper makes.
 */
#include "test.bpf.h"

/* the override under test: count, do not abort */
__u64 exhaust_hooks;
#define SCXCMASK_BPF_ON_BUDGET_EXHAUSTED(what) ((void)(exhaust_hooks++))

#include <scxcmask/cmask.bpf.h>
#include "exhaust.h"

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, EXHAUST_ARENA_PAGES);
} arena SEC(".maps");

#define A	((struct scx_cmask __arena *)ctx->a)
#define B	((struct scx_cmask __arena *)ctx->b)

static __always_inline __s64 run_op(struct exhaust_ctx *ctx, __u32 op, __u32 cid)
{
	__u64 sum = 0;
	__s64 n = 0;
	__u32 c;

	switch (op) {
	case EX_SET:			return scx_cmask_set(cid, A);
	case EX_CLEAR:			return scx_cmask_clear(cid, A);
	case EX_TEST_AND_SET:		return scx_cmask_test_and_set(cid, A);
	case EX_TEST_AND_CLEAR:		return scx_cmask_test_and_clear(cid, A);
	case EX_INIT:			return scx_cmask_init(A, cid, ctx->arg);
	case EX_INIT_ALLOC:		return scx_cmask_init_alloc(A, cid, ctx->arg, ctx->arg);
	case EX_ZERO:			return scx_cmask_zero(A);
	case EX_FILL:			return scx_cmask_fill(A);
	case EX_AND:			return scx_cmask_and(A, B);
	case EX_OR:			return scx_cmask_or(A, B);
	case EX_COPY:			return scx_cmask_copy(A, B);
	case EX_ANDNOT:			return scx_cmask_andnot(A, B);
	case EX_EMPTY:			return scx_cmask_empty(A);
	case EX_WEIGHT:			return scx_cmask_weight(A);
	case EX_EQUAL:			return scx_cmask_equal(A, B);
	case EX_SUBSET:			return scx_cmask_subset(A, B);
	case EX_INTERSECTS:		return scx_cmask_intersects(A, B);
	case EX_FIRST_SET:		return scx_cmask_first_set(A);
	case EX_NEXT_SET:		return scx_cmask_next_set(A, cid);
	case EX_NEXT_AND_SET:		return scx_cmask_next_and_set(A, B, cid);
	case EX_NEXT_SET_WRAP:		return scx_cmask_next_set_wrap(A, cid);
	case EX_NEXT_AND_SET_WRAP:	return scx_cmask_next_and_set_wrap(A, B, cid);
	case EX_NEXT_AND2_SET:		return scx_cmask_next_and2_set(A, B, B, cid);
	case EX_NEXT_AND2_SET_WRAP:	return scx_cmask_next_and2_set_wrap(A, B, B, cid);
	case EX_FOR_EACH:
		scx_cmask_for_each(c, A) {
			sum += c;
			n++;
		}
		ctx->ret2 = sum;
		return n;
	}
	return -1000;
}

SEC("syscall") int exhaust_run(struct exhaust_ctx *ctx)
{
	__u32 op = ctx->op, cid = ctx->cid;
	__u64 spins = 0, h0;

	scxcmask_arena_use(arena);
	if (ctx->spend) {
		while (scxcmask_can_loop)
			spins++;
		ctx->still_loops = scxcmask_can_loop;
	}
	ctx->spins = spins;
	h0 = exhaust_hooks;
	ctx->ret = run_op(ctx, op, cid);
	ctx->hooks = exhaust_hooks - h0;
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
