// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel hex mask syntax (scx_bitmap_parse_hex / _format_hex): what
 * bitmap_parse() accepts and rejects, with offsets; the %*pb output of
 * sysfs cpumap files; random round trips.
 */
#include <errno.h>
#include "convert_testlib.h"

static const struct t_accept accepts[] = {
	{ "", 64, "" },
	{ ",", 64, "" },
	{ "\n", 64, "" },
	{ "", 0, "" },
	{ "0", 64, "" },
	{ "f", 4, "0-3" },
	{ "F", 64, "0-3" },
	{ " 3\n", 64, "0-1" },
	{ "3\nzz", 64, "0-1" },			/* the text ends at the newline */
	{ "000f,ff000fff", 48, "0-11,24-35" },
	{ "ffffffff,ffffffff", 64, "0-63" },
	{ "80000000,00000000,00000001", 96, "0,95" },
	{ "1,,5", 96, "0,2,32" },		/* empty groups count for nothing */
	{ "f f", 64, "0-3,32-35" },		/* white space separates groups too */
	{ "f,ffffffff", 36, "0-35" },
	{ "00000001,00000000", 33, "32" },
	{ "1", 1, "0" },
	{ "aBcDeF01", 32, "0,8-11,13-16,18-19,22-25,27,29,31" },
	{ "0x0000000f", 64, "0-3" },		/* the kernel drops a 9th non-digit */
	{ "z0000000f", 64, "0-3" },
	{ "1z0000000f", 64, "0-3,32" },
	{ ",00000001,", 64, "0" },
	{ "1\xa0" "1", 64, "0,32" },
};

START_TEST(test_accept)
{
	t_check_accept(scx_bitmap_parse_hex, &accepts[_i]);
}
END_TEST

static const struct t_reject rejects[] = {
	{ "g", 64, -EINVAL, 0, "not a hex digit" },
	{ "0xf", 64, -EINVAL, 1, "not a hex digit" },
	{ "-1", 64, -EINVAL, 0, "not a hex digit" },
	{ "ff;ff", 64, -EINVAL, 2, "not a hex digit" },
	{ "00000000f", 64, -EOVERFLOW, 0, "more than 8 digits" },
	{ "1,123456789", 64, -EOVERFLOW, 2, "more than 8 digits" },
	{ "1,00000000", 32, -EOVERFLOW, 0, "more groups" },
	{ "0,0,0", 64, -EOVERFLOW, 0, "more groups" },
	{ "0", 0, -EOVERFLOW, 0, "more groups" },
	{ "f", 3, -EOVERFLOW, 0, "past the limit" },
	{ "2,00000000", 33, -EOVERFLOW, 0, "past the limit" },
	{ "0010,00000000", 36, -EOVERFLOW, 3, "past the limit" },
};

START_TEST(test_reject)
{
	t_check_reject(scx_bitmap_parse_hex, "hex mask \"", &rejects[_i]);
}
END_TEST

static const struct t_format formats[] = {
	{ "", 0, "" },
	{ "0-3", 4, "f" },
	{ "0", 8, "01" },
	{ "", 8, "00" },
	{ "0-35", 36, "f,ffffffff" },
	{ "", 64, "00000000,00000000" },
	{ "0-11,24-35", 48, "000f,ff000fff" },
	{ "0,95", 96, "80000000,00000000,00000001" },
	{ "32", 33, "1,00000000" },
	{ "1", 2, "2" },
};

START_TEST(test_format)
{
	t_check_format(scx_bitmap_format_hex, &formats[_i]);
}
END_TEST

START_TEST(test_round_trip)
{
	static uint64_t bits[T_WORDS(T_MAX_BITS)], back[T_WORDS(T_MAX_BITS)];
	static char text[T_MAX_BITS], again[T_MAX_BITS];
	uint64_t seed = 777;

	for (int k = 0; k < 3000; k++) {
		uint32_t nbits = (uint32_t)(t_rand(&seed) % (k < 2500 ? 300 : T_MAX_BITS));
		int n;

		t_random_bits(bits, nbits, &seed);
		n = scx_bitmap_format_hex(text, sizeof(text), bits, nbits);
		ck_assert_int_ge(n, 0);
		ck_assert_msg(scx_bitmap_parse_hex(back, nbits, text) == 0, "%s", scxcmask_errmsg());
		ck_assert_msg(t_equal(bits, back, nbits), "round trip of \"%s\" (%u bits)", text, nbits);
		ck_assert_int_eq(scx_bitmap_format_hex(again, sizeof(again), back, nbits), n);
		ck_assert_str_eq(again, text);
	}
}
END_TEST

/* The hex and list forms of one bitmap describe the same bits. */
START_TEST(test_hex_list_agree)
{
	static uint64_t bits[T_WORDS(1024)], a[T_WORDS(1024)], b[T_WORDS(1024)];
	static char hex[1024], list[8192];
	uint64_t seed = 99;

	for (int k = 0; k < 500; k++) {
		uint32_t nbits = (uint32_t)(t_rand(&seed) % 1024) + 1;

		t_random_bits(bits, nbits, &seed);
		ck_assert_int_ge(scx_bitmap_format_hex(hex, sizeof(hex), bits, nbits), 0);
		ck_assert_int_ge(scx_bitmap_format_list(list, sizeof(list), bits, nbits), 0);
		ck_assert_int_eq(scx_bitmap_parse_hex(a, nbits, hex), 0);
		ck_assert_int_eq(scx_bitmap_parse_list(b, nbits, list), 0);
		ck_assert(t_equal(a, b, nbits));
	}
}
END_TEST

static Suite *hex_suite(void)
{
	Suite *s = suite_create("convert_hex");
	TCase *tc = tcase_create("hex");

	tcase_add_loop_test(tc, test_accept, 0, sizeof(accepts) / sizeof(accepts[0]));
	tcase_add_loop_test(tc, test_reject, 0, sizeof(rejects) / sizeof(rejects[0]));
	tcase_add_loop_test(tc, test_format, 0, sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_hex_list_agree);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(hex_suite());
}
