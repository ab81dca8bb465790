// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * <scxcmask/numa.h>: libnuma cpu bitmasks <-> cmasks through a cid map,
 * with the library's errors and its nothing-half-written rule.
 */
#include <errno.h>
#include <numa.h>
#include <scxcmask/numa.h>
#include "bridge_testlib.h"
#include "check_run.h"

static struct bitmask *mask_of(unsigned int nbits, const unsigned int *cpus, int n)
{
	struct bitmask *b = numa_bitmask_alloc(nbits);
	int i;

	ck_assert_ptr_nonnull(b);
	for (i = 0; i < n; i++)
		numa_bitmask_setbit(b, cpus[i]);
	return b;
}

START_TEST(test_round_trip)
{
	static const unsigned int cpus[] = { 1, 4 };
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *want = t_mask_of(map, "1,4"), *m = t_full_mask(map);
	struct bitmask *in = mask_of(64, cpus, 2), *out = mask_of(64, NULL, 0);

	numa_bitmask_setbit(out, 63);
	ck_assert_int_eq(scx_cmask_from_numa_cpumask(m, map, in, 0), 0);
	ck_assert(scx_cmask_equal(m, want));
	ck_assert_int_eq(scx_cmask_to_numa_cpumask(out, map, m), 0);
	ck_assert(numa_bitmask_equal(in, out));
	numa_bitmask_free(in);
	numa_bitmask_free(out);
	scx_cmask_free(m);
	scx_cmask_free(want);
	scx_cid_map_free(map);
}
END_TEST

START_TEST(test_cpus_beyond_the_map)
{
	static const unsigned int hole[] = { 0, 3 }, past[] = { 0, 70 };
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *m = t_full_mask(map), *full = t_full_mask(map), *want = t_mask_of(map, "0");
	struct bitmask *h = mask_of(128, hole, 2), *p = mask_of(128, past, 2);

	ck_assert_int_eq(scx_cmask_from_numa_cpumask(m, map, h, 0), -ENOENT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cpu 3"));
	ck_assert(scx_cmask_equal(m, full));
	ck_assert_int_lt(scx_cmask_from_numa_cpumask(m, map, p, 0), 0);
	ck_assert(scx_cmask_equal(m, full));
	ck_assert_int_eq(scx_cmask_from_numa_cpumask(m, map, p, SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert(scx_cmask_equal(m, want));
	numa_bitmask_free(h);
	numa_bitmask_free(p);
	scx_cmask_free(m);
	scx_cmask_free(full);
	scx_cmask_free(want);
	scx_cid_map_free(map);
}
END_TEST

/* An empty bitmask gives an empty cmask; an empty cmask clears the bitmask. */
START_TEST(test_empty_sets)
{
	static const unsigned int some[] = { 0, 5, 40 };
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *m = t_full_mask(map), *none = t_mask_of(map, "");
	struct bitmask *empty = mask_of(64, NULL, 0), *b = mask_of(64, some, 3);

	ck_assert_int_eq(scx_cmask_from_numa_cpumask(m, map, empty, 0), 0);
	ck_assert(scx_cmask_empty(m));
	ck_assert(scx_cmask_equal(m, none));
	ck_assert_int_eq(scx_cmask_to_numa_cpumask(b, map, m), 0);
	ck_assert_uint_eq(numa_bitmask_weight(b), 0);
	numa_bitmask_free(empty);
	numa_bitmask_free(b);
	scx_cmask_free(m);
	scx_cmask_free(none);
	scx_cid_map_free(map);
}
END_TEST

/* Too small a bitmask for the result: -ERANGE, bitmask as it was. */
START_TEST(test_to_leaves_mask_on_failure)
{
	static const unsigned int one[] = { 1 };
	struct scx_cid_map *map = t_holes_map();
	struct scx_cmask *m = t_mask_of(map, "1,5"), *none = t_mask_of(map, "");
	struct bitmask *small = mask_of(4, one, 1), *copy = mask_of(4, one, 1);

	ck_assert_int_eq(scx_cmask_to_numa_cpumask(small, map, m), -ERANGE);
	ck_assert(numa_bitmask_equal(small, copy));
	ck_assert_int_eq(scx_cmask_to_numa_cpumask(small, map, none), 0);
	ck_assert_uint_eq(numa_bitmask_weight(small), 0);
	ck_assert_int_eq(scx_cmask_to_numa_cpumask(NULL, map, m), -EINVAL);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "NULL"));
	ck_assert_int_eq(scx_cmask_from_numa_cpumask(m, map, NULL, 0), -EINVAL);
	numa_bitmask_free(small);
	numa_bitmask_free(copy);
	scx_cmask_free(m);
	scx_cmask_free(none);
	scx_cid_map_free(map);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bridge_numa");
	TCase *tc = tcase_create("numa");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_cpus_beyond_the_map);
	tcase_add_test(tc, test_empty_sets);
	tcase_add_test(tc, test_to_leaves_mask_on_failure);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
