/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Helpers of the conversion tests.  Expected sets are written as plain
 * "a-b,c" strings and read by a deliberately naive reader here, so that no
 * test checks the library's parser against itself.
 */
#ifndef SCXCMASK_CONVERT_TESTLIB_H
#define SCXCMASK_CONVERT_TESTLIB_H

#include <check.h>
#include "check_run.h"
#include <errno.h>
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

/*
 * Table-driven checks shared by the bitmap syntaxes (list and hex): each
 * syntax passes its parse or format function and its own table.
 */
typedef int (*t_parse_fn)(uint64_t *bits, uint32_t nbits, const char *text);
typedef int (*t_format_fn)(char *buf, size_t len, const uint64_t *bits, uint32_t nbits);

struct t_accept {
	const char *in;
	uint32_t nbits;
	const char *want;	/* "a-b,c" */
};

struct t_reject {
	const char *in;
	uint32_t nbits;
	int err;
	long offset;
	const char *words;	/* expected in the message */
};

struct t_format {
	const char *set;	/* "a-b,c" */
	uint32_t nbits;
	const char *want;
};

/* Parses into a dirty bitmap: the set, and every word rewritten (padding too). */
static inline void t_check_accept(t_parse_fn parse, const struct t_accept *c)
{
	static uint64_t got[T_WORDS(T_MAX_BITS)], want[T_WORDS(T_MAX_BITS)];

	memset(got, 0xa5, sizeof(got));
	t_bits(want, c->nbits, c->want);
	ck_assert_msg(parse(got, c->nbits, c->in) == 0, "\"%s\": %s", c->in, scxcmask_errmsg());
	ck_assert_msg(t_equal(got, want, c->nbits), "\"%s\" parsed wrong", c->in);
	if (c->nbits % 64)
		ck_assert_uint_eq(got[c->nbits / 64] >> (c->nbits % 64), 0);
}

/*
 * The errno, the offset and words of the message, a message that starts
 * with @prefix (the syntax's name and the text), and a bitmap left alone.
 */
static inline void t_check_reject(t_parse_fn parse, const char *prefix, const struct t_reject *c)
{
	static uint64_t bits[T_WORDS(T_MAX_BITS)], before[T_WORDS(T_MAX_BITS)];
	int ret;

	memset(bits, 0x5a, sizeof(bits));
	memcpy(before, bits, sizeof(bits));
	ret = parse(bits, c->nbits, c->in);
	ck_assert_msg(ret == c->err, "\"%s\": got %d, want %d (%s)", c->in, ret, c->err,
		      scxcmask_errmsg());
	ck_assert_msg(t_errmsg_offset() == c->offset, "\"%s\": offset in \"%s\", want %ld", c->in,
		      scxcmask_errmsg(), c->offset);
	ck_assert_msg(strstr(scxcmask_errmsg(), c->words), "\"%s\": message \"%s\" lacks \"%s\"",
		      c->in, scxcmask_errmsg(), c->words);
	ck_assert_msg(strncmp(scxcmask_errmsg(), prefix, strlen(prefix)) == 0,
		      "message does not start with '%s': %s", prefix, scxcmask_errmsg());
	ck_assert_msg(memcmp(bits, before, sizeof(bits)) == 0, "\"%s\" half-wrote the bitmap", c->in);
}

/*
 * The measured length, the text, exactly enough room, and one byte short:
 * -ENOSPC with no truncated text left behind.  Bits past nbits never show.
 */
static inline void t_check_format(t_format_fn fmt, const struct t_format *c)
{
	uint64_t bits[T_WORDS(T_MAX_BITS) + 1];
	char buf[256];
	int want = (int)strlen(c->want);

	t_bits(bits, c->nbits, c->set);
	if (c->nbits % 64)
		bits[c->nbits / 64] |= ~0ull << (c->nbits % 64);
	ck_assert_int_eq(fmt(NULL, 0, bits, c->nbits), want);
	ck_assert_int_eq(fmt(buf, sizeof(buf), bits, c->nbits), want);
	ck_assert_str_eq(buf, c->want);
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(fmt(buf, (size_t)want + 1, bits, c->nbits), want);
	ck_assert_str_eq(buf, c->want);
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(fmt(buf, (size_t)want, bits, c->nbits), -ENOSPC);
	if (want)
		ck_assert_str_eq(buf, "");
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "needs"));
}

#endif /* SCXCMASK_CONVERT_TESTLIB_H */
