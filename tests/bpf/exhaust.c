// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Budget-exhaustion test: a BPF helper that runs after the program's
 * may_goto loop budget is spent must never report a change it did not make
 * or a result it did not compute (issue 9, defect 7).  For each case the
 * syscall program in exhaust.bpf.c first spins until can_loop says stop,
 * then calls one helper on 129-word masks in the arena; the loader checks:
 *
 * - the early-stop hook (overridden to count) was called exactly when the
 *   helper had to give up: always for an atomic that needed a write, and
 *   for a helper that needs a word loop when word loops use may_goto (not
 *   with bpf_for, whose loops always finish);
 * - without a hook call, the result and every word equal what libscxcmask
 *   computes on a copy (the change reported really happened);
 * - with a hook call, the result is the documented "not done" value of
 *   <scxcmask/cmask.bpf.h> and the masks are unchanged (atomics, readers),
 *   or left as documented (writers: header kept, padding clean; init:
 *   valid and empty).
 *
 * Every case also runs once without spending the budget, where it must
 * agree with the library exactly and call no hook.  Built per BPF build
 * mode; needs root and arenas (else exit 77).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/cmask.h>
#include "exhaust.h"
#include "arena_probe.h"

#if defined(EXHAUST_FALLBACK)
#include "exhaust_fallback.skel.h"
#define SKEL(fn)	exhaust_fallback__##fn
typedef struct exhaust_fallback skel_t;
static const char mode_name[] = "asm-cast fallback, may_goto loops";
static const int word_loops_stop = 1;
#elif defined(EXHAUST_BPF_FOR)
#include "exhaust_bpffor.skel.h"
#define SKEL(fn)	exhaust_bpffor__##fn
typedef struct exhaust_bpffor skel_t;
static const char mode_name[] = "native __arena, bpf_for loops";
static const int word_loops_stop = 0;
#else
#include "exhaust_native.skel.h"
#define SKEL(fn)	exhaust_native__##fn
typedef struct exhaust_native skel_t;
static const char mode_name[] = "native __arena, may_goto loops";
static const int word_loops_stop = 1;
#endif

/* 129 words: base 5, 8192 cids */
#define BASE		5u
#define NR		8192u
#define END		(BASE + NR)
#define WORDS		SCX_CMASK_NR_WORDS(NR + (BASE & 63))
#define MASK_BYTES	(16 + 8 * (size_t)WORDS)
#define LAST_CID	(END - 1)
#define MID_CID		(BASE + NR / 2)
#define EAGAIN_RET	(-11)

enum nd_kind {
	ND_UNCHANGED,	/* both masks byte for byte as before */
	ND_PARTIAL,	/* a's header kept and its padding clean; b unchanged */
	ND_INIT,	/* a valid with nr_cids 0 at the base asked for */
};

enum fill_kind { F_EMPTY, F_FULL, F_LAST, F_MID, F_PATTERN, F_PATTERN2 };

struct xcase {
	const char *name;
	int op;
	uint32_t cid, arg;
	int fa, fb;		/* contents of a and b (enum fill_kind) */
	int may_goto;		/* a may_goto loop in every build mode: the
				 * atomics' CAS when a write is needed, for_each */
	int needs_loop;		/* a word loop over more than one word */
	int64_t nd_ret;		/* the documented "not done" result */
	int nd_kind;
};

