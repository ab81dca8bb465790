/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the agreement test's BPF programs (agree.bpf.c) and its loader
 * (agree.c) share: the operations, the case records in the arena and the
 * context of a program run.
 */
#ifndef SCXCMASK_TESTS_AGREE_H
#define SCXCMASK_TESTS_AGREE_H

/* 16 MiB of arena: cases, then the BPF copy and the agent copy of the masks */
#define AGREE_ARENA_PAGES	4096
#define AGREE_CASES_OFF		(64u << 10)	/* offset 0 stays unused */
#define AGREE_MAX_CASES		2048
#define AGREE_REGION_A_OFF	(1u << 20)
#ifndef AGREE_REGION_SIZE
#define AGREE_REGION_SIZE	(6u << 20)
#endif
#define AGREE_REGION_U_OFF	(AGREE_REGION_A_OFF + AGREE_REGION_SIZE)
/* the oracle's third copy, for upstream's helpers (4 MiB regions there) */
#define AGREE_REGION_O_OFF	(AGREE_REGION_U_OFF + AGREE_REGION_SIZE)

/* One operation family per BPF program. */
enum agree_family {
	AGREE_CONSTRUCT,
	AGREE_SINGLE,
	AGREE_WHOLE,
	AGREE_TWO,
	AGREE_SEARCH,
	AGREE_NR_FAMILIES,
};

enum agree_op {
	/* construct */
	AGREE_INIT, AGREE_INIT_ALLOC, AGREE_REFRAME, AGREE_VALID, AGREE_END,
	/* single */
	AGREE_TEST, AGREE_SET, AGREE_CLEAR, AGREE_TEST_AND_SET, AGREE_TEST_AND_CLEAR,
	AGREE_SET_NA, AGREE_CLEAR_NA, AGREE_TEST_AND_SET_NA, AGREE_TEST_AND_CLEAR_NA,
	/* whole */
	AGREE_ZERO, AGREE_FILL, AGREE_EMPTY, AGREE_WEIGHT,
	AGREE_WEIGHT_ARG32,	/* BPF: through scx_cmask_from_set_cmask_arg(32-bit form) */
	/* two */
	AGREE_AND, AGREE_OR, AGREE_COPY, AGREE_ANDNOT, AGREE_EQUAL, AGREE_SUBSET,
	AGREE_INTERSECTS,
	/* search */
	AGREE_NEXT_SET, AGREE_FIRST_SET, AGREE_NEXT_AND_SET, AGREE_NEXT_SET_WRAP,
	AGREE_NEXT_AND_SET_WRAP, AGREE_FOR_EACH, AGREE_NEXT_AND2_SET, AGREE_NEXT_AND2_SET_WRAP,
	AGREE_NR_OPS,
};

/* One case; a, b and c are byte offsets of the masks in a region. */
struct agree_case {
	__u32 op;
	__u32 arg0;		/* cid, start or base */
	__u32 arg1;		/* nr_cids */
	__u32 arg2;		/* alloc_cids */
	__u64 a;
	__u64 b;
	__s64 ret;		/* return value */
	__u64 ret2;		/* for_each: hash of the visited cids */
	__u64 c;		/* the third mask of the three-mask searches */
};

/* The context of one program run (bpf_prog_test_run's ctx_in). */
struct agree_ctx {
	__u64 cases;		/* user address of the case array */
	__u64 region;		/* user address of the BPF copy of the masks */
	__u32 nr_cases;
	__u32 pad;
};

/* for_each's digest of the visited cids, on both sides */
#define AGREE_HASH(h, cid)	(((h) ^ (cid)) * 0x100000001b3ull)

#endif /* SCXCMASK_TESTS_AGREE_H */
