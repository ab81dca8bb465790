// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Run time per cmask operation: in the kernel (bench.bpf.c, each program
 * timing its own loop with bpf_ktime_get_ns()) and in the agent library on
 * the same masks, at 64, 1024 and 8192 cids.  The kernel figure is the
 * loop's time minus an empty loop's, per call; the best of several runs.
 * Not a test (timing on shared machines is noise); docs/PERFORMANCE.md
 * records its output.  Needs root and arenas.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/cmask.h>
#include "bench.h"
#include "arena_probe.h"

#if defined(BENCH_FALLBACK)
#include "bench_fallback.skel.h"
#define SKEL(fn)	bench_fallback__##fn
typedef struct bench_fallback skel_t;
static const char mode_name[] = "asm-cast fallback, may_goto loops";
#elif defined(BENCH_BPF_FOR)
#include "bench_bpffor.skel.h"
#define SKEL(fn)	bench_bpffor__##fn
typedef struct bench_bpffor skel_t;
static const char mode_name[] = "native __arena, bpf_for loops";
#else
#include "bench_native.skel.h"
#define SKEL(fn)	bench_native__##fn
typedef struct bench_native skel_t;
static const char mode_name[] = "native __arena, may_goto loops";
#endif

#define RUNS	7

enum setup { DENSE, DISJOINT, SUBSET, SAME, ZERO, LAST_ONLY };

struct op {
	const char *name;
	enum setup setup;
	int mid_cid;		/* the cid argument: the middle of the window */
};

/* in user_call()'s order */
static const struct op ops[] = {
	{ "and", DENSE, 0 }, { "or", DENSE, 0 }, { "copy", DENSE, 0 }, { "andnot", DENSE, 0 },
	{ "weight", DENSE, 0 }, { "intersects", DISJOINT, 0 }, { "subset", SUBSET, 0 },
	{ "equal", SAME, 0 }, { "empty_mask", ZERO, 0 }, { "zero", DENSE, 0 }, { "fill", DENSE, 0 },
	{ "next_set", LAST_ONLY, 0 }, { "test", DENSE, 1 }, { "set", DENSE, 1 },
	{ "test_and_clear", DENSE, 1 },
	{ "ref_and", DENSE, 0 }, { "ref_weight", DENSE, 0 }, { "ref_intersects", DISJOINT, 0 },
};

static uint64_t seed = 88172645463325252ull;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static void setup_masks(struct scx_cmask *a, struct scx_cmask *b, uint32_t nr, enum setup s)
{
	scx_cmask_init(a, 0, nr);
	scx_cmask_init(b, 0, nr);
	for (uint32_t w = 0; w < a->alloc_words; w++) {
		switch (s) {
		case DENSE: a->bits[w] = rnd(); b->bits[w] = rnd(); break;
		case DISJOINT: a->bits[w] = 0x5555555555555555ull; b->bits[w] = ~a->bits[w]; break;
		case SUBSET: a->bits[w] = rnd(); b->bits[w] = ~0ull; break;
		case SAME: a->bits[w] = b->bits[w] = rnd(); break;
		default: a->bits[w] = b->bits[w] = 0; break;
		}
	}
	if (s == LAST_ONLY)
		scx_cmask_set(nr - 1, a);
	/* padding zero, as the library leaves it */
	scx_cmask_and(a, a);
	scx_cmask_and(b, b);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static volatile uint64_t user_sink;

/* The agent library on the same masks (through the arena mapping). */
static uint64_t user_call(int op, struct scx_cmask *a, struct scx_cmask *b, uint32_t cid)
{
	switch (op) {
	case 0: case 15: return scx_cmask_and(a, b);
	case 1: return scx_cmask_or(a, b);
	case 2: return scx_cmask_copy(a, b);
	case 3: return scx_cmask_andnot(a, b);
	case 4: case 16: return scx_cmask_weight(a);
	case 5: case 17: return scx_cmask_intersects(a, b);
	case 6: return scx_cmask_subset(a, b);
	case 7: return scx_cmask_equal(a, b);
	case 8: return scx_cmask_empty(a);
	case 9: return scx_cmask_zero(a);
	case 10: return scx_cmask_fill(a);
	case 11: return scx_cmask_next_set(a, cid);
	case 12: return scx_cmask_test(cid, a);
	case 13: return scx_cmask_set(cid, a);
	default: return scx_cmask_test_and_clear(cid, a);
	}
}

/* ns per call in userspace, the best of RUNS loops */
static double user_time(int op, struct scx_cmask *a, struct scx_cmask *b, uint32_t cid,
			uint32_t iters)
{
	double best = 1e30;

	for (int r = 0; r < RUNS; r++) {
		double t0 = now_ns(), t;
		uint64_t s = 0;

		for (uint32_t i = 0; i < iters; i++)
			s += user_call(op, a, b, cid);
		t = (now_ns() - t0) / iters;
		user_sink += s;
		if (t < best)
			best = t;
	}
	return best;
}

static int bpf_time(skel_t *skel, const char *name, struct bench_ctx *ctx, double *ns)
{
	char prog_name[64];
	struct bpf_program *prog;
	double best = 1e30;

	snprintf(prog_name, sizeof(prog_name), "bench_%s", name);
	prog = bpf_object__find_program_by_name(skel->obj, prog_name);
	if (!prog)
		return -ENOENT;
	for (int r = 0; r < RUNS; r++) {
		/* a syscall program's ctx is copied back into ctx_in */
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof(*ctx));
		int err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);

		if (err)
			return err;
		if (ctx->ns < best)
			best = ctx->ns;
	}
	*ns = best;
	return 0;
}

