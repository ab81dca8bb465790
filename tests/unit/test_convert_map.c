// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cmask <-> cpus through cid maps built from sysfs fixtures:
 * - the kernel form equals, word for word, the cmasks a real kernel
 *   handed to ops.set_cmask() (tests/fixtures/convert/set_cmask.txt);
 * - on maps whose cid order is not the cpu order (interleaved nodes, SMT
 *   siblings far apart, offline cpus), every form (cpu_set_t of any size,
 *   raw bitmaps, cpulists, hex masks) agrees with glibc's CPU_* macros and
 *   with the map's own lookups, and converts back unchanged;
 * - cpus without cids, cids outside the window, short sets and buffers
 *   fail with a message and leave the destination alone.
 *
 * Run by convert-map.sh: argv[1] holds the extracted trees (one folder per
 * case), argv[2] is set_cmask.txt, argv[3] the "holes" tree (possible
 * cpus 0-1,4-5).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include "convert_testlib.h"

static const char *trees, *samples, *holes;

/* Cases whose cid order differs from the cpu order, and plain ones. */
static const char *const mixed[] = {
	"40intel64-4n10c+pci-conflicts",	/* nodes interleaved: cpu 1 is cid 4 */
	"8em64t-2s2ca2c",			/* siblings far apart */
	"offline-cpu0-node0",			/* 175 offline cpus, cpu 0 among them */
	"16amd64-8n2c-cpusets",			/* one offline cpu in the middle */
	"256ppc-8n8s4t",
	"c4t2",
};

static struct scx_cid_map *open_case(const char *name)
{
	struct scx_cid_map *map = NULL;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", trees, name);
	ck_assert_msg(scx_cid_map_new(&map, path) == 0, "%s: %s", path, scxcmask_errmsg());
	return map;
}

/* ------------------------------------------------------------ kernel truth */

START_TEST(test_set_cmask_truth)
{
	FILE *f = fopen(samples, "r");
	char line[512];
	int checked = 0;

	ck_assert_msg(f != NULL, "%s", samples);
	while (fgets(line, sizeof(line), f)) {
		char name[64], cpus[128], *p;
		unsigned int base, nr, alloc, n;
		struct scx_cid_map *map;
		struct scx_cmask *m, *m2;
		uint64_t raw[T_WORDS(CPU_SETSIZE)];
		cpu_set_t set;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		ck_assert_int_eq(sscanf(line, "%63s %127s %u %u %u %n", name, cpus, &base, &nr,
					&alloc, &n), 5);
		map = open_case(name);
		ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
		ck_assert_msg(scx_cmask_from_cpulist(m, map, cpus, 0) == 0, "%s", scxcmask_errmsg());
		ck_assert_uint_eq(m->base, base);
		ck_assert_uint_eq(m->nr_cids, nr);
		ck_assert_uint_eq(m->alloc_words, alloc);
		p = line + n;
		for (unsigned int w = 0; w < alloc; w++) {
			unsigned long long want = strtoull(p, &p, 16);

			ck_assert_msg(m->bits[w] == want, "%s %s: word %u is %#llx, the kernel's %#llx",
				      name, cpus, w, (unsigned long long)m->bits[w], want);
		}
		/* the same cpus as a cpu_set_t, and through caller storage */
		CPU_ZERO(&set);
		t_bits(raw, CPU_SETSIZE, cpus);
		for (unsigned int cpu = 0; cpu < CPU_SETSIZE; cpu++)
			if (t_test(raw, cpu))
				CPU_SET(cpu, &set);
		m2 = malloc(scx_cmask_size(scx_cid_map_nr_cids(map)));
		memset(m2, 0xff, scx_cmask_size(scx_cid_map_nr_cids(map)));
		ck_assert_int_eq(scx_cmask_init_for_map(m2, map), 0);
		ck_assert_int_eq(scx_cmask_from_cpuset(m2, map, &set, sizeof(set), 0), 0);
		/* header fields and every word (the 4 padding bytes at 12 are no one's) */
		ck_assert(m2->base == m->base && m2->nr_cids == m->nr_cids &&
			  m2->alloc_words == m->alloc_words);
		ck_assert_int_eq(memcmp(m->bits, m2->bits, 8 * (size_t)m->alloc_words), 0);
		free(m2);
		scx_cmask_free(m);
		scx_cid_map_free(map);
		checked++;
	}
	fclose(f);
	ck_assert_int_ge(checked, 17);
}
END_TEST

