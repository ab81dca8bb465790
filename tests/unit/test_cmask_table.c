// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Table tests of the cmask edges docs/ABI.md names: sizing, layout,
 * construction errors, empty windows, unaligned bases, the top of the
 * 2^32 grid, sentinels, wrap searches, subset's set meaning, copy's
 * intersection-only rule, padding, reframe and NULL arguments.
 */
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/cmask.h>
#include <scxcmask/common.h>

#define NONE UINT32_MAX	/* ends a cid list */

/* Storage for the widest mask these tables use, header included. */
union store {
	struct scx_cmask m;
	uint64_t w[2 + 400];
};

/* Fills @s with a recognizable pattern (for "untouched" checks). */
static void scribble(union store *s)
{
	for (size_t i = 0; i < sizeof(s->w) / 8; i++)
		s->w[i] = 0xa5a5a5a5a5a5a5a5ull ^ i;
}

/* A mask [base, base + nr) with room for alloc_cids, holding @cids. */
static struct scx_cmask *mk(union store *s, uint32_t base, uint32_t nr, uint32_t alloc_cids,
			    const uint32_t *cids)
{
	scribble(s);
	ck_assert_int_eq(scx_cmask_init_alloc(&s->m, base, nr, alloc_cids), 0);
	for (; cids && *cids != NONE; cids++)
		ck_assert_int_eq(scx_cmask_set(*cids, &s->m), 0);
	return &s->m;
}

static bool padding_zero(const struct scx_cmask *m)
{
	uint32_t used, end = m->base + m->nr_cids;

	if (!m->nr_cids)
		return true;
	used = (uint32_t)(((uint64_t)m->base + m->nr_cids - 1) / 64 - m->base / 64 + 1);
	if (m->bits[0] & ((1ull << (m->base % 64)) - 1))
		return false;
	return !(end % 64) || !(m->bits[used - 1] >> (end % 64));
}

/* ------------------------------------------------------------ sizing, layout */

START_TEST(nr_words_table)
{
	/* ABI 2.2 */
	static const struct { uint32_t nr, words; } t[] = {
		{ 0, 1 }, { 1, 2 }, { 63, 2 }, { 64, 2 }, { 65, 3 }, { 128, 3 }, { 129, 4 },
		{ 512, 9 }, { 1024, 17 }, { 4096, 65 }, { 8192, 129 }, { 0xFFFFFFFFu, 67108865 },
		{ 0xFFFFFFC1u, 67108865 }, { 0xFFFFFFC0u, 67108864 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_uint_eq(SCX_CMASK_NR_WORDS(t[i].nr), t[i].words);
		ck_assert_uint_eq(scx_cmask_size(t[i].nr), 16 + 8 * (size_t)t[i].words);
		ck_assert_uint_eq(SCX_CMASK_SIZE(t[i].nr), 16 + 8 * (size_t)t[i].words);
	}
	/* a u32, as the kernel's cast makes it */
	ck_assert_uint_eq(sizeof(SCX_CMASK_NR_WORDS(0)), 4);
	ck_assert_uint_eq(scx_cmask_size(8192), 1048);
	ck_assert_uint_eq(SCX_CMASK_MAX_WORDS, 129);
}
END_TEST

START_TEST(layout_runtime)
{
	SCX_CMASK_STORAGE(130) st;
	SCX_CMASK_STORAGE(0) st0;
	struct { char c; SCX_CMASK_STORAGE(1) s; } odd;

	ck_assert_uint_eq(offsetof(struct scx_cmask, base), 0);
	ck_assert_uint_eq(offsetof(struct scx_cmask, nr_cids), 4);
	ck_assert_uint_eq(offsetof(struct scx_cmask, alloc_words), 8);
	ck_assert_uint_eq(offsetof(struct scx_cmask, bits), 16);
	ck_assert_uint_eq(sizeof(struct scx_cmask), 16);
	ck_assert_uint_eq(alignof(struct scx_cmask), 8);
	ck_assert_uint_eq(SCX_CMASK_HDR_SIZE, 16);
	/* storage: the size scx_cmask_size() names, aligned for the words */
	ck_assert_uint_eq(sizeof(st), scx_cmask_size(130));
	ck_assert_uint_eq(sizeof(st0), scx_cmask_size(0));
	ck_assert_uint_eq((uintptr_t)&odd.s % 8, 0);
	ck_assert_uint_eq((uintptr_t)st.mask.bits - (uintptr_t)&st.mask, 16);
	ck_assert_int_eq(scx_cmask_init(&st.mask, 7, 130), 0);
	ck_assert_uint_eq(st.mask.alloc_words, 4);
	ck_assert_int_eq(scx_cmask_fill(&st.mask), 0);
	ck_assert_uint_eq(scx_cmask_weight(&st.mask), 130);
	ck_assert_int_eq(scx_cmask_init(&odd.s.mask, 63, 1), 0);
	ck_assert_int_eq(scx_cmask_set(63, &odd.s.mask), 0);
	ck_assert_uint_eq(odd.s.mask.bits[0], 1ull << 63);
}
END_TEST

/* ------------------------------------------------------------ construction */

START_TEST(init_errors_leave_mask_alone)
{
	static const struct { uint32_t base, nr, alloc; int err; } t[] = {
		{ 0, 65, 64, -ENOSPC },
		{ 0, 1, 0, -ENOSPC },
		{ 5, 8193, 8192, -ENOSPC },
		{ 0xFFFFFF00u, 0x100, 0x100, -EOVERFLOW },	/* end would be 2^32 */
		{ 0xFFFFFFFFu, 1, 1, -EOVERFLOW },
		{ 1, 0xFFFFFFFFu, 0xFFFFFFFFu, -EOVERFLOW },
		{ 0x80000000u, 0x80000000u, 0x80000000u, -EOVERFLOW },
	};
	union store s, before;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		scribble(&s);
		before = s;
		ck_assert_int_eq(scx_cmask_init_alloc(&s.m, t[i].base, t[i].nr, t[i].alloc), t[i].err);
		ck_assert_msg(!memcmp(&s, &before, sizeof(s)), "row %zu wrote", i);
		if (t[i].nr == t[i].alloc) {
			ck_assert_int_eq(scx_cmask_init(&s.m, t[i].base, t[i].nr), t[i].err);
			ck_assert_msg(!memcmp(&s, &before, sizeof(s)), "row %zu wrote", i);
		}
	}
	ck_assert_int_eq(scx_cmask_init(NULL, 0, 1), -EINVAL);
	ck_assert_int_eq(scx_cmask_init_alloc(NULL, 0, 1, 2), -EINVAL);
}
END_TEST

