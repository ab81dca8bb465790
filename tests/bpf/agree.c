// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Agreement test: the BPF helpers (<scxcmask/cmask.bpf.h>, run by the
 * kernel's JIT in syscall programs) and libscxcmask's exported functions
 * must give the same return values and leave every word of every mask the
 * same, on the same random inputs.
 *
 * Each batch of cases is generated into region A of a BPF arena and copied
 * to region U; the BPF program works on A, the library on U, both through
 * the arena (the library through this process's mapping of it).  Inputs
 * have unaligned bases, windows of 0 to 8192 cids, partly overlapping
 * windows, invalid headers, and garbage in padding and unused words.
 *
 * Built once per BPF build mode (native __arena, forced asm casts, bpf_for
 * word loops instead of may_goto).  Needs
 * root and a kernel with BPF arenas; exits 77 without them.
 * AGREE_SEED=<n> replays another random sequence; AGREE_CASES sets the cases
 * per family (default 12000).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/cmask.h>
#include "agree.h"
#include "arena_probe.h"

#if defined(AGREE_ORACLE)
/*
 * The differential oracle (tests/bpf/oracle_upstream.bpf.c): the object is
 * built from a fetched kernel tree, so it is opened by path, not embedded.
 */
struct oracle_skel {
	struct bpf_object *obj;
	struct {
		struct bpf_map *arena;
	} maps;
};
typedef struct oracle_skel skel_t;
#define SKEL(fn)	oracle_##fn
#define ORACLE		1
static const char mode_name[] = "oracle: agent library, library BPF, upstream cid.bpf.h BPF";
static const char *oracle_path;

static skel_t *oracle_open_and_load(void)
{
	static skel_t skel;

	skel.obj = bpf_object__open_file(oracle_path, NULL);
	if (!skel.obj)
		return NULL;
	skel.maps.arena = bpf_object__find_map_by_name(skel.obj, "arena");
	if (!skel.maps.arena || bpf_object__load(skel.obj)) {
		bpf_object__close(skel.obj);
		return NULL;
	}
	return &skel;
}

static void oracle_destroy(skel_t *skel)
{
	bpf_object__close(skel->obj);
}
#elif defined(AGREE_NATIVE2)
#include "agree_native2.skel.h"
#define SKEL(fn)	agree_native2__##fn
typedef struct agree_native2 skel_t;
static const char mode_name[] = "native __arena, built by " AGREE_CLANG2;
#elif defined(AGREE_GLOBAL)
#include "agree_global.skel.h"
#define SKEL(fn)	agree_global__##fn
typedef struct agree_global skel_t;
static const char mode_name[] = "native __arena, helpers as global subprograms";
#elif defined(AGREE_GLOBALFB)
#include "agree_globalfb.skel.h"
#define SKEL(fn)	agree_globalfb__##fn
typedef struct agree_globalfb skel_t;
static const char mode_name[] = "asm-cast fallback, helpers as global subprograms";
#elif defined(AGREE_FALLBACK)
#include "agree_fallback.skel.h"
#define SKEL(fn)	agree_fallback__##fn
typedef struct agree_fallback skel_t;
static const char mode_name[] = "asm-cast fallback";
#elif defined(AGREE_BPF_FOR)
#include "agree_bpffor.skel.h"
#define SKEL(fn)	agree_bpffor__##fn
typedef struct agree_bpffor skel_t;
static const char mode_name[] = "native __arena, bpf_for loops";
#else
#include "agree_native.skel.h"
#define SKEL(fn)	agree_native__##fn
typedef struct agree_native skel_t;
static const char mode_name[] = "native __arena";
#endif

#ifndef ORACLE
#define ORACLE		0
#endif

#define MAX_CIDS	8192u
#define SLOT_MAX_WORDS	(SCX_CMASK_NR_WORDS(MAX_CIDS) + 3)

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static const char *const op_names[AGREE_NR_OPS] = {
	"init", "init_alloc", "reframe", "valid", "end",
	"test", "set", "clear", "test_and_set", "test_and_clear",
	"set_nonatomic", "clear_nonatomic", "test_and_set_nonatomic", "test_and_clear_nonatomic",
	"zero", "fill", "empty", "weight", "weight(set_cmask arg)",
	"and", "or", "copy", "andnot", "equal", "subset", "intersects",
	"next_set", "first_set", "next_and_set", "next_set_wrap", "next_and_set_wrap", "for_each",
	"next_and2_set", "next_and2_set_wrap",
};

static const char *const family_names[AGREE_NR_FAMILIES] = {
	"construct", "single", "whole", "two", "search",
};

/* first and last (exclusive) op of each family */
static const int family_ops[AGREE_NR_FAMILIES][2] = {
	{ AGREE_INIT, AGREE_TEST },
	{ AGREE_TEST, AGREE_ZERO },
	{ AGREE_ZERO, AGREE_AND },
	{ AGREE_AND, AGREE_NEXT_SET },
	{ AGREE_NEXT_SET, AGREE_NR_OPS },
};

/*
 * The helpers the oracle leaves out, and why; every other op is compared
 * three ways.  Upstream's void helpers are compared on the words they
 * leave, not on a return value (oracle_void).
 */
static const char *const oracle_excluded[AGREE_NR_OPS] = {
	[AGREE_VALID] = "library only (upstream has no header check)",
	[AGREE_END] = "library only (upstream spells it base + nr_cids)",
	[AGREE_FILL] = "not in the kernel's cid.bpf.h (sched-ext/scx's only)",
	[AGREE_EMPTY] = "not in the kernel's cid.bpf.h (sched-ext/scx's only)",
	[AGREE_WEIGHT_ARG32] = "library only (scx_cmask_from_set_cmask_arg)",
};

/*
 * AGREE_ORACLE_DIRTY=1: garbage in padding and unused words, which upstream
 * trusts to be zero -- shows the differences docs/ABI.md lists (equal,
 * weight, subset, zero); expected to fail.
 */
static int oracle_dirty;

static const _Bool oracle_void[AGREE_NR_OPS] = {
	[AGREE_INIT] = 1, [AGREE_INIT_ALLOC] = 1, [AGREE_REFRAME] = 1,
	[AGREE_SET] = 1, [AGREE_CLEAR] = 1, [AGREE_SET_NA] = 1, [AGREE_CLEAR_NA] = 1,
	[AGREE_ZERO] = 1, [AGREE_AND] = 1, [AGREE_OR] = 1, [AGREE_COPY] = 1, [AGREE_ANDNOT] = 1,
};

/* ------------------------------------------------------------- generation */

struct batch {
	uint8_t *base_a;	/* region A, as this process maps it */
	uint8_t *base_u;	/* region U */
	uint64_t used;		/* bytes of the region handed out */
	struct agree_case *cases;
	uint32_t nr;
	uint64_t a_bytes[AGREE_MAX_CASES], b_bytes[AGREE_MAX_CASES], c_bytes[AGREE_MAX_CASES];
	uint8_t *base_o;	/* region O: upstream's copy (oracle only) */
	int64_t up_ret[AGREE_MAX_CASES];
	uint64_t up_ret2[AGREE_MAX_CASES];
};

static uint32_t pick_nr_cids(void)
{
	switch (rnd_below(10)) {
	case 0:
		return rnd_below(3);
	case 1: case 2: case 3:
		return 1 + rnd_below(64);
	case 4: case 5: case 6:
		return 65 + rnd_below(1024 - 64);
	case 7: case 8:
		return 1025 + rnd_below(MAX_CIDS - 1024);
	default:
		return MAX_CIDS - rnd_below(66);
	}
}

static uint32_t pick_base_any(uint32_t nr);

/*
 * Upstream's helpers compute base + nr_cids in 32 bits: the oracle keeps
 * windows below 2^32.
 */
static uint32_t pick_base(uint32_t nr)
{
	uint32_t base = pick_base_any(nr);

	if (ORACLE && (uint64_t)base + nr >= (1ull << 32))
		base = rnd_below(1u << 20);
	return base;
}

static uint32_t pick_base_any(uint32_t nr)
{
	switch (rnd_below(10)) {
	case 0:
		return 0;
	case 1: case 2:
		return 64 * rnd_below(128);
	case 3:
		/* near the top: valid or (rarely) wrapping */
		return UINT32_MAX - nr + 1 - rnd_below(200);
	default:
		return rnd_below(1u << (1 + rnd_below(20)));
	}
}

/* Bits of grid word @w (relative to the mask's bits[0]) inside the window. */
static uint64_t window_bits(uint32_t base, uint32_t nr, uint32_t w)
{
	uint64_t lo = (uint64_t)(base & ~63u) + 64ull * w, hi = lo + 64;
	uint64_t start = base > lo ? base : lo, stop = (uint64_t)base + nr;
	uint64_t n;

	if (stop > hi)
		stop = hi;
	if (start >= stop)
		return 0;
	n = stop - start;
	return (n == 64 ? ~0ull : (1ull << n) - 1) << (start - lo);
}

/* Random content of density class @density for one word. */
static uint64_t pick_word(int density)
{
	switch (density) {
	case 0:
		return 0;
	case 1:
		return ~0ull;
	case 2:
		return rnd();
	case 3:
		return rnd() & rnd() & rnd() & rnd() & rnd() & rnd();
	default:
		return rnd_below(40) ? 0 : 1ull << rnd_below(64);
	}
}

/*
 * A mask with header (@base, @nr) in fresh words of region A: garbage
 * everywhere outside the window (padding, spare words, the header pad).
 * Its alloc_words is usually honest, sometimes larger than its storage
 * (never read past the window) or too small (invalid).  @like, if set,
 * gives in-window content to copy (equal/subset cases).
 */
static uint64_t gen_mask(struct batch *bt, uint32_t base, uint32_t nr, uint32_t words,
			 const struct scx_cmask *like, uint64_t *bytes)
{
	uint64_t off = bt->used;
	struct scx_cmask *m = (struct scx_cmask *)(bt->base_a + off);
	uint32_t need = SCX_CMASK_NR_WORDS(nr), alloc = words;
	int density = rnd_below(5);

	/* a dishonest alloc_words now and then (never for the oracle: upstream trusts it) */
	switch (rnd_below(20) + (ORACLE ? 20 : 0)) {
	case 0:
		alloc = need > 1 ? need - 1 - rnd_below(need - 1) : 0;
		break;
	case 1:
		alloc = need + rnd_below(UINT32_MAX - need);
		break;
	}
	m->base = base;
	m->nr_cids = nr;
	m->alloc_words = alloc;
	((uint32_t *)m)[3] = (uint32_t)rnd();
	for (uint32_t w = 0; w < words; w++) {
		uint64_t in = window_bits(base, nr, w);
		uint64_t v = pick_word(density);

		if (like && like->base / 64 <= base / 64 + w &&
		    base / 64 + w - like->base / 64 < SCX_CMASK_NR_WORDS(like->nr_cids))
			v = like->bits[base / 64 + w - like->base / 64] ^
			    (rnd_below(3) ? 0 : pick_word(4));
		/* upstream trusts padding and unused words to be zero */
		m->bits[w] = (ORACLE && !oracle_dirty ? 0 : rnd() & ~in) | (v & in);
	}
	*bytes = SCX_CMASK_HDR_SIZE + 8ull * words;
	bt->used += (*bytes + 63) & ~63ull;
	return off;
}

/* A cid near the interesting places of a window. */
static uint32_t pick_cid(uint32_t base, uint32_t nr)
{
	uint32_t end = base + nr;

	switch (rnd_below(12)) {
	case 0: return base - 1;
	case 1: return base;
	case 2: return base + 1;
	case 3: return (base | 63) + 1;
	case 4: return end - 1;
	case 5: return end;
	case 6: return end + 1;
	case 7: return rnd_below(UINT32_MAX);
	case 8: return 0;
	case 9: return UINT32_MAX;
	default: return base + rnd_below(nr + 1);
	}
}

static uint32_t words_for(uint32_t nr)
{
	return SCX_CMASK_NR_WORDS(nr) + rnd_below(3);
}

/*
 * The third mask of a three-mask search: usually overlapping a's window
 * (sometimes with a's content), sometimes anywhere, sometimes a itself.
 */
static void gen_third(struct batch *bt, struct agree_case *c, uint32_t base, uint32_t nr,
		      const struct scx_cmask *a)
{
	uint32_t cnr = rnd_below(3) ? pick_nr_cids() : nr, cbase;

	if (!rnd_below(10))
		return;	/* c == a */
	cbase = rnd_below(4) ? (uint32_t)(base + (int64_t)rnd_below(nr + cnr + 129) - cnr - 64)
			     : pick_base(cnr);
	c->c = gen_mask(bt, cbase, cnr, words_for(cnr), rnd_below(2) ? a : NULL,
			&bt->c_bytes[bt->nr]);
}

static void gen_case(struct batch *bt, int family, struct agree_case *c)
{
	uint32_t nr = pick_nr_cids(), base = pick_base(nr), k = bt->nr;
	const struct scx_cmask *a;

	memset(c, 0, sizeof(*c));
	do
		c->op = family_ops[family][0] +
			rnd_below(family_ops[family][1] - family_ops[family][0]);
	while (ORACLE && oracle_excluded[c->op]);
	if (family == AGREE_CONSTRUCT) {
		/* storage for any window init/reframe may ask for */
		c->a = gen_mask(bt, base, nr, SLOT_MAX_WORDS, NULL, &bt->a_bytes[k]);
		c->arg1 = pick_nr_cids();
		c->arg0 = pick_base(c->arg1);
		c->arg2 = rnd_below(4) ? c->arg1 + rnd_below(MAX_CIDS - c->arg1 + 1)
				       : rnd_below(MAX_CIDS + 1);
		/* upstream zeroes alloc_words words unchecked: stay within storage */
		if (ORACLE && c->arg2 > MAX_CIDS)
			c->arg2 = MAX_CIDS;
		c->b = c->a;
		return;
	}
	c->a = gen_mask(bt, base, nr, words_for(nr), NULL, &bt->a_bytes[k]);
	a = (const struct scx_cmask *)(bt->base_a + c->a);
	c->arg0 = pick_cid(base, nr);
	c->b = c->a;
	c->c = c->a;
	if (family != AGREE_TWO && family != AGREE_SEARCH)
		return;
	if (c->op == AGREE_NEXT_AND2_SET || c->op == AGREE_NEXT_AND2_SET_WRAP)
		gen_third(bt, c, base, nr, a);
	if (!rnd_below(20))
		return;	/* the same mask twice */
	if (rnd_below(4)) {
		/* a window that overlaps a's, partly or wholly */
		uint32_t bnr = rnd_below(3) ? pick_nr_cids() : nr;
		int64_t shift = (int64_t)rnd_below(nr + bnr + 129) - bnr - 64;
		uint32_t bbase = rnd_below(4) ? (uint32_t)(base + shift) : base;

		if (!rnd_below(3))
			bnr = nr;
		c->b = gen_mask(bt, bbase, bnr, words_for(bnr), rnd_below(2) ? a : NULL,
				&bt->b_bytes[k]);
	} else {
		uint32_t bnr = pick_nr_cids();

		c->b = gen_mask(bt, pick_base(bnr), bnr, words_for(bnr), NULL, &bt->b_bytes[k]);
	}
}

/* ------------------------------------------------------------- the agent side */

static int64_t run_user(const struct agree_case *c, uint8_t *region, uint64_t *ret2)
{
	struct scx_cmask *a = (struct scx_cmask *)(region + c->a);
	struct scx_cmask *b = (struct scx_cmask *)(region + c->b);
	struct scx_cmask *x = (struct scx_cmask *)(region + c->c);
	uint64_t hash = 0, nr = 0;
	uint32_t cid;

	switch (c->op) {
	case AGREE_INIT: return scx_cmask_init(a, c->arg0, c->arg1);
	case AGREE_INIT_ALLOC: return scx_cmask_init_alloc(a, c->arg0, c->arg1, c->arg2);
	case AGREE_REFRAME: return scx_cmask_reframe(a, c->arg0, c->arg1);
	case AGREE_VALID: return scx_cmask_valid(a);
	case AGREE_END: return scx_cmask_end(a);
	case AGREE_TEST: return scx_cmask_test(c->arg0, a);
	case AGREE_SET: return scx_cmask_set(c->arg0, a);
	case AGREE_CLEAR: return scx_cmask_clear(c->arg0, a);
	case AGREE_TEST_AND_SET: return scx_cmask_test_and_set(c->arg0, a);
	case AGREE_TEST_AND_CLEAR: return scx_cmask_test_and_clear(c->arg0, a);
	case AGREE_SET_NA: return scx_cmask_set_nonatomic(c->arg0, a);
	case AGREE_CLEAR_NA: return scx_cmask_clear_nonatomic(c->arg0, a);
	case AGREE_TEST_AND_SET_NA: return scx_cmask_test_and_set_nonatomic(c->arg0, a);
	case AGREE_TEST_AND_CLEAR_NA: return scx_cmask_test_and_clear_nonatomic(c->arg0, a);
	case AGREE_ZERO: return scx_cmask_zero(a);
	case AGREE_FILL: return scx_cmask_fill(a);
	case AGREE_EMPTY: return scx_cmask_empty(a);
	case AGREE_WEIGHT:
	case AGREE_WEIGHT_ARG32: return scx_cmask_weight(a);
	case AGREE_AND: return scx_cmask_and(a, b);
	case AGREE_OR: return scx_cmask_or(a, b);
	case AGREE_COPY: return scx_cmask_copy(a, b);
	case AGREE_ANDNOT: return scx_cmask_andnot(a, b);
	case AGREE_EQUAL: return scx_cmask_equal(a, b);
	case AGREE_SUBSET: return scx_cmask_subset(a, b);
	case AGREE_INTERSECTS: return scx_cmask_intersects(a, b);
	case AGREE_NEXT_SET: return scx_cmask_next_set(a, c->arg0);
	case AGREE_FIRST_SET: return scx_cmask_first_set(a);
	case AGREE_NEXT_AND_SET: return scx_cmask_next_and_set(a, b, c->arg0);
	case AGREE_NEXT_SET_WRAP: return scx_cmask_next_set_wrap(a, c->arg0);
	case AGREE_NEXT_AND_SET_WRAP: return scx_cmask_next_and_set_wrap(a, b, c->arg0);
	case AGREE_NEXT_AND2_SET: return scx_cmask_next_and2_set(a, b, x, c->arg0);
	case AGREE_NEXT_AND2_SET_WRAP: return scx_cmask_next_and2_set_wrap(a, b, x, c->arg0);
	case AGREE_FOR_EACH:
		scx_cmask_for_each(cid, a) {
			hash = AGREE_HASH(hash, cid);
			nr++;
		}
		*ret2 = hash;
		return nr;
	}
	return -1000;
}

/* ------------------------------------------------------------- comparison */

struct tally {
	uint64_t passed[AGREE_NR_OPS], failed[AGREE_NR_OPS];
	int shown;
};

static void show_failure(struct tally *t, const struct agree_case *c, const struct batch *bt,
			 int64_t uret, uint64_t uret2, const char *what)
{
	const struct scx_cmask *a = (const struct scx_cmask *)(bt->base_u + c->a);

	if (t->shown++ >= 10)
		return;
	fprintf(stderr,
		"FAIL %s (%s): arg0=%" PRIu32 " arg1=%" PRIu32 " arg2=%" PRIu32
		" bpf=%" PRId64 "/%" PRIx64 " lib=%" PRId64 "/%" PRIx64
		" a={base=%u nr=%u alloc=%u}\n",
		op_names[c->op], what, c->arg0, c->arg1, c->arg2, (int64_t)c->ret,
		(uint64_t)c->ret2, uret, uret2,
		a->base, a->nr_cids, a->alloc_words);
}

static void check_batch(struct batch *bt, struct tally *t)
{
	for (uint32_t k = 0; k < bt->nr; k++) {
		const struct agree_case *c = &bt->cases[k];
		uint64_t uret2 = 0;
		int64_t uret = run_user(c, bt->base_u, &uret2);
		const char *bad = NULL;

		if (uret != c->ret || uret2 != c->ret2)
			bad = "return value";
		else if (memcmp(bt->base_a + c->a, bt->base_u + c->a, bt->a_bytes[k]))
			bad = "words of the first mask";
		else if (c->b != c->a &&
			 memcmp(bt->base_a + c->b, bt->base_u + c->b, bt->b_bytes[k]))
			bad = "words of the second mask";
		else if (c->c != c->a && c->c != c->b &&
			 memcmp(bt->base_a + c->c, bt->base_u + c->c, bt->c_bytes[k]))
			bad = "words of the third mask";
		if (ORACLE && !bad) {
			if (!oracle_void[c->op] &&
			    (uret != bt->up_ret[k] || uret2 != bt->up_ret2[k]))
				bad = "upstream's return value";
			else if (memcmp(bt->base_o + c->a, bt->base_u + c->a, bt->a_bytes[k]))
				bad = "upstream's words of the first mask";
			else if (c->b != c->a &&
				 memcmp(bt->base_o + c->b, bt->base_u + c->b, bt->b_bytes[k]))
				bad = "upstream's words of the second mask";
			else if (c->c != c->a && c->c != c->b &&
				 memcmp(bt->base_o + c->c, bt->base_u + c->c, bt->c_bytes[k]))
				bad = "upstream's words of the third mask";
		}
		if (bad) {
			t->failed[c->op]++;
			show_failure(t, c, bt, uret, uret2, bad);
		} else {
			t->passed[c->op]++;
		}
	}
}

/* ------------------------------------------------------------- driver */

#if ORACLE
static struct bpf_program *named_prog(skel_t *skel, const char *prefix, int family)
{
	char name[64];

	snprintf(name, sizeof(name), "%s_%s", prefix, family_names[family]);
	return bpf_object__find_program_by_name(skel->obj, name);
}

static struct bpf_program *family_prog(skel_t *skel, int family)
{
	return named_prog(skel, "agree", family);
}
#else
static struct bpf_program *family_prog(skel_t *skel, int family)
{
	switch (family) {
	case AGREE_CONSTRUCT: return skel->progs.agree_construct;
	case AGREE_SINGLE: return skel->progs.agree_single;
	case AGREE_WHOLE: return skel->progs.agree_whole;
	case AGREE_TWO: return skel->progs.agree_two;
	default: return skel->progs.agree_search;
	}
}
#endif

static int run_batch(skel_t *skel, int family, uint8_t *arena, struct batch *bt)
{
	struct agree_ctx ctx = {
		.cases = (uint64_t)(uintptr_t)(arena + AGREE_CASES_OFF),
		.region = (uint64_t)(uintptr_t)bt->base_a,
		.nr_cases = bt->nr,
	};
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));
	int err;

	memcpy(bt->base_u, bt->base_a, bt->used);
