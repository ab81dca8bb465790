/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * How the map's pictures (the text tree and --svg) see a cid map: the walk
 * gives every node, LLC, cluster (7.4) and core a contiguous run of cids, so each level
 * is a list of runs, and the tail (cids without topology) follows them.
 */
#ifndef SCXCMASK_TOOLS_MAP_VIEW_H
#define SCXCMASK_TOOLS_MAP_VIEW_H

#include <stdint.h>
#include <stdio.h>
#include <scxcmask/cid.h>

enum tool_unit { TOOL_UNIT_NODE, TOOL_UNIT_LLC, TOOL_UNIT_CLUSTER, TOOL_UNIT_CORE };

/* End of the run of cids from @first in one @unit, at most @limit. */
uint32_t tool_unit_end(const struct scx_cid_map *map, uint32_t first, uint32_t limit,
		       enum tool_unit unit);
/* Cids the kernel walks: [0, n); the tail follows. */
uint32_t tool_walked_cids(const struct scx_cid_map *map);

/* map_svg.c: the picture of @map as SVG on @out; 0, or -1 on an error. */
int tool_map_svg(FILE *out, const struct scx_cid_map *map, const char *gen_name);

#endif /* SCXCMASK_TOOLS_MAP_VIEW_H */
