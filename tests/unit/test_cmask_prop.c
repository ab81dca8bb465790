// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Property tests: every cmask operation against the naive model
 * (cmask_model.c) on random windows, dirty padding and invalid headers.
 * Each test compares return values and every window cid, checks that
 * whole-mask writers leave padding zero, that nothing outside the used
 * words (or outside the one cid of a single-cid writer) changes, and that
 * failing writers leave the mask byte-identical.  Masks are allocated to
 * their exact storage size, so sanitizers and valgrind flag any access
 * past bits[alloc_words - 1].
 */
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmask_gen.h"

#define EXPECT(gc, cond, fmt, ...) \
	ck_assert_msg((cond), "%s: " fmt, (gc)->name, ##__VA_ARGS__)

#define EXPECT_SAME_MASK(gc, mask, model, what)					\
	do {									\
		const char *d_ = mask_diff((mask), (model));			\
		EXPECT(gc, !d_, "%s: %s", (what), d_);				\
	} while (0)

static size_t mask_bytes(const struct scx_cmask *m)
{
	return 16 + 8 * (size_t)m->alloc_words;
}

static bool same_bytes(const struct scx_cmask *a, const struct scx_cmask *b)
{
	return a->alloc_words == b->alloc_words && !memcmp(a, b, mask_bytes(a));
}

/* Only @cid's own bit may differ between @before and @after. */
static bool only_bit_changed(const struct scx_cmask *before, const struct scx_cmask *after,
			     const struct model *m, uint32_t cid)
{
	if (memcmp(before, after, 16))
		return false;
	for (uint32_t w = 0; w < after->alloc_words; w++) {
		uint64_t diff = before->bits[w] ^ after->bits[w];

		if (model_contains(m, cid) && w == cid / 64 - m->base / 64)
			diff &= ~((uint64_t)1 << (cid % 64));
		if (diff)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ single cid */

enum single_op { OP_TEST, OP_SET, OP_CLEAR, OP_TAS, OP_TAC, OP_SET_NA, OP_CLEAR_NA,
		 OP_TAS_NA, OP_TAC_NA, NR_SINGLE_OPS };

static const char *const single_names[] = { "test", "set", "clear", "test_and_set",
	"test_and_clear", "set_nonatomic", "clear_nonatomic", "test_and_set_nonatomic",
	"test_and_clear_nonatomic" };

static int run_single(enum single_op op, uint32_t cid, struct scx_cmask *m)
{
	switch (op) {
	case OP_TEST: return scx_cmask_test(cid, m);
	case OP_SET: return scx_cmask_set(cid, m);
	case OP_CLEAR: return scx_cmask_clear(cid, m);
	case OP_TAS: return scx_cmask_test_and_set(cid, m);
	case OP_TAC: return scx_cmask_test_and_clear(cid, m);
	case OP_SET_NA: return scx_cmask_set_nonatomic(cid, m);
	case OP_CLEAR_NA: return scx_cmask_clear_nonatomic(cid, m);
	case OP_TAS_NA: return scx_cmask_test_and_set_nonatomic(cid, m);
	default: return scx_cmask_test_and_clear_nonatomic(cid, m);
	}
}

static int model_single(enum single_op op, uint32_t cid, struct model *m)
{
	switch (op) {
	case OP_TEST: return model_test(m, cid);
	case OP_SET: case OP_SET_NA: return model_set(m, cid, true);
	case OP_CLEAR: case OP_CLEAR_NA: return model_set(m, cid, false);
	case OP_TAS: case OP_TAS_NA: return model_test_and_assign(m, cid, true);
	default: return model_test_and_assign(m, cid, false);
	}
}

START_TEST(prop_single_cid)
{
	unsigned int n = gen_cases(1500);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct gen_mask g;
		uint32_t base, nr, aw;

		gen_case_start(&gc, "single_cid", i);
		gen_window(&gc.rng, &base, &nr, &aw, 10);
		gen_mask_make(&g, &gc.rng, base, nr, aw);
		for (int k = 0; k < 40; k++) {
			enum single_op op = (enum single_op)rng_below(&gc.rng, NR_SINGLE_OPS);
			uint32_t cid = gen_cid(&gc.rng, &g.model);
			struct scx_cmask *before = mask_dup(g.mask);
			int got = run_single(op, cid, g.mask);
			int want = model_single(op, cid, &g.model);

			EXPECT(&gc, got == want, "%s(%u) on [%u, +%u) alloc %u: got %d, want %d",
			       single_names[op], cid, base, nr, aw, got, want);
			EXPECT(&gc, only_bit_changed(before, g.mask, &g.model, cid),
			       "%s(%u) wrote more than its bit", single_names[op], cid);
			EXPECT_SAME_MASK(&gc, g.mask, &g.model, single_names[op]);
			free(before);
		}
		gen_mask_free(&g);
	}
}
END_TEST

/* ------------------------------------------------------------ whole mask */

START_TEST(prop_whole_mask)
{
	unsigned int n = gen_cases(2000);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct gen_mask g;
		struct scx_cmask *before;
		uint32_t base, nr, aw;
		int got, want;
		bool fill;

		gen_case_start(&gc, "whole_mask", i);
		gen_window(&gc.rng, &base, &nr, &aw, 10);
		gen_mask_make(&g, &gc.rng, base, nr, aw);

		EXPECT(&gc, scx_cmask_weight(g.mask) == model_weight(&g.model),
		       "weight of [%u, +%u): got %u, want %u", base, nr,
		       scx_cmask_weight(g.mask), model_weight(&g.model));
		EXPECT(&gc, scx_cmask_empty(g.mask) == model_empty(&g.model), "empty of [%u, +%u)",
		       base, nr);
		EXPECT(&gc, (scx_cmask_valid(g.mask) == 0) == model_valid(&g.model),
		       "valid of {%u, %u, %u}", base, nr, aw);
		EXPECT(&gc, scx_cmask_end(g.mask) == model_end(&g.model), "end");

		fill = rng_below(&gc.rng, 2);
		before = mask_dup(g.mask);
		got = fill ? scx_cmask_fill(g.mask) : scx_cmask_zero(g.mask);
		want = fill ? model_fill(&g.model) : model_zero(&g.model);
		EXPECT(&gc, got == want, "%s: got %d, want %d", fill ? "fill" : "zero", got, want);
		EXPECT_SAME_MASK(&gc, g.mask, &g.model, fill ? "fill" : "zero");
		if (got) {
			EXPECT(&gc, same_bytes(before, g.mask), "failed %s wrote", fill ? "fill" : "zero");
		} else {
			const char *d = mask_padding_dirty(g.mask);

			EXPECT(&gc, !d, "%s: %s", fill ? "fill" : "zero", d);
			d = mask_outside_changed(before, g.mask);
			EXPECT(&gc, !d, "%s: %s", fill ? "fill" : "zero", d);
		}
		EXPECT(&gc, scx_cmask_weight(g.mask) == model_weight(&g.model), "weight after");
		EXPECT(&gc, scx_cmask_empty(g.mask) == model_empty(&g.model), "empty after");
		free(before);
		gen_mask_free(&g);
	}
}
END_TEST

/* ------------------------------------------------------------ two masks */

/*
 * Two related masks.  Now and then b is made to agree with a where they
 * overlap (so equal and subset are true often enough to matter), or b is
 * a itself.
 */
struct pair {
	struct gen_mask a, b;
	bool alias;	/* b is a */
};

static void pair_make(struct pair *p, struct rng *r)
{
	uint32_t base, nr, aw, bbase, bnr, baw;

	gen_window(r, &base, &nr, &aw, 5);
	gen_mask_make(&p->a, r, base, nr, aw);
	p->alias = rng_below(r, 20) == 0;
	if (p->alias)
		return;
	gen_related_window(r, base, nr, &bbase, &bnr, &baw, 5);
	model_init(&p->b.model, bbase, bnr, baw);
	model_random_bits(&p->b.model, r, gen_density(r));
	switch (rng_below(r, 4)) {
	case 0:	/* b agrees with a on the overlap, maybe but one cid */
	case 1:	/* b holds a's cids on the overlap, and more */
		for (uint64_t i = 0; i < bnr; i++) {
			uint32_t cid = (uint32_t)(bbase + i);

			if (model_contains(&p->a.model, cid))
				p->b.model.bit[i] = model_test(&p->a.model, cid) ||
						    (p->b.model.bit[i] && rng_below(r, 4) == 1);
		}
		if (bnr && rng_below(r, 2))
			p->b.model.bit[rng_below(r, bnr)] ^= 1;
		break;
	default:
		break;
	}
	p->b.mask = mask_from_model(&p->b.model, r, gen_dirt(r));
}

static void pair_free(struct pair *p)
{
	gen_mask_free(&p->a);
	if (!p->alias)
		gen_mask_free(&p->b);
}

static struct scx_cmask *pair_b(struct pair *p)
{
	return p->alias ? p->a.mask : p->b.mask;
}

static struct model *pair_bm(struct pair *p)
{
	return p->alias ? &p->a.model : &p->b.model;
}

static const char *const op2_names[] = { "and", "or", "copy", "andnot" };

static int run_op2(enum model_op op, struct scx_cmask *d, const struct scx_cmask *s)
{
	switch (op) {
	case MODEL_AND: return scx_cmask_and(d, s);
	case MODEL_OR: return scx_cmask_or(d, s);
	case MODEL_COPY: return scx_cmask_copy(d, s);
	default: return scx_cmask_andnot(d, s);
	}
}

START_TEST(prop_two_mask_mutators)
{
	unsigned int n = gen_cases(2000);

	for (unsigned int i = 0; i < n; i++) {
		enum model_op op;
		struct gen_case gc;
		struct pair p;
		struct scx_cmask *before_a, *before_b;
		struct model src_copy;
		const char *d;
		int got, want;

		gen_case_start(&gc, "two_mask_mutators", i);
		pair_make(&p, &gc.rng);
		op = (enum model_op)rng_below(&gc.rng, 4);
		before_a = mask_dup(p.a.mask);
		before_b = mask_dup(pair_b(&p));
		/* the model of src as it was, in case src is dst */
		model_from_mask(&src_copy, before_b);
		if (model_valid(&src_copy))
			memcpy(src_copy.bit, pair_bm(&p)->bit, src_copy.nr * sizeof(bool));

		got = run_op2(op, p.a.mask, pair_b(&p));
		want = model_op2(&p.a.model, &src_copy, op);
		EXPECT(&gc, got == want, "%s([%u, +%u) alloc %u, [%u, +%u) alloc %u): got %d, want %d",
		       op2_names[op], before_a->base, before_a->nr_cids, before_a->alloc_words,
		       before_b->base, before_b->nr_cids, before_b->alloc_words, got, want);
		EXPECT_SAME_MASK(&gc, p.a.mask, &p.a.model, op2_names[op]);
		if (got) {
			EXPECT(&gc, same_bytes(before_a, p.a.mask), "failed %s wrote dst",
			       op2_names[op]);
		} else {
			d = mask_padding_dirty(p.a.mask);
			EXPECT(&gc, !d, "%s: %s", op2_names[op], d);
			d = mask_outside_changed(before_a, p.a.mask);
			EXPECT(&gc, !d, "%s: %s", op2_names[op], d);
		}
		if (!p.alias)
			EXPECT(&gc, same_bytes(before_b, p.b.mask), "%s wrote src", op2_names[op]);
		model_free(&src_copy);
		free(before_a);
		free(before_b);
		pair_free(&p);
	}
}
END_TEST

START_TEST(prop_predicates)
{
	unsigned int n = gen_cases(3000);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct pair p;
		struct scx_cmask *a, *b;
		struct model *ma, *mb;

		gen_case_start(&gc, "predicates", i);
		pair_make(&p, &gc.rng);
		a = p.a.mask, b = pair_b(&p);
		ma = &p.a.model, mb = pair_bm(&p);
		EXPECT(&gc, scx_cmask_equal(a, b) == model_equal(ma, mb),
		       "equal([%u, +%u), [%u, +%u)) = %d", a->base, a->nr_cids, b->base, b->nr_cids,
		       scx_cmask_equal(a, b));
		EXPECT(&gc, scx_cmask_equal(b, a) == model_equal(mb, ma), "equal(b, a)");
		EXPECT(&gc, scx_cmask_subset(a, b) == model_subset(ma, mb),
		       "subset([%u, +%u) alloc %u, [%u, +%u) alloc %u) = %d", a->base, a->nr_cids,
		       a->alloc_words, b->base, b->nr_cids, b->alloc_words, scx_cmask_subset(a, b));
		EXPECT(&gc, scx_cmask_subset(b, a) == model_subset(mb, ma), "subset(b, a) = %d",
		       scx_cmask_subset(b, a));
		EXPECT(&gc, scx_cmask_intersects(a, b) == model_intersects(ma, mb),
		       "intersects([%u, +%u), [%u, +%u)) = %d", a->base, a->nr_cids, b->base,
		       b->nr_cids, scx_cmask_intersects(a, b));
		EXPECT(&gc, scx_cmask_intersects(b, a) == model_intersects(mb, ma),
		       "intersects(b, a)");
		pair_free(&p);
	}
}
END_TEST

