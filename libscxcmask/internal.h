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

#endif /* SCXCMASK_INTERNAL_H */