START_TEST(init_edges)
{
	union store s;

	/* ends exactly at UINT32_MAX: valid, end sentinel representable */
	scribble(&s);
	ck_assert_int_eq(scx_cmask_init(&s.m, 0xFFFFFF00u, 0xFF), 0);
	ck_assert_uint_eq(scx_cmask_end(&s.m), 0xFFFFFFFFu);
	ck_assert_uint_eq(s.m.alloc_words, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(s.m.bits[i], 0);
	/* empty windows, including at the very top */
	ck_assert_int_eq(scx_cmask_init(&s.m, 0xFFFFFFFFu, 0), 0);
	ck_assert_uint_eq(scx_cmask_end(&s.m), 0xFFFFFFFFu);
	ck_assert_uint_eq(s.m.alloc_words, 1);
	ck_assert_int_eq(scx_cmask_valid(&s.m), 0);
	/* init_alloc zeroes all of the storage, not just the window */
	scribble(&s);
	ck_assert_int_eq(scx_cmask_init_alloc(&s.m, 3, 1, 300), 0);
	ck_assert_uint_eq(s.m.alloc_words, 6);
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(s.m.bits[i], 0);
	ck_assert_uint_eq(s.w[2 + 6], 0xa5a5a5a5a5a5a5a5ull ^ 8);	/* and no more */
}
END_TEST

START_TEST(alloc_and_free)
{
	struct scx_cmask *m = scx_cmask_alloc(5, 100);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->base, 5);
	ck_assert_uint_eq(m->nr_cids, 100);
	ck_assert_uint_eq(m->alloc_words, 3);
	ck_assert(scx_cmask_empty(m));
	scx_cmask_free(m);
	errno = 0;
	ck_assert_ptr_null(scx_cmask_alloc(0xFFFFFF00u, 0x100));
	ck_assert_int_eq(errno, EOVERFLOW);
	m = scx_cmask_alloc(0xFFFFFF00u, 0xFF);
	ck_assert_ptr_nonnull(m);
	scx_cmask_free(m);
	m = scx_cmask_alloc(0, 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->alloc_words, 1);
	scx_cmask_free(m);
	scx_cmask_free(NULL);
}
END_TEST

