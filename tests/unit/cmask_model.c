// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The naive cmask model (see cmask_model.h).  Every operation walks the
 * window cid by cid in 64-bit arithmetic and follows the sentences of
 * docs/ABI.md; nothing here knows about words except the conversions to
 * and from real masks at the bottom.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmask_model.h"

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

uint64_t rng_range(struct rng *r, uint64_t lo, uint64_t hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* ------------------------------------------------------------ geometry */

uint64_t model_nr_words(uint64_t nr)
{
	/* "ceil(nr / 64) words for the cids, plus one for an unaligned base" */
	uint64_t words = nr / 64;

	if (nr % 64)
		words++;
	return words + 1;
}

uint32_t model_nr_used(uint32_t base, uint32_t nr)
{
	uint64_t first_word, last_word;

	if (!nr)
		return 0;
	first_word = base / 64;
	last_word = ((uint64_t)base + nr - 1) / 64;
	return (uint32_t)(last_word - first_word + 1);
}

bool model_valid(const struct model *m)
{
	return (uint64_t)m->base + m->nr <= UINT32_MAX &&
	       model_nr_words(m->nr) <= m->alloc_words;
}

uint32_t model_end(const struct model *m)
{
	return m->base + m->nr;	/* wraps for an invalid window, as the API says */
}

bool model_contains(const struct model *m, uint32_t cid)
{
	return model_valid(m) && cid >= m->base && (uint64_t)cid < (uint64_t)m->base + m->nr;
}

void model_init(struct model *m, uint32_t base, uint32_t nr, uint32_t alloc_words)
{
	m->base = base;
	m->nr = nr;
	m->alloc_words = alloc_words;
	m->bit = calloc(nr ? nr : 1, sizeof(bool));
	if (!m->bit)
		abort();
}

void model_free(struct model *m)
{
	free(m->bit);
	m->bit = NULL;
}

void model_random_bits(struct model *m, struct rng *r, unsigned int density_pct)
{
	for (uint64_t i = 0; i < m->nr; i++)
		m->bit[i] = rng_below(r, 100) < density_pct;
}

/* ------------------------------------------------------------ single cid */

bool model_test(const struct model *m, uint32_t cid)
{
	return model_contains(m, cid) && m->bit[cid - m->base];
}

int model_set(struct model *m, uint32_t cid, bool value)
{
	if (!model_valid(m))
		return -EINVAL;
	if (!model_contains(m, cid))
		return -ERANGE;
	m->bit[cid - m->base] = value;
	return 0;
}

bool model_test_and_assign(struct model *m, uint32_t cid, bool value)
{
	bool old;

	if (!model_contains(m, cid))
		return false;
	old = m->bit[cid - m->base];
	m->bit[cid - m->base] = value;
	return old;
}

/* ------------------------------------------------------------ whole mask */

static int model_assign_all(struct model *m, bool value)
{
	if (!model_valid(m))
		return -EINVAL;
	for (uint64_t i = 0; i < m->nr; i++)
		m->bit[i] = value;
	return 0;
}

int model_zero(struct model *m)
{
	return model_assign_all(m, false);
}

int model_fill(struct model *m)
{
	return model_assign_all(m, true);
}

uint32_t model_weight(const struct model *m)
{
	uint32_t n = 0;

	if (!model_valid(m))
		return 0;
	for (uint64_t i = 0; i < m->nr; i++)
		n += m->bit[i];
	return n;
}

bool model_empty(const struct model *m)
{
	return model_weight(m) == 0;
}

/* ------------------------------------------------------------ two masks */

int model_op2(struct model *dst, const struct model *src, enum model_op op)
{
	if (!model_valid(dst) || !model_valid(src))
		return -EINVAL;
	for (uint64_t i = 0; i < dst->nr; i++) {
		uint32_t cid = (uint32_t)(dst->base + i);
		bool s;

		/* only the cids both windows hold */
		if (!model_contains(src, cid))
			continue;
		s = model_test(src, cid);
		switch (op) {
		case MODEL_AND:
			dst->bit[i] = dst->bit[i] && s;
			break;
		case MODEL_OR:
			dst->bit[i] = dst->bit[i] || s;
			break;
		case MODEL_COPY:
			dst->bit[i] = s;
			break;
		case MODEL_ANDNOT:
			dst->bit[i] = dst->bit[i] && !s;
			break;
		}
	}
	return 0;
}

bool model_equal(const struct model *a, const struct model *b)
{
	if (!model_valid(a) || !model_valid(b))
		return false;
	if (a->base != b->base || a->nr != b->nr)
		return false;
	for (uint64_t i = 0; i < a->nr; i++)
		if (a->bit[i] != b->bit[i])
			return false;
	return true;
}

bool model_subset(const struct model *a, const struct model *b)
{
	if (!model_valid(a))
		return true;	/* an invalid a is empty */
	for (uint64_t i = 0; i < a->nr; i++)
		if (a->bit[i] && !model_test(b, (uint32_t)(a->base + i)))
			return false;
	return true;
}

bool model_intersects(const struct model *a, const struct model *b)
{
	if (!model_valid(a))
		return false;
	for (uint64_t i = 0; i < a->nr; i++)
		if (a->bit[i] && model_test(b, (uint32_t)(a->base + i)))
			return true;
	return false;
}

/* ------------------------------------------------------------ search */

uint32_t model_next_set(const struct model *m, uint32_t start)
{
	if (!model_valid(m))
		return model_end(m);
	for (uint64_t c = start < m->base ? m->base : start; c < (uint64_t)m->base + m->nr; c++)
		if (m->bit[c - m->base])
			return (uint32_t)c;
	return model_end(m);
}

uint32_t model_next_and_set(const struct model *a, const struct model *b, uint32_t start)
{
	if (!model_valid(a))
		return model_end(a);
	for (uint64_t c = start < a->base ? a->base : start; c < (uint64_t)a->base + a->nr; c++)
		if (a->bit[c - a->base] && model_test(b, (uint32_t)c))
			return (uint32_t)c;
	return model_end(a);
}

/*
 * ABI 4.6: search forward from start; if nothing is found and start > base,
 * rescan from base and accept a result only if it is below start.
 */
uint32_t model_next_set_wrap(const struct model *m, uint32_t start)
{
	uint32_t found = model_next_set(m, start);

	if (!model_valid(m) || found != model_end(m) || start <= m->base)
		return found;
	found = model_next_set(m, m->base);
	return found < start ? found : model_end(m);
}

uint32_t model_next_and_set_wrap(const struct model *a, const struct model *b, uint32_t start)
{
	uint32_t found = model_next_and_set(a, b, start);

	if (!model_valid(a) || found != model_end(a) || start <= a->base)
		return found;
	found = model_next_and_set(a, b, a->base);
	return found < start ? found : model_end(a);
}

/* Cid by cid: set in a and tested set in b and c (an invalid b or c has none). */
uint32_t model_next_and2_set(const struct model *a, const struct model *b, const struct model *c,
			     uint32_t start)
{
	if (!model_valid(a))
		return model_end(a);
	for (uint64_t x = start < a->base ? a->base : start; x < (uint64_t)a->base + a->nr; x++)
		if (a->bit[x - a->base] && model_test(b, (uint32_t)x) && model_test(c, (uint32_t)x))
			return (uint32_t)x;
	return model_end(a);
}

uint32_t model_next_and2_set_wrap(const struct model *a, const struct model *b,
				  const struct model *c, uint32_t start)
{
	uint32_t found = model_next_and2_set(a, b, c, start);

	if (!model_valid(a) || found != model_end(a) || start <= a->base)
		return found;
	found = model_next_and2_set(a, b, c, a->base);
	return found < start ? found : model_end(a);
}

/* ------------------------------------------------------------ real masks */

/* Grid position of @cid in a mask with @base: ABI 3's addressing formula. */
static uint32_t word_of(uint32_t base, uint32_t cid)
{
	return cid / 64 - base / 64;
}

static uint64_t bit_of(uint32_t cid)
{
	return (uint64_t)1 << (cid % 64);
}

/* Whether bit @b of word @w of a mask with this window is a window cid. */
static bool in_window(uint32_t base, uint32_t nr, uint32_t w, unsigned int b)
{
	uint64_t cid = ((uint64_t)(base / 64) + w) * 64 + b;

	return cid >= base && cid < (uint64_t)base + nr;
}

void mask_write_model(struct scx_cmask *out, const struct model *m, struct rng *r,
		      unsigned int dirt)
{
	uint32_t nr_used = 0;

	memset(out, 0, 16);	/* the header's 4 padding bytes too */
	out->base = m->base;
	out->nr_cids = m->nr;
	out->alloc_words = m->alloc_words;
	/* an invalid header only ever gets garbage storage */
	if ((uint64_t)m->base + m->nr <= UINT32_MAX)
		nr_used = model_nr_used(m->base, m->nr);
	for (uint32_t w = 0; w < m->alloc_words; w++) {
		uint64_t word = rng_next(r), keep = 0;

		if (w >= nr_used) {
			out->bits[w] = (dirt & DIRT_UNUSED) ? word : 0;
			continue;
		}
		for (unsigned int b = 0; b < 64; b++) {
			uint64_t cid = ((uint64_t)(m->base / 64) + w) * 64 + b;

			if (in_window(m->base, m->nr, w, b)) {
				if (m->bit[cid - m->base])
					keep |= (uint64_t)1 << b;
			} else if (cid < m->base ? (dirt & DIRT_HEAD) : (dirt & DIRT_TAIL)) {
				keep |= word & ((uint64_t)1 << b);
			}
		}
		out->bits[w] = keep;
	}
}

struct scx_cmask *mask_from_model(const struct model *m, struct rng *r, unsigned int dirt)
{
	struct scx_cmask *out = malloc(16 + 8 * (size_t)m->alloc_words);

	if (!out)
		abort();
	mask_write_model(out, m, r, dirt);
	return out;
}

struct scx_cmask *mask_dup(const struct scx_cmask *mask)
{
	size_t size = 16 + 8 * (size_t)mask->alloc_words;
	struct scx_cmask *out = malloc(size);

	if (!out)
		abort();
	memcpy(out, mask, size);
	return out;
}

bool mask_raw_bit(const struct scx_cmask *mask, uint32_t cid)
{
	return mask->bits[word_of(mask->base, cid)] & bit_of(cid);
}

void model_from_mask(struct model *m, const struct scx_cmask *mask)
{
	model_init(m, mask->base, mask->nr_cids, mask->alloc_words);
	if (!model_valid(m))
		return;
	for (uint64_t i = 0; i < m->nr; i++)
		m->bit[i] = mask_raw_bit(mask, (uint32_t)(m->base + i));
}

static char diff_msg[256];

const char *mask_diff(const struct scx_cmask *mask, const struct model *m)
{
	if (mask->base != m->base || mask->nr_cids != m->nr || mask->alloc_words != m->alloc_words) {
		snprintf(diff_msg, sizeof(diff_msg),
			 "header {%u, %u, %u}, model {%u, %u, %u}", mask->base, mask->nr_cids,
			 mask->alloc_words, m->base, m->nr, m->alloc_words);
		return diff_msg;
	}
	if (!model_valid(m))
		return NULL;
	for (uint64_t i = 0; i < m->nr; i++) {
		uint32_t cid = (uint32_t)(m->base + i);

		if (mask_raw_bit(mask, cid) != m->bit[i]) {
			snprintf(diff_msg, sizeof(diff_msg), "cid %u is %d, model says %d", cid,
				 mask_raw_bit(mask, cid), m->bit[i]);
			return diff_msg;
		}
	}
	return NULL;
}

const char *mask_padding_dirty(const struct scx_cmask *mask)
{
	uint32_t nr_used;

	if ((uint64_t)mask->base + mask->nr_cids > UINT32_MAX)
		return NULL;
	nr_used = model_nr_used(mask->base, mask->nr_cids);
	for (uint32_t w = 0; w < nr_used; w++)
		for (unsigned int b = 0; b < 64; b++)
			if (!in_window(mask->base, mask->nr_cids, w, b) &&
			    (mask->bits[w] >> b & 1)) {
				snprintf(diff_msg, sizeof(diff_msg),
					 "padding bit %u of word %u is set (window [%u, +%u))", b,
					 w, mask->base, mask->nr_cids);
				return diff_msg;
			}
	return NULL;
}

const char *mask_outside_changed(const struct scx_cmask *before, const struct scx_cmask *after)
{
	uint32_t nr_used = 0;

	if (before->alloc_words != after->alloc_words)
		return "alloc_words changed";
	if ((uint64_t)after->base + after->nr_cids <= UINT32_MAX &&
	    model_nr_words(after->nr_cids) <= after->alloc_words)
		nr_used = model_nr_used(after->base, after->nr_cids);
	for (uint32_t w = nr_used; w < after->alloc_words; w++)
		if (before->bits[w] != after->bits[w]) {
			snprintf(diff_msg, sizeof(diff_msg), "unused word %u changed (of %u, %u used)",
				 w, after->alloc_words, nr_used);
			return diff_msg;
		}
	return NULL;
}
