// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Sources that change while they are read.  An agent converts cmasks (and
 * cpu bitmaps) that sit in a BPF arena, where BPF may rewrite the header
 * and the words at any moment.  Here a thread rewrites a source's fields
 * (each header field, each word) one at a time, each to its value in
 * state A or in state B, while the main thread converts it over and over:
 *
 * - on failure the destination is byte for byte what it was (text
 *   formatters: "" and nothing else written);
 * - on success the result is the conversion of a source whose every field
 *   held one of the values the writer really stored.  All 2^fields such
 *   sources are converted beforehand, while nothing writes, and a result
 *   must be one of theirs (compared by hash).
 *
 * A function that reads a field twice can mix two values inside one word,
 * or validate one state and write another: both show here.  (Defect 3 of
 * issue 9: scx_cmask_to_cpu_bitmap() zeroed its output and then failed on
 * a cid its first pass had not seen.)
 *
 * Natively each case runs until it saw success and failure both (up to
 * 30 s: on a loaded machine the writer may rarely get a turn mid-call);
 * under valgrind (SCXCMASK_STRESS_ITERS) a fixed, smaller number of calls.
 * The writer yields now and then: valgrind runs one thread at a time.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <scxcmask/scxcmask.h>
#include "robust_testlib.h"
#include "sysfs_tree.h"

#define NCPU	128		/* the map: cpus i and i + 64 are SMT siblings */
#define FILL	0xa5
#define OUT_MAX	1024
#define MAX_SLOTS 8

static struct scx_cid_map *map;

/* ------------------------------------------------------------ sources */

/* A field of a source: its offset and width, and its values in states A and B. */
struct slot {
	size_t off;
	unsigned int width;	/* 4 or 8 */
	uint64_t v[2];
};

struct source {
	const char *what;
	size_t size;
	struct slot slot[MAX_SLOTS];
	unsigned int nslots;
};

/* A cmask of 5 words: base, nr_cids and alloc_words change, and every word. */
static const struct source cmask_src = {
	"cmask", 16 + 5 * 8,
	{
		{ 0, 4, { 0, 64 } },			/* base */
		{ 4, 4, { 128, 200 } },			/* nr_cids: 200 reaches cids with no cpu */
		{ 8, 4, { 5, 2 } },			/* alloc_words: 2 makes the header invalid */
		{ 16, 8, { 0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull } },
		{ 24, 8, { 0x00ff00ff00ff00ffull, 0xff00ff00ff00ff00ull } },
		{ 32, 8, { 0, 1 } },
		{ 40, 8, { 0, 0xffff } },
		{ 48, 8, { 0, 3 } },
	},
	8,
};

/* A cpu bitmap of 3 words (or the start of a cpu_set_t): cpus 128+ have no cid. */
static const struct source bitmap_src = {
	"cpu bitmap", 128,
	{
		{ 0, 8, { 0x0123456789abcdefull, 0xfedcba9876543210ull } },
		{ 8, 8, { 0xffffffff00000000ull, 0x00000000ffffffffull } },
		{ 16, 8, { 0, 0x10 } },
	},
	3,
};

static void put(void *mem, const struct slot *s, int which)
{
	char *p = (char *)mem + s->off;

	if (s->width == 4)
		__atomic_store_n((uint32_t *)(void *)p, (uint32_t)s->v[which], __ATOMIC_RELAXED);
	else
		__atomic_store_n((uint64_t *)(void *)p, s->v[which], __ATOMIC_RELAXED);
}

/* The source with field i holding its value in state (combo >> i & 1). */
static void compose(void *mem, const struct source *src, unsigned int combo)
{
	memset(mem, 0, src->size);
	for (unsigned int i = 0; i < src->nslots; i++)
		put(mem, &src->slot[i], combo >> i & 1);
}

struct writer {
	const struct source *src;
	void *mem;
	int stop;
	unsigned long stores;
};

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	uint32_t x = 12345, n = 0;

	while (!__atomic_load_n(&w->stop, __ATOMIC_RELAXED)) {
		if ((++n & 255) == 0)
			sched_yield();
		/* choices from the high bits: the low ones repeat every 2^k steps */
		x = x * 1103515245u + 12345u;
		put(w->mem, &w->src->slot[(x >> 16) % w->src->nslots], x >> 28 & 1);
		w->stores++;
	}
	return NULL;
}

/* ------------------------------------------------------------ conversions */

struct race_case {
	const char *name;
	const struct source *src;
	/* converts @mem into @out (OUT_MAX bytes, FILL); returns the result */
	int (*call)(const void *mem, unsigned char *out);
	size_t outlen;		/* bytes of @out that the function may write */
	bool text;		/* a failure leaves "" */
};

static int c_to_cpuset(const void *mem, unsigned char *out)
{
	return scx_cmask_to_cpuset((cpu_set_t *)(void *)out, sizeof(cpu_set_t), map, mem);
}

static int c_to_bitmap(const void *mem, unsigned char *out)
{
	return scx_cmask_to_cpu_bitmap((uint64_t *)(void *)out, NCPU, map, mem);
}

static int c_to_cpulist(const void *mem, unsigned char *out)
{
	return scx_cmask_to_cpulist((char *)out, OUT_MAX, map, mem);
}