static const struct xcase cases[] = {
	{ "set (bit clear)", EX_SET, LAST_CID, 0, F_EMPTY, F_EMPTY, 1, 0, EAGAIN_RET, ND_UNCHANGED },
	{ "set (bit already set)", EX_SET, LAST_CID, 0, F_FULL, F_EMPTY, 0, 0, 0, ND_UNCHANGED },
	{ "clear (bit set)", EX_CLEAR, MID_CID, 0, F_FULL, F_EMPTY, 1, 0, EAGAIN_RET, ND_UNCHANGED },
	{ "clear (bit already clear)", EX_CLEAR, MID_CID, 0, F_EMPTY, F_EMPTY, 0, 0, 0, ND_UNCHANGED },
	{ "test_and_set (bit clear)", EX_TEST_AND_SET, MID_CID, 0, F_EMPTY, F_EMPTY, 1, 0, 1, ND_UNCHANGED },
	{ "test_and_set (bit set)", EX_TEST_AND_SET, MID_CID, 0, F_FULL, F_EMPTY, 0, 0, 1, ND_UNCHANGED },
	{ "test_and_clear (bit set)", EX_TEST_AND_CLEAR, BASE, 0, F_FULL, F_EMPTY, 1, 0, 0, ND_UNCHANGED },
	{ "test_and_clear (bit clear)", EX_TEST_AND_CLEAR, BASE, 0, F_EMPTY, F_EMPTY, 0, 0, 0, ND_UNCHANGED },
	{ "init", EX_INIT, BASE, NR, F_FULL, F_EMPTY, 0, 1, EAGAIN_RET, ND_INIT },
	{ "init_alloc", EX_INIT_ALLOC, BASE, NR, F_PATTERN, F_EMPTY, 0, 1, EAGAIN_RET, ND_INIT },
	{ "zero", EX_ZERO, 0, 0, F_FULL, F_EMPTY, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "fill", EX_FILL, 0, 0, F_EMPTY, F_EMPTY, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "and", EX_AND, 0, 0, F_FULL, F_PATTERN, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "or", EX_OR, 0, 0, F_EMPTY, F_PATTERN, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "copy", EX_COPY, 0, 0, F_FULL, F_PATTERN, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "andnot", EX_ANDNOT, 0, 0, F_FULL, F_PATTERN, 0, 1, EAGAIN_RET, ND_PARTIAL },
	{ "empty", EX_EMPTY, 0, 0, F_LAST, F_EMPTY, 0, 1, 1, ND_UNCHANGED },
	{ "weight", EX_WEIGHT, 0, 0, F_FULL, F_EMPTY, 0, 1, 0, ND_UNCHANGED },
	{ "equal (equal masks)", EX_EQUAL, 0, 0, F_PATTERN, F_PATTERN, 0, 1, 0, ND_UNCHANGED },
	{ "equal (differ mid-mask)", EX_EQUAL, 0, 0, F_PATTERN, F_PATTERN2, 0, 1, 0, ND_UNCHANGED },
	{ "subset", EX_SUBSET, 0, 0, F_PATTERN, F_FULL, 0, 1, 0, ND_UNCHANGED },
	{ "intersects", EX_INTERSECTS, 0, 0, F_MID, F_FULL, 0, 1, 0, ND_UNCHANGED },
	{ "first_set", EX_FIRST_SET, 0, 0, F_LAST, F_EMPTY, 0, 1, END, ND_UNCHANGED },
	{ "next_set", EX_NEXT_SET, BASE + 1, 0, F_LAST, F_EMPTY, 0, 1, END, ND_UNCHANGED },
	{ "next_and_set", EX_NEXT_AND_SET, BASE, 0, F_LAST, F_FULL, 0, 1, END, ND_UNCHANGED },
	{ "next_set_wrap", EX_NEXT_SET_WRAP, MID_CID + 1, 0, F_MID, F_EMPTY, 0, 1, END, ND_UNCHANGED },
	{ "next_and_set_wrap", EX_NEXT_AND_SET_WRAP, MID_CID + 1, 0, F_MID, F_FULL, 0, 1, END, ND_UNCHANGED },
	{ "next_and2_set", EX_NEXT_AND2_SET, BASE, 0, F_LAST, F_FULL, 0, 1, END, ND_UNCHANGED },
	{ "next_and2_set_wrap", EX_NEXT_AND2_SET_WRAP, MID_CID + 1, 0, F_MID, F_FULL, 0, 1, END, ND_UNCHANGED },
	{ "for_each", EX_FOR_EACH, 0, 0, F_LAST, F_EMPTY, 1, 1, 0, ND_UNCHANGED },
};

static unsigned int passed, failed;

static void fill(struct scx_cmask *m, int kind)
{
	uint32_t c;

	scx_cmask_init(m, BASE, NR);
	switch (kind) {
	case F_FULL:
		scx_cmask_fill(m);
		break;
	case F_LAST:
		scx_cmask_set(LAST_CID, m);
		break;
	case F_MID:
		scx_cmask_set(MID_CID, m);
		break;
	case F_PATTERN:
	case F_PATTERN2:
		for (c = BASE; c < END; c += 7)
			scx_cmask_set(c, m);
		if (kind == F_PATTERN2)
			scx_cmask_set(MID_CID + 1, m);	/* not a multiple of 7 away */
		break;
	}
}

