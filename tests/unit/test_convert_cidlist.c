// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cid lists on a cmask's window (scx_cmask_parse_cidlist / _format_cidlist):
 * absolute cids, "all" and "N" relative to the window, ranges outside it
 * rejected with offsets, the mask untouched on failure, round trips on
 * windows at any base.
 */
#include <errno.h>
#include "convert_testlib.h"

/* The window's cids as a test-built "a-b" list, read through scx_cmask_test(). */
static void window_bits(uint64_t *bits, const struct scx_cmask *m)
{
	memset(bits, 0, T_WORDS(T_MAX_BITS) * 8);
	for (uint32_t c = m->base; c < m->base + m->nr_cids; c++)
		if (scx_cmask_test(c, m))
			bits[c / 64] |= 1ull << (c % 64);
}

struct window_case {
	uint32_t base, nr;
	const char *in;
	const char *want;	/* absolute cids */
};

static const struct window_case accepts[] = {
	{ 0, 8, "", "" },
	{ 0, 8, "0-7", "0-7" },
	{ 0, 8, "all", "0-7" },
	{ 0, 8, "N", "7" },
	{ 0, 8, "1,6\n", "1,6" },
	{ 100, 50, "all", "100-149" },
	{ 100, 50, "N", "149" },
	{ 100, 50, "100-N:1/10", "100,110,120,130,140" },
	{ 100, 50, "all:2/25", "100-101,125-126" },
	{ 70, 10, "70,79", "70,79" },
	{ 63, 2, "63-64", "63-64" },
	{ 1000, 3000, "1000-3999:1/1000", "1000,2000,3000" },
};

START_TEST(test_accept)
{
	const struct window_case *c = &accepts[_i];
	static uint64_t got[T_WORDS(T_MAX_BITS)], want[T_WORDS(T_MAX_BITS)];
	struct scx_cmask *m = scx_cmask_alloc(c->base, c->nr);
	char buf[256];

	ck_assert_ptr_nonnull(m);
	scx_cmask_fill(m);	/* everything is rewritten */
	ck_assert_msg(scx_cmask_parse_cidlist(m, c->in) == 0, "%s", scxcmask_errmsg());
	window_bits(got, m);
	t_bits(want, T_MAX_BITS, c->want);
	ck_assert_msg(t_equal(got, want, T_MAX_BITS), "\"%s\" in [%u, +%u)", c->in, c->base, c->nr);
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), m), (int)strlen(c->want));
	ck_assert_str_eq(buf, c->want);
	scx_cmask_free(m);
}
END_TEST

struct reject_case {
	uint32_t base, nr;
	const char *in;
	int err;
	long offset;
};

static const struct reject_case rejects[] = {
	{ 0, 8, "8", -ERANGE, 0 },
	{ 0, 8, "0-8", -ERANGE, 2 },
	{ 100, 50, "99", -ERANGE, 0 },
	{ 100, 50, "0-N", -ERANGE, 0 },
	{ 100, 50, "150", -ERANGE, 0 },
	{ 100, 50, "1x", -EINVAL, 1 },
	{ 100, 50, "120-110", -EINVAL, 0 },
	{ 5, 0, "all", -EINVAL, 0 },
	{ 5, 0, "5", -ERANGE, 0 },
};

START_TEST(test_reject)
{
	const struct reject_case *c = &rejects[_i];
	struct scx_cmask *m = scx_cmask_alloc(c->base, c->nr);
	size_t size = scx_cmask_size(c->nr);
	struct scx_cmask *before = malloc(size);

	ck_assert_ptr_nonnull(m);
	scx_cmask_fill(m);
	memcpy(before, m, size);
	ck_assert_int_eq(scx_cmask_parse_cidlist(m, c->in), c->err);
	ck_assert_msg(t_errmsg_offset() == c->offset, "%s", scxcmask_errmsg());
	ck_assert_msg(strncmp(scxcmask_errmsg(), "cidlist \"", 9) == 0, "%s", scxcmask_errmsg());
	ck_assert_msg(memcmp(m, before, size) == 0, "\"%s\" half-wrote the mask", c->in);
	free(before);
	scx_cmask_free(m);
}
END_TEST

START_TEST(test_invalid_masks)
{
	SCX_CMASK_STORAGE(64) s;
	char buf[16] = "junk";

	ck_assert_int_eq(scx_cmask_parse_cidlist(NULL, "1"), -EINVAL);
	scx_cmask_init(&s.mask, 0, 64);
	ck_assert_int_eq(scx_cmask_parse_cidlist(&s.mask, NULL), -EINVAL);
	s.mask.nr_cids = 1000;	/* more than its storage: invalid, reads as empty */
	ck_assert_int_eq(scx_cmask_parse_cidlist(&s.mask, "1"), -EINVAL);
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), &s.mask), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), NULL), 0);
	ck_assert_int_eq(scx_cmask_format_cidlist(NULL, 3, NULL), -EINVAL);
}
END_TEST

/* Bits outside the window (padding, spare words) never show. */
START_TEST(test_padding_ignored)
{
	SCX_CMASK_STORAGE(256) s;
	char buf[64];

	scx_cmask_init_alloc(&s.mask, 70, 10, 256);
	for (unsigned int i = 0; i < s.mask.alloc_words; i++)
		s.mask.bits[i] = ~0ull;
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), &s.mask), 5);
	ck_assert_str_eq(buf, "70-79");
	ck_assert_int_eq(scx_cmask_parse_cidlist(&s.mask, "71"), 0);
	ck_assert_int_eq(scx_cmask_format_cidlist(buf, sizeof(buf), &s.mask), 2);
	ck_assert_int_eq(scx_cmask_weight(&s.mask), 1);
}
END_TEST

START_TEST(test_round_trip)
{
	static uint64_t bits[T_WORDS(T_MAX_BITS)];
	static char text[T_MAX_BITS * 6];
	uint64_t seed = 4242;

	for (int k = 0; k < 1000; k++) {
		uint32_t base = (uint32_t)(t_rand(&seed) % 1000);
		uint32_t nr = (uint32_t)(t_rand(&seed) % (T_MAX_BITS - 1000));
		struct scx_cmask *a = scx_cmask_alloc(base, nr), *b = scx_cmask_alloc(base, nr);

		t_random_bits(bits, nr, &seed);
		for (uint32_t i = 0; i < nr; i++)
			if (t_test(bits, i))
				scx_cmask_set(base + i, a);
		ck_assert_int_ge(scx_cmask_format_cidlist(text, sizeof(text), a), 0);
		ck_assert_msg(scx_cmask_parse_cidlist(b, text) == 0, "%s", scxcmask_errmsg());
		ck_assert_msg(scx_cmask_equal(a, b), "round trip of \"%s\" at base %u", text, base);
		scx_cmask_free(a);
		scx_cmask_free(b);
	}
}
END_TEST

static Suite *cidlist_suite(void)
{
	Suite *s = suite_create("convert_cidlist");
	TCase *tc = tcase_create("cidlist");

	tcase_add_loop_test(tc, test_accept, 0, sizeof(accepts) / sizeof(accepts[0]));
	tcase_add_loop_test(tc, test_reject, 0, sizeof(rejects) / sizeof(rejects[0]));
	tcase_add_test(tc, test_invalid_masks);
	tcase_add_test(tc, test_padding_ignored);
	tcase_add_test(tc, test_round_trip);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(cidlist_suite());
}
