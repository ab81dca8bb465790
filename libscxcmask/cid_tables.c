// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * A cid map's tables: allocation and release.  Apart from the lookups
 * (cid_map.c) so that the files that fill a map (cid_walk.c,
 * cid_override.c) depend on this one only, and cid_map.c -> cid_walk.c
 * has no way back.
 */
#include <stdlib.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"

struct scx_cid_map *scxcmask__cid_map_alloc(uint32_t nr_cpu_ids, uint32_t nr_cids)
{
	struct scx_cid_map *map = calloc(1, sizeof(*map));
	uint32_t nw = (uint32_t)scxcmask__nr_words(nr_cpu_ids);

	if (!map)
		return NULL;
	map->nr_cpu_ids = nr_cpu_ids;
	map->nr_cids = nr_cids;
	map->cpu_to_cid = malloc(nr_cpu_ids * sizeof(*map->cpu_to_cid));
	map->cid_to_cpu = calloc(nr_cids ? nr_cids : 1, sizeof(*map->cid_to_cpu));
	map->topo = calloc(nr_cids ? nr_cids : 1, sizeof(*map->topo));
	map->shard_base = calloc(nr_cids + 1, sizeof(*map->shard_base));
	map->possible = calloc(nw ? nw : 1, sizeof(uint64_t));
	map->online = calloc(nw ? nw : 1, sizeof(uint64_t));
	if (!map->cpu_to_cid || !map->cid_to_cpu || !map->topo || !map->shard_base ||
	    !map->possible || !map->online) {
		scx_cid_map_free(map);
		return NULL;
	}
	for (uint32_t c = 0; c < nr_cpu_ids; c++)
		map->cpu_to_cid[c] = -1;
	return map;
}

SCXCMASK_API void scx_cid_map_free(struct scx_cid_map *map)
{
	if (!map)
		return;
	free(map->cpu_to_cid);
	free(map->cid_to_cpu);
	free(map->topo);
	free(map->shard_base);
	free(map->possible);
	free(map->online);
	free(map);
}
