// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Userspace cmask operations against a bare loop over the same words, a
 * naive per-bit loop, glibc's CPU_*_S macros and (when built with it)
 * hwloc_bitmap, at 64, 1024 and 8192 cids.  Each figure is the median of
 * REPEATS runs of a timed loop, in ns per operation; ratios are to the bare
 * loop (and to glibc).  docs/PERFORMANCE.md records the results.
 *
 *   bench/cmask_bench [-r repeats] [-q]   (-q: fewer iterations, for a smoke run)
 */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_HWLOC
#include <hwloc.h>
#endif
#include <scxcmask/cmask.h>

#define MAX_CIDS 8192

static int repeats = 21;
static double work_scale = 1.0;
static volatile uint64_t sink;

/* Keeps the compiler from dropping or merging iterations. */
#define CLOBBER() __asm__ volatile("" ::: "memory")

static double now_ns(void)
{
	struct timespec ts;

	/* CPU time of this thread: a busy machine's preemptions do not count */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------ operands */

struct operands {
	uint32_t nr;		/* cids */
	uint32_t words;		/* used words of the cmask (base 0) */
	struct scx_cmask *a, *b;
	size_t setsize;		/* CPU_ALLOC_SIZE(nr) */
	cpu_set_t *ca, *cb;
#ifdef HAVE_HWLOC
	hwloc_bitmap_t ha, hb;
#endif
};

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

enum shape {
	RANDOM,		/* a, b independent, density 1/2 */
	EQUAL,		/* b == a: equal and subset scan everything */
	DISJOINT,	/* b == ~a: intersects scans everything */
};

/* Copies the cmask operands into the other libraries' sets. */
static void mirror(struct operands *o)
{
	CPU_ZERO_S(o->setsize, o->ca);
	CPU_ZERO_S(o->setsize, o->cb);
#ifdef HAVE_HWLOC
	hwloc_bitmap_zero(o->ha);
	hwloc_bitmap_zero(o->hb);
#endif
	for (uint32_t c = 0; c < o->nr; c++) {
		if (scx_cmask_test(c, o->a)) {
			CPU_SET_S(c, o->setsize, o->ca);
#ifdef HAVE_HWLOC
			hwloc_bitmap_set(o->ha, c);
#endif
		}
		if (scx_cmask_test(c, o->b)) {
			CPU_SET_S(c, o->setsize, o->cb);
#ifdef HAVE_HWLOC
			hwloc_bitmap_set(o->hb, c);
#endif
		}
	}
}

static void shape_operands(struct operands *o, enum shape s, unsigned int density_log2)
{
	scx_cmask_zero(o->a);
	scx_cmask_zero(o->b);
	for (uint32_t c = 0; c < o->nr; c++) {
		bool in_a = (rnd() & ((1u << density_log2) - 1)) == 0;

		if (in_a)
			scx_cmask_set(c, o->a);
		if (s == RANDOM ? (rnd() & 1) : s == EQUAL ? in_a : !in_a)
			scx_cmask_set(c, o->b);
	}
	mirror(o);
}

static void operands_init(struct operands *o, uint32_t nr)
{
	o->nr = nr;
	o->words = (nr + 63) / 64;
	o->a = scx_cmask_alloc(0, nr);
	o->b = scx_cmask_alloc(0, nr);
	o->setsize = CPU_ALLOC_SIZE(nr);
	o->ca = CPU_ALLOC(nr);
	o->cb = CPU_ALLOC(nr);
#ifdef HAVE_HWLOC
	o->ha = hwloc_bitmap_alloc();
	o->hb = hwloc_bitmap_alloc();
#endif
	if (!o->a || !o->b || !o->ca || !o->cb) {
		perror("alloc");
		exit(1);
	}
}

/* ------------------------------------------------------------ timing */

typedef void (*bench_fn)(struct operands *o, long iters);

/* ns per call of one run of @iters calls */
static double time_run(bench_fn fn, struct operands *o, long iters)
{
	double t0 = now_ns();

	fn(o, iters);
	return (now_ns() - t0) / iters;
}

static double median(double *t, int n)
{
	qsort(t, n, sizeof(t[0]), cmp_double);
	return t[n / 2];
}

/* ------------------------------------------------------------ subjects */

#define U64(m) ((m)->bits)

/* Defines bench functions: NAME_cmask, NAME_bare, NAME_naive, NAME_glibc, NAME_hwloc. */
#define LOOP(name, body)							\
	static void name(struct operands *o, long iters)			\
	{									\
		uint64_t acc = 0;						\
		for (long it = 0; it < iters; it++) {				\
			body;							\
			CLOBBER();						\
		}								\
		sink = acc;							\
	}

/* bare loops over exactly the cmask's used words */
static __attribute__((noinline)) void bare_and(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] &= s[i];
}