START_TEST(test_kernel_form)
{
	struct scx_cid_map *map = open_case("offline-cpu0-node0");
	struct scx_cmask *m;
	uint32_t nr = scx_cid_map_nr_cids(map);

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_uint_eq(m->base, 0);
	ck_assert_uint_eq(m->nr_cids, nr);
	ck_assert_uint_eq(m->alloc_words, SCX_CMASK_NR_WORDS(nr));
	for (uint32_t w = 0; w < m->alloc_words; w++)
		ck_assert_uint_eq(m->bits[w], 0);
	/* offline-but-possible cpus are in the window, as the kernel's */
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "0", 0), 0);
	ck_assert(scx_cmask_test((uint32_t)scx_cid_map_cpu_to_cid(map, 0), m));
	ck_assert_int_eq(scx_cmask_alloc_for_map(NULL, map), -EINVAL);
	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_init_for_map(NULL, map), -EINVAL);
	scx_cmask_free(m);
	scx_cid_map_free(map);
}
END_TEST

/* ------------------------------------------------------------ agreement */

/* Checks @m against @set cpu by cpu through the map's own lookups. */
static void check_against_set(const struct scx_cid_map *map, const struct scx_cmask *m,
			      const cpu_set_t *set, size_t setsize)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(map);

	for (uint32_t cpu = 0; cpu < ncpu; cpu++) {
		int cid = scx_cid_map_cpu_to_cid(map, (int)cpu);

		if (cid < 0)
			continue;
		ck_assert_msg(scx_cmask_test((uint32_t)cid, m) == !!CPU_ISSET_S(cpu, setsize, set),
			      "cpu %u (cid %d)", cpu, cid);
	}
	ck_assert_uint_eq(scx_cmask_weight(m), (uint32_t)CPU_COUNT_S(setsize, set));
}

