// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The message behind the last error, per thread, as dlerror() does: the
 * return value stays a plain negative errno, and a person still learns
 * which file, entry or character was wrong.  A successful call leaves the
 * message alone (the contract in <scxcmask/common.h>), so nothing clears it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

static __thread char errbuf[512];

static int vfail(int err, const char *fmt, va_list ap)
{
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	return err;
}

int scxcmask__fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = vfail(err, fmt, ap);
	va_end(ap);
	return err;
}

/* The same, for the header-only bridges and for language bindings. */
SCXCMASK_API int scxcmask_set_errmsg(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = vfail(err, fmt, ap);
	va_end(ap);
	return err;
}

SCXCMASK_API const char *scxcmask_errmsg(void)
{
	return errbuf;
}
