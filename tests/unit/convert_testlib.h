/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Helpers of the conversion tests.  Expected sets are written as plain
 * "a-b,c" strings and read by a deliberately naive reader here, so that no
 * test checks the library's parser against itself.
 */
#ifndef SCXCMASK_CONVERT_TESTLIB_H
#define SCXCMASK_CONVERT_TESTLIB_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>

#define T_MAX_BITS 4096
#define T_WORDS(n) (((n) + 63) / 64)

/* Sets the bits of @spec ("a-b,c", no patterns) in @bits; zeroes first. */
static inline void t_bits(uint64_t *bits, uint32_t nbits, const char *spec)
{
	const char *p = spec;

	memset(bits, 0, T_WORDS(nbits) * 8);
	while (*p) {
		char *e;
		unsigned long a = strtoul(p, &e, 10), b = a;

		ck_assert_msg(e != p, "bad expectation \"%s\"", spec);
		if (*e == '-')
			b = strtoul(e + 1, &e, 10);
		for (unsigned long i = a; i <= b; i++) {
			ck_assert_msg(i < nbits, "expectation \"%s\" past %u bits", spec, nbits);
			bits[i / 64] |= 1ull << (i % 64);
		}
		p = *e == ',' ? e + 1 : e;
	}
}

static inline int t_test(const uint64_t *bits, uint32_t i)
{
	return (int)(bits[i / 64] >> (i % 64) & 1);
}

/* Whether bits [0, nbits) agree. */
static inline int t_equal(const uint64_t *a, const uint64_t *b, uint32_t nbits)
{
	for (uint32_t i = 0; i < nbits; i++)
		if (t_test(a, i) != t_test(b, i))
			return 0;
	return 1;
}

/* The offset named by the last error message ("... at offset N"), or -1. */
static inline long t_errmsg_offset(void)
{
	const char *m = strstr(scxcmask_errmsg(), "at offset ");

	return m ? strtol(m + 10, NULL, 10) : -1;
}

/* A small deterministic generator (xorshift64*), seeded per test. */
static inline uint64_t t_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* Random bits with density @permille / 1000, grouped in runs sometimes. */
static inline void t_random_bits(uint64_t *bits, uint32_t nbits, uint64_t *seed)
{
	unsigned int permille = (unsigned int)(t_rand(seed) % 1001);
	int runs = t_rand(seed) & 1;
	int on = 0;

	memset(bits, 0, T_WORDS(nbits) * 8);
	for (uint32_t i = 0; i < nbits; i++) {
		if (!runs || t_rand(seed) % 8 == 0)
			on = t_rand(seed) % 1000 < permille;
		if (on)
			bits[i / 64] |= 1ull << (i % 64);
	}
}

static inline int t_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* SCXCMASK_CONVERT_TESTLIB_H */