int main(void)
{
	static const uint32_t sizes[] = { 64, 1024, 8192 };
	char why[256];
	skel_t *skel;
	uint8_t *arena;
	size_t size;

	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	skel = SKEL(open_and_load)();
	if (!skel) {
		printf("FAIL: cannot load the benchmark programs: %s\n", strerror(errno));
		return 1;
	}
	arena = bpf_map__initial_value(skel->maps.arena, &size);
	if (!arena) {
		printf("FAIL: arena not mapped\n");
		return 1;
	}
	/* masks at 4 KiB and 8 KiB: offset 0 stays unused */
	struct scx_cmask *a = (struct scx_cmask *)(arena + 4096);
	struct scx_cmask *b = (struct scx_cmask *)(arena + 8192);

	printf("ns per call, BPF helpers (%s) and the agent library, base 0\n", mode_name);
	printf("| %-15s | %5s | %9s | %9s |\n", "operation", "cids", "BPF", "userspace");
	printf("|-----------------|------:|----------:|----------:|\n");
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint32_t nr = sizes[s], iters = nr >= 8192 ? 2000 : nr >= 1024 ? 10000 : 50000;
		struct bench_ctx ctx = {
			.a = (uint64_t)(uintptr_t)a, .b = (uint64_t)(uintptr_t)b, .iters = iters,
		};
		double empty;

		setup_masks(a, b, nr, DENSE);
		if (bpf_time(skel, "empty", &ctx, &empty)) {
			printf("FAIL: bench_empty: %s\n", strerror(errno));
			return 1;
		}
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
			double kns, uns;
			int err;

			ctx.cid = ops[i].mid_cid ? nr / 2 : 0;
			setup_masks(a, b, nr, ops[i].setup);
			err = bpf_time(skel, ops[i].name, &ctx, &kns);
			if (err) {
				printf("FAIL: bench_%s: %s\n", ops[i].name, strerror(-err));
				return 1;
			}
			setup_masks(a, b, nr, ops[i].setup);
			uns = user_time((int)i, a, b, ctx.cid, iters);
			printf("| %-15s | %5u | %9.1f | %9.1f |\n", ops[i].name, nr,
			       (kns - empty) / iters, uns);
		}
		printf("| %-15s | %5u | %9.1f | %9s |\n", "(empty loop)", nr, empty / iters, "");
	}
	SKEL(destroy)(skel);
	return 0;
}
