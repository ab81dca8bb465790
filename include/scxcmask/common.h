/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Conventions shared by every libscxcmask header.
 *
 * Errors: functions that can fail return 0 (or a count) on success and a
 * negative errno value on failure; they never set errno and never write a
 * partial result.  Functions that take a message buffer (char *msg, size_t
 * msglen) also describe the failure there, naming the offending input.
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

#endif /* SCXCMASK_COMMON_H */