START_TEST(test_forms_agree)
{
	struct scx_cid_map *map = open_case(mixed[_i]);
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(map);
	const size_t sizes[] = { CPU_ALLOC_SIZE(ncpu), sizeof(cpu_set_t), CPU_ALLOC_SIZE(8192) };
	static char text[65536], again[65536];
	uint64_t seed = 0xfeed + (uint64_t)_i;
	struct scx_cmask *m, *back;

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_alloc_for_map(&back, map), 0);
	for (int k = 0; k < 200; k++) {
		size_t setsize = sizes[k % 3];
		cpu_set_t *set = CPU_ALLOC(8192), *set2 = CPU_ALLOC(8192);
		uint64_t raw[T_WORDS(8192)], raw2[T_WORDS(8192)];
		unsigned int permille = (unsigned int)(t_rand(&seed) % 1001);

		CPU_ZERO_S(setsize, set);
		for (uint32_t cpu = 0; cpu < ncpu; cpu++)
			if (scx_cid_map_cpu_to_cid(map, (int)cpu) >= 0 &&
			    t_rand(&seed) % 1000 < permille)
				CPU_SET_S(cpu, setsize, set);

		/* cpu_set_t -> cmask: what the map says, cpu by cpu */
		ck_assert_msg(scx_cmask_from_cpuset(m, map, set, setsize, 0) == 0, "%s",
			      scxcmask_errmsg());
		check_against_set(map, m, set, setsize);

		/* and back, into a set of any size */
		memset(set2, 0xff, CPU_ALLOC_SIZE(8192));
		ck_assert_int_eq(scx_cmask_to_cpuset(set2, setsize, map, m), 0);
		ck_assert(CPU_EQUAL_S(setsize, set, set2));

		/* raw bitmaps */
		ck_assert_int_eq(scx_cmask_to_cpu_bitmap(raw, ncpu, map, m), 0);
		for (uint32_t cpu = 0; cpu < ncpu; cpu++)
			ck_assert_int_eq(t_test(raw, cpu), !!CPU_ISSET_S(cpu, setsize, set));
		ck_assert_int_eq(scx_cmask_from_cpu_bitmap(back, map, raw, ncpu, 0), 0);
		ck_assert(scx_cmask_equal(m, back));

		/* cpulists: the text is the kernel's list of the set's cpus */
		ck_assert_int_ge(scx_cmask_to_cpulist(text, sizeof(text), map, m), 0);
		ck_assert_int_eq(scx_bitmap_parse_list(raw2, ncpu, text), 0);
		ck_assert(t_equal(raw, raw2, ncpu));
		scx_cmask_fill(back);
		ck_assert_int_eq(scx_cmask_from_cpulist(back, map, text, 0), 0);
		ck_assert(scx_cmask_equal(m, back));

		/* hex masks */
		ck_assert_int_ge(scx_cmask_to_cpumask_hex(text, sizeof(text), map, m), 0);
		ck_assert_int_eq(scx_bitmap_format_hex(again, sizeof(again), raw, ncpu),
				 (int)strlen(text));
		ck_assert_str_eq(text, again);
		scx_cmask_fill(back);
		ck_assert_int_eq(scx_cmask_from_cpumask_hex(back, map, text, 0), 0);
		ck_assert(scx_cmask_equal(m, back));

		CPU_FREE(set);
		CPU_FREE(set2);
	}
	scx_cmask_free(m);
	scx_cmask_free(back);
	scx_cid_map_free(map);
}
END_TEST

/* The cid order really is not the cpu order on the interleaved fixture. */
START_TEST(test_interleaved_order)
{
	struct scx_cid_map *map = open_case("40intel64-4n10c+pci-conflicts");
	struct scx_cmask *m;
	char buf[256];

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "1", 0), 0);
	ck_assert_int_ne(scx_cmask_first_set(m), 1);
	ck_assert_uint_eq(scx_cmask_first_set(m), (uint32_t)scx_cid_map_cpu_to_cid(map, 1));
	/* cpus 0-9 are spread over cids; back to cpus they are one range again */
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "0-9", 0), 0);
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), m), (int)strlen(buf));
	ck_assert_str_ne(buf, "0-9");
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, sizeof(buf), map, m), 3);
	ck_assert_str_eq(buf, "0-9");
	scx_cmask_free(m);
	scx_cid_map_free(map);
}
END_TEST

/* ------------------------------------------------------------ errors */

static struct scx_cid_map *open_holes(void)
{
	struct scx_cid_map *map = NULL;

	ck_assert_msg(scx_cid_map_new(&map, holes) == 0, "%s: %s", holes, scxcmask_errmsg());
	ck_assert_uint_eq(scx_cid_map_nr_cpu_ids(map), 6);
	ck_assert_uint_eq(scx_cid_map_nr_cids(map), 4);
	return map;
}

