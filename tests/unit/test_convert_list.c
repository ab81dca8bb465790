// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel list syntax (scx_bitmap_parse_list / _format_list): every
 * form bitmap_parselist() accepts, every one it rejects with the errno and
 * the character offset, no half-written destination, the kernel's %*pbl
 * output, and random round trips.
 */
#include <errno.h>
#include "convert_testlib.h"

static const struct t_accept accepts[] = {
	{ "", 64, "" },
	{ "\n", 64, "" },
	{ "   ", 64, "" },
	{ ",", 64, "" },
	{ "0", 64, "0" },
	{ "0-3,8-11", 64, "0-3,8-11" },
	{ "0-3,8-11\n", 64, "0-3,8-11" },
	{ " 1 , 2 ", 64, "1-2" },
	{ ",,1,,2,,", 64, "1-2" },
	{ "1\t2\v3\f4\r5", 64, "1-5" },
	{ "1\xa0" "2", 64, "1-2" },		/* the kernel's isspace() has NBSP */
	{ "1\n2", 64, "1" },			/* a newline after a region ends the text */
	{ "1 \n2", 64, "1-2" },			/* ... but not after a separator */
	{ "1,\n2", 64, "1-2" },
	{ "\n5", 64, "5" },
	{ "007", 64, "7" },
	{ "3-3", 64, "3" },
	{ "5,1,3", 64, "1,3,5" },
	{ "0-5,3-8", 64, "0-8" },
	{ "N", 64, "63" },
	{ "N", 1, "0" },
	{ "0-N", 64, "0-63" },
	{ "N-N", 64, "63" },
	{ "60-N", 64, "60-63" },
	{ "all", 64, "0-63" },
	{ "ALL", 16, "0-15" },
	{ "aLl\n", 16, "0-15" },
	{ "all:1/2", 16, "0,2,4,6,8,10,12,14" },
	{ "all:1/N", 16, "0,15" },
	{ "0-9:2/5", 64, "0-1,5-6" },
	{ "0-9:0/5", 64, "" },
	{ "0-9:5/5", 64, "0-9" },
	{ "0-9:1/1", 64, "0-9" },
	{ "1-10:3/4", 64, "1-3,5-7,9-10" },
	{ "0-1023:2/256", 1024, "0-1,256-257,512-513,768-769" },
	{ "0-9:2/5N", 64, "0-1,5-6,63" },	/* the kernel starts the next region at once */
	{ "0-9:2/5all", 16, "0-15" },
	{ "0-9:2/5\n7", 64, "0-1,5-7" },	/* after a pattern a newline does not end the text */
	{ "0-9:2/5 7", 64, "0-1,5-7" },
	/*
	 * The kernel steps groups in 32 bits, so there a group near 2^32 wraps
	 * and sets 0-5 here; the step is meant to leave the range: only 5.
	 */
	{ "5-6:1/4294967295", 64, "5" },
	{ "0000000000000000000063", 64, "63" },
};

START_TEST(test_accept)
{
	t_check_accept(scx_bitmap_parse_list, &accepts[_i]);
}
END_TEST