START_TEST(reframe_rules)
{
	union store s, before;
	struct scx_cmask *m = mk(&s, 0, 256, 256, NULL);

	/* 5 words of storage: fill them all, then move the window */
	ck_assert_uint_eq(m->alloc_words, 5);
	for (int i = 0; i < 5; i++)
		m->bits[i] = ~0ull;
	/* [10, 10 + 200) uses words 0..3: 0 and 3 cleared, 1, 2 and 4 kept */
	ck_assert_int_eq(scx_cmask_reframe(m, 10, 200), 0);
	ck_assert_uint_eq(m->base, 10);
	ck_assert_uint_eq(m->nr_cids, 200);
	ck_assert_uint_eq(m->alloc_words, 5);
	ck_assert_uint_eq(m->bits[0], 0);
	ck_assert_uint_eq(m->bits[1], ~0ull);
	ck_assert_uint_eq(m->bits[2], ~0ull);
	ck_assert_uint_eq(m->bits[3], 0);
	ck_assert_uint_eq(m->bits[4], ~0ull);
	ck_assert(padding_zero(m));
	ck_assert_uint_eq(scx_cmask_weight(m), 128);	/* the body's old bits */
	/* the widest window the storage holds: NR_WORDS(256) == 5 */
	ck_assert_int_eq(scx_cmask_reframe(m, 1000, 256), 0);
	ck_assert_uint_eq(scx_cmask_end(m), 1256);
	/* nr_cids 0 touches no word */
	m->bits[0] = 1;
	ck_assert_int_eq(scx_cmask_reframe(m, 7, 0), 0);
	ck_assert_uint_eq(m->bits[0], 1);
	ck_assert(scx_cmask_empty(m));

	/* errors leave every byte alone */
	before = s;
	ck_assert_int_eq(scx_cmask_reframe(m, 0, 257), -ENOSPC);
	ck_assert_int_eq(scx_cmask_reframe(m, 0xFFFFFF00u, 0x100), -EOVERFLOW);
	ck_assert_int_eq(scx_cmask_reframe(m, 0xFFFFFFFFu, 1), -EOVERFLOW);
	ck_assert_int_eq(scx_cmask_reframe(m, 0, 0xFFFFFFFFu), -ENOSPC);
	ck_assert(!memcmp(&s, &before, sizeof(s)));
	ck_assert_int_eq(scx_cmask_reframe(NULL, 0, 1), -EINVAL);
	/* up to the top of the grid */
	ck_assert_int_eq(scx_cmask_reframe(m, 0xFFFFFFFFu - 256, 256), 0);
	ck_assert_uint_eq(scx_cmask_end(m), 0xFFFFFFFFu);
}
END_TEST

/* ------------------------------------------------------------ windows */

START_TEST(empty_window)
{
	static const uint32_t bases[] = { 0, 1, 63, 64, 100, 0xFFFFFFC0u, 0xFFFFFFFFu };
	union store s, t, before;
	uint32_t cid;

	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		uint32_t b = bases[i];
		struct scx_cmask *m = mk(&s, b, 0, 0, NULL);
		uint32_t fb = b > 64 ? b - 64 : 0;
		struct scx_cmask *full;
		int visits = 0;

		/* a full mask around b that still ends below 2^32 */
		if (fb > UINT32_MAX - 128)
			fb = UINT32_MAX - 128;
		full = mk(&t, fb, 128, 128, NULL);

		scx_cmask_fill(full);
		m->bits[0] = ~0ull;	/* garbage in the one spare word */
		before = s;
		ck_assert(!scx_cmask_test(b, m));
		ck_assert_int_eq(scx_cmask_set(b, m), -ERANGE);
		ck_assert_int_eq(scx_cmask_clear(b, m), -ERANGE);
		ck_assert(!scx_cmask_test_and_set(b, m));
		ck_assert(!scx_cmask_test_and_clear(b, m));
		ck_assert_int_eq(scx_cmask_fill(m), 0);
		ck_assert_int_eq(scx_cmask_zero(m), 0);
		ck_assert_int_eq(scx_cmask_or(m, full), 0);
		ck_assert_int_eq(scx_cmask_copy(m, full), 0);
		ck_assert(!memcmp(&s, &before, sizeof(s)));
		ck_assert(scx_cmask_empty(m));
		ck_assert_uint_eq(scx_cmask_weight(m), 0);
		ck_assert_uint_eq(scx_cmask_end(m), b);
		ck_assert_uint_eq(scx_cmask_first_set(m), b);
		ck_assert_uint_eq(scx_cmask_next_set(m, 0), b);
		ck_assert_uint_eq(scx_cmask_next_set_wrap(m, b + 1), b);
		ck_assert_uint_eq(scx_cmask_next_and_set(m, full, 0), b);
		ck_assert_uint_eq(scx_cmask_next_and_set_wrap(m, full, b), b);
		ck_assert(scx_cmask_subset(m, full));
		ck_assert(!scx_cmask_intersects(m, full));
		ck_assert(scx_cmask_equal(m, m));
		scx_cmask_for_each(cid, m)
			visits++;
		ck_assert_int_eq(visits, 0);
		/* an empty src changes nothing in dst */
		before = t;
		ck_assert_int_eq(scx_cmask_and(full, m), 0);
		ck_assert_int_eq(scx_cmask_copy(full, m), 0);
		ck_assert(!memcmp(&t, &before, sizeof(t)));
	}
}
END_TEST