static __attribute__((noinline)) void bare_or(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] |= s[i];
}

static __attribute__((noinline)) void bare_copy(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] = s[i];
}

static __attribute__((noinline)) uint32_t bare_weight(const uint64_t *s, uint32_t n)
{
	uint32_t w = 0;

	for (uint32_t i = 0; i < n; i++)
		w += __builtin_popcountll(s[i]);
	return w;
}

static __attribute__((noinline)) bool bare_equal(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	uint64_t diff = 0;

	for (uint32_t i = 0; i < n; i++)
		diff |= a[i] ^ b[i];
	return !diff;
}

static __attribute__((noinline)) bool bare_subset(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < n; i++)
		acc |= a[i] & ~b[i];
	return !acc;
}

static __attribute__((noinline)) bool bare_intersects(const uint64_t *a, const uint64_t *b,
						      uint32_t n)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < n; i++)
		acc |= a[i] & b[i];
	return acc != 0;
}

static __attribute__((noinline)) uint64_t bare_iterate(const uint64_t *s, uint32_t n)
{
	uint64_t acc = 0;

	for (uint32_t i = 0; i < n; i++)
		for (uint64_t w = s[i]; w; w &= w - 1)
			acc += i * 64 + __builtin_ctzll(w);
	return acc;
}

/* naive per-bit loops */
#define NBIT(p, c) (((p)[(c) / 64] >> ((c) % 64)) & 1)
#define NSET(p, c, v) ((p)[(c) / 64] = ((p)[(c) / 64] & ~(1ull << ((c) % 64))) | ((uint64_t)(v) << ((c) % 64)))

static __attribute__((noinline)) void naive_and(uint64_t *d, const uint64_t *s, uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		NSET(d, c, NBIT(d, c) & NBIT(s, c));
}

static __attribute__((noinline)) void naive_or(uint64_t *d, const uint64_t *s, uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		NSET(d, c, NBIT(d, c) | NBIT(s, c));
}

static __attribute__((noinline)) void naive_copy(uint64_t *d, const uint64_t *s, uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		NSET(d, c, NBIT(s, c));
}

static __attribute__((noinline)) uint32_t naive_weight(const uint64_t *s, uint32_t nr)
{
	uint32_t w = 0;

	for (uint32_t c = 0; c < nr; c++)
		w += NBIT(s, c);
	return w;
}

static __attribute__((noinline)) bool naive_equal(const uint64_t *a, const uint64_t *b, uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		if (NBIT(a, c) != NBIT(b, c))
			return false;
	return true;
}

static __attribute__((noinline)) bool naive_subset(const uint64_t *a, const uint64_t *b, uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		if (NBIT(a, c) && !NBIT(b, c))
			return false;
	return true;
}

static __attribute__((noinline)) bool naive_intersects(const uint64_t *a, const uint64_t *b,
						       uint32_t nr)
{
	for (uint32_t c = 0; c < nr; c++)
		if (NBIT(a, c) && NBIT(b, c))
			return true;
	return false;
}

static __attribute__((noinline)) uint64_t naive_iterate(const uint64_t *s, uint32_t nr)
{
	uint64_t acc = 0;

	for (uint32_t c = 0; c < nr; c++)
		if (NBIT(s, c))
			acc += c;
	return acc;
}