static const struct t_reject rejects[] = {
	{ "x", 64, -EINVAL, 0, "expected a number" },
	{ "0-3,x7", 64, -EINVAL, 4, "expected a number" },
	{ "3-1", 64, -EINVAL, 0, "reversed" },
	{ "1,5-2", 64, -EINVAL, 2, "reversed" },
	{ "1-", 64, -EINVAL, 2, "expected a number" },
	{ "-1", 64, -EINVAL, 0, "expected a number" },
	{ "+1", 64, -EINVAL, 0, "expected a number" },
	{ "1x", 64, -EINVAL, 1, "'x'" },
	{ "0x1", 64, -EINVAL, 1, "'x'" },
	{ "1.5", 64, -EINVAL, 1, "'.'" },
	{ "1;2", 64, -EINVAL, 1, "';'" },
	{ "1-2-3", 64, -EINVAL, 3, "'-'" },
	{ "0-9:2", 64, -EINVAL, 5, "expected '/'" },
	{ "0-9:", 64, -EINVAL, 4, "expected a number" },
	{ "0-9:2/", 64, -EINVAL, 6, "expected a number" },
	{ "0-9:3/2", 64, -EINVAL, 0, "exceed" },
	{ "0-9:1/0", 64, -EINVAL, 0, "group size 0" },
	{ "0-9/2", 64, -EINVAL, 3, "'/'" },
	{ "5:1/2", 64, -EINVAL, 1, "':'" },	/* a pattern needs a range */
	{ "0-9:2/5x", 64, -EINVAL, 7, "expected a number" },
	{ "1 - 2", 64, -EINVAL, 2, "expected a number" },
	{ "1N", 64, -EINVAL, 1, "'N'" },
	{ "n", 64, -EINVAL, 0, "expected a number" },
	{ "al", 64, -EINVAL, 0, "expected a number" },
	{ "alll", 64, -EINVAL, 3, "'l'" },
	{ "all-3", 64, -EINVAL, 3, "'-'" },
	{ "1\x01", 64, -EINVAL, 1, "byte 0x01" },
	{ "64", 64, -ERANGE, 0, "past the limit" },
	{ "0-64", 64, -ERANGE, 2, "past the limit" },
	{ "1,2,100-200:1/2", 64, -ERANGE, 8, "past the limit" },
	{ "0", 0, -ERANGE, 0, "past the limit" },
	{ "N", 0, -EINVAL, 0, "group size 0" },	/* as the kernel: N - 1 wraps */
	{ "all", 0, -EINVAL, 0, "empty limit" },
	{ "4294967296", 64, -EOVERFLOW, 0, "32 bits" },
	{ "1-99999999999999999999999", 64, -EOVERFLOW, 2, "32 bits" },
	{ "0-9:99999999999/5", 64, -EOVERFLOW, 4, "32 bits" },
	{ "4294967295", 64, -EINVAL, 0, "group size 0" },	/* kernel: end + 1 wraps */
};

START_TEST(test_reject)
{
	t_check_reject(scx_bitmap_parse_list, "list \"", &rejects[_i]);
}
END_TEST

START_TEST(test_message_example)
{
	uint64_t bits[1];

	ck_assert_int_eq(scx_bitmap_parse_list(bits, 64, "0-3,x7"), -EINVAL);
	ck_assert_str_eq(scxcmask_errmsg(), "list \"0-3,x7\": expected a number at offset 4");
	/* unprintable input is escaped, long input cut */
	ck_assert_int_eq(scx_bitmap_parse_list(bits, 64, "1\n\n2\"\x7f"), 0);
	ck_assert_int_eq(scx_bitmap_parse_list(bits, 64, "1 \n\x7f"), -EINVAL);
	ck_assert_str_eq(scxcmask_errmsg(),
			 "list \"1 \\n\\x7f\": expected a number at offset 3");
	{
		char longtext[300];

		memset(longtext, '1', sizeof(longtext));
		longtext[sizeof(longtext) - 1] = '\0';
		longtext[0] = 'z';
		ck_assert_int_eq(scx_bitmap_parse_list(bits, 64, longtext), -EINVAL);
		ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "...\": expected a number at offset 0"));
	}
}
END_TEST

START_TEST(test_null_args)
{
	uint64_t bits[1];

	ck_assert_int_eq(scx_bitmap_parse_list(NULL, 64, "1"), -EINVAL);
	ck_assert_int_eq(scx_bitmap_parse_list(bits, 64, NULL), -EINVAL);
	ck_assert_int_eq(scx_bitmap_parse_list(NULL, 0, ""), 0);
	ck_assert_int_eq(scx_bitmap_format_list(NULL, 4, bits, 64), -EINVAL);
	ck_assert_int_eq(scx_bitmap_format_list(NULL, 0, NULL, 64), -EINVAL);
	ck_assert_int_eq(scx_bitmap_format_list(NULL, 0, NULL, 0), 0);
}
END_TEST

