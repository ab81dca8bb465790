/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/* Helpers private to libscxcmask; nothing here is exported. */
#ifndef SCXCMASK_INTERNAL_H
#define SCXCMASK_INTERNAL_H

#include <errno.h>
#include <scxcmask/common.h>

/*
 * Records a message for scxcmask_errmsg() and returns @err (a negative
 * errno), so that a failure path reads: return scxcmask__fail(-EINVAL, ...);
 */
int scxcmask__fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void scxcmask__clear_error(void);

/* Value of hex digit @c, or -1: shared by the sysfs reader and the hex parser. */
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

#endif /* SCXCMASK_INTERNAL_H */
