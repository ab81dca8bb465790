// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/* Random cases for the cmask property tests (see cmask_gen.h). */
#include <stdio.h>
#include <stdlib.h>
#include "cmask_gen.h"

#define DEFAULT_SEED 0x5c3c0a5cull

uint64_t gen_seed(void)
{
	const char *s = getenv("SCXCMASK_SEED");

	return s && *s ? strtoull(s, NULL, 0) : DEFAULT_SEED;
}

unsigned int gen_cases(unsigned int dflt)
{
	const char *s = getenv("SCXCMASK_PROP_CASES");
	unsigned long n;

	if (!s || !*s)
		return dflt;
	n = strtoul(s, NULL, 0);
	return n ? (unsigned int)n : 1;
}

static uint64_t hash_name(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

void gen_case_start(struct gen_case *c, const char *test, unsigned int index)
{
	uint64_t seed = gen_seed();

	c->rng.s = seed ^ hash_name(test) ^ ((uint64_t)index * 0x9e3779b97f4a7c15ull);
	rng_next(&c->rng);
	snprintf(c->name, sizeof(c->name), "%s case %u (replay: SCXCMASK_SEED=%#llx)", test, index,
		 (unsigned long long)seed);
}

/* Window length: mostly small, often a few words, sometimes 8192+, rarely 20000. */
static uint32_t gen_nr(struct rng *r)
{
	switch (rng_below(r, 20)) {
	case 0:
		return 0;
	case 1:
		return (uint32_t)rng_range(r, 1, 3);
	case 2 ... 8:
		return (uint32_t)rng_range(r, 1, 200);
	case 9 ... 14:
		return (uint32_t)rng_range(r, 200, 1100);
	case 15:
		return 64 * (uint32_t)rng_range(r, 1, 130) + (uint32_t)rng_range(r, 0, 2) - 1;
	case 16 ... 18:
		return (uint32_t)rng_range(r, 1100, 8400);
	default:
		return (uint32_t)rng_range(r, 8400, 20000);
	}
}

/* A base for a window of @nr cids that keeps base + nr <= UINT32_MAX. */
static uint32_t gen_base(struct rng *r, uint32_t nr)
{
	uint64_t top = (uint64_t)UINT32_MAX - nr;	/* highest valid base */

	switch (rng_below(r, 10)) {
	case 0 ... 2:	/* aligned, small */
		return 64 * (uint32_t)rng_below(r, 64);
	case 3 ... 5:	/* unaligned, small */
		return (uint32_t)rng_below(r, 4096);
	case 6:		/* one off an alignment */
		return 64 * (uint32_t)rng_range(r, 1, 64) + (rng_below(r, 2) ? 1 : -1);
	case 7:		/* ends exactly at UINT32_MAX */
		return (uint32_t)top;
	case 8:		/* near the top of the grid */
		return (uint32_t)(top - rng_below(r, top < 300 ? top + 1 : 300));
	default:
		return (uint32_t)rng_below(r, top + 1);
	}
}

static void gen_alloc(struct rng *r, uint32_t nr, uint32_t *alloc_words)
{
	uint64_t words = model_nr_words(nr);

	*alloc_words = (uint32_t)(words + (rng_below(r, 2) ? 0 : rng_below(r, 4)));
}

/* Breaks a header: storage too small, or a window past 2^32. */
static void gen_invalidate(struct rng *r, uint32_t *base, uint32_t *nr, uint32_t *alloc_words)
{
	uint64_t words = model_nr_words(*nr);

	if (rng_below(r, 2) && *nr) {
		*alloc_words = (uint32_t)rng_below(r, words);
		return;
	}
	if (!*nr)
		*nr = (uint32_t)rng_range(r, 1, 300);
	/* base + nr is 2^32 (over by one) .. 2^32 + nr - 1 */
	*base = (uint32_t)((uint64_t)UINT32_MAX + 1 - rng_range(r, 1, *nr));
	*alloc_words = (uint32_t)rng_range(r, 0, model_nr_words(*nr) + 2);
}

void gen_window(struct rng *r, uint32_t *base, uint32_t *nr, uint32_t *alloc_words,
		unsigned int invalid_pct)
{
	*nr = gen_nr(r);
	*base = gen_base(r, *nr);
	gen_alloc(r, *nr, alloc_words);
	if (rng_below(r, 100) < invalid_pct)
		gen_invalidate(r, base, nr, alloc_words);
}

static uint32_t clamp_u32(int64_t v)
{
	return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

void gen_related_window(struct rng *r, uint32_t base, uint32_t nr, uint32_t *obase,
			uint32_t *onr, uint32_t *oalloc_words, unsigned int invalid_pct)
{
	int64_t b = base, e = (int64_t)base + nr, lo, hi;

	switch (rng_below(r, 8)) {
	case 0:	/* the same window */
		lo = b, hi = e;
		break;
	case 1:	/* nested inside */
		lo = b + (nr ? (int64_t)rng_below(r, nr) : 0);
		hi = lo + (int64_t)rng_below(r, (uint64_t)(e - lo) + 1);
		break;
	case 2:	/* around it */
		lo = b - (int64_t)rng_below(r, 300);
		hi = e + (int64_t)rng_below(r, 300);
		break;
	case 3:	/* overlapping the head */
		lo = b - (int64_t)rng_range(r, 1, 300);
		hi = b + (int64_t)rng_below(r, nr + 1ull);
		break;
	case 4:	/* overlapping the tail */
		lo = b + (int64_t)rng_below(r, nr + 1ull);
		hi = e + (int64_t)rng_range(r, 1, 300);
		break;
	case 5:	/* adjacent or disjoint, after */
		lo = e + (int64_t)rng_below(r, 130);
		hi = lo + gen_nr(r);
		break;
	case 6:	/* adjacent or disjoint, before */
		hi = b - (int64_t)rng_below(r, 130);
		lo = hi - gen_nr(r);
		break;
	default:	/* unrelated */
		gen_window(r, obase, onr, oalloc_words, invalid_pct);
		return;
	}
	*obase = clamp_u32(lo);
	hi = hi < lo ? lo : hi;
	*onr = clamp_u32(hi) - *obase;
	if (*onr > 30000)
		*onr = 30000;
	gen_alloc(r, *onr, oalloc_words);
	if (rng_below(r, 100) < invalid_pct)
		gen_invalidate(r, obase, onr, oalloc_words);
}

unsigned int gen_density(struct rng *r)
{
	static const unsigned int pct[] = { 0, 1, 3, 10, 50, 50, 50, 90, 99, 100 };

	return pct[rng_below(r, sizeof(pct) / sizeof(pct[0]))];
}

unsigned int gen_dirt(struct rng *r)
{
	return rng_below(r, 2) ? DIRT_ALL : (unsigned int)rng_below(r, DIRT_ALL + 1);
}

void gen_mask_make(struct gen_mask *g, struct rng *r, uint32_t base, uint32_t nr,
		   uint32_t alloc_words)
{
	model_init(&g->model, base, nr, alloc_words);
	model_random_bits(&g->model, r, gen_density(r));
	g->mask = mask_from_model(&g->model, r, gen_dirt(r));
}

void gen_mask_free(struct gen_mask *g)
{
	model_free(&g->model);
	free(g->mask);
	g->mask = NULL;
}

uint32_t gen_cid(struct rng *r, const struct model *m)
{
	uint32_t b = m->base, e = m->base + m->nr;

	switch (rng_below(r, 14)) {
	case 0: return b;
	case 1: return b - 1;
	case 2: return b + 1;
	case 3: return e;
	case 4: return e - 1;
	case 5: return e + 1;
	case 6: return 0;
	case 7: return UINT32_MAX;
	case 8: return (uint32_t)rng_next(r);
	case 9: return b + (uint32_t)rng_below(r, 200) - 100;
	case 10: return e + (uint32_t)rng_below(r, 200) - 100;
	default: return b + (uint32_t)rng_below(r, m->nr ? m->nr : 1);
	}
}
