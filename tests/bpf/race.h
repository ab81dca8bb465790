/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the cross-boundary race test's BPF program (race.bpf.c) and its
 * loader (race.c) share: the mask geometry, the owners' pattern and the
 * context of one program run.
 */
#ifndef SCXCMASK_TESTS_RACE_H
#define SCXCMASK_TESTS_RACE_H

#define RACE_ARENA_PAGES	4
#define RACE_MASK_OFF		4096u	/* offset 0 stays unused */
#define RACE_BASE		0u
#define RACE_NR_CIDS		256u	/* 4 words, every owner in each */

/*
 * Owner o of n owns the cids o, o + n, o + 2n, ...; in round r it gives its
 * k-th cid the value RACE_WANT(r, k), so each round flips every one of its
 * cids and the value left before round r is RACE_WANT(r - 1, k).
 */
#define RACE_WANT(r, k)		(((r) + (k)) & 1)

struct race_ctx {
	__u64 mask;		/* user address of the mask */
	__u32 owner, nr_owners;
	__u32 atomic;		/* 1: set/clear, 0: the _nonatomic forms */
	__u32 rounds;		/* rounds this run */
	__u32 round;		/* in: rounds done so far; out: after this run */
	__u32 cpu;		/* out: the cpu the program ran on */
	__u64 writes;		/* out: cids written */
	__u64 lost;		/* out: own cids found not as this owner left them */
	__u32 errors;		/* out: a helper failed or the budget cut a round */
	__u32 pad;
};

#endif /* SCXCMASK_TESTS_RACE_H */