START_TEST(unaligned_bases)
{
	static const struct { uint32_t base, nr; } t[] = {
		{ 1, 62 }, { 1, 63 }, { 1, 64 }, { 63, 1 }, { 63, 2 }, { 60, 10 }, { 70, 10 },
		{ 1, 127 }, { 65, 8191 }, { 127, 8193 }, { 3, 1 },
	};
	union store s, u;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t b = t[i].base, e = b + t[i].nr, cid, n = 0;
		struct scx_cmask *m = mk(&s, b, t[i].nr, t[i].nr, NULL);
		struct scx_cmask *v = mk(&u, b, t[i].nr, t[i].nr, NULL);

		ck_assert_int_eq(scx_cmask_fill(m), 0);
		ck_assert(padding_zero(m));
		ck_assert_uint_eq(scx_cmask_weight(m), t[i].nr);
		ck_assert_uint_eq(scx_cmask_first_set(m), b);
		ck_assert_uint_eq(scx_cmask_next_set(m, e - 1), e - 1);
		ck_assert(scx_cmask_test(b, m) && scx_cmask_test(e - 1, m));
		ck_assert(!scx_cmask_test(b - 1, m) && !scx_cmask_test(e, m));
		ck_assert_int_eq(scx_cmask_set(b - 1, m), -ERANGE);
		ck_assert_int_eq(scx_cmask_set(e, m), -ERANGE);
		scx_cmask_for_each(cid, m)
			ck_assert_uint_eq(cid, b + n++);
		ck_assert_uint_eq(n, t[i].nr);
		/* the first and the last cid alone */
		ck_assert_int_eq(scx_cmask_set(b, v), 0);
		ck_assert_int_eq(scx_cmask_set(e - 1, v), 0);
		ck_assert_uint_eq(scx_cmask_weight(v), t[i].nr > 1 ? 2 : 1);
		ck_assert_uint_eq(scx_cmask_next_set(v, b + 1), t[i].nr > 1 ? e - 1 : e);
		ck_assert(scx_cmask_subset(v, m));
		ck_assert(scx_cmask_equal(v, m) == (t[i].nr <= 2));
		ck_assert_int_eq(scx_cmask_andnot(m, v), 0);
		ck_assert_uint_eq(scx_cmask_weight(m), t[i].nr > 1 ? t[i].nr - 2 : 0);
		ck_assert(!scx_cmask_intersects(m, v));
	}
}
END_TEST

START_TEST(top_of_grid)
{
	/* the last grid word covers 0xFFFFFFC0 .. 0xFFFFFFFF; 0xFFFFFFFF is never a cid */
	union store s, u;
	struct scx_cmask *m = mk(&s, 0xFFFFFFC0u, 63, 63, NULL);
	struct scx_cmask *v = mk(&u, 0xFFFFFF00u, 0xFF, 0xFF, NULL);
	uint32_t cid, n = 0;

	ck_assert_uint_eq(scx_cmask_end(m), 0xFFFFFFFFu);
	ck_assert_int_eq(scx_cmask_set(0xFFFFFFFFu, m), -ERANGE);
	ck_assert_int_eq(scx_cmask_set(0xFFFFFFFEu, m), 0);
	ck_assert_uint_eq(m->bits[0], 1ull << 62);
	ck_assert_uint_eq(scx_cmask_first_set(m), 0xFFFFFFFEu);
	ck_assert_uint_eq(scx_cmask_next_set(m, 0xFFFFFFFFu), 0xFFFFFFFFu);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 0xFFFFFFFFu), 0xFFFFFFFEu);
	ck_assert_int_eq(scx_cmask_fill(m), 0);
	ck_assert_uint_eq(m->bits[0], ~0ull >> 1);
	ck_assert_uint_eq(scx_cmask_weight(m), 63);
	scx_cmask_for_each(cid, m)
		n++;
	ck_assert_uint_eq(n, 63);

	/* a 4-word window ending at the top, combined with the one-word one */
	ck_assert_int_eq(scx_cmask_fill(v), 0);
	ck_assert_uint_eq(scx_cmask_weight(v), 0xFF);
	ck_assert_uint_eq(v->bits[3], ~0ull >> 1);
	ck_assert(scx_cmask_subset(m, v));
	ck_assert(!scx_cmask_subset(v, m));
	ck_assert_int_eq(scx_cmask_andnot(v, m), 0);
	ck_assert_uint_eq(scx_cmask_weight(v), 0xFF - 63);
	ck_assert_uint_eq(scx_cmask_next_set(v, 0xFFFFFFBFu), 0xFFFFFFBFu);
	ck_assert_uint_eq(scx_cmask_next_set(v, 0xFFFFFFC0u), 0xFFFFFFFFu);
	ck_assert_uint_eq(scx_cmask_next_and_set(v, m, 0), 0xFFFFFFFFu);
	ck_assert_int_eq(scx_cmask_or(v, m), 0);
	ck_assert_uint_eq(scx_cmask_weight(v), 0xFF);
	/* a window from 0 to the top is too big to store here, but valid in principle */
	ck_assert_int_eq(scx_cmask_reframe(v, 0, 0xFFFFFFFFu), -ENOSPC);
}
END_TEST