LOOP(and_cmask, scx_cmask_and(o->a, o->b))
LOOP(and_bare, bare_and(U64(o->a), U64(o->b), o->words))
LOOP(and_naive, naive_and(U64(o->a), U64(o->b), o->nr))
LOOP(and_glibc, CPU_AND_S(o->setsize, o->ca, o->ca, o->cb))
LOOP(or_cmask, scx_cmask_or(o->a, o->b))
LOOP(or_bare, bare_or(U64(o->a), U64(o->b), o->words))
LOOP(or_naive, naive_or(U64(o->a), U64(o->b), o->nr))
LOOP(or_glibc, CPU_OR_S(o->setsize, o->ca, o->ca, o->cb))
LOOP(copy_cmask, scx_cmask_copy(o->a, o->b))
LOOP(copy_bare, bare_copy(U64(o->a), U64(o->b), o->words))
LOOP(copy_naive, naive_copy(U64(o->a), U64(o->b), o->nr))
LOOP(copy_glibc, memcpy(o->ca, o->cb, o->setsize))
LOOP(weight_cmask, acc += scx_cmask_weight(o->a))
LOOP(weight_bare, acc += bare_weight(U64(o->a), o->words))
LOOP(weight_naive, acc += naive_weight(U64(o->a), o->nr))
LOOP(weight_glibc, acc += CPU_COUNT_S(o->setsize, o->ca))
LOOP(equal_cmask, acc += scx_cmask_equal(o->a, o->b))
LOOP(equal_bare, acc += bare_equal(U64(o->a), U64(o->b), o->words))
LOOP(equal_naive, acc += naive_equal(U64(o->a), U64(o->b), o->nr))
LOOP(equal_glibc, acc += CPU_EQUAL_S(o->setsize, o->ca, o->cb))
LOOP(subset_cmask, acc += scx_cmask_subset(o->a, o->b))
LOOP(subset_bare, acc += bare_subset(U64(o->a), U64(o->b), o->words))
LOOP(subset_naive, acc += naive_subset(U64(o->a), U64(o->b), o->nr))
LOOP(intersects_cmask, acc += scx_cmask_intersects(o->a, o->b))
LOOP(intersects_bare, acc += bare_intersects(U64(o->a), U64(o->b), o->words))
LOOP(intersects_naive, acc += naive_intersects(U64(o->a), U64(o->b), o->nr))
LOOP(iterate_cmask, { uint32_t c; scx_cmask_for_each(c, o->a) acc += c; })
LOOP(iterate_bare, acc += bare_iterate(U64(o->a), o->words))
LOOP(iterate_naive, acc += naive_iterate(U64(o->a), o->nr))
LOOP(next_set_cmask, {
	for (uint32_t c = scx_cmask_next_set(o->a, 0); c < o->nr; c = scx_cmask_next_set(o->a, c + 1))
		acc += c;
})
#ifdef HAVE_HWLOC
LOOP(and_hwloc, hwloc_bitmap_and(o->ha, o->ha, o->hb))
LOOP(or_hwloc, hwloc_bitmap_or(o->ha, o->ha, o->hb))
LOOP(copy_hwloc, hwloc_bitmap_copy(o->ha, o->hb))
LOOP(weight_hwloc, acc += hwloc_bitmap_weight(o->ha))
LOOP(equal_hwloc, acc += hwloc_bitmap_isequal(o->ha, o->hb))
LOOP(subset_hwloc, acc += hwloc_bitmap_isincluded(o->ha, o->hb))
LOOP(intersects_hwloc, acc += hwloc_bitmap_intersects(o->ha, o->hb))
LOOP(iterate_hwloc, { int c; hwloc_bitmap_foreach_begin(c, o->ha) acc += c; hwloc_bitmap_foreach_end(); })
#define HW(f) f
#else
#define HW(f) NULL
#endif

struct subject {
	const char *op;
	enum shape shape;
	unsigned int density_log2;	/* a's density is 1 / 2^this */
	bench_fn cmask, bare, naive, glibc, hwloc;
	bool visits;			/* report ns per visited cid */
};

static const struct subject subjects[] = {
	{ "and", RANDOM, 1, and_cmask, and_bare, and_naive, and_glibc, HW(and_hwloc), false },
	{ "or", RANDOM, 1, or_cmask, or_bare, or_naive, or_glibc, HW(or_hwloc), false },
	{ "copy", RANDOM, 1, copy_cmask, copy_bare, copy_naive, copy_glibc, HW(copy_hwloc), false },
	{ "weight", RANDOM, 1, weight_cmask, weight_bare, weight_naive, weight_glibc,
	  HW(weight_hwloc), false },
	{ "equal", EQUAL, 1, equal_cmask, equal_bare, equal_naive, equal_glibc, HW(equal_hwloc), false },
	{ "subset", EQUAL, 1, subset_cmask, subset_bare, subset_naive, NULL, HW(subset_hwloc), false },
	{ "intersects", DISJOINT, 1, intersects_cmask, intersects_bare, intersects_naive, NULL,
	  HW(intersects_hwloc), false },
	{ "for_each 1/2", RANDOM, 1, iterate_cmask, iterate_bare, iterate_naive, NULL,
	  HW(iterate_hwloc), true },
	{ "next_set 1/2", RANDOM, 1, next_set_cmask, iterate_bare, iterate_naive, NULL,
	  HW(iterate_hwloc), true },
	{ "for_each 1/64", RANDOM, 6, iterate_cmask, iterate_bare, iterate_naive, NULL,
	  HW(iterate_hwloc), true },
	{ "for_each 0", RANDOM, 31, iterate_cmask, iterate_bare, iterate_naive, NULL,
	  HW(iterate_hwloc), true },
};