/* The library's answer for @c on @a, @b; for_each's sum in *@sum. */
static int64_t truth(const struct xcase *c, struct scx_cmask *a, struct scx_cmask *b,
		     uint64_t *sum)
{
	int64_t n = 0;
	uint32_t cid;

	*sum = 0;
	switch (c->op) {
	case EX_SET:			return scx_cmask_set(c->cid, a);
	case EX_CLEAR:			return scx_cmask_clear(c->cid, a);
	case EX_TEST_AND_SET:		return scx_cmask_test_and_set(c->cid, a);
	case EX_TEST_AND_CLEAR:		return scx_cmask_test_and_clear(c->cid, a);
	case EX_INIT:			return scx_cmask_init(a, c->cid, c->arg);
	case EX_INIT_ALLOC:		return scx_cmask_init_alloc(a, c->cid, c->arg, c->arg);
	case EX_ZERO:			return scx_cmask_zero(a);
	case EX_FILL:			return scx_cmask_fill(a);
	case EX_AND:			return scx_cmask_and(a, b);
	case EX_OR:			return scx_cmask_or(a, b);
	case EX_COPY:			return scx_cmask_copy(a, b);
	case EX_ANDNOT:			return scx_cmask_andnot(a, b);
	case EX_EMPTY:			return scx_cmask_empty(a);
	case EX_WEIGHT:			return scx_cmask_weight(a);
	case EX_EQUAL:			return scx_cmask_equal(a, b);
	case EX_SUBSET:			return scx_cmask_subset(a, b);
	case EX_INTERSECTS:		return scx_cmask_intersects(a, b);
	case EX_FIRST_SET:		return scx_cmask_first_set(a);
	case EX_NEXT_SET:		return scx_cmask_next_set(a, c->cid);
	case EX_NEXT_AND_SET:		return scx_cmask_next_and_set(a, b, c->cid);
	case EX_NEXT_SET_WRAP:		return scx_cmask_next_set_wrap(a, c->cid);
	case EX_NEXT_AND_SET_WRAP:	return scx_cmask_next_and_set_wrap(a, b, c->cid);
	case EX_NEXT_AND2_SET:		return scx_cmask_next_and2_set(a, b, b, c->cid);
	case EX_NEXT_AND2_SET_WRAP:	return scx_cmask_next_and2_set_wrap(a, b, b, c->cid);
	case EX_FOR_EACH:
		scx_cmask_for_each(cid, a) {
			*sum += cid;
			n++;
		}
		return n;
	}
	return -1000;
}

