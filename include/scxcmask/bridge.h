/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the header-only bridges (<scxcmask/hwloc.h>, <scxcmask/numa.h>)
 * share: they turn another library's cpu set into the raw cpu bitmap of
 * <scxcmask/convert.h> and back, so the conversion rules stay the
 * library's.  Not for direct inclusion.
 */
#ifndef SCXCMASK_BRIDGE_H
#define SCXCMASK_BRIDGE_H

#include <stdint.h>
#include <stdlib.h>
#include <scxcmask/convert.h>

/* A zeroed raw bitmap of @nbits bits (at least one word), or NULL. */
static inline uint64_t *scxcmask__bridge_bits(uint32_t nbits)
{
	return (uint64_t *)calloc((size_t)nbits / 64 + 1, sizeof(uint64_t));
}

static inline int scxcmask__bridge_test(const uint64_t *bits, uint32_t i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

static inline void scxcmask__bridge_set(uint64_t *bits, uint32_t i)
{
	bits[i / 64] |= (uint64_t)1 << (i % 64);
}

#endif /* SCXCMASK_BRIDGE_H */