START_TEST(sentinels)
{
	union store s, u;
	struct scx_cmask *a = mk(&s, 100, 100, 100, (const uint32_t[]){ 120, 150, NONE });
	struct scx_cmask *b = mk(&u, 130, 200, 200, (const uint32_t[]){ 150, 300, NONE });

	ck_assert_uint_eq(scx_cmask_end(a), 200);
	ck_assert_uint_eq(scx_cmask_next_set(a, 151), 200);
	ck_assert_uint_eq(scx_cmask_next_set(a, 200), 200);
	ck_assert_uint_eq(scx_cmask_next_set(a, 0xFFFFFFFFu), 200);
	ck_assert_uint_eq(scx_cmask_next_set(a, 0), 120);
	/* two-mask searches end at end(a), not at the intersection's end */
	ck_assert_uint_eq(scx_cmask_next_and_set(a, b, 0), 150);
	ck_assert_uint_eq(scx_cmask_next_and_set(a, b, 151), 200);
	ck_assert_uint_eq(scx_cmask_next_and_set(b, a, 151), 330);
	ck_assert_uint_eq(scx_cmask_next_and_set(b, a, 0), 150);
	ck_assert_uint_eq(scx_cmask_next_and_set(a, NULL, 0), 200);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(b, a, 151), 150);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(b, a, 150), 150);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(b, a, 130), 150);
}
END_TEST

/*
 * Three masks: a = [100, 200) {120, 150, 190}, b = [130, 330) {150, 190, 300},
 * c = [64, 192) {120, 150, 190}: only 150 and 190 are in all three, and
 * the search is bounded by c's end (192) but reports end(a).
 */
START_TEST(three_mask_search)
{
	union store s, u, v;
	struct scx_cmask *a = mk(&s, 100, 100, 100, (const uint32_t[]){ 120, 150, 190, NONE });
	struct scx_cmask *b = mk(&u, 130, 200, 200, (const uint32_t[]){ 150, 190, 300, NONE });
	struct scx_cmask *c = mk(&v, 64, 128, 128, (const uint32_t[]){ 120, 150, 190, NONE });

	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, c, 0), 150);
	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, c, 150), 150);
	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, c, 151), 190);
	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, c, 191), 200);
	ck_assert_uint_eq(scx_cmask_next_and2_set(b, a, c, 191), 330);
	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, NULL, 0), 200);
	ck_assert_uint_eq(scx_cmask_next_and2_set(NULL, b, c, 0), 0);
	/* wrap: from 191 back to 150; a start at or below base never wraps */
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, c, 191), 150);
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, c, 151), 190);
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, c, 100), 150);
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, c, 200), 150);
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, NULL, 150), 200);
	/* clearing 150 in c leaves 190 only, found from either side */
	ck_assert_int_eq(scx_cmask_clear(150, c), 0);
	ck_assert_uint_eq(scx_cmask_next_and2_set_wrap(a, b, c, 191), 190);
	ck_assert_uint_eq(scx_cmask_next_and2_set(a, b, c, 0), 190);
}
END_TEST

START_TEST(wrap_searches)
{
	/* window [100, 200), set {120, 150} */
	static const struct { uint32_t start, want; } t[] = {
		{ 0, 120 },		/* before the window: no wrap needed */
		{ 99, 120 },
		{ 100, 120 },		/* at the base */
		{ 120, 120 },
		{ 121, 150 },
		{ 150, 150 },
		{ 151, 120 },		/* wraps to the base */
		{ 199, 120 },
		{ 200, 120 },		/* at end: wraps to the lowest */
		{ 201, 120 },		/* after the window */
		{ 0xFFFFFFFFu, 120 },
	};
	union store s, u;
	struct scx_cmask *m = mk(&s, 100, 100, 100, (const uint32_t[]){ 120, 150, NONE });
	struct scx_cmask *all = mk(&u, 0, 300, 300, NULL);

	scx_cmask_fill(all);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_msg(scx_cmask_next_set_wrap(m, t[i].start) == t[i].want,
			      "next_set_wrap(%u) = %u, want %u", t[i].start,
			      scx_cmask_next_set_wrap(m, t[i].start), t[i].want);
		ck_assert_uint_eq(scx_cmask_next_and_set_wrap(m, all, t[i].start), t[i].want);
	}
	/* only the base set: a start just past it wraps back to it */
	m = mk(&s, 100, 100, 100, (const uint32_t[]){ 100, NONE });
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 101), 100);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 100), 100);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 5), 100);
	/* only the last cid: a start at it finds it, nothing else wraps past it */
	m = mk(&s, 100, 100, 100, (const uint32_t[]){ 199, NONE });
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 199), 199);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 200), 199);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 150), 199);
	/* nothing set: always end */
	m = mk(&s, 100, 100, 100, NULL);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 0), 200);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 150), 200);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 300), 200);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(m, all, 150), 200);
	/* both masks set, but not on the same cid */
	m = mk(&s, 100, 100, 100, (const uint32_t[]){ 101, NONE });
	all = mk(&u, 0, 300, 300, (const uint32_t[]){ 102, NONE });
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(m, all, 150), 200);
}
END_TEST

