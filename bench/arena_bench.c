// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * What the arena view's checks cost: translating a BPF address, checking a
 * cmask in place, and copying one out of the arena (copy_out into an agent
 * mask, dup into a new one), beside scx_cmask_copy() between two trusted
 * agent masks of the same size.  64, 1024 and 8192 cids; each figure is
 * the median of REPEATS timed loops, in ns per operation (thread CPU time).
 * docs/PERFORMANCE.md records the results.
 *
 *   bench/arena_bench [-r repeats] [-q]   (-q: fewer iterations)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <scxcmask/arena.h>

#define ARENA_SZ	(64 * 1024)

static int repeats = 21;
static double work_scale = 1.0;
static volatile uint64_t sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct bench_ctx {
	struct scx_arena_view v;
	char *arena;
	struct scx_cmask *src;		/* in the arena */
	struct scx_cmask *dst, *plain;	/* agent memory */
	uint64_t addr;
};

enum op { OP_PTR, OP_CMASK, OP_COPY_OUT, OP_DUP, OP_PLAIN_COPY };

static void run_op(struct bench_ctx *c, enum op op)
{
	struct scx_cmask *m;
	void *p;

	switch (op) {
	case OP_PTR:
		sink += scx_arena_ptr(&c->v, c->addr, 16, &p);
		sink += (uintptr_t)p;
		break;
	case OP_CMASK:
		sink += scx_arena_cmask(&c->v, c->src, &m);
		break;
	case OP_COPY_OUT:
		sink += scx_arena_cmask_copy_out(&c->v, c->src, c->dst);
		break;
	case OP_DUP:
		if (!scx_arena_cmask_dup(&c->v, c->src, &m)) {
			sink += m->bits[0];
			scx_cmask_free(m);
		}
		break;
	case OP_PLAIN_COPY:
		scx_cmask_copy(c->dst, c->plain);
		break;
	}
	__asm__ volatile("" ::: "memory");
}

static double time_op(struct bench_ctx *c, enum op op, long iters)
{
	double *t = calloc(repeats, sizeof(*t)), med;
	long i;
	int r;

	for (r = 0; r < repeats; r++) {
		double start = now_ns();

		for (i = 0; i < iters; i++)
			run_op(c, op);
		t[r] = (now_ns() - start) / iters;
	}
	qsort(t, repeats, sizeof(*t), cmp_double);
	med = t[repeats / 2];
	free(t);
	return med;
}

int main(int argc, char **argv)
{
	static const uint32_t sizes[] = { 64, 1024, 8192 };
	struct bench_ctx c;
	int opt;
	size_t i;

	while ((opt = getopt(argc, argv, "r:q")) != -1) {
		if (opt == 'r')
			repeats = atoi(optarg) > 0 ? atoi(optarg) : 1;
		else if (opt == 'q')
			work_scale = 0.01;
		else
			return fprintf(stderr, "usage: %s [-r repeats] [-q]\n", argv[0]), 2;
	}
	c.arena = mmap(NULL, ARENA_SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c.arena == MAP_FAILED || scx_arena_view_init(&c.v, c.arena, ARENA_SZ, NULL))
		return perror("arena"), 1;
	c.addr = (uint32_t)((uintptr_t)c.arena + 0x1000);	/* a 32-bit form address */
	printf("ns per operation, median of %d runs\n", repeats);
	printf("%-28s %10s %10s %10s\n", "operation", "64", "1024", "8192");
	{
		static const char *const names[] = {
			"scx_arena_ptr (32-bit addr)", "scx_arena_cmask (check)",
			"scx_arena_cmask_copy_out", "scx_arena_cmask_dup",
			"scx_cmask_copy (agent)",
		};
		double res[5][3];
		int op;

		for (i = 0; i < 3; i++) {
			uint32_t nr = sizes[i], w;

			c.src = (struct scx_cmask *)(c.arena + 0x1000);
			scx_cmask_init(c.src, 0, nr);
			for (w = 0; w < c.src->alloc_words; w++)
				c.src->bits[w] = 0x9e3779b97f4a7c15ULL * (w + 1);
			c.dst = scx_cmask_alloc(0, nr);
			c.plain = scx_cmask_alloc(0, nr);
			scx_cmask_copy(c.plain, c.src);
			for (op = OP_PTR; op <= OP_PLAIN_COPY; op++)	/* warm up */
				(void)time_op(&c, op, 1000);
			for (op = OP_PTR; op <= OP_PLAIN_COPY; op++)
				res[op][i] = time_op(&c, op, (long)(2e6 * work_scale / (1 + nr / 256)) + 1);
			scx_cmask_free(c.dst);
			scx_cmask_free(c.plain);
		}
		for (op = OP_PTR; op <= OP_PLAIN_COPY; op++)
			printf("%-28s %10.1f %10.1f %10.1f\n", names[op], res[op][0], res[op][1],
			       res[op][2]);
	}
	munmap(c.arena, ARENA_SZ);
	return 0;
}