/* ------------------------------------------------------------ search */

START_TEST(prop_search)
{
	unsigned int n = gen_cases(1500);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct pair p;
		struct scx_cmask *a, *b;
		struct model *ma, *mb;
		uint32_t cid, want;

		gen_case_start(&gc, "search", i);
		pair_make(&p, &gc.rng);
		a = p.a.mask, b = pair_b(&p);
		ma = &p.a.model, mb = pair_bm(&p);
		EXPECT(&gc, scx_cmask_first_set(a) == model_next_set(ma, 0),
		       "first_set([%u, +%u)) = %u, want %u", a->base, a->nr_cids,
		       scx_cmask_first_set(a), model_next_set(ma, 0));
		for (int k = 0; k < 12; k++) {
			uint32_t s = gen_cid(&gc.rng, rng_below(&gc.rng, 2) ? ma : mb);

			want = model_next_set(ma, s);
			EXPECT(&gc, scx_cmask_next_set(a, s) == want,
			       "next_set([%u, +%u), %u) = %u, want %u", a->base, a->nr_cids, s,
			       scx_cmask_next_set(a, s), want);
			want = model_next_set_wrap(ma, s);
			EXPECT(&gc, scx_cmask_next_set_wrap(a, s) == want,
			       "next_set_wrap([%u, +%u), %u) = %u, want %u", a->base, a->nr_cids, s,
			       scx_cmask_next_set_wrap(a, s), want);
			want = model_next_and_set(ma, mb, s);
			EXPECT(&gc, scx_cmask_next_and_set(a, b, s) == want,
			       "next_and_set([%u, +%u), [%u, +%u), %u) = %u, want %u", a->base,
			       a->nr_cids, b->base, b->nr_cids, s, scx_cmask_next_and_set(a, b, s),
			       want);
			want = model_next_and_set_wrap(ma, mb, s);
			EXPECT(&gc, scx_cmask_next_and_set_wrap(a, b, s) == want,
			       "next_and_set_wrap([%u, +%u), [%u, +%u), %u) = %u, want %u",
			       a->base, a->nr_cids, b->base, b->nr_cids, s,
			       scx_cmask_next_and_set_wrap(a, b, s), want);
		}
		/* for_each visits exactly the model's set cids, in order */
		want = model_next_set(ma, 0);
		scx_cmask_for_each(cid, a) {
			EXPECT(&gc, cid == want, "for_each visited %u, want %u", cid, want);
			want = model_next_set(ma, want + 1);
		}
		EXPECT(&gc, want == model_end(ma), "for_each stopped before %u", want);
		pair_free(&p);
	}
}
END_TEST

