// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Userspace cmask operations, side by side in one process: the inline fast
 * path of <scxcmask/cmask.h> ("inline"), the exported function called as
 * (scx_cmask_op)() ("call"), a bare loop over the same words, glibc's
 * CPU_*_S macros, memcpy of the same words and (when built with it)
 * hwloc_bitmap, at 64, 256, 1024 and 8192 cids, with the masks' base at 0
 * (aligned) and at 37 (unaligned: one more word, head and tail padding).
 * Each figure is the median of REPEATS runs of a timed loop, in ns per
 * operation; the implementations take turns inside each repeat.
 * docs/PERFORMANCE.md records the results and the targets they check.
 *
 *   bench/cmask_bench [-r repeats] [-q] [-s cids]
 *	-q: fewer iterations, for a smoke run; -s: one size only
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
static double loop_ns = 200e3;	/* -q: 20 us */
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
	uint32_t base;		/* first cid of both masks */
	uint32_t words;		/* used words of the cmask */
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
		if (scx_cmask_test(o->base + c, o->a)) {
			CPU_SET_S(c, o->setsize, o->ca);
#ifdef HAVE_HWLOC
			hwloc_bitmap_set(o->ha, c);
#endif
		}
		if (scx_cmask_test(o->base + c, o->b)) {
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
			scx_cmask_set(o->base + c, o->a);
		if (s == RANDOM ? (rnd() & 1) : s == EQUAL ? in_a : !in_a)
			scx_cmask_set(o->base + c, o->b);
	}
	mirror(o);
}

