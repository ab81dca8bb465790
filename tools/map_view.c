// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/* The runs of cids that make up a cid map's levels (map_view.h). */
#include "map_view.h"

static int32_t unit_idx(const struct scx_cid_map *map, uint32_t cid, enum tool_unit unit)
{
	struct scx_cid_topo t;

	if (scx_cid_map_topo(map, cid, &t))
		return -1;
	switch (unit) {
	case TOOL_UNIT_NODE:
		return t.node_idx;
	case TOOL_UNIT_LLC:
		return t.llc_idx;
	case TOOL_UNIT_CLUSTER:
		return t.cluster_idx;
	default:
		return t.core_idx;
	}
}

uint32_t tool_unit_end(const struct scx_cid_map *map, uint32_t first, uint32_t limit,
		       enum tool_unit unit)
{
	int32_t idx = unit_idx(map, first, unit);
	uint32_t end = first + 1;

	while (end < limit && unit_idx(map, end, unit) == idx)
		end++;
	return end;
}

uint32_t tool_walked_cids(const struct scx_cid_map *map)
{
	uint32_t n = scx_cid_map_nr_cids(map), c = 0;

	while (c < n && unit_idx(map, c, TOOL_UNIT_NODE) >= 0)
		c++;
	return c;
}