START_TEST(test_cpu_without_cid)
{
	struct scx_cid_map *map = open_holes();
	struct scx_cmask *m, *before;
	cpu_set_t set;

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_alloc_for_map(&before, map), 0);
	scx_cmask_fill(m);
	scx_cmask_fill(before);
	/* cpu 2 is not possible */
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "0-2", 0), -ENOENT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cpu 2 has no cid"));
	ck_assert(scx_cmask_equal(m, before));
	/* "all" covers the holes: with the kernel's leniency it is every cid */
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "all", 0), -ENOENT);
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "all", SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(m), 4);
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "N", 0), 0);
	ck_assert(scx_cmask_test(3, m) && scx_cmask_weight(m) == 1);
	/* past nr_cpu_ids: a range error for text, no cid for a set */
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "6", 0), -ERANGE);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cpulist \"6\""));
	CPU_ZERO(&set);
	CPU_SET(100, &set);
	ck_assert_int_eq(scx_cmask_from_cpuset(m, map, &set, sizeof(set), 0), -ENOENT);
	ck_assert_int_eq(scx_cmask_from_cpuset(m, map, &set, sizeof(set),
					       SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert(scx_cmask_empty(m));
	ck_assert_int_eq(scx_cmask_from_cpuset(m, map, &set, sizeof(set), 0x80), -EINVAL);
	/* hex: cpu 2 is bit 2 */
	ck_assert_int_eq(scx_cmask_from_cpumask_hex(m, map, "4", 0), -ENOENT);
	ck_assert_int_eq(scx_cmask_from_cpumask_hex(m, map, "33", 0), 0);
	ck_assert_int_eq(scx_cmask_weight(m), 4);
	ck_assert_int_eq(scx_cmask_from_cpumask_hex(m, map, "40", 0), -EOVERFLOW);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cpumask \"40\""));
	scx_cmask_free(m);
	scx_cmask_free(before);
	scx_cid_map_free(map);
}
END_TEST

/*
 * A successful conversion leaves the last error's message alone (the
 * contract of scxcmask_errmsg()), however many cpus it skips: the per-cpu
 * loop reads the map's tables, not the public lookups that would format a
 * message for every unmapped cpu.
 */
START_TEST(test_skip_keeps_errmsg)
{
	struct scx_cid_map *map = open_holes();
	struct scx_cmask *m;
	char before[512];
	cpu_set_t set;

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(map, 2), -ENOENT);
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "x", 0), -EINVAL);
	snprintf(before, sizeof(before), "%s", scxcmask_errmsg());
	ck_assert_ptr_nonnull(strstr(before, "cpulist \"x\""));

	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "all", SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(m), 4);
	ck_assert_str_eq(scxcmask_errmsg(), before);
	ck_assert_int_eq(scx_cmask_from_cpumask_hex(m, map, "3f", SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_str_eq(scxcmask_errmsg(), before);
	CPU_ZERO(&set);
	CPU_SET(2, &set);
	CPU_SET(4, &set);
	CPU_SET(100, &set);
	ck_assert_int_eq(scx_cmask_from_cpuset(m, map, &set, sizeof(set),
					       SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(m), 1);
	ck_assert_str_eq(scxcmask_errmsg(), before);
	scx_cmask_free(m);
	scx_cid_map_free(map);
}
END_TEST

START_TEST(test_window_limits)
{
	struct scx_cid_map *map = open_case("c4t2");
	SCX_CMASK_STORAGE(64) s, s0;
	char buf[64];

	/* a window of cids 0-3 cannot take cpu 7 (cid 7) */
	scx_cmask_init(&s.mask, 0, 4);
	scx_cmask_fill(&s.mask);
	memcpy(&s0, &s, sizeof(s));
	ck_assert_int_eq(scx_cmask_from_cpulist(&s.mask, map, "0,7", 0), -ERANGE);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "outside the cmask's window"));
	ck_assert_int_eq(memcmp(&s, &s0, sizeof(s)), 0);
	ck_assert_int_eq(scx_cmask_from_cpulist(&s.mask, map, "0,7", SCX_CONVERT_SKIP_UNMAPPED), 0);
	ck_assert_uint_eq(scx_cmask_weight(&s.mask), 1);

	/* a window past nr_cids: a set cid there has no cpu */
	scx_cmask_init(&s.mask, 0, 16);
	scx_cmask_set(12, &s.mask);
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, sizeof(buf), map, &s.mask), -ENOENT);
	ck_assert_str_eq(buf, "");
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "cid 12 has no cpu"));

	/* a window at base 4: cids 4-7 are cpus 4-7 here */
	scx_cmask_init(&s.mask, 4, 4);
	ck_assert_int_eq(scx_cmask_from_cpulist(&s.mask, map, "4-7", 0), 0);
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, sizeof(buf), map, &s.mask), 3);
	ck_assert_str_eq(buf, "4-7");

	/* invalid masks: writers refuse, readers see empty */
	s.mask.nr_cids = 100000;
	ck_assert_int_eq(scx_cmask_from_cpulist(&s.mask, map, "1", 0), -EINVAL);
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, sizeof(buf), map, &s.mask), 0);
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, sizeof(buf), NULL, &s.mask), -EINVAL);
	scx_cid_map_free(map);
}
END_TEST

