/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * hwloc cpusets <-> cmasks, through a cid map.  Header only: include it
 * after <hwloc.h> in a program that links hwloc itself; libscxcmask does
 * not depend on hwloc, and nobody who does not include this pays for it.
 *
 *	#include <hwloc.h>
 *	#include <scxcmask/hwloc.h>
 *
 *	hwloc_const_cpuset_t set = hwloc_topology_get_allowed_cpuset(topo);
 *	scx_cmask_from_hwloc_cpuset(mask, map, set, 0);
 *
 * The rules are those of the other conversions (<scxcmask/convert.h>):
 * negative errno values with scxcmask_errmsg() set, and nothing written
 * on failure.  hwloc bitmaps may be infinite (all bits set from some index
 * on); such a set names cpus no map has, so it converts only with
 * SCX_CONVERT_SKIP_UNMAPPED.
 */
#ifndef SCXCMASK_HWLOC_H
#define SCXCMASK_HWLOC_H

#include <errno.h>
#include <stdint.h>
#include <hwloc.h>
#include <scxcmask/bridge.h>

/**
 * scx_cmask_from_hwloc_cpuset() - the cids of the cpus in an hwloc cpuset
 * @dst: a valid cmask; its window is rewritten (zeroed, then one bit per cpu)
 * @map: the cid map
 * @set: an hwloc cpuset (hwloc's os indexes are the kernel's cpu numbers)
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED
 *
 * Return: as scx_cmask_from_cpu_bitmap(); -ERANGE for an infinite @set
 * without SCX_CONVERT_SKIP_UNMAPPED (with it, every cpu of @map from the
 * set's infinite tail on is included); -EINVAL for a NULL argument;
 * -ENOMEM.  @dst is untouched on failure.
 */
static inline int scx_cmask_from_hwloc_cpuset(struct scx_cmask *dst, const struct scx_cid_map *map,
					      hwloc_const_bitmap_t set, unsigned int flags)
{
	uint32_t nbits;
	uint64_t *bits;
	int last, cpu, err;

	if (!dst || !map || !set)
		return scxcmask_set_errmsg(-EINVAL, "hwloc cpuset to cmask: NULL argument");
	last = hwloc_bitmap_last(set);
	if (last == -1 && hwloc_bitmap_weight(set) == -1) {
		if (!(flags & SCX_CONVERT_SKIP_UNMAPPED))
			return scxcmask_set_errmsg(-ERANGE,
				"hwloc cpuset to cmask: the set is infinite (every cpu from %d on); "
				"pass SCX_CONVERT_SKIP_UNMAPPED to keep the map's cpus",
				hwloc_bitmap_last_unset(set) + 1);
		nbits = scx_cid_map_nr_cpu_ids(map);
	} else {
		nbits = last < 0 ? 0 : (uint32_t)last + 1;
	}
	bits = scxcmask__bridge_bits(nbits);
	if (!bits)
		return scxcmask_set_errmsg(-ENOMEM, "hwloc cpuset to cmask: no memory for %u cpus", nbits);
	for (cpu = hwloc_bitmap_first(set); cpu >= 0 && (uint32_t)cpu < nbits;
	     cpu = hwloc_bitmap_next(set, cpu))
		scxcmask__bridge_set(bits, (uint32_t)cpu);
	err = scx_cmask_from_cpu_bitmap(dst, map, bits, nbits, flags);
	free(bits);
	return err;
}

/**
 * scx_cmask_to_hwloc_cpuset() - the cpus of the cids set in @src, as an hwloc cpuset
 * @set: an allocated hwloc bitmap; rewritten on success
 * @map: the cid map
 * @src: a cmask (an invalid one is empty)
 *
 * Return: 0; as scx_cmask_to_cpu_bitmap() (-ENOENT for a set cid @map has
 * no cpu for); -EINVAL for a NULL argument; -ENOMEM.  @set is untouched on
 * failure: the result is built in a bitmap of its own first.
 */
static inline int scx_cmask_to_hwloc_cpuset(hwloc_bitmap_t set, const struct scx_cid_map *map,
					    const struct scx_cmask *src)
{
	uint32_t nbits, i;
	hwloc_bitmap_t tmp;
	uint64_t *bits;
	int err;

	if (!set || !map)
		return scxcmask_set_errmsg(-EINVAL, "cmask to hwloc cpuset: NULL argument");
	nbits = scx_cid_map_nr_cpu_ids(map);
	bits = scxcmask__bridge_bits(nbits);
	tmp = hwloc_bitmap_alloc();
	if (!bits || !tmp) {
		free(bits);
		hwloc_bitmap_free(tmp);
		return scxcmask_set_errmsg(-ENOMEM, "cmask to hwloc cpuset: no memory for %u cpus", nbits);
	}
	err = scx_cmask_to_cpu_bitmap(bits, nbits, map, src);
	for (i = 0; !err && i < nbits; i++)
		if (scxcmask__bridge_test(bits, i) && hwloc_bitmap_set(tmp, i) < 0)
			err = scxcmask_set_errmsg(-ENOMEM, "cmask to hwloc cpuset: no memory");
	if (!err && hwloc_bitmap_copy(set, tmp) < 0)
		err = scxcmask_set_errmsg(-ENOMEM, "cmask to hwloc cpuset: no memory");
	hwloc_bitmap_free(tmp);
	free(bits);
	return err;
}

#endif /* SCXCMASK_HWLOC_H */
