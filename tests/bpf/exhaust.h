/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the budget-exhaustion test's BPF program (exhaust.bpf.c) and its
 * loader (exhaust.c) share.
 */
#ifndef SCXCMASK_TESTS_EXHAUST_H
#define SCXCMASK_TESTS_EXHAUST_H

#define EXHAUST_ARENA_PAGES	16
#define EXHAUST_A_OFF		(4u << 12)	/* offset 0 stays unused */
#define EXHAUST_B_OFF		(8u << 12)

enum exhaust_op {
	EX_SET, EX_CLEAR, EX_TEST_AND_SET, EX_TEST_AND_CLEAR,
	EX_INIT, EX_INIT_ALLOC, EX_ZERO, EX_FILL,
	EX_AND, EX_OR, EX_COPY, EX_ANDNOT,
	EX_EMPTY, EX_WEIGHT, EX_EQUAL, EX_SUBSET, EX_INTERSECTS,
	EX_FIRST_SET, EX_NEXT_SET, EX_NEXT_AND_SET, EX_NEXT_SET_WRAP, EX_NEXT_AND_SET_WRAP,
	EX_NEXT_AND2_SET, EX_NEXT_AND2_SET_WRAP,	/* masks a, b, b */
	EX_FOR_EACH,
	EX_NR_OPS,
};

/* One program run: spend the loop budget (if spend), then run op once. */
struct exhaust_ctx {
	__u64 a, b;		/* user addresses of the masks */
	__u32 op, cid;		/* cid: the cid, start, or init's base */
	__u32 arg;		/* init's nr_cids */
	__u32 spend;		/* spend the budget first */
	__s64 ret;		/* the helper's result; for_each: cids visited */
	__u64 ret2;		/* for_each: sum of the visited cids */
	__u64 hooks;		/* SCXCMASK_BPF_ON_BUDGET_EXHAUSTED calls during op */
	__u64 spins;		/* iterations before may_goto stopped the spin */
	__u32 still_loops;	/* a can_loop check after the spin still passed */
	__u32 pad;
};

#endif /* SCXCMASK_TESTS_EXHAUST_H */