/* ------------------------------------------------------------ two masks */

START_TEST(subset_set_meaning)
{
	union store s, u;
	struct scx_cmask *a = mk(&s, 0, 128, 128, (const uint32_t[]){ 10, NONE });
	struct scx_cmask *b = mk(&u, 0, 64, 64, (const uint32_t[]){ 10, NONE });

	/* upstream's BPF cmask_subset says false: a's window is not inside b's */
	ck_assert(scx_cmask_subset(a, b));
	ck_assert(scx_cmask_subset(b, a));
	scx_cmask_set(100, a);
	ck_assert(!scx_cmask_subset(a, b));
	/* disjoint windows: only an empty a is a subset */
	a = mk(&s, 1000, 50, 50, NULL);
	ck_assert(scx_cmask_subset(a, b));
	scx_cmask_set(1049, a);
	ck_assert(!scx_cmask_subset(a, b));
	/* a set cid below b's window */
	a = mk(&s, 0, 200, 200, (const uint32_t[]){ 70, NONE });
	b = mk(&u, 71, 129, 129, NULL);
	scx_cmask_fill(b);
	ck_assert(!scx_cmask_subset(a, b));
	scx_cmask_clear(70, a);
	scx_cmask_set(71, a);
	scx_cmask_set(199, a);
	ck_assert(scx_cmask_subset(a, b));
	/* an invalid b has nothing set */
	b->alloc_words = 1;
	ck_assert(!scx_cmask_subset(a, b));
	ck_assert(scx_cmask_subset(b, a));
}
END_TEST

START_TEST(copy_keeps_dst_outside_src)
{
	union store s, u;
	struct scx_cmask *dst = mk(&s, 0, 128, 128, NULL);
	struct scx_cmask *src = mk(&u, 32, 32, 32, (const uint32_t[]){ 40, NONE });

	scx_cmask_fill(dst);
	ck_assert_int_eq(scx_cmask_copy(dst, src), 0);
	ck_assert_uint_eq(dst->bits[0], 0xFFFFFFFFull | (1ull << 40));
	ck_assert_uint_eq(dst->bits[1], ~0ull);
	ck_assert_uint_eq(scx_cmask_weight(dst), 128 - 31);
	/* and/or/andnot also touch the intersection only */
	scx_cmask_fill(dst);
	ck_assert_int_eq(scx_cmask_and(dst, src), 0);
	ck_assert_uint_eq(scx_cmask_weight(dst), 128 - 31);
	ck_assert_int_eq(scx_cmask_or(dst, src), 0);
	ck_assert_int_eq(scx_cmask_andnot(dst, src), 0);
	ck_assert_uint_eq(scx_cmask_weight(dst), 128 - 32);
	ck_assert(!scx_cmask_test(40, dst));
}
END_TEST

START_TEST(padding_after_whole_mask_writers)
{
	static const struct { uint32_t base, nr; } wins[] = {
		{ 5, 100 }, { 1, 1 }, { 64, 64 }, { 63, 2 }, { 0xFFFFFF07u, 0xF8 },
	};
	union store s, u;

	for (size_t i = 0; i < sizeof(wins) / sizeof(wins[0]); i++) {
		for (int op = 0; op < 6; op++) {
			struct scx_cmask *m = mk(&s, wins[i].base, wins[i].nr, wins[i].nr, NULL);
			struct scx_cmask *src = mk(&u, wins[i].base - 1, wins[i].nr + 1,
						   wins[i].nr + 1, NULL);
			uint32_t last = (uint32_t)(((uint64_t)m->base + m->nr_cids - 1) / 64 - m->base / 64);

			scx_cmask_fill(src);
			/* dirty padding on both sides, as foreign code may leave it */
			m->bits[0] |= ~(~0ull << (m->base % 64));
			m->bits[last] |= ~0ull;
			m->bits[0] |= 1ull << 63;
			switch (op) {
			case 0: ck_assert_int_eq(scx_cmask_zero(m), 0); break;
			case 1: ck_assert_int_eq(scx_cmask_fill(m), 0); break;
			case 2: ck_assert_int_eq(scx_cmask_and(m, src), 0); break;
			case 3: ck_assert_int_eq(scx_cmask_or(m, src), 0); break;
			case 4: ck_assert_int_eq(scx_cmask_copy(m, src), 0); break;
			default: ck_assert_int_eq(scx_cmask_andnot(m, src), 0); break;
			}
			ck_assert_msg(padding_zero(m), "window %zu op %d left dirty padding", i, op);
		}
	}
}
END_TEST