static int c_to_hex(const void *mem, unsigned char *out)
{
	return scx_cmask_to_cpumask_hex((char *)out, OUT_MAX, map, mem);
}

static int c_cidlist(const void *mem, unsigned char *out)
{
	return scx_cmask_format_cidlist((char *)out, OUT_MAX, mem);
}

/* The destination cmask: window [0, NCPU), its storage full beforehand. */
static struct scx_cmask *dst_of(unsigned char *out)
{
	struct scx_cmask *m = (struct scx_cmask *)(void *)out;

	scx_cmask_init(m, 0, NCPU);
	scx_cmask_fill(m);
	return m;
}

static int c_from_bitmap(const void *mem, unsigned char *out)
{
	return scx_cmask_from_cpu_bitmap(dst_of(out), map, mem, 3 * 64, 0);
}

static int c_from_cpuset(const void *mem, unsigned char *out)
{
	return scx_cmask_from_cpuset(dst_of(out), map, mem, sizeof(cpu_set_t), 0);
}

static const struct race_case cases[] = {
	{ "to_cpuset", &cmask_src, c_to_cpuset, sizeof(cpu_set_t), false },
	{ "to_cpu_bitmap", &cmask_src, c_to_bitmap, NCPU / 8, false },
	{ "to_cpulist", &cmask_src, c_to_cpulist, OUT_MAX, true },
	{ "to_cpumask_hex", &cmask_src, c_to_hex, OUT_MAX, true },
	{ "format_cidlist", &cmask_src, c_cidlist, OUT_MAX, true },
	{ "from_cpu_bitmap", &bitmap_src, c_from_bitmap, 16 + 8 * 3, false },
	{ "from_cpuset", &bitmap_src, c_from_cpuset, 16 + 8 * 3, false },
};

/* ------------------------------------------------------------ outcomes */

/* FNV-1a of the result and the bytes the function may write. */
static uint64_t outcome(int ret, const unsigned char *out, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull ^ (uint32_t)ret;

	for (size_t i = 0; i < len; i++)
		h = (h ^ out[i]) * 0x100000001b3ull;
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The destination a failure must leave: as prepared (the text: ""). */
static int untouched(const struct race_case *c, const unsigned char *out, const unsigned char *ref)
{
	if (c->text)
		return out[0] == '\0' && !memcmp(out + 1, ref + 1, OUT_MAX - 1);
	return !memcmp(out, ref, OUT_MAX);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void run_case(const struct race_case *c, unsigned long iters, bool scaled)
{
	unsigned int ncombo = 1u << c->src->nslots;
	uint64_t *known = calloc(ncombo, sizeof(*known));
	static uint64_t mem[OUT_MAX / 8], out64[OUT_MAX / 8], ref64[OUT_MAX / 8];
	unsigned char *out = (unsigned char *)out64, *ref = (unsigned char *)ref64;
	unsigned long i, ok = 0, refused = 0, bad_ok = 0, bad_fail = 0, can_fail = 0;
	struct writer w = { .src = c->src, .mem = mem };
	struct timespec t0;
	pthread_t t;

	if (!known)
		exit(99);
	/* every source the writer can leave, converted while nothing writes */
	for (unsigned int k = 0; k < ncombo; k++) {
		int ret;

		compose(mem, c->src, k);
		memset(out, FILL, OUT_MAX);
		ret = c->call(mem, out);
		known[k] = outcome(ret, out, c->outlen);
		can_fail += ret < 0;
	}
	qsort(known, ncombo, sizeof(*known), cmp_u64);
	/* what a failure must leave */
	memset(ref, FILL, OUT_MAX);
	if (!c->text && c->src == &bitmap_src)
		dst_of(ref);

	compose(mem, c->src, 0);
	if (pthread_create(&t, NULL, writer_main, &w))
		exit(99);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < iters || (!scaled && can_fail && (!ok || !refused) &&
				  seconds_since(&t0) < 30); i++) {
		uint64_t h;
		int ret;

		memset(out, FILL, OUT_MAX);
		ret = c->call(mem, out);
		if (ret < 0) {
			refused++;
			bad_fail += !untouched(c, out, ref);
		} else {
			ok++;
			h = outcome(ret, out, c->outlen);
			bad_ok += !bsearch(&h, known, ncombo, sizeof(*known), cmp_u64);
		}
	}
	__atomic_store_n(&w.stop, 1, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	check(bad_ok == 0 && bad_fail == 0,
	      "%s of a %s rewritten by a thread (%lu stores): %lu calls, %lu ok, %lu failed; "
	      "%lu results no source state gives, %lu failures that wrote", c->name, c->src->what,
	      w.stores, i, ok, refused, bad_ok, bad_fail);
	if (!scaled && can_fail)	/* both outcomes happened: the race was real */
		check(ok && refused, "%s: both outcomes seen", c->name);
	free(known);
}

int main(void)
{
	struct t_tree tree = { .ncpu = NCPU, .smt = true };
	const char *scaled = getenv("SCXCMASK_STRESS_ITERS");
	unsigned long iters = scaled ? 100 * strtoul(scaled, NULL, 10) : 20000;

	map = t_tree_map(&tree, "race");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i], iters, scaled != NULL);
	scx_cid_map_free(map);
	return t_summary();
}
