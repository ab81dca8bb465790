// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * One minimal program per cmask helper, for the verifier budget test
 * (budget.c): each calls its helper once on masks whose headers are
 * unknown to the verifier, so every path a 129-word (8192-cid) mask can
 * take is checked.
 */
#include "test.bpf.h"
#include <scxcmask/cmask.bpf.h>

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 16);
} arena SEC(".maps");

/* ctx: two mask addresses, a cid and two more arguments; ret written back */
struct budget_ctx {
	__u64 a, b;
	__u32 cid, arg1, arg2, pad;
	__s64 ret;
};

#define A	((struct scx_cmask __arena *)ctx->a)
#define B	((struct scx_cmask __arena *)ctx->b)

#define BUDGET_PROG(name, expr)						\
SEC("syscall") int budget_##name(struct budget_ctx *ctx)		\
{									\
	scxcmask_arena_use(arena);					\
	ctx->ret = (expr);						\
	return 0;							\
}

BUDGET_PROG(init, scx_cmask_init(A, ctx->cid, ctx->arg1))
BUDGET_PROG(init_alloc, scx_cmask_init_alloc(A, ctx->cid, ctx->arg1, ctx->arg2))
BUDGET_PROG(reframe, scx_cmask_reframe(A, ctx->cid, ctx->arg1))
BUDGET_PROG(valid, scx_cmask_valid(A))
BUDGET_PROG(end, scx_cmask_end(A))
BUDGET_PROG(test, scx_cmask_test(ctx->cid, A))
BUDGET_PROG(set, scx_cmask_set(ctx->cid, A))
BUDGET_PROG(clear, scx_cmask_clear(ctx->cid, A))
BUDGET_PROG(test_and_set, scx_cmask_test_and_set(ctx->cid, A))
BUDGET_PROG(test_and_clear, scx_cmask_test_and_clear(ctx->cid, A))
BUDGET_PROG(set_nonatomic, scx_cmask_set_nonatomic(ctx->cid, A))
BUDGET_PROG(clear_nonatomic, scx_cmask_clear_nonatomic(ctx->cid, A))
BUDGET_PROG(test_and_set_nonatomic, scx_cmask_test_and_set_nonatomic(ctx->cid, A))
BUDGET_PROG(test_and_clear_nonatomic, scx_cmask_test_and_clear_nonatomic(ctx->cid, A))
BUDGET_PROG(zero, scx_cmask_zero(A))
BUDGET_PROG(fill, scx_cmask_fill(A))
BUDGET_PROG(empty, scx_cmask_empty(A))
BUDGET_PROG(weight, scx_cmask_weight(A))
BUDGET_PROG(and, scx_cmask_and(A, B))
BUDGET_PROG(or, scx_cmask_or(A, B))
BUDGET_PROG(copy, scx_cmask_copy(A, B))
BUDGET_PROG(andnot, scx_cmask_andnot(A, B))
BUDGET_PROG(equal, scx_cmask_equal(A, B))
BUDGET_PROG(subset, scx_cmask_subset(A, B))
BUDGET_PROG(intersects, scx_cmask_intersects(A, B))
BUDGET_PROG(next_set, scx_cmask_next_set(A, ctx->cid))
BUDGET_PROG(first_set, scx_cmask_first_set(A))
BUDGET_PROG(next_and_set, scx_cmask_next_and_set(A, B, ctx->cid))
BUDGET_PROG(next_set_wrap, scx_cmask_next_set_wrap(A, ctx->cid))
BUDGET_PROG(next_and_set_wrap, scx_cmask_next_and_set_wrap(A, B, ctx->cid))
BUDGET_PROG(from_set_cmask_arg, scx_cmask_weight(scx_cmask_from_set_cmask_arg((void *)ctx->a)))

/* for_each: the loop itself, around the search it repeats */
SEC("syscall") int budget_for_each(struct budget_ctx *ctx)
{
	__u32 cid, sum = 0;

	scxcmask_arena_use(arena);
	scx_cmask_for_each(cid, A)
		sum += cid;
	ctx->ret = sum;
	return 0;
}

/* init at the full 8192 cids with constant arguments: the widest zeroing */
BUDGET_PROG(init_8192, scx_cmask_init(A, 0, 8192))

char LICENSE[] SEC("license") = "Dual BSD/GPL";
