// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Cost of the conversions per call and per cpu on a 256-cpu map
 * (docs/PERFORMANCE.md, "cid map and conversions"):
 *
 *   bench/convert_bench                 the 256ppc-8n8s4t fixture, extracted
 *                                       to a temporary directory
 *   bench/convert_bench SYSFS_ROOT      any tree
 *
 * Each operation runs in batches; the figure is the fastest batch's
 * average (the machine is shared, so the minimum is the honest number),
 * with thread cpu time as a cross-check.  Four cpu sets: all cpus, every
 * other cpu (the worst case for lists: one entry per cpu), half the cpus
 * at random, and 4 scattered cpus.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <scxcmask/scxcmask.h>

#define BATCHES 30
#define PER_BATCH 2000

static double now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct ctx {
	struct scx_cid_map *map;
	struct scx_cmask *m;
	cpu_set_t *set;
	size_t setsize;
	uint64_t bits[8192 / 64];
	uint32_t ncpu;
	char text[8192];
	int sink;
};

typedef void (*op_fn)(struct ctx *c);

static void op_parse_cpulist(struct ctx *c)
{
	c->sink += scx_cmask_from_cpulist(c->m, c->map, c->text, 0);
}

static void op_format_cpulist(struct ctx *c)
{
	char buf[8192];

	c->sink += scx_cmask_to_cpulist(buf, sizeof(buf), c->map, c->m);
}

static void op_from_cpuset(struct ctx *c)
{
	c->sink += scx_cmask_from_cpuset(c->m, c->map, c->set, c->setsize, 0);
}

static void op_to_cpuset(struct ctx *c)
{
	c->sink += scx_cmask_to_cpuset(c->set, c->setsize, c->map, c->m);
}

static void op_parse_list(struct ctx *c)
{
	c->sink += scx_bitmap_parse_list(c->bits, c->ncpu, c->text);
}

static void op_format_list(struct ctx *c)
{
	char buf[8192];

	c->sink += scx_bitmap_format_list(buf, sizeof(buf), c->bits, c->ncpu);
}

/* The cpulist read as cids: the same numbers, valid on any map without holes. */
static void op_parse_cidlist(struct ctx *c)
{
	c->sink += scx_cmask_parse_cidlist(c->m, c->text);
}

/* Fastest batch's ns per call (wall), and cpu ns per call over all batches. */
static void time_op(struct ctx *c, op_fn fn, double *best, double *cpu)
{
	double t0, cpu0 = now_ns(CLOCK_THREAD_CPUTIME_ID);

	*best = 1e300;
	for (int b = 0; b < BATCHES; b++) {
		t0 = now_ns(CLOCK_MONOTONIC);
		for (int i = 0; i < PER_BATCH; i++)
			fn(c);
		t0 = (now_ns(CLOCK_MONOTONIC) - t0) / PER_BATCH;
		if (t0 < *best)
			*best = t0;
	}
	*cpu = (now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu0) / (BATCHES * PER_BATCH);
}

/* Makes @set the cpus of pattern @p, and the cmask and texts to match. */
static void make_set(struct ctx *c, int p)
{
	uint64_t seed = 0x12345678;

	CPU_ZERO_S(c->setsize, c->set);
	for (uint32_t cpu = 0; cpu < c->ncpu; cpu++) {
		int on;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		switch (p) {
		case 0: on = 1; break;
		case 1: on = !(cpu & 1); break;
		case 2: on = (seed >> 33) & 1; break;
		default: on = cpu % (c->ncpu / 4 ? c->ncpu / 4 : 1) == 3; break;
		}
		if (on && scx_cid_map_cpu_to_cid(c->map, (int)cpu) >= 0)
			CPU_SET_S(cpu, c->setsize, c->set);
	}
	if (scx_cmask_from_cpuset(c->m, c->map, c->set, c->setsize, 0) ||
	    scx_cmask_to_cpulist(c->text, sizeof(c->text), c->map, c->m) < 0 ||
	    scx_cmask_to_cpu_bitmap(c->bits, c->ncpu, c->map, c->m)) {
		fprintf(stderr, "convert_bench: %s\n", scxcmask_errmsg());
		exit(1);
	}
}

static int bench_tree(const char *root)
{
	static const char *const patterns[] = { "all cpus", "every other cpu", "half, random",
						"4 scattered cpus" };
	static const struct { const char *name; op_fn fn; } ops[] = {
		{ "cpulist -> cmask (scx_cmask_from_cpulist)", op_parse_cpulist },
		{ "cmask -> cpulist (scx_cmask_to_cpulist)", op_format_cpulist },
		{ "cpu_set_t -> cmask (scx_cmask_from_cpuset)", op_from_cpuset },
		{ "cmask -> cpu_set_t (scx_cmask_to_cpuset)", op_to_cpuset },
		{ "list -> bitmap, no map (scx_bitmap_parse_list)", op_parse_list },
		{ "bitmap -> list, no map (scx_bitmap_format_list)", op_format_list },
		{ "cidlist -> cmask (scx_cmask_parse_cidlist)", op_parse_cidlist },
	};
	struct ctx c = { 0 };

	if (scx_cid_map_new(&c.map, root)) {
		fprintf(stderr, "convert_bench: %s\n", scxcmask_errmsg());
		return 1;
	}
	c.ncpu = scx_cid_map_nr_cpu_ids(c.map);
	c.setsize = CPU_ALLOC_SIZE(c.ncpu);
	c.set = CPU_ALLOC(c.ncpu);
	if (scx_cmask_alloc_for_map(&c.m, c.map) || !c.set)
		return 1;
	printf("tree %s: %u cpus, %u cids; ns per call (fastest batch of %d x %d; cpu time)"
	       " and ns per cpu\n", root, c.ncpu, scx_cid_map_nr_cids(c.map), BATCHES, PER_BATCH);
	for (int p = 0; p < 4; p++) {
		make_set(&c, p);
		printf("\n%s (%d cpus, list %zu chars)\n", patterns[p], CPU_COUNT_S(c.setsize, c.set),
		       strlen(c.text));
		for (size_t o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
			double best, cpu;

			time_op(&c, ops[o].fn, &best, &cpu);
			printf("  %-50s %8.0f ns (cpu %6.0f)  %6.2f ns/cpu\n", ops[o].name, best, cpu,
			       best / c.ncpu);
			make_set(&c, p);	/* reset what a writing op changed */
		}
	}
	scx_cmask_free(c.m);
	CPU_FREE(c.set);
	scx_cid_map_free(c.map);
	return c.sink == 0x7fffffff;	/* keeps the calls; never true */
}

static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/convert_bench.XXXXXX";
	int ret;

	if (argc > 2) {
		fprintf(stderr, "usage: %s [SYSFS_ROOT]\n", argv[0]);
		return 2;
	}
	if (argc == 2)
		return bench_tree(argv[1]);
	if (!mkdtemp(dir) ||
	    run("tar -xzf '%s/tests/fixtures/realsysfs/256ppc-8n8s4t.tar.gz' -C '%s'",
		CONVERT_SRCDIR, dir)) {
		fprintf(stderr, "convert_bench: cannot extract the 256-cpu fixture\n");
		return 1;
	}
	ret = bench_tree(dir);
	run("rm -rf '%s'", dir);
	return ret;
}
