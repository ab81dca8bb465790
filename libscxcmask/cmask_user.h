/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The library's view of the shared cmask operations: the agent side's
 * primitives are public (<scxcmask/cmask.h>, for its inline fast path);
 * the library adds the optional whole-word hooks of cmask_ops.h, which
 * only the exported functions use (cmask.c includes this first; in a file
 * that got <scxcmask/cmask.h> earlier they are simply not used).  The BPF side's counterpart is
 * bpf/scxcmask/cmask.bpf.h.
 */
#ifndef SCXCMASK_CMASK_USER_H
#define SCXCMASK_CMASK_USER_H

/* the library defines and calls the exported functions by name */
#ifndef SCXCMASK_NO_INLINE
#define SCXCMASK_NO_INLINE
#endif

/* libc's memcmp is vectorized; compare the whole words of equal() with it */
#define SCXCMASK__WORDS_DIFFER(p, q, n)	(__builtin_memcmp((p), (q), (__SIZE_TYPE__)(n) * 8) != 0)

/*
 * cmask.c also defines SCXCMASK__WORDS_OP (the runtime-dispatched word
 * loops of the two-mask writers) before including this file.
 */

#include <scxcmask/cmask.h>

#endif /* SCXCMASK_CMASK_USER_H */