static void operands_init(struct operands *o, uint32_t base, uint32_t nr)
{
	o->nr = nr;
	o->base = base;
	o->words = ((base & 63) + nr + 63) / 64;
	o->a = scx_cmask_alloc(base, nr);
	o->b = scx_cmask_alloc(base, nr);
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

/* Defines a bench function: @body runs @iters times, with @it the call's index. */
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

static __attribute__((noinline)) void bare_andnot(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] &= ~s[i];
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

/* single-cid subjects: a different cid each call, inside the window */
#define CID(o, it)	((o)->base + ((uint32_t)(it) & ((o)->nr - 1)))
#define SLOT(o, it)	(((o)->base & 63) + ((uint32_t)(it) & ((o)->nr - 1)))
#define BARE_TEST(o, it) ((U64((o)->a)[SLOT(o, it) / 64] >> (SLOT(o, it) % 64)) & 1)
#define BARE_SET(o, it)	(U64((o)->a)[SLOT(o, it) / 64] |= 1ull << (SLOT(o, it) % 64))
#define BARE_CLR(o, it)	(U64((o)->a)[SLOT(o, it) / 64] &= ~(1ull << (SLOT(o, it) % 64)))
#define MEMCPY_WORDS(o)	memcpy(U64((o)->a), U64((o)->b), (size_t)(o)->words * 8)

LOOP(and_inline, scx_cmask_and(o->a, o->b))
LOOP(and_call, (scx_cmask_and)(o->a, o->b))
LOOP(and_bare, bare_and(U64(o->a), U64(o->b), o->words))
LOOP(and_glibc, CPU_AND_S(o->setsize, o->ca, o->ca, o->cb))
LOOP(or_inline, scx_cmask_or(o->a, o->b))
LOOP(or_call, (scx_cmask_or)(o->a, o->b))
LOOP(or_bare, bare_or(U64(o->a), U64(o->b), o->words))
LOOP(or_glibc, CPU_OR_S(o->setsize, o->ca, o->ca, o->cb))
LOOP(andnot_inline, scx_cmask_andnot(o->a, o->b))
LOOP(andnot_call, (scx_cmask_andnot)(o->a, o->b))
LOOP(andnot_bare, bare_andnot(U64(o->a), U64(o->b), o->words))
LOOP(copy_inline, scx_cmask_copy(o->a, o->b))
LOOP(copy_call, (scx_cmask_copy)(o->a, o->b))
LOOP(copy_bare, bare_copy(U64(o->a), U64(o->b), o->words))
LOOP(memcpy_words, MEMCPY_WORDS(o))
LOOP(weight_call, acc += scx_cmask_weight(o->a))
LOOP(weight_bare, acc += bare_weight(U64(o->a), o->words))
LOOP(weight_glibc, acc += CPU_COUNT_S(o->setsize, o->ca))
LOOP(equal_inline, acc += scx_cmask_equal(o->a, o->b))
LOOP(equal_call, acc += (scx_cmask_equal)(o->a, o->b))
LOOP(equal_bare, acc += bare_equal(U64(o->a), U64(o->b), o->words))
LOOP(equal_glibc, acc += CPU_EQUAL_S(o->setsize, o->ca, o->cb))
LOOP(subset_inline, acc += scx_cmask_subset(o->a, o->b))
LOOP(subset_call, acc += (scx_cmask_subset)(o->a, o->b))
LOOP(subset_bare, acc += bare_subset(U64(o->a), U64(o->b), o->words))
LOOP(intersects_inline, acc += scx_cmask_intersects(o->a, o->b))
LOOP(intersects_call, acc += (scx_cmask_intersects)(o->a, o->b))
LOOP(intersects_bare, acc += bare_intersects(U64(o->a), U64(o->b), o->words))
LOOP(test_inline, acc += scx_cmask_test(CID(o, it), o->a))
LOOP(test_call, acc += (scx_cmask_test)(CID(o, it), o->a))
LOOP(test_bare, acc += BARE_TEST(o, it))
LOOP(test_glibc, acc += CPU_ISSET_S(it & (o->nr - 1), o->setsize, o->ca))
LOOP(set_inline, scx_cmask_set(CID(o, it), o->a))
LOOP(set_call, (scx_cmask_set)(CID(o, it), o->a))
LOOP(set_bare, BARE_SET(o, it))
LOOP(set_glibc, CPU_SET_S(it & (o->nr - 1), o->setsize, o->ca))
LOOP(clear_inline, scx_cmask_clear(CID(o, it), o->a))
LOOP(clear_call, (scx_cmask_clear)(CID(o, it), o->a))
LOOP(clear_bare, BARE_CLR(o, it))
LOOP(clear_glibc, CPU_CLR_S(it & (o->nr - 1), o->setsize, o->ca))
LOOP(set_na_inline, scx_cmask_set_nonatomic(CID(o, it), o->a))
LOOP(set_na_call, (scx_cmask_set_nonatomic)(CID(o, it), o->a))
LOOP(clear_na_inline, scx_cmask_clear_nonatomic(CID(o, it), o->a))
LOOP(clear_na_call, (scx_cmask_clear_nonatomic)(CID(o, it), o->a))
LOOP(iterate_inline, { uint32_t c; scx_cmask_for_each(c, o->a) acc += c; })
LOOP(iterate_bare, acc += bare_iterate(U64(o->a), o->words))
LOOP(next_set_call, {
	uint32_t end = scx_cmask_end(o->a);

	for (uint32_t c = scx_cmask_next_set(o->a, 0); c < end; c = scx_cmask_next_set(o->a, c + 1))
		acc += c;
})
#ifdef HAVE_HWLOC
LOOP(and_hwloc, hwloc_bitmap_and(o->ha, o->ha, o->hb))
LOOP(or_hwloc, hwloc_bitmap_or(o->ha, o->ha, o->hb))
LOOP(andnot_hwloc, hwloc_bitmap_andnot(o->ha, o->ha, o->hb))
LOOP(copy_hwloc, hwloc_bitmap_copy(o->ha, o->hb))
LOOP(weight_hwloc, acc += hwloc_bitmap_weight(o->ha))
LOOP(equal_hwloc, acc += hwloc_bitmap_isequal(o->ha, o->hb))
LOOP(subset_hwloc, acc += hwloc_bitmap_isincluded(o->ha, o->hb))
LOOP(intersects_hwloc, acc += hwloc_bitmap_intersects(o->ha, o->hb))
LOOP(test_hwloc, acc += hwloc_bitmap_isset(o->ha, it & (o->nr - 1)))
LOOP(iterate_hwloc, { int c; hwloc_bitmap_foreach_begin(c, o->ha) acc += c; hwloc_bitmap_foreach_end(); })
#define HW(f) f
#else
#define HW(f) NULL
#endif

enum { INLINE, CALL, BARE, GLIBC, MEMCPY, HWLOC, NR_IMPLS };

struct subject {
	const char *op;
	enum shape shape;
	unsigned int density_log2;	/* a's density is 1 / 2^this */
	bench_fn fn[NR_IMPLS];
	bool visits;			/* report ns per visited cid */
	bool vs_memcpy;			/* print inline / memcpy of the same words */
};

/* "inline" is what scx_cmask_op() gives (the header's macro, if any). */
static const struct subject subjects[] = {
	{ "and", RANDOM, 1, { and_inline, and_call, and_bare, and_glibc, memcpy_words, HW(and_hwloc) }, false, true },
	{ "or", RANDOM, 1, { or_inline, or_call, or_bare, or_glibc, memcpy_words, HW(or_hwloc) }, false, true },
	{ "andnot", RANDOM, 1, { andnot_inline, andnot_call, andnot_bare, NULL, memcpy_words, HW(andnot_hwloc) }, false, true },
	{ "copy", RANDOM, 1, { copy_inline, copy_call, copy_bare, NULL, memcpy_words, HW(copy_hwloc) }, false, true },
	{ "weight", RANDOM, 1, { weight_call, NULL, weight_bare, weight_glibc, NULL, HW(weight_hwloc) }, false, false },
	{ "equal", EQUAL, 1, { equal_inline, equal_call, equal_bare, equal_glibc, NULL, HW(equal_hwloc) }, false, false },
	{ "subset", EQUAL, 1, { subset_inline, subset_call, subset_bare, NULL, NULL, HW(subset_hwloc) }, false, false },
	{ "intersects", DISJOINT, 1, { intersects_inline, intersects_call, intersects_bare, NULL, NULL, HW(intersects_hwloc) }, false, false },
	{ "test", RANDOM, 1, { test_inline, test_call, test_bare, test_glibc, NULL, HW(test_hwloc) }, false, false },
	{ "set", RANDOM, 1, { set_inline, set_call, set_bare, set_glibc, NULL, NULL }, false, false },
	{ "clear", RANDOM, 1, { clear_inline, clear_call, clear_bare, clear_glibc, NULL, NULL }, false, false },
	{ "set_nonatomic", RANDOM, 1, { set_na_inline, set_na_call, set_bare, set_glibc, NULL, NULL }, false, false },
	{ "clear_nonatomic", RANDOM, 1, { clear_na_inline, clear_na_call, clear_bare, clear_glibc, NULL, NULL }, false, false },
	{ "for_each 1/2", RANDOM, 1, { iterate_inline, NULL, iterate_bare, NULL, NULL, HW(iterate_hwloc) }, true, false },
	{ "next_set 1/2", RANDOM, 1, { next_set_call, NULL, iterate_bare, NULL, NULL, HW(iterate_hwloc) }, true, false },
	{ "for_each 1/64", RANDOM, 6, { iterate_inline, NULL, iterate_bare, NULL, NULL, HW(iterate_hwloc) }, true, false },
	{ "for_each 0", RANDOM, 31, { iterate_inline, NULL, iterate_bare, NULL, NULL, HW(iterate_hwloc) }, true, false },
};

/*
 * The implementations take turns within each repeat, so that a change in
 * the machine's load hits all of them alike; then the median of each.
 */
static void measure_subject(const struct subject *s, struct operands *o, double med[NR_IMPLS])
{
	double t[NR_IMPLS][101];
	long n[NR_IMPLS];

	/*
	 * Calls per timed loop: enough for the loop to last loop_ns, so that
	 * the two clock reads around it (a system call each, for thread CPU
	 * time) stay below 1% of it.  Also the warm-up.
	 */
	for (int k = 0; k < NR_IMPLS; k++) {
		if (!s->fn[k])
			continue;
		for (n[k] = 1; n[k] < (1L << 30); n[k] *= 2)
			if (time_run(s->fn[k], o, n[k]) * n[k] >= loop_ns)
				break;
	}
	for (int r = 0; r < repeats; r++)
		for (int k = 0; k < NR_IMPLS; k++)
			if (s->fn[k])
				t[k][r] = time_run(s->fn[k], o, n[k]);
	for (int k = 0; k < NR_IMPLS; k++)
		med[k] = s->fn[k] ? median(t[k], repeats) : 0;
}

static void print_cell(double v)
{
	if (v > 0)
		printf(" %8.2f", v);
	else
		printf(" %8s", "-");
}

static void print_ratio(double a, double b)
{
	if (a > 0 && b > 0)
		printf(" %6.2fx", a / b);
	else
		printf(" %7s", "-");
}

static void run_size(uint32_t base, uint32_t nr)
{
	struct operands o;
	operands_init(&o, base, nr);
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		const struct subject *s = &subjects[i];
		double med[NR_IMPLS], best;
		uint32_t visits;

		shape_operands(&o, s->shape, s->density_log2);
		visits = scx_cmask_weight(o.a);
		measure_subject(s, &o, med);
		printf("%-15s %5u %4u", s->op, nr, base);
		for (int k = 0; k < NR_IMPLS; k++)
			print_cell(med[k]);
		printf(" ");
		best = med[BARE];
		if (med[GLIBC] > 0 && (best <= 0 || med[GLIBC] < best))
			best = med[GLIBC];
		print_ratio(med[INLINE], best);
		print_ratio(s->vs_memcpy ? med[INLINE] : 0, med[MEMCPY]);
		print_ratio(med[INLINE], med[HWLOC]);
		if (s->visits)
			printf("  %5u cids, %.2f ns/cid", visits, visits ? med[INLINE] / visits : 0);
		printf("\n");
		fflush(stdout);
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
	static const uint32_t sizes[] = { 64, 256, 1024, MAX_CIDS };
	static const uint32_t bases[] = { 0, 37 };
	uint32_t only = 0;
	int opt;

	while ((opt = getopt(argc, argv, "r:qs:")) != -1) {
		switch (opt) {
		case 'r':
			repeats = atoi(optarg);
			if (repeats < 1 || repeats > 101)
				repeats = 21;
			break;
		case 'q':
			loop_ns = 20e3;
			break;
		case 's':
			only = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-r repeats] [-q] [-s cids]\n", argv[0]);
			return 2;
		}
	}
	printf("libscxcmask cmask benchmark: median of %d runs, ns per operation\n", repeats);
	printf("inline: scx_cmask_op() (the header's fast path, falling back to the library);\n"
	       "call: (scx_cmask_op)(), the exported function; bare: a plain loop over the used\n"
	       "words; glibc: CPU_*_S; memcpy: memcpy of the same words; hwloc: hwloc_bitmap_*%s\n"
	       "in/best: inline / min(bare, glibc); in/memcpy; in/hwloc\n\n",
#ifdef HAVE_HWLOC
	       ""
#else
	       " (not built with hwloc)"
#endif
	);
	printf("%-15s %5s %4s %8s %8s %8s %8s %8s %8s  %7s %7s %7s\n", "op", "cids", "base", "inline",
	       "call", "bare", "glibc", "memcpy", "hwloc", "in/best", "in/mcpy", "in/hwl");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (size_t j = 0; j < sizeof(bases) / sizeof(bases[0]); j++)
			if (!only || only == sizes[i])
				run_size(bases[j], sizes[i]);
	return sink == 42 ? 1 : 0;
}