static const struct t_format formats[] = {
	{ "", 64, "" },
	{ "", 0, "" },
	{ "5", 64, "5" },
	{ "0-1", 64, "0-1" },	/* the kernel prints a pair as a range */
	{ "0-3,8-11", 64, "0-3,8-11" },
	{ "0,2,4", 8, "0,2,4" },
	{ "63-64,129", 130, "63-64,129" },
	{ "0-129", 130, "0-129" },
	{ "127", 128, "127" },
	{ "1000-4095", 4096, "1000-4095" },
};

START_TEST(test_format)
{
	t_check_format(scx_bitmap_format_list, &formats[_i]);
}
END_TEST

/* The region patterns against a direct reading of their definition. */
START_TEST(test_pattern_brute)
{
	uint64_t got[T_WORDS(2048)], want[T_WORDS(2048)];
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	char in[64];

	for (int k = 0; k < 2000; k++) {
		uint32_t a = (uint32_t)(t_rand(&seed) % 2048), b = (uint32_t)(t_rand(&seed) % 2048);
		uint32_t g = (uint32_t)(t_rand(&seed) % 40) + 1, u = (uint32_t)(t_rand(&seed) % (g + 1));

		if (a > b) {
			uint32_t t = a;

			a = b;
			b = t;
		}
		snprintf(in, sizeof(in), "%u-%u:%u/%u", a, b, u, g);
		memset(want, 0, sizeof(want));
		for (uint32_t i = a; i <= b; i++)
			if ((i - a) % g < u)
				want[i / 64] |= 1ull << (i % 64);
		ck_assert_int_eq(scx_bitmap_parse_list(got, 2048, in), 0);
		ck_assert_msg(t_equal(got, want, 2048), "%s", in);
	}
	ck_assert_int_eq(scx_bitmap_parse_list(got, 2048, "100-2000:2/25"), 0);
	ck_assert_int_eq(t_test(got, 100) + t_test(got, 101) + t_test(got, 102), 2);
	ck_assert_int_eq(t_test(got, 125) + t_test(got, 126) + t_test(got, 127), 2);
}
END_TEST

/* parse(format(x)) == x and format(parse(s)) == s for the kernel's form. */
START_TEST(test_round_trip)
{
	static uint64_t bits[T_WORDS(T_MAX_BITS)], back[T_WORDS(T_MAX_BITS)];
	static char text[T_MAX_BITS * 6], again[T_MAX_BITS * 6];
	uint64_t seed = 12345;

	for (int k = 0; k < 3000; k++) {
		uint32_t nbits = (uint32_t)(t_rand(&seed) % (k < 2500 ? 300 : T_MAX_BITS));
		int n;

		t_random_bits(bits, nbits, &seed);
		n = scx_bitmap_format_list(text, sizeof(text), bits, nbits);
		ck_assert_int_ge(n, 0);
		ck_assert_int_eq(scx_bitmap_parse_list(back, nbits, text), 0);
		ck_assert_msg(t_equal(bits, back, nbits), "round trip of \"%s\" (%u bits)", text, nbits);
		ck_assert_int_eq(scx_bitmap_format_list(again, sizeof(again), back, nbits), n);
		ck_assert_str_eq(again, text);
	}
}
END_TEST

static Suite *list_suite(void)
{
	Suite *s = suite_create("convert_list");
	TCase *tc = tcase_create("list");

	tcase_add_loop_test(tc, test_accept, 0, sizeof(accepts) / sizeof(accepts[0]));
	tcase_add_loop_test(tc, test_reject, 0, sizeof(rejects) / sizeof(rejects[0]));
	tcase_add_test(tc, test_message_example);
	tcase_add_test(tc, test_null_args);
	tcase_add_loop_test(tc, test_format, 0, sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, test_pattern_brute);
	tcase_add_test(tc, test_round_trip);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(list_suite());
}