START_TEST(dirty_storage_ignored)
{
	/* ABI 4.3's example: a raw bit at cid 139 in a 130-cid mask */
	union store s, u;
	struct scx_cmask *m = mk(&s, 0, 130, 130, (const uint32_t[]){ 1, 64, 129, NONE });
	struct scx_cmask *v = mk(&u, 0, 130, 130, (const uint32_t[]){ 1, 64, 129, NONE });

	m->bits[2] |= 1ull << (139 - 128);
	m->bits[3] = ~0ull;		/* the spare word */
	ck_assert_uint_eq(scx_cmask_weight(m), 3);
	ck_assert(scx_cmask_equal(m, v));
	ck_assert(scx_cmask_subset(m, v) && scx_cmask_subset(v, m));
	ck_assert_uint_eq(scx_cmask_next_set(m, 130), 130);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(m, 130), 1);
	/* head padding */
	m = mk(&s, 10, 50, 50, NULL);
	m->bits[0] = 0x3FF;
	ck_assert(scx_cmask_empty(m));
	ck_assert_uint_eq(scx_cmask_first_set(m), 60);
	ck_assert(!scx_cmask_test(5, m));
	/* equal needs the same window, even when both are empty */
	m = mk(&s, 0, 64, 64, NULL);
	v = mk(&u, 1, 64, 64, NULL);
	ck_assert(!scx_cmask_equal(m, v));
	v = mk(&u, 0, 63, 63, NULL);
	ck_assert(!scx_cmask_equal(m, v));
}
END_TEST