/* ------------------------------------------------------------ init, reframe */

static uint32_t gen_alloc_cids(struct rng *r, uint32_t nr)
{
	switch (rng_below(r, 4)) {
	case 0: return nr;
	case 1: return nr + (uint32_t)rng_below(r, 200);
	case 2: return nr ? nr - 1 - (uint32_t)rng_below(r, nr) : 0;	/* too small */
	default: return (uint32_t)rng_below(r, 20000);
	}
}

/*
 * The three-mask search: a third mask c in a window related to a's (often
 * overlapping, sometimes disjoint), checked against the model cid by cid.
 */
START_TEST(prop_search3)
{
	unsigned int n = gen_cases(1500);

	for (unsigned int i = 0; i < n; i++) {
		uint32_t cbase, cnr, caw, want, got;
		struct gen_case gc;
		struct gen_mask c;
		struct pair p;
		struct scx_cmask *a, *b;
		struct model *ma, *mb;

		gen_case_start(&gc, "search3", i);
		pair_make(&p, &gc.rng);
		a = p.a.mask, b = pair_b(&p);
		ma = &p.a.model, mb = pair_bm(&p);
		gen_related_window(&gc.rng, ma->base, ma->nr, &cbase, &cnr, &caw, 5);
		gen_mask_make(&c, &gc.rng, cbase, cnr, caw);
		for (int k = 0; k < 12; k++) {
			const struct model *from = k % 3 == 0 ? ma : k % 3 == 1 ? mb : &c.model;
			uint32_t s = gen_cid(&gc.rng, from);

			want = model_next_and2_set(ma, mb, &c.model, s);
			got = scx_cmask_next_and2_set(a, b, c.mask, s);
			EXPECT(&gc, got == want,
			       "next_and2_set([%u, +%u), [%u, +%u), [%u, +%u), %u) = %u, want %u",
			       a->base, a->nr_cids, b->base, b->nr_cids, c.mask->base,
			       c.mask->nr_cids, s, got, want);
			want = model_next_and2_set_wrap(ma, mb, &c.model, s);
			got = scx_cmask_next_and2_set_wrap(a, b, c.mask, s);
			EXPECT(&gc, got == want,
			       "next_and2_set_wrap([%u, +%u), [%u, +%u), [%u, +%u), %u) = %u, want %u",
			       a->base, a->nr_cids, b->base, b->nr_cids, c.mask->base,
			       c.mask->nr_cids, s, got, want);
			/* with c == b it is the two-mask search */
			EXPECT(&gc, scx_cmask_next_and2_set(a, b, b, s) ==
				    scx_cmask_next_and_set(a, b, s),
			       "next_and2_set(a, b, b, %u) differs from next_and_set(a, b, %u)", s, s);
		}
		gen_mask_free(&c);
		pair_free(&p);
	}
}
END_TEST