START_TEST(test_short_outputs)
{
	struct scx_cid_map *map = open_case("c4t2");
	struct scx_cmask *m;
	cpu_set_t *small = CPU_ALLOC(64), *before = CPU_ALLOC(64);
	uint64_t raw[1] = { 0x5a5a }, raw0 = 0x5a5a;
	char buf[8];

	ck_assert_int_eq(scx_cmask_alloc_for_map(&m, map), 0);
	ck_assert_int_eq(scx_cmask_from_cpulist(m, map, "0,2,4,6", 0), 0);
	/* sizing, then too short */
	ck_assert_int_eq(scx_cmask_to_cpulist(NULL, 0, map, m), 7);
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, 7, map, m), -ENOSPC);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(scx_cmask_to_cpulist(buf, 8, map, m), 7);
	ck_assert_str_eq(buf, "0,2,4,6");
	ck_assert_int_eq(scx_cmask_to_cpumask_hex(buf, sizeof(buf), map, m), 2);
	ck_assert_str_eq(buf, "55");
	/* a raw bitmap of 4 bits cannot hold cpu 4 */
	ck_assert_int_eq(scx_cmask_to_cpu_bitmap(raw, 4, map, m), -ERANGE);
	ck_assert_uint_eq(raw[0], raw0);
	/* set sizes: multiples of sizeof(__cpu_mask) only */
	memset(small, 0xab, CPU_ALLOC_SIZE(64));
	memcpy(before, small, CPU_ALLOC_SIZE(64));
	ck_assert_int_eq(scx_cmask_to_cpuset(small, 3, map, m), -EINVAL);
	ck_assert_int_eq(scx_cmask_from_cpuset(m, map, small, 3, 0), -EINVAL);
	ck_assert_int_eq(memcmp(small, before, CPU_ALLOC_SIZE(64)), 0);
	ck_assert_int_eq(scx_cmask_to_cpuset(small, 0, map, m), -ERANGE);
	scx_cmask_free(m);
	CPU_FREE(small);
	CPU_FREE(before);
	scx_cid_map_free(map);
}
END_TEST

static Suite *map_suite(void)
{
	Suite *s = suite_create("convert_map");
	TCase *tc = tcase_create("map");

	tcase_add_test(tc, test_set_cmask_truth);
	tcase_add_test(tc, test_kernel_form);
	tcase_add_loop_test(tc, test_forms_agree, 0, sizeof(mixed) / sizeof(mixed[0]));
	tcase_add_test(tc, test_interleaved_order);
	tcase_add_test(tc, test_cpu_without_cid);
	tcase_add_test(tc, test_skip_keeps_errmsg);
	tcase_add_test(tc, test_window_limits);
	tcase_add_test(tc, test_short_outputs);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s TREES SET_CMASK_TXT HOLES_TREE\n", argv[0]);
		return 2;
	}
	trees = argv[1];
	samples = argv[2];
	holes = argv[3];
	return t_run_suite(map_suite());
}