#if ORACLE
	memcpy(bt->base_o, bt->base_a, bt->used);
	/* upstream first, on region O; its results move out of the case array */
	ctx.region = (uint64_t)(uintptr_t)bt->base_o;
	err = bpf_prog_test_run_opts(bpf_program__fd(named_prog(skel, "up", family)), &opts);
	if (err || opts.retval) {
		fprintf(stderr, "FAIL: running up_%s: %s (retval %u)\n", family_names[family],
			strerror(-err), opts.retval);
		return -1;
	}
	for (uint32_t k = 0; k < bt->nr; k++) {
		bt->up_ret[k] = bt->cases[k].ret;
		bt->up_ret2[k] = bt->cases[k].ret2;
		bt->cases[k].ret = bt->cases[k].ret2 = 0;
	}
	ctx.region = (uint64_t)(uintptr_t)bt->base_a;
#endif
	err = bpf_prog_test_run_opts(bpf_program__fd(family_prog(skel, family)), &opts);
	if (err || opts.retval) {
		fprintf(stderr, "FAIL: running agree_%s: %s (retval %u)\n", family_names[family],
			strerror(-err), opts.retval);
		return -1;
	}
	return 0;
}

static int run_family(skel_t *skel, int family, uint8_t *arena, uint32_t nr_cases,
		      struct tally *t)
{
	static struct batch bt;
	uint32_t done = 0;

