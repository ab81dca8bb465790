/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the bridge tests share: the "holes" map (possible cpus 0-1,4-5 of
 * nr_cpu_ids 6, so cpus 2 and 3 have no cid and 6+ are past the map) and
 * cmasks to compare against, built through the library's own cpulist
 * conversion.
 */
#ifndef SCXCMASK_BRIDGE_TESTLIB_H
#define SCXCMASK_BRIDGE_TESTLIB_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>

static inline struct scx_cid_map *t_holes_map(void)
{
	const char *top = getenv("top_srcdir");
	struct scx_cid_map *map = NULL;
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/fixtures/convert/holes", top ? top : ".");
	ck_assert_msg(scx_cid_map_new(&map, path) == 0, "%s: %s", path, scxcmask_errmsg());
	ck_assert_uint_eq(scx_cid_map_nr_cpu_ids(map), 6);
	ck_assert_uint_eq(scx_cid_map_nr_cids(map), 4);
	return map;
}

/* A set_cmask-form mask of @map holding the cpus of @cpulist. */
static inline struct scx_cmask *t_mask_of(const struct scx_cid_map *map, const char *cpulist)
{
	struct scx_cmask *m;

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_msg(scx_cmask_from_cpulist(m, map, cpulist, 0) == 0, "%s: %s", cpulist,
		      scxcmask_errmsg());
	return m;
}

/* A mask of @map with every cid set, to see that failures leave it so. */
static inline struct scx_cmask *t_full_mask(const struct scx_cid_map *map)
{
	struct scx_cmask *m;

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_fill(m), 0);
	return m;
}

#endif /* SCXCMASK_BRIDGE_TESTLIB_H */
