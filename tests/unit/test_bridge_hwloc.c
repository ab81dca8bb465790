// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * <scxcmask/hwloc.h>: hwloc cpusets <-> cmasks through a cid map, with the
 * library's errors and its nothing-half-written rule.
 */
#include <errno.h>
#include <hwloc.h>
#include <scxcmask/hwloc.h>
#include "bridge_testlib.h"
#include "check_run.h"

static hwloc_bitmap_t set_of(const char *list)
{
	hwloc_bitmap_t s = hwloc_bitmap_alloc();

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(hwloc_bitmap_list_sscanf(s, list), 0);
	return s;
}

START_TEST(test_round_trip)
{
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *want = t_mask_of(map, "0,4-5"), *m = t_full_mask(map);
	hwloc_bitmap_t in = set_of("0,4-5"), out = set_of("1-3,100");

	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, in, 0), 0);
	ck_assert(scx_cmask_equal(m, want));
	ck_assert_int_eq(scx_cmask_to_hwloc_cpuset(out, map, m), 0);
	ck_assert_msg(hwloc_bitmap_isequal(in, out), "the set came back as another");
	hwloc_bitmap_free(in);
	hwloc_bitmap_free(out);
	scx_cmask_free(m);
	scx_cmask_free(want);
	scx_cid_map_free(map);
}
END_TEST

/* Cpus without a cid (2, a hole) and past the map (9) fail; skipped on request. */
START_TEST(test_cpus_beyond_the_map)
{
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *m = t_full_mask(map), *full = t_full_mask(map);
	struct scx_cmask *want = t_mask_of(map, "1");
	hwloc_bitmap_t hole = set_of("1-2"), past = set_of("1,9");

	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, hole, 0), -ENOENT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cpu 2"));
	ck_assert(scx_cmask_equal(m, full));
	ck_assert_int_lt(scx_cmask_from_hwloc_cpuset(m, map, past, 0), 0);
	ck_assert(scx_cmask_equal(m, full));
	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, past, SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert(scx_cmask_equal(m, want));
	hwloc_bitmap_free(hole);
	hwloc_bitmap_free(past);
	scx_cmask_free(m);
	scx_cmask_free(full);
	scx_cmask_free(want);
	scx_cid_map_free(map);
}
END_TEST

START_TEST(test_infinite_and_empty_sets)
{
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *m = t_mask_of(map, "1"), *before = t_mask_of(map, "1");
	hwloc_bitmap_t all = hwloc_bitmap_alloc_full(), none = hwloc_bitmap_alloc();

	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, all, 0), -ERANGE);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "infinite"));
	ck_assert(scx_cmask_equal(m, before));
	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, all, SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(m), 4);
	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, none, 0), 0);
	ck_assert(scx_cmask_empty(m));
	/* and an empty cmask gives an empty set, clearing what it held */
	hwloc_bitmap_fill(all);
	ck_assert_int_eq(scx_cmask_to_hwloc_cpuset(all, map, m), 0);
	ck_assert(hwloc_bitmap_iszero(all));
	hwloc_bitmap_free(all);
	hwloc_bitmap_free(none);
	scx_cmask_free(m);
	scx_cmask_free(before);
	scx_cid_map_free(map);
}
END_TEST

/* A cid the map has no cpu for fails and leaves the hwloc set as it was. */
START_TEST(test_to_leaves_set_on_failure)
{
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *wide = scx_cmask_alloc(0, 64);
	hwloc_bitmap_t out = set_of("3,7"), copy = set_of("3,7");

	ck_assert_int_eq(scx_cmask_set(1, wide), 0);
	ck_assert_int_eq(scx_cmask_set(40, wide), 0);	/* the map has cids 0-3 */
	ck_assert_int_eq(scx_cmask_to_hwloc_cpuset(out, map, wide), -ENOENT);
	ck_assert(hwloc_bitmap_isequal(out, copy));
	ck_assert_int_eq(scx_cmask_to_hwloc_cpuset(NULL, map, wide), -EINVAL);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "NULL"));
	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(wide, NULL, out, 0), -EINVAL);
	hwloc_bitmap_free(out);
	hwloc_bitmap_free(copy);
	scx_cmask_free(wide);
	scx_cid_map_free(map);
}
END_TEST

/* Against this machine's real topology, when hwloc can read it. */
START_TEST(test_this_machine)
{
	struct scx_cid_map *map = NULL;
	hwloc_topology_t topo;
	hwloc_bitmap_t back;
	struct scx_cmask *m;

	if (scx_cid_map_new(&map, NULL) || hwloc_topology_init(&topo))
		return;
	ck_assert_int_eq(hwloc_topology_load(topo), 0);
	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_from_hwloc_cpuset(m, map, hwloc_topology_get_topology_cpuset(topo),
						     SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(m),
			  (unsigned)hwloc_bitmap_weight(hwloc_topology_get_topology_cpuset(topo)));
	back = hwloc_bitmap_alloc();
	ck_assert_int_eq(scx_cmask_to_hwloc_cpuset(back, map, m), 0);
	ck_assert(hwloc_bitmap_isequal(back, hwloc_topology_get_topology_cpuset(topo)));
	hwloc_bitmap_free(back);
	hwloc_topology_destroy(topo);
	scx_cmask_free(m);
	scx_cid_map_free(map);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bridge_hwloc");
	TCase *tc = tcase_create("hwloc");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_cpus_beyond_the_map);
	tcase_add_test(tc, test_infinite_and_empty_sets);
	tcase_add_test(tc, test_to_leaves_set_on_failure);
	tcase_add_test(tc, test_this_machine);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
