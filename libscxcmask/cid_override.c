// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scx_bpf_cid_override(): the tables a scheduler's own cpu -> cid table
 * makes (validated in the kernel's order, so the first error reported is
 * the one the kernel reports), and the arrays that reproduce a given map.
 */
#include <errno.h>
#include <stdlib.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"

static int check_shard_starts(const int32_t *start, size_t n, uint32_t npossible)
{
	if (!n)
		return scxcmask__fail(-EINVAL, "shard_start is empty: a 7.3 override needs at least one shard");
	if (start[0] != 0)
		return scxcmask__fail(-EINVAL, "shard_start[0] = %d, must be 0", start[0]);
	for (size_t i = 1; i < n; i++) {
		if (start[i] <= start[i - 1])
			return scxcmask__fail(-EINVAL, "shard_start[%zu] = %d is not above shard_start[%zu] = %d",
					      i, start[i], i - 1, start[i - 1]);
		if ((uint32_t)start[i] >= npossible)
			return scxcmask__fail(-EINVAL, "shard_start[%zu] = %d is not below nr_cids %u",
					      i, start[i], npossible);
		if ((uint32_t)(start[i] - start[i - 1]) > SCX_CID_SHARD_MAX_CPUS)
			return scxcmask__fail(-EINVAL, "shard %zu spans %d cids (shard_start[%zu] = %d to %d), more than %u",
					      i - 1, start[i] - start[i - 1], i - 1, start[i - 1],
					      start[i], SCX_CID_SHARD_MAX_CPUS);
	}
	if (npossible - (uint32_t)start[n - 1] > SCX_CID_SHARD_MAX_CPUS)
		return scxcmask__fail(-EINVAL, "last shard %zu spans %u cids (shard_start[%zu] = %d to nr_cids %u), more than %u",
				      n - 1, npossible - (uint32_t)start[n - 1], n - 1, start[n - 1],
				      npossible, SCX_CID_SHARD_MAX_CPUS);
	return 0;
}

/* Each possible cpu, ascending, needs a cid in range that no earlier cpu took. */
static int check_cpu_to_cid(const struct scx_cid_map *base, const int32_t *cpu_to_cid,
			    int32_t *owner)
{
	uint32_t nw = (uint32_t)scxcmask__nr_words(base->nr_cpu_ids);

	for (uint32_t c = 0; c < base->nr_cids; c++)
		owner[c] = -1;
	scxcmask__cpubits_for_each(cpu, base->possible, nw) {
		int32_t cid = cpu_to_cid[cpu];

		if (cid < 0 || (uint32_t)cid >= base->nr_cids)
			return scxcmask__fail(-EINVAL, "cpu_to_cid[%d] = %d: possible cpu %d needs a cid in [0, %u)",
					      cpu, cid, cpu, base->nr_cids);
		if (owner[cid] >= 0)
			return scxcmask__fail(-EINVAL, "cpu_to_cid[%d] = %d: cid %d is already cpu %d's",
					      cpu, cid, cid, owner[cid]);
		owner[cid] = cpu;
	}
	return 0;
}

static void fill_override(struct scx_cid_map *map, const int32_t *cpu_to_cid,
			  const int32_t *start, size_t nr_shards)
{
	uint32_t nw = (uint32_t)scxcmask__nr_words(map->nr_cpu_ids), si = 0;

	scxcmask__cpubits_for_each(cpu, map->possible, nw) {
		map->cpu_to_cid[cpu] = cpu_to_cid[cpu];
		map->cid_to_cpu[cpu_to_cid[cpu]] = cpu;
	}
	map->nr_shards = (uint32_t)nr_shards;
	for (size_t i = 0; i < nr_shards; i++)
		map->shard_base[i] = (uint32_t)start[i];
	map->shard_base[nr_shards] = map->nr_cids;
	for (uint32_t cid = 0; cid < map->nr_cids; cid++) {
		struct scx_cid_topo t = SCX_CID_TOPO_NONE;

		if (nr_shards) {
			while (si + 1 < nr_shards && cid >= map->shard_base[si + 1])
				si++;
			t.shard_cid = (int32_t)map->shard_base[si];
			t.shard_idx = (int32_t)si;
		}
		map->topo[cid] = t;
	}
}

SCXCMASK_API int scx_cid_map_from_override(struct scx_cid_map **out,
					   const struct scx_cid_map *base,
					   const int32_t *cpu_to_cid, size_t nr_entries,
					   const int32_t *shard_start, size_t nr_shards)
{
	struct scx_cid_map *map;
	int32_t *owner;
	int err;

	if (!out || !base || !cpu_to_cid)
		return scxcmask__fail(-EINVAL, "scx_cid_map_from_override: NULL argument");
	if (nr_entries != base->nr_cpu_ids)
		return scxcmask__fail(-EINVAL, "cpu_to_cid has %zu entries, expected nr_cpu_ids = %u",
				      nr_entries, base->nr_cpu_ids);
	if (shard_start && (err = check_shard_starts(shard_start, nr_shards, base->nr_cids)))
		return err;
	owner = malloc((base->nr_cids ? base->nr_cids : 1) * sizeof(*owner));
	if (!owner)
		return scxcmask__fail(-ENOMEM, "out of memory validating an override");
	err = check_cpu_to_cid(base, cpu_to_cid, owner);
	free(owner);
	if (err)
		return err;
	map = scxcmask__cid_map_alloc(base->nr_cpu_ids, base->nr_cids);
	if (!map)
		return scxcmask__fail(-ENOMEM, "out of memory building an override map");
	map->gen = shard_start ? SCX_CID_GEN_7_3 : SCX_CID_GEN_7_2;
	map->gen_source = SCX_CID_GEN_SRC_CALLER;
	map->nr_online_cids = base->nr_online_cids;
	scxcmask__cpubits_copy(map->possible, base->possible, scxcmask__nr_words(base->nr_cpu_ids));
	scxcmask__cpubits_copy(map->online, base->online, scxcmask__nr_words(base->nr_cpu_ids));
	fill_override(map, cpu_to_cid, shard_start, shard_start ? nr_shards : 0);
	*out = map;
	return 0;
}

SCXCMASK_API int scx_cid_map_to_override(const struct scx_cid_map *map,
					 int32_t *cpu_to_cid, size_t nr_entries,
					 int32_t *shard_start, size_t nr_shards)
{
	if (!map || !cpu_to_cid)
		return scxcmask__fail(-EINVAL, "scx_cid_map_to_override: NULL argument");
	if (nr_entries < map->nr_cpu_ids)
		return scxcmask__fail(-ENOSPC, "cpu_to_cid has room for %zu entries, nr_cpu_ids is %u",
				      nr_entries, map->nr_cpu_ids);
	if (shard_start && nr_shards < map->nr_shards)
		return scxcmask__fail(-ENOSPC, "shard_start has room for %zu entries, the map has %u shards",
				      nr_shards, map->nr_shards);
	for (uint32_t c = 0; c < map->nr_cpu_ids; c++)
		cpu_to_cid[c] = map->cpu_to_cid[c];
	for (uint32_t i = 0; shard_start && i < map->nr_shards; i++)
		shard_start[i] = (int32_t)map->shard_base[i];
	return 0;
}
