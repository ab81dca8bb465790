/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Plain cpu bitmaps for the topology walk: arrays of 64-bit words whose
 * length every caller passes (nw).  Internal to libscxcmask; cmasks are a
 * different thing (cid-indexed, windowed) and live in common/.
 */
#ifndef SCXCMASK_CPUBITS_H
#define SCXCMASK_CPUBITS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t cpubits_words(uint32_t nbits)
{
	return (nbits + 63) / 64;
}

static inline bool cpubits_test(const uint64_t *b, uint32_t i)
{
	return b[i / 64] >> (i % 64) & 1;
}

static inline void cpubits_set(uint64_t *b, uint32_t i)
{
	b[i / 64] |= 1ULL << (i % 64);
}

static inline void cpubits_clear(uint64_t *b, uint32_t i)
{
	b[i / 64] &= ~(1ULL << (i % 64));
}

static inline void cpubits_zero(uint64_t *b, uint32_t nw)
{
	memset(b, 0, nw * sizeof(*b));
}

static inline void cpubits_copy(uint64_t *dst, const uint64_t *src, uint32_t nw)
{
	memcpy(dst, src, nw * sizeof(*dst));
}

static inline void cpubits_and(uint64_t *dst, const uint64_t *a, const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = 0; w < nw; w++)
		dst[w] = a[w] & b[w];
}

static inline void cpubits_andnot(uint64_t *dst, const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = 0; w < nw; w++)
		dst[w] &= ~b[w];
}

static inline uint32_t cpubits_weight(const uint64_t *b, uint32_t nw)
{
	uint32_t n = 0;

	for (uint32_t w = 0; w < nw; w++)
		n += (uint32_t)__builtin_popcountll(b[w]);
	return n;
}

/* Lowest set bit at or after @from, or -1. */
static inline int cpubits_next(const uint64_t *b, uint32_t nw, uint32_t from)
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

static inline int cpubits_first(const uint64_t *b, uint32_t nw)
{
	return cpubits_next(b, nw, 0);
}

/* Highest set bit, or -1. */
static inline int cpubits_last(const uint64_t *b, uint32_t nw)
{
	for (uint32_t w = nw; w-- > 0;)
		if (b[w])
			return (int)(w * 64 + 63 - (uint32_t)__builtin_clzll(b[w]));
	return -1;
}

#define cpubits_for_each(i, b, nw) \
	for (int i = cpubits_first(b, nw); i >= 0; i = cpubits_next(b, nw, (uint32_t)i + 1))

#endif /* SCXCMASK_CPUBITS_H */