START_TEST(prop_init)
{
	unsigned int n = gen_cases(2000);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct scx_cmask *m, *before;
		uint32_t base, nr, aw, alloc_cids, words;
		bool tight, enospc, eoverflow;
		int got;

		gen_case_start(&gc, "init", i);
		gen_window(&gc.rng, &base, &nr, &aw, 10);
		tight = rng_below(&gc.rng, 3) == 0;
		alloc_cids = tight ? nr : gen_alloc_cids(&gc.rng, nr);
		words = (uint32_t)model_nr_words(alloc_cids);
		m = malloc(16 + 8 * (size_t)words);
		ck_assert_ptr_nonnull(m);
		for (size_t k = 0; k < 2 + words; k++)
			((uint64_t *)m)[k] = rng_next(&gc.rng);
		/* the header is garbage too: copy the storage, not what it claims */
		before = malloc(16 + 8 * (size_t)words);
		ck_assert_ptr_nonnull(before);
		memcpy(before, m, 16 + 8 * (size_t)words);

		got = tight ? scx_cmask_init(m, base, nr) : scx_cmask_init_alloc(m, base, nr, alloc_cids);
		enospc = nr > alloc_cids;
		eoverflow = (uint64_t)base + nr > UINT32_MAX;
		if (enospc || eoverflow) {
			EXPECT(&gc, (enospc && got == -ENOSPC) || (eoverflow && got == -EOVERFLOW),
			       "init_alloc(%u, %u, %u) = %d", base, nr, alloc_cids, got);
			EXPECT(&gc, !memcmp(before, m, 16 + 8 * (size_t)words),
			       "failed init wrote");
		} else {
			EXPECT(&gc, got == 0, "init_alloc(%u, %u, %u) = %d", base, nr, alloc_cids, got);
			EXPECT(&gc, m->base == base && m->nr_cids == nr && m->alloc_words == words,
			       "header {%u, %u, %u}", m->base, m->nr_cids, m->alloc_words);
			for (uint32_t w = 0; w < words; w++)
				EXPECT(&gc, m->bits[w] == 0, "word %u of %u not zeroed", w, words);
			EXPECT(&gc, scx_cmask_empty(m) && scx_cmask_valid(m) == 0, "not valid/empty");
		}
		free(before);
		free(m);
	}
}
END_TEST