	bt.base_a = arena + AGREE_REGION_A_OFF;
	bt.base_u = arena + AGREE_REGION_U_OFF;
	bt.base_o = arena + AGREE_REGION_O_OFF;
	bt.cases = (struct agree_case *)(arena + AGREE_CASES_OFF);
	while (done < nr_cases) {
		bt.used = 0;
		bt.nr = 0;
		/* keep room for the three widest masks of one case */
		while (bt.nr < AGREE_MAX_CASES && done + bt.nr < nr_cases &&
		       bt.used + 3 * (SCX_CMASK_HDR_SIZE + 8 * SLOT_MAX_WORDS + 64) < AGREE_REGION_SIZE) {
			gen_case(&bt, family, &bt.cases[bt.nr]);
			bt.nr++;
		}
		if (run_batch(skel, family, arena, &bt))
			return -1;
		check_batch(&bt, t);
		done += bt.nr;
	}
	return 0;
}

#if ORACLE
/* The object next to this program (or AGREE_ORACLE_OBJ); 77 when absent. */
static int oracle_find(const char *argv0)
{
	static char path[4096], why[512];
	const char *env = getenv("AGREE_ORACLE_OBJ");
	const char *slash = strrchr(argv0, '/');
	FILE *f;

	if (env) {
		oracle_path = env;
	} else {
		snprintf(path, sizeof(path), "%.*soracle_upstream.bpf.o",
			 slash ? (int)(slash - argv0 + 1) : 0, argv0);
		oracle_path = path;
	}
	if (!access(oracle_path, R_OK))
		return 0;
	/* the build leaves the reason it could not make the object beside it */
	snprintf(why, sizeof(why), "%.*s.skip", (int)(strlen(oracle_path) - 6), oracle_path);
	f = fopen(why, "r");
	if (f && fgets(why, sizeof(why), f)) {
		why[strcspn(why, "\n")] = 0;
		printf("SKIP: %s not built: %s\n", oracle_path, why);
	} else {
		printf("SKIP: %s not built (make tests/bpf/oracle_upstream.bpf.o fetches "
		       "linux-source-7.3 for upstream's cid.bpf.h)\n", oracle_path);
	}
	if (f)
		fclose(f);
	return 77;
}
#endif

