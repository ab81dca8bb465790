// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The differential oracle's BPF side: the agreement test's programs (the
 * library's helpers, agree_<family>) and the same case families run through
 * upstream's helpers (up_<family>), taken from the kernel's
 * tools/sched_ext/include/scx/cid.bpf.h of a fetched linux-source-7.3.
 * The build passes its path as UPSTREAM_CID_H; nothing of it is stored in
 * this tree.  tests/bpf/agree.c built with AGREE_ORACLE runs both on copies
 * of the same inputs and compares them with the agent library.
 *
 * Upstream's header expects scx/common.bpf.h to come first; what it uses
 * from there (the kernel's u32/u64/bool, unlikely, ctzll, scx_bpf_error)
 * is provided below.  scx_bpf_error() is a sched_ext kfunc a syscall
 * program cannot call: here it counts in oracle_up_errors instead.
 */
#define SCXCMASK_BPF_DEFINE_STRUCT
#include "agree.bpf.c"

#define UPSTREAM_ERRORS	oracle_up_errors
#include "upstream_cid.bpf.h"

/* Upstream's void functions return nothing: the loader compares words only. */
static __always_inline __s64 uprun_construct(struct agree_case __arena *c, mask_t a)
{
	switch (c->op) {
	case AGREE_INIT:
		cmask_init(a, c->arg0, c->arg1);
		return 0;
	case AGREE_INIT_ALLOC:
		__cmask_init(a, c->arg0, c->arg1, c->arg2);
		return 0;
	case AGREE_REFRAME:
		cmask_reframe(a, c->arg0, c->arg1);
		return 0;
	}
	return -1000;
}

static __always_inline __s64 uprun_single(struct agree_case __arena *c, mask_t a)
{
	__u32 cid = c->arg0;

	switch (c->op) {
	case AGREE_TEST:
		return cmask_test(cid, a);
	case AGREE_SET:
		cmask_set(cid, a);
		return 0;
	case AGREE_CLEAR:
		cmask_clear(cid, a);
		return 0;
	case AGREE_TEST_AND_SET:
		return cmask_test_and_set(cid, a);
	case AGREE_TEST_AND_CLEAR:
		return cmask_test_and_clear(cid, a);
	case AGREE_SET_NA:
		__cmask_set(cid, a);
		return 0;
	case AGREE_CLEAR_NA:
		__cmask_clear(cid, a);
		return 0;
	case AGREE_TEST_AND_SET_NA:
		return __cmask_test_and_set(cid, a);
	case AGREE_TEST_AND_CLEAR_NA:
		return __cmask_test_and_clear(cid, a);
	}
	return -1000;
}

static __always_inline __s64 uprun_whole(struct agree_case __arena *c, mask_t a)
{
	switch (c->op) {
	case AGREE_ZERO:
		cmask_zero(a);
		return 0;
	case AGREE_WEIGHT:
		return cmask_weight(a);
	}
	return -1000;
}

static __always_inline __s64 uprun_two(struct agree_case __arena *c, mask_t a, mask_t b)
{
	switch (c->op) {
	case AGREE_AND:
		cmask_and(a, b);
		return 0;
	case AGREE_OR:
		cmask_or(a, b);
		return 0;
	case AGREE_COPY:
		cmask_copy(a, b);
		return 0;
	case AGREE_ANDNOT:
		cmask_andnot(a, b);
		return 0;
	case AGREE_EQUAL:
		return cmask_equal(a, b);
	case AGREE_SUBSET:
		return cmask_subset(a, b);
	case AGREE_INTERSECTS:
		return cmask_intersects(a, b);
	}
	return -1000;
}

static __always_inline __s64 uprun_search(struct agree_case __arena *c, mask_t a, mask_t b,
				       mask_t x)
{
	__u64 hash = 0, nr = 0;
	__u32 cid;

	switch (c->op) {
	case AGREE_NEXT_SET:
		return cmask_next_set(a, c->arg0);
	case AGREE_FIRST_SET:
		return cmask_first_set(a);
	case AGREE_NEXT_AND_SET:
		return cmask_next_and_set(a, b, c->arg0);
	case AGREE_NEXT_SET_WRAP:
		return cmask_next_set_wrap(a, c->arg0);
	case AGREE_NEXT_AND_SET_WRAP:
		return cmask_next_and_set_wrap(a, b, c->arg0);
	case AGREE_NEXT_AND2_SET:
		return cmask_next_and2_set(a, b, x, c->arg0);
	case AGREE_NEXT_AND2_SET_WRAP:
		return cmask_next_and2_set_wrap(a, b, x, c->arg0);
	case AGREE_FOR_EACH:
		/* the macro alone gives the verifier no bound: can_loop does */
		cmask_for_each(cid, a) {
			if (!can_loop)
				break;
			hash = AGREE_HASH(hash, cid);
			nr++;
		}
		c->ret2 = hash;
		return nr;
	}
	return -1000;
}

#define uprun_construct(c, a, b, x)	uprun_construct(c, a)
#define uprun_single(c, a, b, x)		uprun_single(c, a)
#define uprun_whole(c, a, b, x)		uprun_whole(c, a)
#define uprun_two(c, a, b, x)		uprun_two(c, a, b)

#define UP_PROG(family)								\
__attribute__((noinline)) int up_one_##family(__u64 case_addr, __u64 region)	\
{										\
	struct agree_case __arena *c =						\
		scx_arena_ptr((struct agree_case __arena *)case_addr);	\
										\
	c->ret = uprun_##family(c, mask_at(region, c->a), mask_at(region, c->b),	\
			     mask_at(region, c->c));				\
	return 0;								\
}										\
										\
SEC("syscall") int up_##family(struct agree_ctx *ctx)				\
{										\
	__u64 cases = ctx->cases, region = ctx->region;				\
	int k;									\
										\
	scxcmask_arena_use(arena);						\
	bpf_for(k, 0, ctx->nr_cases)						\
		up_one_##family(cases + k * sizeof(struct agree_case), region);	\
	return 0;								\
}

UP_PROG(construct)
UP_PROG(single)
UP_PROG(whole)
UP_PROG(two)
UP_PROG(search)
