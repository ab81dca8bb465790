// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The cid map's cost.
 *
 *   cidmap_bench SYSFS_ROOT [ITERATIONS]   builds the map of that tree
 *   cidmap_bench                           two 256-cpu trees: the POWER7
 *       capture tests/fixtures/realsysfs/256ppc-8n8s4t (old kernel: no
 *       cpu/online, hex masks, no node links) and a synthetic current-kernel
 *       tree (2 nodes x 64 cores x 2 threads, siblings n and n + 128, one
 *       LLC per node) written by tests/fixtures/make-synthetic.sh
 *
 * Prints the wall and cpu time of one build (median of ITERATIONS, default
 * 200) and of one cpu -> cid / cid -> cpu lookup.  docs/PERFORMANCE.md
 * ("cid map and conversions") records the figures.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <scxcmask/cid.h>

#ifndef CIDMAP_SRCDIR
#define CIDMAP_SRCDIR "."
#endif

static double clock_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int bench_tree(const char *root, int iters)
{
	double *ms, t0, sum = 0, cpu0;
	struct scx_cid_map *m = NULL;
	volatile long sink = 0;
	uint32_t ncpu, ncid;
	long lookups = 0;

	ms = calloc((size_t)iters, sizeof(*ms));
	if (!ms)
		return 1;
	cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	for (int i = 0; i < iters; i++) {
		scx_cid_map_free(m);
		t0 = now_ms();
		if (scx_cid_map_new(&m, root)) {
			fprintf(stderr, "cidmap_bench: %s\n", scxcmask_errmsg());
			free(ms);
			return 1;
		}
		ms[i] = now_ms() - t0;
		sum += ms[i];
	}
	cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	qsort(ms, (size_t)iters, sizeof(*ms), cmp_double);
	ncpu = scx_cid_map_nr_cpu_ids(m);
	ncid = scx_cid_map_nr_cids(m);
	t0 = now_ms();
	for (int r = 0; r < 20000; r++)
		for (uint32_t c = 0; c < ncpu; c++, lookups += 2)
			sink += scx_cid_map_cpu_to_cid(m, (int)c) +
				scx_cid_map_cid_to_cpu(m, (int)(c % ncid));
	printf("cid map of %s: %u cpus, %u cids\n", root, ncpu, ncid);
	printf("  build: median %.3f ms, mean %.3f ms, min %.3f ms, max %.3f ms (wall, %d builds)\n",
	       ms[iters / 2], sum / iters, ms[0], ms[iters - 1], iters);
	printf("  build: %.3f ms of cpu time (user + system) per build\n", cpu0 / iters);
	printf("  lookup: %.2f ns per cpu_to_cid or cid_to_cpu call\n",
	       (now_ms() - t0) * 1e6 / (double)lookups);
	scx_cid_map_free(m);
	free(ms);
	return sink == 42 ? 3 : 0;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd) == 0 ? 0 : 1;
}

/* The default: both 256-cpu trees, in a temporary directory. */
static int bench_defaults(int iters)
{
	char tmp[] = "/tmp/cidmap_bench.XXXXXX", path[512], fixture[600];
	FILE *f;
	int err;

	if (!mkdtemp(tmp))
		return 1;
	snprintf(path, sizeof(path), "%s/ppc", tmp);
	err = run("mkdir -p '%s' && tar -xzf '%s/tests/fixtures/realsysfs/256ppc-8n8s4t.tar.gz' -C '%s'",
		  path, CIDMAP_SRCDIR, path);
	if (!err)
		err = bench_tree(path, iters);
	snprintf(fixture, sizeof(fixture), "%s/x86.fixture", tmp);
	f = fopen(fixture, "w");
	if (!f)
		return 1;
	fprintf(f, "possible 0-255\nonline 0-255\n");
	for (int c = 0; c < 256; c++)
		fprintf(f, "cpu %d %d %d,%d %s\n", c, c % 128 >= 64, c % 128, c % 128 + 128,
			c % 128 >= 64 ? "64-127,192-255" : "0-63,128-191");
	fclose(f);
	snprintf(path, sizeof(path), "%s/x86", tmp);
	if (!err)
		err = run("sh '%s/tests/fixtures/make-synthetic.sh' '%s' '%s'", CIDMAP_SRCDIR, fixture,
			  path) ||
		      bench_tree(path, iters);
	run("rm -rf '%s'", tmp);
	return err;
}

int main(int argc, char **argv)
{
	int iters = argc > 2 ? atoi(argv[2]) : 200;

	if (iters <= 0) {
		fprintf(stderr, "usage: %s [SYSFS_ROOT [ITERATIONS]]\n", argv[0]);
		return 2;
	}
	return argc > 1 ? bench_tree(argv[1], iters) : bench_defaults(iters);
}
