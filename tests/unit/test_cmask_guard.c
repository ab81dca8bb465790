// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * "No operation ever reads or writes outside bits[0 .. alloc_words)":
 * masks are placed so that their storage ends exactly at a PROT_NONE guard
 * page (or their header starts right after one), then every operation runs
 * on them with valid headers and with garbage headers that claim more cids
 * than the storage holds or a window that wraps past 2^32.  One stray
 * access is a SIGSEGV, which Check reports as an error of the test.
 */
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <scxcmask/cmask.h>

/* Three pages: guard, data, guard. */
static uint8_t *guarded_page(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mprotect(p, pg, PROT_NONE), 0);
	ck_assert_int_eq(mprotect(p + 2 * pg, pg, PROT_NONE), 0);
	return p + pg;
}

static void release(uint8_t *page)
{
	long pg = sysconf(_SC_PAGESIZE);

	munmap(page - pg, 3 * pg);
}

/* A mask of @alloc_words words whose last word touches the upper guard. */
static struct scx_cmask *at_page_end(uint8_t *page, uint32_t alloc_words)
{
	long pg = sysconf(_SC_PAGESIZE);

	return (struct scx_cmask *)(page + pg - 16 - 8 * (size_t)alloc_words);
}

/* A mask whose header starts right after the lower guard. */
static struct scx_cmask *at_page_start(uint8_t *page)
{
	return (struct scx_cmask *)page;
}

static void fill_garbage(struct scx_cmask *m, uint32_t alloc_words)
{
	for (uint32_t i = 0; i < alloc_words; i++)
		m->bits[i] = ~0ull;
}

/*
 * Runs every operation on @m (and with @ok, a valid mask, as the other
 * operand).  Returns nothing: surviving is the test, plus the answers an
 * invalid mask must give.
 */
static void every_op(struct scx_cmask *m, struct scx_cmask *ok, bool valid)
{
	uint32_t base = m->base, end = base + m->nr_cids, cid;
	uint32_t probes[] = { 0, base, base + 1, base + 63, base + 64, base + 4096, end - 1, end,
			      UINT32_MAX };
	int visits = 0;

	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		uint32_t c = probes[i];

		(void)scx_cmask_test(c, m);
		(void)scx_cmask_set(c, m);
		(void)scx_cmask_clear(c, m);
		(void)scx_cmask_test_and_set(c, m);
		(void)scx_cmask_test_and_clear(c, m);
		(void)scx_cmask_set_nonatomic(c, m);
		(void)scx_cmask_clear_nonatomic(c, m);
		(void)scx_cmask_test_and_set_nonatomic(c, m);
		(void)scx_cmask_test_and_clear_nonatomic(c, m);
		(void)scx_cmask_next_set(m, c);
		(void)scx_cmask_next_set_wrap(m, c);
		(void)scx_cmask_next_and_set(m, ok, c);
		(void)scx_cmask_next_and_set(ok, m, c);
		(void)scx_cmask_next_and_set_wrap(m, ok, c);
		(void)scx_cmask_next_and_set_wrap(ok, m, c);
		(void)scx_cmask_next_and_set(m, m, c);
	}
	(void)scx_cmask_weight(m);
	(void)scx_cmask_empty(m);
	(void)scx_cmask_first_set(m);
	(void)scx_cmask_equal(m, ok);
	(void)scx_cmask_equal(m, m);
	(void)scx_cmask_subset(m, ok);
	(void)scx_cmask_subset(ok, m);
	(void)scx_cmask_intersects(m, ok);
	(void)scx_cmask_intersects(ok, m);
	(void)scx_cmask_and(ok, m);
	(void)scx_cmask_or(ok, m);
	(void)scx_cmask_copy(ok, m);
	(void)scx_cmask_andnot(ok, m);
	(void)scx_cmask_or(m, ok);
	(void)scx_cmask_and(m, ok);
	(void)scx_cmask_copy(m, ok);
	(void)scx_cmask_andnot(m, ok);
	(void)scx_cmask_fill(m);
	scx_cmask_for_each(cid, m)
		visits++;
	(void)scx_cmask_zero(m);
	if (!valid) {
		ck_assert_int_eq(scx_cmask_valid(m), -EINVAL);
		ck_assert_int_eq(visits, 0);
		ck_assert(scx_cmask_empty(m));
		ck_assert_uint_eq(scx_cmask_weight(m), 0);
		ck_assert_uint_eq(scx_cmask_first_set(m), end);
		ck_assert_int_eq(scx_cmask_fill(m), -EINVAL);
		ck_assert_int_eq(scx_cmask_set(base, m), -EINVAL);
	} else {
		ck_assert_int_eq(scx_cmask_valid(m), 0);
	}
}