START_TEST(prop_reframe)
{
	unsigned int n = gen_cases(2000);

	for (unsigned int i = 0; i < n; i++) {
		struct gen_case gc;
		struct gen_mask g;
		struct scx_cmask *before, *want;
		uint32_t base, nr, aw, nbase, nnr, naw;
		bool enospc, eoverflow;
		int got;

		gen_case_start(&gc, "reframe", i);
		gen_window(&gc.rng, &base, &nr, &aw, 10);
		/* room to grow now and then */
		aw += rng_below(&gc.rng, 3) ? 0 : (uint32_t)rng_below(&gc.rng, 40);
		gen_mask_make(&g, &gc.rng, base, nr, aw);
		gen_related_window(&gc.rng, base, nr, &nbase, &nnr, &naw, 5);
		before = mask_dup(g.mask);
		got = scx_cmask_reframe(g.mask, nbase, nnr);
		enospc = model_nr_words(nnr) > aw;
		eoverflow = (uint64_t)nbase + nnr > UINT32_MAX;
		if (enospc || eoverflow) {
			EXPECT(&gc, (enospc && got == -ENOSPC) || (eoverflow && got == -EOVERFLOW),
			       "reframe(alloc %u, %u, %u) = %d", aw, nbase, nnr, got);
			EXPECT(&gc, same_bytes(before, g.mask), "failed reframe wrote");
		} else {
			/* ABI 4.1: the header, and words 0 and last-used cleared; nothing else */
			EXPECT(&gc, got == 0, "reframe(alloc %u, %u, %u) = %d", aw, nbase, nnr, got);
			want = mask_dup(before);
			want->base = nbase;
			want->nr_cids = nnr;
			if (nnr) {
				want->bits[0] = 0;
				want->bits[model_nr_used(nbase, nnr) - 1] = 0;
			}
			EXPECT(&gc, same_bytes(want, g.mask),
			       "reframe {%u, %u, %u} -> {%u, %u} wrote the wrong words", base, nr,
			       aw, nbase, nnr);
			EXPECT(&gc, !mask_padding_dirty(g.mask), "reframe left dirty padding");
			free(want);
		}
		free(before);
		gen_mask_free(&g);
	}
}
END_TEST

static Suite *prop_suite(void)
{
	Suite *s = suite_create("cmask properties");
	TCase *tc = tcase_create("vs model");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, prop_single_cid);
	tcase_add_test(tc, prop_whole_mask);
	tcase_add_test(tc, prop_two_mask_mutators);
	tcase_add_test(tc, prop_predicates);
	tcase_add_test(tc, prop_search);
	tcase_add_test(tc, prop_search3);
	tcase_add_test(tc, prop_init);
	tcase_add_test(tc, prop_reframe);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	printf("seed %#llx (set SCXCMASK_SEED to change), cases per property: %s\n",
	       (unsigned long long)gen_seed(),
	       getenv("SCXCMASK_PROP_CASES") ? getenv("SCXCMASK_PROP_CASES") : "default");
	return t_run_suite(prop_suite());
}
