/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * A deliberately naive model of struct scx_cmask for the property tests:
 * one bool per cid of the window, every operation a plain loop over cids,
 * written from the text of docs/ABI.md (sections 2, 3, 4 and 5) and not from
 * common/scxcmask/cmask_ops.h.  Slow and obviously right is the point.
 *
 * It also converts between the model and real masks (with garbage in the
 * padding and unused words on request) and checks a real mask against it.
 */
#ifndef SCXCMASK_TESTS_CMASK_MODEL_H
#define SCXCMASK_TESTS_CMASK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <scxcmask/cmask.h>

/* splitmix64: small, seedable, good enough for tests */
struct rng {
	uint64_t s;
};
uint64_t rng_next(struct rng *r);
/* uniform in [0, n); n > 0 */
uint64_t rng_below(struct rng *r, uint64_t n);
/* uniform in [lo, hi] */
uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi);

/* The model of one mask: header as written, plus a bool per window cid. */
struct model {
	uint32_t base;
	uint32_t nr;		/* nr_cids */
	uint32_t alloc_words;
	bool *bit;		/* nr entries (bit[i] is cid base + i) */
};

/* Number of words of storage a window of @nr cids needs (ABI 2.2). */
uint64_t model_nr_words(uint64_t nr);
/* Words that hold window cids (ABI 3). */
uint32_t model_nr_used(uint32_t base, uint32_t nr);
/* base + nr fits in u32 and the storage is large enough (ABI 3, 9e). */
bool model_valid(const struct model *m);
uint32_t model_end(const struct model *m);
bool model_contains(const struct model *m, uint32_t cid);

void model_init(struct model *m, uint32_t base, uint32_t nr, uint32_t alloc_words);
void model_free(struct model *m);
void model_random_bits(struct model *m, struct rng *r, unsigned int density_pct);

/* Single cid: as ABI 4.2 (return values as include/scxcmask/cmask.h). */
bool model_test(const struct model *m, uint32_t cid);
int model_set(struct model *m, uint32_t cid, bool value);
bool model_test_and_assign(struct model *m, uint32_t cid, bool value);

/* Whole mask, ABI 4.3. */
int model_zero(struct model *m);
int model_fill(struct model *m);
bool model_empty(const struct model *m);
uint32_t model_weight(const struct model *m);

/* Two masks, ABI 4.4 and 4.5. */
enum model_op { MODEL_AND, MODEL_OR, MODEL_COPY, MODEL_ANDNOT };
int model_op2(struct model *dst, const struct model *src, enum model_op op);
bool model_equal(const struct model *a, const struct model *b);
bool model_subset(const struct model *a, const struct model *b);
bool model_intersects(const struct model *a, const struct model *b);

/* Search, ABI 4.6. */
uint32_t model_next_set(const struct model *m, uint32_t start);
uint32_t model_next_and_set(const struct model *a, const struct model *b, uint32_t start);
uint32_t model_next_set_wrap(const struct model *m, uint32_t start);
uint32_t model_next_and_set_wrap(const struct model *a, const struct model *b, uint32_t start);
/* Three masks (7.3's cmask_next_and2_set): sentinel end(a), as above. */
uint32_t model_next_and2_set(const struct model *a, const struct model *b, const struct model *c,
			     uint32_t start);
uint32_t model_next_and2_set_wrap(const struct model *a, const struct model *b,
				  const struct model *c, uint32_t start);

/* ------------------------------------------------------------ real masks */

/* How a real mask is laid out from a model. */
enum dirt {
	DIRT_NONE = 0,
	DIRT_HEAD = 1,		/* garbage in the head padding */
	DIRT_TAIL = 2,		/* garbage in the tail padding */
	DIRT_UNUSED = 4,	/* garbage in the words past the last used one */
	DIRT_ALL = 7,
};

/*
 * Allocates exactly 16 + 8 * alloc_words bytes (so that a sanitizer or
 * valgrind sees any access past the storage) and writes @m into it.
 */
struct scx_cmask *mask_from_model(const struct model *m, struct rng *r, unsigned int dirt);
/* Writes @m into existing storage of m->alloc_words words. */
void mask_write_model(struct scx_cmask *out, const struct model *m, struct rng *r,
		      unsigned int dirt);
/* A copy of @mask's bytes (header and all alloc_words words). */
struct scx_cmask *mask_dup(const struct scx_cmask *mask);

/* Raw grid bit of @cid in @mask, by the ABI 3 formula; cid in window. */
bool mask_raw_bit(const struct scx_cmask *mask, uint32_t cid);

/*
 * Compares @mask with @m: header fields and every window cid.  Returns
 * NULL or a static description of the first difference.
 */
const char *mask_diff(const struct scx_cmask *mask, const struct model *m);
/* NULL when head and tail padding are zero, else what is dirty. */
const char *mask_padding_dirty(const struct scx_cmask *mask);
/*
 * NULL when @after differs from @before only inside bits[0 .. nr_used) of
 * the window (@after's header), else what changed outside.
 */
const char *mask_outside_changed(const struct scx_cmask *before, const struct scx_cmask *after);

/* Model of the mask as it is: header plus raw window bits. */
void model_from_mask(struct model *m, const struct scx_cmask *mask);

#endif /* SCXCMASK_TESTS_CMASK_MODEL_H */