int main(int argc, char **argv)
{
	const char *env = getenv("AGREE_SEED"), *cases_env = getenv("AGREE_CASES");
	uint32_t nr_cases = cases_env ? (uint32_t)strtoul(cases_env, NULL, 0) : 12000;
	uint64_t passed = 0, failed = 0;
	struct tally t = { 0 };
	char why[256];
	skel_t *skel;
	uint8_t *arena;
	size_t size;

	(void)argc;
#if ORACLE
	if (oracle_find(argv[0]))
		return 77;
	oracle_dirty = getenv("AGREE_ORACLE_DIRTY") && atoi(getenv("AGREE_ORACLE_DIRTY"));
	if (oracle_dirty)
		printf("AGREE_ORACLE_DIRTY: dirty padding, differences expected\n");
#else
	(void)argv;
#endif
	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	rng_state = env ? strtoull(env, NULL, 0) : 0x5c3c3a5cull;
	if (!rng_state)
		rng_state = 1;
	printf("agree (%s): seed %#" PRIx64 ", %u cases per family\n", mode_name, rng_state,
	       nr_cases);

	skel = SKEL(open_and_load)();
	if (!skel) {
		printf("FAIL: cannot load the BPF programs: %s\n", strerror(errno));
		return 1;
	}
	/* libbpf maps the whole arena; the size it returns counts globals only */
	arena = bpf_map__initial_value(skel->maps.arena, &size);
	size = (size_t)bpf_map__max_entries(skel->maps.arena) * getpagesize();
	if (!arena || size < AGREE_REGION_U_OFF + AGREE_REGION_SIZE) {
		printf("FAIL: arena not mapped (%zu bytes)\n", size);
		SKEL(destroy)(skel);
		return 1;
	}
	for (int f = 0; f < AGREE_NR_FAMILIES; f++) {
		if (run_family(skel, f, arena, nr_cases, &t)) {
			SKEL(destroy)(skel);
			return 1;
		}
	}
	SKEL(destroy)(skel);

	for (int f = 0; f < AGREE_NR_FAMILIES; f++) {
		uint64_t fp = 0, ff = 0;

		for (int op = family_ops[f][0]; op < family_ops[f][1]; op++) {
			fp += t.passed[op];
			ff += t.failed[op];
		}
		printf("  %-10s %7" PRIu64 " passed, %" PRIu64 " failed\n", family_names[f], fp, ff);
		passed += fp;
		failed += ff;
	}
	if (ORACLE) {
		printf("three-way agreement per helper (library agent = library BPF = upstream BPF):\n");
		for (int op = 0; op < AGREE_NR_OPS; op++)
			if (!oracle_excluded[op])
				printf("  %-26s %6" PRIu64 " agree, %" PRIu64 " differ%s\n",
				       op_names[op], t.passed[op], t.failed[op],
				       oracle_void[op] ? " (upstream void: words only)" : "");
		printf("excluded:\n");
		for (int op = 0; op < AGREE_NR_OPS; op++)
			if (oracle_excluded[op])
				printf("  %-26s %s\n", op_names[op], oracle_excluded[op]);
		printf("  %-26s %s\n", "from_cpumask",
		       "needs sched_ext kfuncs, which syscall programs cannot call");
		printf("  %-26s %s\n", "cmask_op, cmask_op_word",
		       "upstream's building blocks of and/or/copy/andnot, compared through those");
		printf("  %-26s %s\n", "__cmask_contains, __cmask_word",
		       "upstream's unchecked address helpers; compat has them as upstream");
		printf("  %-26s %s\n", "(invalid headers, dirty padding)",
		       "upstream's undefined behaviour: the library's own agree tests cover them");
	}
	printf("%" PRIu64 " passed, %" PRIu64 " failed\n", passed, failed);
	return failed ? 1 : 0;
}