/* Headers a foreign writer could leave: {base, nr_cids, alloc_words}. */
static const struct { uint32_t base, nr, alloc; } bad[] = {
	{ 0, 65, 1 }, { 0, 65, 2 }, { 1, 64, 1 }, { 0, 1, 0 }, { 63, 2, 1 },
	{ 0, 0xFFFFFFFFu, 3 }, { 0, 0xFFFFFFC0u, 67108863 }, { 7, 8193, 129 },
	{ 0xFFFFFF00u, 0x100, 8 }, { 0xFFFFFFFFu, 1, 2 }, { 0xFFFFFFFFu, 0xFFFFFFFFu, 3 },
	{ 0x80000000u, 0x80000001u, 4 }, { 64, 4096, 64 },
};

START_TEST(garbage_headers_stay_inside)
{
	uint8_t *page = guarded_page(), *other = guarded_page();
	struct scx_cmask *ok = at_page_end(other, 9);

	ck_assert_int_eq(scx_cmask_init(ok, 0, 512), 0);
	scx_cmask_fill(ok);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* storage of exactly the claimed words, ending at the guard */
		uint32_t words = bad[i].alloc > 500 ? 500 : bad[i].alloc;
		struct scx_cmask *m = at_page_end(page, words);

		m->base = bad[i].base;
		m->nr_cids = bad[i].nr;
		m->alloc_words = words;
		fill_garbage(m, words);
		every_op(m, ok, false);
		/* and with the header right after the lower guard */
		m = at_page_start(page);
		m->base = bad[i].base;
		m->nr_cids = bad[i].nr;
		m->alloc_words = words;
		fill_garbage(m, words);
		every_op(m, ok, false);
	}
	release(page);
	release(other);
}
END_TEST

START_TEST(valid_masks_stay_inside)
{
	static const struct { uint32_t base, nr; } good[] = {
		{ 0, 0 }, { 0, 1 }, { 0, 64 }, { 0, 65 }, { 1, 63 }, { 1, 64 }, { 63, 1 },
		{ 64, 64 }, { 100, 1000 }, { 5, 8192 }, { 0xFFFFFFC0u, 63 }, { 0xFFFFFF00u, 0xFF },
		{ 0xFFFFFFFFu, 0 }, { 0xFFFFFFFFu - 8192, 8192 },
	};
	uint8_t *page = guarded_page(), *other = guarded_page();

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		uint32_t words = SCX_CMASK_NR_WORDS(good[i].nr);
		struct scx_cmask *m, *ok;

		/* 8192 cids need 1048 bytes: use the page end only when it fits */
		if (16 + 8 * (size_t)words > (size_t)sysconf(_SC_PAGESIZE))
			continue;
		m = at_page_end(page, words);
		ok = at_page_start(other);
		ck_assert_int_eq(scx_cmask_init(ok, good[i].base, good[i].nr), 0);
		scx_cmask_fill(ok);
		ck_assert_int_eq(scx_cmask_init(m, good[i].base, good[i].nr), 0);
		fill_garbage(m, words);
		every_op(m, ok, true);
		ok = at_page_end(other, words);
		ck_assert_int_eq(scx_cmask_init(ok, good[i].base, good[i].nr), 0);
		m = at_page_start(page);
		ck_assert_int_eq(scx_cmask_init(m, good[i].base, good[i].nr), 0);
		fill_garbage(m, words);
		every_op(m, ok, true);
	}
	release(page);
	release(other);
}
END_TEST

START_TEST(init_and_reframe_stay_inside)
{
	uint8_t *page = guarded_page();

	for (uint32_t nr = 0; nr < 300; nr += 23) {
		uint32_t words = SCX_CMASK_NR_WORDS(nr);
		struct scx_cmask *m = at_page_end(page, words);

		for (uint32_t base = 0; base < 130; base += 13) {
			ck_assert_int_eq(scx_cmask_init(m, base, nr), 0);
			fill_garbage(m, words);
			/* every window the storage holds, and some it does not */
			for (uint32_t n = 0; n <= nr + 70; n += 9) {
				int err = scx_cmask_reframe(m, base + n, n);

				ck_assert_int_eq(err, SCX_CMASK_NR_WORDS(n) > words ? -ENOSPC : 0);
				(void)scx_cmask_fill(m);
				(void)scx_cmask_weight(m);
			}
		}
	}
	release(page);
}
END_TEST

static Suite *guard_suite(void)
{
	Suite *s = suite_create("cmask guard pages");
	TCase *tc = tcase_create("bounds");

	tcase_add_test(tc, garbage_headers_stay_inside);
	tcase_add_test(tc, valid_masks_stay_inside);
	tcase_add_test(tc, init_and_reframe_stay_inside);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(guard_suite());
}