static void check(int ok, const char *what, const struct xcase *c, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void check(int ok, const char *what, const struct xcase *c, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s [%s]: ", c->name, what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* a's padding (head bits below the base, tail bits past the end) clear */
static int padding_clean(const struct scx_cmask *m)
{
	uint64_t head = ~(~0ull << (BASE & 63)), tail = ~0ull << (((END - 1) & 63) + 1);

	if (((END - 1) & 63) == 63)
		tail = 0;
	return !(m->bits[0] & head) && !(m->bits[WORDS - 1] & tail);
}

static int run_case(skel_t *skel, uint8_t *arena, const struct xcase *c, int spend,
		    uint64_t *spins, double *secs)
{
	struct scx_cmask *a = (struct scx_cmask *)(arena + EXHAUST_A_OFF);
	struct scx_cmask *b = (struct scx_cmask *)(arena + EXHAUST_B_OFF);
	struct exhaust_ctx ctx = {
		.a = (uint64_t)(uintptr_t)a, .b = (uint64_t)(uintptr_t)b,
		.op = c->op, .cid = c->cid, .arg = c->arg, .spend = spend,
	};
	/* a syscall program's context is copied back into ctx_in */
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));
	static uint64_t ta_buf[WORDS + 2], tb_buf[WORDS + 2], a0[WORDS + 2], b0[WORDS + 2];
	struct scx_cmask *ta = (struct scx_cmask *)ta_buf, *tb = (struct scx_cmask *)tb_buf;
	const char *what = spend ? "budget spent" : "fresh budget";
	struct timespec t0, t1;
	int64_t want;
	uint64_t sum;
	int hooked, expect_hook, same_a, same_b, done;

	fill(a, c->fa);
	fill(b, c->fb);
	memcpy(a0, a, MASK_BYTES);
	memcpy(b0, b, MASK_BYTES);
	memcpy(ta, a, MASK_BYTES);
	memcpy(tb, b, MASK_BYTES);
	want = truth(c, ta, tb, &sum);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.exhaust_run), &opts)) {
		check(0, what, c, "bpf_prog_test_run: %s", strerror(errno));
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (spins)
		*spins = ctx.spins;
	if (secs)
		*secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	hooked = ctx.hooks > 0;
	expect_hook = spend && (c->may_goto || (c->needs_loop && word_loops_stop));
	same_a = !memcmp(a, a0, MASK_BYTES);
	same_b = !memcmp(b, b0, MASK_BYTES);
	if (spend && (ctx.still_loops || !ctx.spins)) {
		check(0, what, c, "the budget was not spent (%" PRIu64 " spins, can_loop still %u)",
		      (uint64_t)ctx.spins, ctx.still_loops);
		return 0;
	}
	done = ctx.ret == want && !memcmp(a, ta, MASK_BYTES) && !memcmp(b, tb, MASK_BYTES) &&
	       (c->op != EX_FOR_EACH || ctx.ret2 == sum);
	if (!hooked && !done) {
		/* the defect: an answer or a change that did not happen */
		check(0, what, c, "returned %" PRId64 " without calling the hook, but the library "
		      "returns %" PRId64 " and mask a %s its result (the bit of cid %u: %d, library %d)",
		      (int64_t)ctx.ret, want, memcmp(a, ta, MASK_BYTES) ? "differs from" : "equals",
		      c->cid, scx_cmask_test(c->cid, a), scx_cmask_test(c->cid, ta));
		return 0;
	}
	if (hooked != expect_hook) {
		check(0, what, c, "the hook was called %" PRIu64 " times, expected %s (returned %" PRId64 ")",
		      (uint64_t)ctx.hooks, expect_hook ? "a call" : "none", (int64_t)ctx.ret);
		return 0;
	}
	if (!hooked) {
		passed++;	/* done: exactly the library's result, change and all */
		return 0;
	}
	/* not done: the documented value, and nothing claimed that did not happen */
	if (ctx.ret != c->nd_ret) {
		check(0, what, c, "gave up (hook called) but returned %" PRId64 ", documented %" PRId64
		      " (library's answer %" PRId64 ")", (int64_t)ctx.ret, c->nd_ret, want);
		return 0;
	}
	switch (c->nd_kind) {
	case ND_UNCHANGED:
		check(same_a && same_b, what, c, "gave up but changed mask %s", same_a ? "b" : "a");
		break;
	case ND_PARTIAL:
		check(same_b && !memcmp(a, a0, 16) && padding_clean(a), what, c,
		      "gave up: b %s, a's header %s, a's padding %s", same_b ? "kept" : "CHANGED",
		      memcmp(a, a0, 16) ? "CHANGED" : "kept", padding_clean(a) ? "clean" : "DIRTY");
		break;
	case ND_INIT:
		check(a->base == c->cid && a->nr_cids == 0 && scx_cmask_valid(a) == 0 &&
		      scx_cmask_empty(a), what, c, "gave up: a is base %u nr_cids %u (valid %d)",
		      a->base, a->nr_cids, scx_cmask_valid(a));
		break;
	}
	return 0;
}

int main(void)
{
	uint64_t spins = 0;
	double secs = 0;
	uint8_t *arena;
	skel_t *skel;
	char why[256];
	size_t size, i;

	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	skel = SKEL(open_and_load)();
	if (!skel) {
		printf("FAIL: the program did not pass the verifier (%s); see the log above\n",
		       strerror(errno));
		printf("0 passed, 1 failed\n");
		return 1;
	}
	arena = bpf_map__initial_value(skel->maps.arena, &size);
	if (!arena) {
		printf("FAIL: arena not mapped\n0 passed, 1 failed\n");
		SKEL(destroy)(skel);
		return 1;
	}
	printf("budget exhaustion (%s): %zu cases, each with a fresh and a spent budget\n",
	       mode_name, sizeof(cases) / sizeof(cases[0]));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (run_case(skel, arena, &cases[i], 0, NULL, NULL) ||
		    run_case(skel, arena, &cases[i], 1, i ? NULL : &spins, i ? NULL : &secs))
			break;
	}
	printf("the budget ran out after %" PRIu64 " iterations (%.3f s)\n", spins, secs);
	SKEL(destroy)(skel);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