enum { CMASK, BARE, NAIVE, GLIBC, HWLOC, NR_IMPLS };

/*
 * The implementations take turns within each repeat, so that a change in
 * the machine's load hits all of them alike; then the median of each.
 */
static void measure_subject(const struct subject *s, struct operands *o, long iters,
			    double med[NR_IMPLS])
{
	bench_fn fn[NR_IMPLS] = { s->cmask, s->bare, s->naive, s->glibc, s->hwloc };
	double t[NR_IMPLS][101];

	for (int k = 0; k < NR_IMPLS; k++)
		if (fn[k])
			fn[k](o, k == NAIVE ? 1 : iters / 10 + 1);	/* warm up */
	for (int r = 0; r < repeats; r++)
		for (int k = 0; k < NR_IMPLS; k++)
			if (fn[k])	/* the per-bit loops are slow: fewer calls */
				t[k][r] = time_run(fn[k], o, k == NAIVE ? iters / 16 + 1 : iters);
	for (int k = 0; k < NR_IMPLS; k++)
		med[k] = fn[k] ? median(t[k], repeats) : 0;
}

static void print_cell(double v)
{
	if (v > 0)
		printf(" %9.1f", v);
	else
		printf(" %9s", "-");
}

static void print_ratio(double a, double b)
{
	if (b > 0)
		printf(" %6.2fx", a / b);
	else
		printf(" %7s", "-");
}

static void run_size(uint32_t nr)
{
	struct operands o;
	/* about 20 us per timed loop at 8192 cids, more calls when smaller */
	long iters = (long)(work_scale * 2000 * 8192 / (nr < 256 ? 256 : nr)) + 1;

	operands_init(&o, nr);
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		const struct subject *s = &subjects[i];
		double med[NR_IMPLS];
		uint32_t visits;

		shape_operands(&o, s->shape, s->density_log2);
		visits = scx_cmask_weight(o.a);
		measure_subject(s, &o, iters, med);
		printf("%-14s %5u", s->op, nr);
		for (int k = 0; k < NR_IMPLS; k++)
			print_cell(med[k]);
		printf(" ");
		print_ratio(med[CMASK], med[BARE]);
		print_ratio(med[CMASK], med[GLIBC]);
		print_ratio(med[CMASK], med[HWLOC]);
		if (s->visits)
			printf("  %5u cids, %.2f ns/cid", visits, visits ? med[CMASK] / visits : 0);
		printf("\n");
	}
	scx_cmask_free(o.a);
	scx_cmask_free(o.b);
	CPU_FREE(o.ca);
	CPU_FREE(o.cb);
#ifdef HAVE_HWLOC
	hwloc_bitmap_free(o.ha);
	hwloc_bitmap_free(o.hb);
#endif
}

int main(int argc, char **argv)
{
	static const uint32_t sizes[] = { 64, 1024, MAX_CIDS };
	int opt;

	while ((opt = getopt(argc, argv, "r:q")) != -1) {
		switch (opt) {
		case 'r':
			repeats = atoi(optarg);
			if (repeats < 1 || repeats > 101)
				repeats = 21;
			break;
		case 'q':
			work_scale = 0.02;
			break;
		default:
			fprintf(stderr, "usage: %s [-r repeats] [-q]\n", argv[0]);
			return 2;
		}
	}
	printf("libscxcmask cmask benchmark: median of %d runs, ns per operation\n", repeats);
	printf("ratios: cmask / bare loop, cmask / glibc CPU_*_S, cmask / hwloc_bitmap%s\n\n",
#ifdef HAVE_HWLOC
	       ""
#else
	       " (not built with hwloc)"
#endif
	);
	printf("%-14s %5s %9s %9s %9s %9s %9s  %7s %7s %7s\n", "op", "cids", "cmask", "bare",
	       "naive", "glibc", "hwloc", "/bare", "/glibc", "/hwloc");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		run_size(sizes[i]);
	printf("\nglibc: CPU_AND_S, CPU_OR_S, CPU_COUNT_S, CPU_EQUAL_S; for copy, memcpy of the set\n"
	       "(glibc has no CPU_COPY).  bare: one plain loop over the used words.\n");
	return sink == 42 ? 1 : 0;
}