START_TEST(null_arguments)
{
	union store s, before;
	struct scx_cmask *m = mk(&s, 0, 64, 64, (const uint32_t[]){ 3, NONE });

	before = s;
	ck_assert_int_eq(scx_cmask_valid(NULL), -EINVAL);
	ck_assert_uint_eq(scx_cmask_end(NULL), 0);
	ck_assert(!scx_cmask_test(0, NULL));
	ck_assert_int_eq(scx_cmask_set(0, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_clear(0, NULL), -EINVAL);
	ck_assert(!scx_cmask_test_and_set(0, NULL));
	ck_assert(!scx_cmask_test_and_clear(0, NULL));
	ck_assert_int_eq(scx_cmask_set_nonatomic(0, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_clear_nonatomic(0, NULL), -EINVAL);
	ck_assert(!scx_cmask_test_and_set_nonatomic(0, NULL));
	ck_assert(!scx_cmask_test_and_clear_nonatomic(0, NULL));
	ck_assert_int_eq(scx_cmask_zero(NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_fill(NULL), -EINVAL);
	ck_assert(scx_cmask_empty(NULL));
	ck_assert_uint_eq(scx_cmask_weight(NULL), 0);
	ck_assert_int_eq(scx_cmask_and(NULL, m), -EINVAL);
	ck_assert_int_eq(scx_cmask_and(m, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_or(m, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_copy(m, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_andnot(m, NULL), -EINVAL);
	ck_assert_int_eq(scx_cmask_copy(NULL, NULL), -EINVAL);
	ck_assert(!scx_cmask_equal(NULL, NULL));
	ck_assert(!scx_cmask_equal(m, NULL));
	ck_assert(scx_cmask_subset(NULL, m));
	ck_assert(!scx_cmask_subset(m, NULL));
	ck_assert(!scx_cmask_intersects(m, NULL));
	ck_assert(!scx_cmask_intersects(NULL, m));
	ck_assert_uint_eq(scx_cmask_first_set(NULL), 0);
	ck_assert_uint_eq(scx_cmask_next_set(NULL, 5), 0);
	ck_assert_uint_eq(scx_cmask_next_set_wrap(NULL, 5), 0);
	ck_assert_uint_eq(scx_cmask_next_and_set(NULL, m, 0), 0);
	ck_assert_uint_eq(scx_cmask_next_and_set(m, NULL, 0), 64);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(m, NULL, 9), 64);
	ck_assert_uint_eq(scx_cmask_next_and_set_wrap(NULL, NULL, 9), 0);
	ck_assert(!memcmp(&s, &before, sizeof(s)));
	ck_assert(!scx_cmask_empty(m));
	ck_assert(!scx_cmask_subset(m, NULL));
	scx_cmask_zero(m);
	ck_assert(scx_cmask_subset(m, NULL));
}
END_TEST

/* Every failure leaves a message naming the function and the offending value. */
static void expect_msg(int got, int want, const char *a, const char *b)
{
	const char *msg = scxcmask_errmsg();

	ck_assert_int_eq(got, want);
	ck_assert_msg(strstr(msg, a) && strstr(msg, b), "message \"%s\" lacks \"%s\"/\"%s\"",
		      msg, a, b);
}

START_TEST(error_messages)
{
	SCX_CMASK_STORAGE(128) s;
	SCX_CMASK_STORAGE(64) t;

	expect_msg(scx_cmask_init(&s.mask, 0xffffff00u, 0x200), -EOVERFLOW, "scx_cmask_init:",
		   "2^32");
	expect_msg(scx_cmask_init_alloc(&s.mask, 0, 200, 100), -ENOSPC, "scx_cmask_init_alloc:",
		   "200 cids");
	ck_assert_int_eq(scx_cmask_init(&s.mask, 10, 100), 0);
	ck_assert_int_eq(scx_cmask_init(&t.mask, 0, 64), 0);
	expect_msg(scx_cmask_set(5, &s.mask), -ERANGE, "scx_cmask_set:", "cid 5");
	expect_msg(scx_cmask_clear_nonatomic(110, &s.mask), -ERANGE, "scx_cmask_clear_nonatomic:",
		   "[10, 110)");
	expect_msg(scx_cmask_reframe(&s.mask, 0, 1000), -ENOSPC, "scx_cmask_reframe:", "1000 cids");
	t.mask.nr_cids = 5000;
	expect_msg(scx_cmask_and(&s.mask, &t.mask), -EINVAL, "scx_cmask_and:", "source");
	expect_msg(scx_cmask_copy(&t.mask, &s.mask), -EINVAL, "scx_cmask_copy:", "destination");
	expect_msg(scx_cmask_valid(&t.mask), -EINVAL, "scx_cmask_valid:", "alloc_words is 2");
	expect_msg(scx_cmask_zero(NULL), -EINVAL, "scx_cmask_zero:", "NULL");
}
END_TEST

START_TEST(for_each_rules)
{
	union store s, u;
	struct scx_cmask *m = mk(&s, 60, 200, 200, (const uint32_t[]){ 60, 63, 64, 127, 200, 259, NONE });
	struct scx_cmask *v = mk(&u, 0, 3, 3, (const uint32_t[]){ 0, 2, NONE });
	uint32_t cid, inner, seen[8], n = 0, pairs = 0;
	int icid, visits = 0;

	scx_cmask_for_each(cid, m)
		seen[n++] = cid;
	ck_assert_uint_eq(n, 6);
	ck_assert_uint_eq(seen[0], 60);
	ck_assert_uint_eq(seen[3], 127);
	ck_assert_uint_eq(seen[5], 259);
	ck_assert_uint_eq(cid, scx_cmask_end(m));	/* the end after the loop */
	/* any integer lvalue; nested loops */
	scx_cmask_for_each(icid, v)
		scx_cmask_for_each(inner, m)
			pairs += (uint32_t)icid < inner;
	ck_assert_uint_eq(pairs, 12);
	/* cids cleared ahead are skipped, cids set ahead are visited */
	scx_cmask_for_each(cid, m) {
		if (cid == 60) {
			scx_cmask_clear(63, m);
			scx_cmask_set(61, m);
			scx_cmask_set(258, m);
		}
		visits++;
	}
	ck_assert_int_eq(visits, 7);
	/* the mask expression is evaluated once */
	n = 0;
	scx_cmask_for_each(cid, (n++, m))
		;
	ck_assert_uint_eq(n, 1);
	/* invalid and NULL masks: no visit, cid = their end */
	m->alloc_words = 2;
	scx_cmask_for_each(cid, m)
		ck_abort_msg("visited %u of an invalid mask", cid);
	ck_assert_uint_eq(cid, 260);
	scx_cmask_for_each(cid, (struct scx_cmask *)NULL)
		ck_abort_msg("visited %u of NULL", cid);
	ck_assert_uint_eq(cid, 0);
}
END_TEST

static Suite *table_suite(void)
{
	Suite *s = suite_create("cmask tables");
	TCase *tc = tcase_create("edges");

	tcase_add_test(tc, nr_words_table);
	tcase_add_test(tc, layout_runtime);
	tcase_add_test(tc, init_errors_leave_mask_alone);
	tcase_add_test(tc, init_edges);
	tcase_add_test(tc, alloc_and_free);
	tcase_add_test(tc, reframe_rules);
	tcase_add_test(tc, empty_window);
	tcase_add_test(tc, unaligned_bases);
	tcase_add_test(tc, top_of_grid);
	tcase_add_test(tc, sentinels);
	tcase_add_test(tc, wrap_searches);
	tcase_add_test(tc, three_mask_search);
	tcase_add_test(tc, subset_set_meaning);
	tcase_add_test(tc, copy_keeps_dst_outside_src);
	tcase_add_test(tc, padding_after_whole_mask_writers);
	tcase_add_test(tc, dirty_storage_ignored);
	tcase_add_test(tc, null_arguments);
	tcase_add_test(tc, for_each_rules);
	tcase_add_test(tc, error_messages);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(table_suite());
}
