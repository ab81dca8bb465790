/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/* Helpers private to libscxcmask; nothing here is exported. */
#ifndef SCXCMASK_INTERNAL_H
#define SCXCMASK_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <scxcmask/common.h>

/*
 * Records a message for scxcmask_errmsg() and returns @err (a negative
 * errno), so that a failure path reads: return scxcmask__fail(-EINVAL, ...);
 */
int scxcmask__fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The kernel's isspace(): ASCII white space and Latin-1's NBSP (0xa0). */
static inline bool scxcmask__kspace(char c)
{
	unsigned char u = (unsigned char)c;

	return u == ' ' || (u >= '\t' && u <= '\r') || u == 0xa0;
}

/* Value of hex digit @c, or -1. */
static inline int scxcmask__hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Options structs: one convention for all of them, libbpf's.
 *
 * A public opts (or report) struct starts with "size_t sz", the caller's
 * sizeof, and ends with a "size_t :0" fence; the file that reads it names
 * its last field with "#define <type>__last_field <field>".  Then:
 *  - sz below the end of the first field the library needs: -EINVAL;
 *  - sz above what this library knows (a newer caller): accepted only if
 *    every byte past the last field is zero, tail padding included, since
 *    that is where a newer field lives;
 *  - a field past a short sz reads as zero (OPTS_GET's fallback).
 */
#define scxcmask__offsetofend(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

/*
 * Checks @opts (@sz bytes) against the rules above; records the message
 * (naming struct @type) and returns false when they are broken.
 */
bool scxcmask__opts_valid(const void *opts, size_t sz, size_t min_sz, size_t known_sz,
			  const char *type);

/*
 * OPTS_VALID(opts, type, first_needed): true for NULL or good @opts of
 * struct @type; false with a message.  Callers: return -EINVAL on false.
 */
#define OPTS_VALID(opts, type, first_needed)						\
	(!(opts) ||									\
	 scxcmask__opts_valid((opts), (opts)->sz,					\
			      scxcmask__offsetofend(struct type, first_needed),		\
			      scxcmask__offsetofend(struct type, type##__last_field), #type))

/* Whether non-NULL @opts is big enough to hold @field. */
#define OPTS_HAS(opts, field)								\
	((opts) && (opts)->sz >= scxcmask__offsetofend(__typeof__(*(opts)), field))

/* @opts->field, or @fallback when @opts is NULL or too short to hold it. */
#define OPTS_GET(opts, field, fallback) (OPTS_HAS(opts, field) ? (opts)->field : (fallback))

#endif /* SCXCMASK_INTERNAL_H */
