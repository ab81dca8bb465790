/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Conventions shared by every libscxcmask header.
 *
 * Errors: functions that can fail return 0 (or a count) on success and a
 * negative errno value on failure, and never write a partial result.
 * scxcmask_errmsg() then says, for a person, what was wrong and where.
 * errno is not how they report: its value after a call means nothing (the
 * C library calls inside may change it, even on success).  The one
 * exception is scx_cmask_alloc(), which returns a pointer and, like
 * malloc(), sets errno when it returns NULL.
 */
#ifndef SCXCMASK_COMMON_H
#define SCXCMASK_COMMON_H

/* Marks the library's exported interface; everything else is hidden. */
#ifndef SCXCMASK_API
#define SCXCMASK_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
#define SCXCMASK_BEGIN_DECLS extern "C" {
#define SCXCMASK_END_DECLS }
#else
#define SCXCMASK_BEGIN_DECLS
#define SCXCMASK_END_DECLS
#endif

SCXCMASK_BEGIN_DECLS

/**
 * scxcmask_errmsg() - what went wrong in this thread's last failed call
 *
 * Every libscxcmask function that returns a negative errno also leaves a
 * message here naming the offending input: a file and line of a sysfs tree,
 * an entry of an override table, a character of a cpulist.  The text is
 * valid until the thread's next failing call; "" when there is none yet.
 */
SCXCMASK_API const char *scxcmask_errmsg(void);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_COMMON_H */
