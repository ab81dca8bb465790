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

#include <string.h>	/* memset() in SCXCMASK__DECLARE_OPTS() */

/*
 * Declares @name, a struct @type options (or report) struct: every byte
 * zero, padding included (the library rejects a non-zero byte past the
 * fields it knows), then the designated initializers given, ".sz = ..."
 * first.  The memset comes first; the compound literal is assigned over
 * it (libbpf's LIBBPF_OPTS() does the same; tests/unit/test_opts.c checks
 * that the padding stays zero).  Behind SCX_CID_MAP_OPTS(),
 * SCX_ARENA_VIEW_OPTS() and SCX_BTF_REPORT().
 */
#define SCXCMASK__DECLARE_OPTS(type, name, ...)				\
	struct type name = __extension__ ({				\
		memset(&name, 0, sizeof(struct type));			\
		(struct type){ __VA_ARGS__ };				\
	})

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

/**
 * scxcmask_set_errmsg() - record a failure the way the library does
 * @err: the negative errno the caller is about to return
 * @fmt: printf format of the message, naming the input at fault
 *
 * For code that extends the library from outside it (the header-only
 * bridges <scxcmask/hwloc.h> and <scxcmask/numa.h>, language bindings),
 * so that its failures read like the library's own in scxcmask_errmsg().
 *
 * Return: @err.
 */
SCXCMASK_API int scxcmask_set_errmsg(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

SCXCMASK_END_DECLS

#endif /* SCXCMASK_COMMON_H */
