/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The library's one set of bitmap helpers: arrays of 64-bit words.  The
 * topology walk uses plain cpu bitmaps whose word count every caller
 * passes (nw); the text parsers, formatters and conversions see a bitmap
 * through an offset: bit b lives in bit (b - off) % 64 of
 * words[(b - off) / 64] (a plain bitmap has off 0; a cmask's words have
 * off = (base / 64) * 64, its grid origin).  The range operations live in
 * bitrange.c.  Internal to libscxcmask.
 */
#ifndef SCXCMASK_CPUBITS_H
#define SCXCMASK_CPUBITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Words that hold @nbits bits: the one word count of the library. */
static inline size_t scxcmask__nr_words(uint64_t nbits)
{
	return (size_t)((nbits + 63) / 64);
}

static inline bool scxcmask__cpubits_test(const uint64_t *b, uint32_t i)
{
	return b[i / 64] >> (i % 64) & 1;
}

static inline void scxcmask__cpubits_set(uint64_t *b, uint32_t i)
{
	b[i / 64] |= 1ULL << (i % 64);
}

static inline void scxcmask__cpubits_clear(uint64_t *b, uint32_t i)
{
	b[i / 64] &= ~(1ULL << (i % 64));
}

static inline void scxcmask__cpubits_zero(uint64_t *b, uint32_t nw)
{
	memset(b, 0, nw * sizeof(*b));
}

static inline void scxcmask__cpubits_copy(uint64_t *dst, const uint64_t *src, uint32_t nw)
{
	memcpy(dst, src, nw * sizeof(*dst));
}

static inline void scxcmask__cpubits_and(uint64_t *dst, const uint64_t *a, const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = 0; w < nw; w++)
		dst[w] = a[w] & b[w];
}

static inline void scxcmask__cpubits_andnot(uint64_t *dst, const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = 0; w < nw; w++)
		dst[w] &= ~b[w];
}

static inline uint32_t scxcmask__cpubits_weight(const uint64_t *b, uint32_t nw)
{
	uint32_t n = 0;

	for (uint32_t w = 0; w < nw; w++)
		n += (uint32_t)__builtin_popcountll(b[w]);
	return n;
}

/* Lowest set bit at or after @from, or -1. */
static inline int scxcmask__cpubits_next(const uint64_t *b, uint32_t nw, uint32_t from)
{
	uint32_t w = from / 64;
	uint64_t word;

	if (w >= nw)
		return -1;
	word = b[w] & (~0ULL << (from % 64));
	for (;;) {
		if (word)
			return (int)(w * 64 + (uint32_t)__builtin_ctzll(word));
		if (++w >= nw)
			return -1;
		word = b[w];
	}
}

static inline int scxcmask__cpubits_first(const uint64_t *b, uint32_t nw)
{
	return scxcmask__cpubits_next(b, nw, 0);
}

/* Highest set bit, or -1. */
static inline int scxcmask__cpubits_last(const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = nw; w-- > 0;)
		if (b[w])
			return (int)(w * 64 + 63 - (uint32_t)__builtin_clzll(b[w]));
	return -1;
}

#define scxcmask__cpubits_for_each(i, b, nw) \
	for (int i = scxcmask__cpubits_first(b, nw); i >= 0; i = scxcmask__cpubits_next(b, nw, (uint32_t)i + 1))

/* ------------------------------------------------------------ ranges (bitrange.c) */

/* Sets bits [from, to) (to > from) of @words seen through @off. */
void scxcmask__set_range(uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

/*
 * Lowest set bit in [from, to) of @words seen through @off, or @to.
 * Reads each word once.
 */
uint64_t scxcmask__find_set(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

/* Lowest clear bit in [from, to), or @to. */
uint64_t scxcmask__find_clear(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

#endif /* SCXCMASK_CPUBITS_H */
