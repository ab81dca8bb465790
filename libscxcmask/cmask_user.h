/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The agent side's primitives for the shared cmask operations, then the
 * operations themselves.  The BPF side's counterpart is
 * bpf/scxcmask/cmask.bpf.h.
 */
#ifndef SCXCMASK_CMASK_USER_H
#define SCXCMASK_CMASK_USER_H

#include <errno.h>
#include <scxcmask/cmask.h>

#define SCXCMASK__M		struct scx_cmask
#define SCXCMASK__AS
#define SCXCMASK__INLINE	static inline __attribute__((always_inline))
#define SCXCMASK__IDX		__UINT32_TYPE__
#define SCXCMASK__LOOP(i, from, to) for ((i) = (from); (i) < (to); (i)++)
/* the agent takes any window a u32 header can describe */
#define SCXCMASK__MAX_WORDS	SCX_CMASK_NR_WORDS(0xffffffffu)
#define SCXCMASK__IN(p)		(p)
/* the header may change under us (arena memory): one load per field */
#define SCXCMASK__ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
/*
 * A locked RMW on x86 and an LL/SC or LSE loop on arm64 are atomic against
 * the BPF side's compare-and-swap on the same word.
 */
#define SCXCMASK__FETCH_OR(w, bit, oldp) \
	(*(oldp) = __atomic_fetch_or((w), (bit), __ATOMIC_SEQ_CST), 0)
#define SCXCMASK__FETCH_ANDNOT(w, bit, oldp) \
	(*(oldp) = __atomic_fetch_and((w), ~(bit), __ATOMIC_SEQ_CST), 0)
/*
 * The agent's loops always run to their end (no budget), so the early-stop
 * paths of cmask_ops.h are dead code here and compile away.
 */
#define SCXCMASK__CUT(i, to)		0
#define SCXCMASK__ON_CUT(what)		((void)0)
#define SCXCMASK__EINVAL	EINVAL
#define SCXCMASK__ERANGE	ERANGE
#define SCXCMASK__ENOSPC	ENOSPC
#define SCXCMASK__EOVERFLOW	EOVERFLOW
#define SCXCMASK__E2BIG		E2BIG
#define SCXCMASK__EAGAIN	EAGAIN
/* libc's memcmp is vectorized; compare the whole words of equal() with it */
#define SCXCMASK__WORDS_DIFFER(p, q, n)	(__builtin_memcmp((p), (q), (__SIZE_TYPE__)(n) * 8) != 0)
/*
 * and copy()'s whole words with memmove (the masks may be one and the same):
 * gcc leaves the plain loop scalar, 4x slower at 8192 cids.  No promise is
 * broken: two-mask operations never read a word atomically as a whole.
 */
#define SCXCMASK__WORDS_COPY(d, s, n)	__builtin_memmove((d), (s), (__SIZE_TYPE__)(n) * 8)

#include <scxcmask/cmask_ops.h>

#endif /* SCXCMASK_CMASK_USER_H */
