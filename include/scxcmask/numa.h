/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * libnuma cpu bitmasks (struct bitmask) <-> cmasks, through a cid map.
 * Header only: include it after <numa.h> in a program that links libnuma
 * itself; libscxcmask does not depend on libnuma.
 *
 *	#include <numa.h>
 *	#include <scxcmask/numa.h>
 *
 *	struct bitmask *cpus = numa_allocate_cpumask();
 *	numa_node_to_cpus(1, cpus);
 *	scx_cmask_from_numa_cpumask(mask, map, cpus, 0);
 *
 * The rules are those of the other conversions (<scxcmask/convert.h>):
 * negative errno values with scxcmask_errmsg() set, and nothing written
 * on failure.
 */
#ifndef SCXCMASK_NUMA_H
#define SCXCMASK_NUMA_H

#include <errno.h>
#include <stdint.h>
#include <numa.h>
#include <scxcmask/bridge.h>

/**
 * scx_cmask_from_numa_cpumask() - the cids of the cpus in a libnuma bitmask
 * @dst: a valid cmask; its window is rewritten (zeroed, then one bit per cpu)
 * @map: the cid map
 * @cpus: a cpu bitmask (numa_allocate_cpumask(), numa_node_to_cpus(), ...)
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED
 *
 * Return: as scx_cmask_from_cpu_bitmap(); -EINVAL for a NULL argument or
 * a bitmask of more than UINT32_MAX bits; -ENOMEM.  @dst is untouched on
 * failure.
 */
static inline int scx_cmask_from_numa_cpumask(struct scx_cmask *dst, const struct scx_cid_map *map,
					      const struct bitmask *cpus, unsigned int flags)
{
	uint64_t *bits;
	uint32_t nbits, i;
	int err;

	if (!dst || !map || !cpus)
		return scxcmask_set_errmsg(-EINVAL, "numa cpumask to cmask: NULL argument");
	if (cpus->size > UINT32_MAX)
		return scxcmask_set_errmsg(-EINVAL, "numa cpumask to cmask: %lu bits is too many",
					   (unsigned long)cpus->size);
	nbits = (uint32_t)cpus->size;
	bits = scxcmask__bridge_bits(nbits);
	if (!bits)
		return scxcmask_set_errmsg(-ENOMEM, "numa cpumask to cmask: no memory for %u cpus", nbits);
	for (i = 0; i < nbits; i++)
		if (numa_bitmask_isbitset(cpus, i))
			scxcmask__bridge_set(bits, i);
	err = scx_cmask_from_cpu_bitmap(dst, map, bits, nbits, flags);
	free(bits);
	return err;
}

/**
 * scx_cmask_to_numa_cpumask() - the cpus of the cids set in @src, as a libnuma bitmask
 * @cpus: an allocated bitmask; all its bits are rewritten on success
 * @map: the cid map
 * @src: a cmask (an invalid one is empty)
 *
 * Return: 0; as scx_cmask_to_cpu_bitmap(), with -ERANGE for a cpu at or
 * above the bitmask's size; -EINVAL for a NULL argument; -ENOMEM.
 * @cpus is untouched on failure.
 */
static inline int scx_cmask_to_numa_cpumask(struct bitmask *cpus, const struct scx_cid_map *map,
					    const struct scx_cmask *src)
{
	uint64_t *bits;
	uint32_t nbits, i;
	int err;

	if (!cpus || !map)
		return scxcmask_set_errmsg(-EINVAL, "cmask to numa cpumask: NULL argument");
	nbits = cpus->size > UINT32_MAX ? UINT32_MAX : (uint32_t)cpus->size;
	bits = scxcmask__bridge_bits(nbits);
	if (!bits)
		return scxcmask_set_errmsg(-ENOMEM, "cmask to numa cpumask: no memory for %u cpus", nbits);
	err = scx_cmask_to_cpu_bitmap(bits, nbits, map, src);
	if (!err) {
		numa_bitmask_clearall(cpus);
		for (i = 0; i < nbits; i++)
			if (scxcmask__bridge_test(bits, i))
				numa_bitmask_setbit(cpus, i);
	}
	free(bits);
	return err;
}

#endif /* SCXCMASK_NUMA_H */
