/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The names of the kernel's tools/sched_ext/include/scx/cid.bpf.h (7.2 and
 * 7.3) on top of libscxcmask's operations, so that a scheduler written
 * against upstream switches with one include line:
 *
 *	#include <scx/common.bpf.h>
 *	#include <scxcmask/cid_compat.bpf.h>	(instead of scx/cid.bpf.h)
 *
 * scx/common.bpf.h includes "cid.bpf.h" itself, so a tree that keeps it
 * gets upstream's header first; tests/vm/upstream-qmap.sh shows how to put
 * this one in its place without editing the scheduler.
 *
 * Where the library and upstream differ (docs/ABI.md, "Upstream names"):
 * - void functions here ignore the library's error returns, except where
 *   upstream calls scx_bpf_error() (__cmask_init with nr_cids > alloc_cids,
 *   cmask_reframe past alloc_words): these do too;
 * - readers mask padding and refuse invalid headers (upstream's equal and
 *   weight trust padding to be clean; an invalid header is upstream's
 *   undefined behaviour and the library's empty mask);
 * - atomic set/clear retry within the may_goto budget and leave the bit
 *   alone when it runs out, where upstream spins CMASK_CAS_TRIES times and
 *   then calls scx_bpf_error().
 */
#ifndef SCXCMASK_CID_COMPAT_BPF_H
#define SCXCMASK_CID_COMPAT_BPF_H

#include <scxcmask/cmask.bpf.h>
#include <scxcmask/sched_ext.bpf.h>

/* A second copy of upstream's header would redefine every function. */
#ifdef __SCX_CID_BPF_H
#error "scx/cid.bpf.h is already included: <scxcmask/cid_compat.bpf.h> replaces it"
#endif
#define __SCX_CID_BPF_H

#ifndef BIT_U64
#define BIT_U64(nr)		(1ULL << (nr))
#endif
#ifndef GENMASK_U64
#define GENMASK_U64(h, l)	((~0ULL << (l)) & (~0ULL >> (63 - (h))))
#endif

#ifndef CMASK_MAX_WORDS
#define CMASK_MAX_WORDS		SCX_CMASK_MAX_WORDS
#endif
#define CMASK_NR_WORDS(nr_cids)	SCX_CMASK_NR_WORDS(nr_cids)
/* Upstream's bound on compare-and-swap retries; here only for code naming it. */
#define CMASK_CAS_TRIES		(1U << 23)

#ifdef scx_bpf_error
#define SCXCMASK__COMPAT_ERROR(fmt, args...)	scx_bpf_error(fmt, ##args)
#else
#define SCXCMASK__COMPAT_ERROR(fmt, args...)	((void)0)
#endif

#define SCXCMASK__COMPAT	static inline __attribute__((always_inline))

typedef __UINT32_TYPE__ scxcmask__compat_u32;
typedef __UINT64_TYPE__ scxcmask__compat_u64;

SCXCMASK__COMPAT _Bool __cmask_contains(scxcmask__compat_u32 cid,
					const struct scx_cmask __arena *m)
{
	const SCXCMASK__AS SCXCMASK__M *p = SCXCMASK__IN(SCXCMASK__RO(m));

	return cid >= p->base && cid - p->base < p->nr_cids;
}

SCXCMASK__COMPAT scxcmask__compat_u64 __arena *__cmask_word(scxcmask__compat_u32 cid,
							    const struct scx_cmask __arena *m)
{
	SCXCMASK__AS SCXCMASK__M *p = SCXCMASK__IN(SCXCMASK__MUT(m));

	return (scxcmask__compat_u64 __arena *)&p->bits[cid / 64 - p->base / 64];
}

SCXCMASK__COMPAT void __cmask_init(struct scx_cmask __arena *m, scxcmask__compat_u32 base,
				   scxcmask__compat_u32 nr_cids, scxcmask__compat_u32 alloc_cids)
{
	if (scx_cmask_init_alloc(m, base, nr_cids, alloc_cids))
		SCXCMASK__COMPAT_ERROR("__cmask_init: cannot init [%u, +%u) in %u cids",
				       base, nr_cids, alloc_cids);
}

SCXCMASK__COMPAT void cmask_init(struct scx_cmask __arena *m, scxcmask__compat_u32 base,
				 scxcmask__compat_u32 nr_cids)
{
	__cmask_init(m, base, nr_cids, nr_cids);
}

SCXCMASK__COMPAT void cmask_reframe(struct scx_cmask __arena *m, scxcmask__compat_u32 base,
				    scxcmask__compat_u32 nr_cids)
{
	if (scx_cmask_reframe(m, base, nr_cids))
		SCXCMASK__COMPAT_ERROR("cmask_reframe: cannot reframe to [%u, +%u)", base, nr_cids);
}

SCXCMASK__COMPAT _Bool cmask_test(scxcmask__compat_u32 cid, const struct scx_cmask __arena *m)
{
	return scx_cmask_test(cid, m);
}

SCXCMASK__COMPAT void cmask_set(scxcmask__compat_u32 cid, struct scx_cmask __arena *m)
{
	scx_cmask_set(cid, m);
}

SCXCMASK__COMPAT void cmask_clear(scxcmask__compat_u32 cid, struct scx_cmask __arena *m)
{
	scx_cmask_clear(cid, m);
}

SCXCMASK__COMPAT _Bool cmask_test_and_set(scxcmask__compat_u32 cid, struct scx_cmask __arena *m)
{
	return scx_cmask_test_and_set(cid, m);
}

SCXCMASK__COMPAT _Bool cmask_test_and_clear(scxcmask__compat_u32 cid,
					    struct scx_cmask __arena *m)
{
	return scx_cmask_test_and_clear(cid, m);
}

SCXCMASK__COMPAT void __cmask_set(scxcmask__compat_u32 cid, struct scx_cmask __arena *m)
{
	scx_cmask_set_nonatomic(cid, m);
}

SCXCMASK__COMPAT void __cmask_clear(scxcmask__compat_u32 cid, struct scx_cmask __arena *m)
{
	scx_cmask_clear_nonatomic(cid, m);
}

SCXCMASK__COMPAT _Bool __cmask_test_and_set(scxcmask__compat_u32 cid,
					    struct scx_cmask __arena *m)
{
	return scx_cmask_test_and_set_nonatomic(cid, m);
}

SCXCMASK__COMPAT _Bool __cmask_test_and_clear(scxcmask__compat_u32 cid,
					      struct scx_cmask __arena *m)
{
	return scx_cmask_test_and_clear_nonatomic(cid, m);
}

SCXCMASK__COMPAT void cmask_zero(struct scx_cmask __arena *m)
{
	scx_cmask_zero(m);
}

/* The same order as the library's internal operations (checked below). */
enum {
	BPF_CMASK_OP_AND,
	BPF_CMASK_OP_OR,
	BPF_CMASK_OP_COPY,
	BPF_CMASK_OP_ANDNOT,
};

_Static_assert((int)BPF_CMASK_OP_AND == (int)SCXCMASK__OP_AND &&
	       (int)BPF_CMASK_OP_OR == (int)SCXCMASK__OP_OR &&
	       (int)BPF_CMASK_OP_COPY == (int)SCXCMASK__OP_COPY &&
	       (int)BPF_CMASK_OP_ANDNOT == (int)SCXCMASK__OP_ANDNOT,
	       "BPF_CMASK_OP_* must match enum scxcmask__op");

/* dst->bits[@di] combined with src->bits[@si] on the bits of @mask. */
SCXCMASK__COMPAT void cmask_op_word(struct scx_cmask __arena *dst,
				    const struct scx_cmask __arena *src,
				    scxcmask__compat_u32 di, scxcmask__compat_u32 si,
				    scxcmask__compat_u64 mask, int op)
{
	SCXCMASK__AS SCXCMASK__M *d = SCXCMASK__IN(SCXCMASK__MUT(dst));
	const SCXCMASK__AS SCXCMASK__M *s = SCXCMASK__IN(SCXCMASK__RO(src));

	if (op < BPF_CMASK_OP_AND || op > BPF_CMASK_OP_ANDNOT)
		op = BPF_CMASK_OP_COPY;	/* upstream's else branch */
	d->bits[di] = scxcmask__op_word(d->bits[di], s->bits[si], mask, (enum scxcmask__op)op);
}

SCXCMASK__COMPAT void cmask_op(struct scx_cmask __arena *dst, const struct scx_cmask __arena *src,
			       int op)
{
	switch (op) {
	case BPF_CMASK_OP_AND:
		scx_cmask_and(dst, src);
		break;
	case BPF_CMASK_OP_OR:
		scx_cmask_or(dst, src);
		break;
	case BPF_CMASK_OP_ANDNOT:
		scx_cmask_andnot(dst, src);
		break;
	default:
		scx_cmask_copy(dst, src);
		break;
	}
}

SCXCMASK__COMPAT void cmask_and(struct scx_cmask __arena *dst, const struct scx_cmask __arena *src)
{
	scx_cmask_and(dst, src);
}

SCXCMASK__COMPAT void cmask_or(struct scx_cmask __arena *dst, const struct scx_cmask __arena *src)
{
	scx_cmask_or(dst, src);
}

SCXCMASK__COMPAT void cmask_copy(struct scx_cmask __arena *dst, const struct scx_cmask __arena *src)
{
	scx_cmask_copy(dst, src);
}

SCXCMASK__COMPAT void cmask_andnot(struct scx_cmask __arena *dst,
				   const struct scx_cmask __arena *src)
{
	scx_cmask_andnot(dst, src);
}

SCXCMASK__COMPAT _Bool cmask_equal(const struct scx_cmask __arena *a,
				   const struct scx_cmask __arena *b)
{
	return scx_cmask_equal(a, b);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_next_set(const struct scx_cmask __arena *m,
						     scxcmask__compat_u32 cid)
{
	return scx_cmask_next_set(m, cid);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_first_set(const struct scx_cmask __arena *m)
{
	return scx_cmask_first_set(m);
}

#define cmask_for_each(cid, m)	scx_cmask_for_each(cid, m)

SCXCMASK__COMPAT _Bool cmask_subset(const struct scx_cmask __arena *a,
				    const struct scx_cmask __arena *b)
{
	return scx_cmask_subset(a, b);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_weight(const struct scx_cmask __arena *m)
{
	return scx_cmask_weight(m);
}

SCXCMASK__COMPAT _Bool cmask_intersects(const struct scx_cmask __arena *a,
					const struct scx_cmask __arena *b)
{
	return scx_cmask_intersects(a, b);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_next_and_set(const struct scx_cmask __arena *a,
							 const struct scx_cmask __arena *b,
							 scxcmask__compat_u32 start)
{
	return scx_cmask_next_and_set(a, b, start);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_next_set_wrap(const struct scx_cmask __arena *m,
							  scxcmask__compat_u32 start)
{
	return scx_cmask_next_set_wrap(m, start);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_next_and_set_wrap(const struct scx_cmask __arena *a,
							      const struct scx_cmask __arena *b,
							      scxcmask__compat_u32 start)
{
	return scx_cmask_next_and_set_wrap(a, b, start);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_next_and2_set(const struct scx_cmask __arena *a,
							  const struct scx_cmask __arena *b,
							  const struct scx_cmask __arena *c,
							  scxcmask__compat_u32 start)
{
	return scx_cmask_next_and2_set(a, b, c, start);
}

SCXCMASK__COMPAT scxcmask__compat_u32
cmask_next_and2_set_wrap(const struct scx_cmask __arena *a, const struct scx_cmask __arena *b,
			 const struct scx_cmask __arena *c, scxcmask__compat_u32 start)
{
	return scx_cmask_next_and2_set_wrap(a, b, c, start);
}

/* sched-ext/scx's additions to the header (PR #3762): not in the kernel's. */
SCXCMASK__COMPAT void cmask_fill(struct scx_cmask __arena *m)
{
	scx_cmask_fill(m);
}

SCXCMASK__COMPAT _Bool cmask_empty(const struct scx_cmask __arena *m)
{
	return scx_cmask_empty(m);
}

SCXCMASK__COMPAT scxcmask__compat_u32 cmask_end(const struct scx_cmask __arena *m)
{
	return scx_cmask_end(m);
}

SCXCMASK__COMPAT void cmask_from_cpumask(struct scx_cmask __arena *m,
					 const struct cpumask *cpumask)
{
	scx_cmask_from_cpumask(m, cpumask);
}

#endif /* SCXCMASK_CID_COMPAT_BPF_H */
