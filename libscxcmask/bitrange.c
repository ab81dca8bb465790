// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Word-at-a-time range operations on offset bitmaps (cpubits.h), for the
 * parsers (set a region, through the one region sink every list parser
 * writes with) and the formatters (find the next run).
 */
#include "convert_internal.h"

/* Bits [lo, 64) of a word, and [0, hi) (hi in 1..64). */
static inline uint64_t bits_from(unsigned int lo)
{
	return ~(uint64_t)0 << lo;
}

static inline uint64_t bits_below(unsigned int hi)
{
	return ~(uint64_t)0 >> (64 - hi);
}

void scxcmask__set_range(uint64_t *words, uint64_t off, uint64_t from, uint64_t to)
{
	uint64_t first = (from - off) / 64, last = (to - 1 - off) / 64, i;
	unsigned int lo = (from - off) % 64, hi = (to - 1 - off) % 64 + 1;

	if (first == last) {
		words[first] |= bits_from(lo) & bits_below(hi);
		return;
	}
	words[first] |= bits_from(lo);
	for (i = first + 1; i < last; i++)
		words[i] = ~(uint64_t)0;
	words[last] |= bits_below(hi);
}

/*
 * Lowest bit in [from, to) whose value, after XOR with @flip (0 to find a
 * set bit, all ones to find a clear one), is set.
 */
static uint64_t find_bit(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to,
			 uint64_t flip)
{
	uint64_t i, w;

	if (from >= to)
		return to;
	i = (from - off) / 64;
	w = (words[i] ^ flip) & bits_from((from - off) % 64);
	for (;;) {
		if (w) {
			uint64_t b = off + i * 64 + (unsigned int)__builtin_ctzll(w);

			return b < to ? b : to;
		}
		i++;
		if (off + i * 64 >= to)
			return to;
		w = words[i] ^ flip;
	}
}

uint64_t scxcmask__find_set(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to)
{
	return find_bit(words, off, from, to, 0);
}

uint64_t scxcmask__find_clear(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to)
{
	return find_bit(words, off, from, to, ~(uint64_t)0);
}

void scxcmask__set_region(uint64_t *words, uint64_t off, const struct scxcmask__region *r)
{
	uint64_t s, end = (uint64_t)r->end + 1;

	if (r->used == 0)
		return;
	/* A whole-group pattern is one run; skip the per-group walk. */
	if (r->used >= r->group) {
		scxcmask__set_range(words, off, r->start, end);
		return;
	}
	/*
	 * 64-bit steps: the kernel's 32-bit ones can wrap for a group near
	 * 2^32 and revisit low bits; a group that passes @end ends the walk.
	 */
	for (s = r->start; s < end; s += r->group)
		scxcmask__set_range(words, off, s, s + r->used < end ? s + r->used : end);
}

void scxcmask__sink_region(void *ctx, const struct scxcmask__region *r)
{
	const struct scxcmask__bits_sink *s = ctx;
	struct scxcmask__region c = *r;

	if (c.start >= s->limit)
		return;
	if (c.end >= s->limit)
		c.end = (uint32_t)(s->limit - 1);
	scxcmask__set_region(s->words, s->off, &c);
}
