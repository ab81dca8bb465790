/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Random windows and masks for the cmask property tests: sizes from 0 to
 * 20000 cids, aligned and unaligned bases, bases near 2^32, second windows
 * that are equal, nested, overlapping, adjacent or disjoint, densities from
 * empty to full, dirty padding and unused words, and now and then an
 * invalid header.
 *
 * Seeds: SCXCMASK_SEED (default fixed) picks the run; every case derives
 * its own generator from (seed, test, case), so a failure message names
 * all that is needed to replay it.  SCXCMASK_PROP_CASES scales the number
 * of cases (the valgrind stage lowers it).
 */
#ifndef SCXCMASK_TESTS_CMASK_GEN_H
#define SCXCMASK_TESTS_CMASK_GEN_H

#include "cmask_model.h"

/* The run's seed (SCXCMASK_SEED or the default) and case count. */
uint64_t gen_seed(void);
unsigned int gen_cases(unsigned int dflt);

/* A case's generator and the text that names the case in failures. */
struct gen_case {
	struct rng rng;
	char name[96];
};
void gen_case_start(struct gen_case *c, const char *test, unsigned int index);

/* A random header; @invalid_pct percent of them invalid. */
void gen_window(struct rng *r, uint32_t *base, uint32_t *nr, uint32_t *alloc_words,
		unsigned int invalid_pct);
/* A window placed relative to [base, base + nr): equal, nested, ... */
void gen_related_window(struct rng *r, uint32_t base, uint32_t nr, uint32_t *obase,
			uint32_t *onr, uint32_t *oalloc_words, unsigned int invalid_pct);
/* Random density in percent, biased to 0, tiny, half, almost full, full. */
unsigned int gen_density(struct rng *r);
/* Random dirt flags; half of the cases fully dirty. */
unsigned int gen_dirt(struct rng *r);

/*
 * A model with random bits on @base/@nr/@alloc_words and its real mask
 * (allocated to the exact storage size).
 */
struct gen_mask {
	struct model model;
	struct scx_cmask *mask;
};
void gen_mask_make(struct gen_mask *g, struct rng *r, uint32_t base, uint32_t nr,
		   uint32_t alloc_words);
void gen_mask_free(struct gen_mask *g);

/* A cid worth starting a search at or writing: edges and random ones. */
uint32_t gen_cid(struct rng *r, const struct model *m);

#endif /* SCXCMASK_TESTS_CMASK_GEN_H */
