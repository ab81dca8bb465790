// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF half of the agreement test: one syscall program per operation
 * family runs a batch of cases on the masks of region A of the arena.  The
 * loader runs the same cases through libscxcmask on region U and compares.
 *
 * Built twice: natively, and with the asm casts forced plus a vmlinux.h-like
 * struct scx_cmask carrying preserve_access_index (AGREE_VMLINUX_SCX), which
 * must not turn any arena access into a CO-RE relocation: this kernel has no
 * such type, so one relocation would fail the load.
 */
#include "test.bpf.h"

#ifdef AGREE_VMLINUX_SCX
#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
struct scx_cmask {
	__u32 base;
	__u32 nr_cids;
	__u32 alloc_words;
	__u64 bits[];
};
#pragma clang attribute pop
#endif

#include <scxcmask/cmask.bpf.h>
#include "agree.h"

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, AGREE_ARENA_PAGES);
} arena SEC(".maps");

typedef struct scx_cmask __arena *mask_t;

static __always_inline mask_t mask_at(__u64 region, __u64 off)
{
	return (mask_t)(region + off);
}

static __always_inline __s64 run_construct(struct agree_case __arena *c, mask_t a)
{
	switch (c->op) {
	case AGREE_INIT:
		return scx_cmask_init(a, c->arg0, c->arg1);
	case AGREE_INIT_ALLOC:
		return scx_cmask_init_alloc(a, c->arg0, c->arg1, c->arg2);
	case AGREE_REFRAME:
		return scx_cmask_reframe(a, c->arg0, c->arg1);
	case AGREE_VALID:
		return scx_cmask_valid(a);
	case AGREE_END:
		return scx_cmask_end(a);
	}
	return -1000;
}

static __always_inline __s64 run_single(struct agree_case __arena *c, mask_t a)
{
	__u32 cid = c->arg0;

	switch (c->op) {
	case AGREE_TEST:
		return scx_cmask_test(cid, a);
	case AGREE_SET:
		return scx_cmask_set(cid, a);
	case AGREE_CLEAR:
		return scx_cmask_clear(cid, a);
	case AGREE_TEST_AND_SET:
		return scx_cmask_test_and_set(cid, a);
	case AGREE_TEST_AND_CLEAR:
		return scx_cmask_test_and_clear(cid, a);
	case AGREE_SET_NA:
		return scx_cmask_set_nonatomic(cid, a);
	case AGREE_CLEAR_NA:
		return scx_cmask_clear_nonatomic(cid, a);
	case AGREE_TEST_AND_SET_NA:
		return scx_cmask_test_and_set_nonatomic(cid, a);
	case AGREE_TEST_AND_CLEAR_NA:
		return scx_cmask_test_and_clear_nonatomic(cid, a);
	}
	return -1000;
}

static __always_inline __s64 run_whole(struct agree_case __arena *c, mask_t a)
{
	switch (c->op) {
	case AGREE_ZERO:
		return scx_cmask_zero(a);
	case AGREE_FILL:
		return scx_cmask_fill(a);
	case AGREE_EMPTY:
		return scx_cmask_empty(a);
	case AGREE_WEIGHT:
		return scx_cmask_weight(a);
	case AGREE_WEIGHT_ARG32:
		/* the kernel passes set_cmask's mask as a 32-bit arena address */
		return scx_cmask_weight(scx_cmask_from_set_cmask_arg((void *)(__u64)(__u32)(__u64)a));
	}
	return -1000;
}

static __always_inline __s64 run_two(struct agree_case __arena *c, mask_t a, mask_t b)
{
	switch (c->op) {
	case AGREE_AND:
		return scx_cmask_and(a, b);
	case AGREE_OR:
		return scx_cmask_or(a, b);
	case AGREE_COPY:
		return scx_cmask_copy(a, b);
	case AGREE_ANDNOT:
		return scx_cmask_andnot(a, b);
	case AGREE_EQUAL:
		return scx_cmask_equal(a, b);
	case AGREE_SUBSET:
		return scx_cmask_subset(a, b);
	case AGREE_INTERSECTS:
		return scx_cmask_intersects(a, b);
	}
	return -1000;
}

static __always_inline __s64 run_search(struct agree_case __arena *c, mask_t a, mask_t b,
					mask_t x)
{
	__u64 hash = 0, nr = 0;
	__u32 cid;

	switch (c->op) {
	case AGREE_NEXT_SET:
		return scx_cmask_next_set(a, c->arg0);
	case AGREE_FIRST_SET:
		return scx_cmask_first_set(a);
	case AGREE_NEXT_AND_SET:
		return scx_cmask_next_and_set(a, b, c->arg0);
	case AGREE_NEXT_SET_WRAP:
		return scx_cmask_next_set_wrap(a, c->arg0);
	case AGREE_NEXT_AND_SET_WRAP:
		return scx_cmask_next_and_set_wrap(a, b, c->arg0);
	case AGREE_NEXT_AND2_SET:
		return scx_cmask_next_and2_set(a, b, x, c->arg0);
	case AGREE_NEXT_AND2_SET_WRAP:
		return scx_cmask_next_and2_set_wrap(a, b, x, c->arg0);
	case AGREE_FOR_EACH:
		scx_cmask_for_each(cid, a) {
			hash = AGREE_HASH(hash, cid);
			nr++;
		}
		c->ret2 = hash;
		return nr;
	}
	return -1000;
}

/*
 * One case, as a global function: the verifier checks it once, on its own,
 * instead of once per path through the loop around it.
 */
#define AGREE_ONE(family)							\
__attribute__((noinline)) int agree_one_##family(__u64 case_addr, __u64 region) \
{										\
	struct agree_case __arena *c =						\
		scx_arena_ptr((struct agree_case __arena *)case_addr);	\
										\
	c->ret = run_##family(c, mask_at(region, c->a), mask_at(region, c->b),	\
			      mask_at(region, c->c));				\
	return 0;								\
}

/* The loop over a batch of cases. */
#define AGREE_PROG(family)							\
AGREE_ONE(family)								\
										\
SEC("syscall") int agree_##family(struct agree_ctx *ctx)			\
{										\
	__u64 cases = ctx->cases, region = ctx->region;				\
	int k;									\
										\
	scxcmask_arena_use(arena);						\
	bpf_for(k, 0, ctx->nr_cases)						\
		agree_one_##family(cases + k * sizeof(struct agree_case), region); \
	return 0;								\
}

#define run_construct(c, a, b, x)	run_construct(c, a)
#define run_single(c, a, b, x)		run_single(c, a)
#define run_whole(c, a, b, x)		run_whole(c, a)
#define run_two(c, a, b, x)		run_two(c, a, b)

AGREE_PROG(construct)
AGREE_PROG(single)
AGREE_PROG(whole)
AGREE_PROG(two)
AGREE_PROG(search)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
