/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What arena_view.bpf.c leaves in its arena global for arena_view.c: the
 * program stores real arena pointers; the agent reads them as the 64-bit
 * values they are.
 */
#ifndef SCXCMASK_TESTS_ARENA_VIEW_H
#define SCXCMASK_TESTS_ARENA_VIEW_H

#ifdef __BPF__
#define VIEW_PTR	struct scx_cmask __arena *
#else
#include <stdint.h>
#define VIEW_PTR	uint64_t
#endif

struct view_globals {
	unsigned long long first_mask[2 + 4];	/* a cmask with 4 words of storage */
	VIEW_PTR p_first;			/* pointers, as the program stores them */
	VIEW_PTR p_page;
	unsigned int lo_first;			/* their low 32 bits */
	unsigned int lo_page;
	int err;
	/*
	 * follow: the first mask reached through its 32-bit form, as the
	 * kernel hands ops.set_cmask() its cmask (0 at arena offset 0 of a
	 * 4 GiB-aligned arena), and copied into a window [0, 256) of the page
	 */
	int follow_valid;			/* scx_cmask_valid() */
	unsigned int follow_weight;
	unsigned int follow_first;		/* scx_cmask_first_set() */
	int follow_test;			/* scx_cmask_test(169) */
	int follow_copy;			/* scx_cmask_copy() into the page */
	unsigned int copy_weight;		/* weight of that copy */
};

/* where follow puts its copy: past the page's mask */
#define VIEW_COPY_OFF	2048

#endif /* SCXCMASK_TESTS_ARENA_VIEW_H */
