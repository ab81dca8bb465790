/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The cmask operations, written once and compiled twice: by the userspace
 * compiler into libscxcmask and by clang -target bpf into BPF programs.  The
 * two sides are not two implementations kept in step by tests; they are
 * this file.  tests/bpf checks that the two compilers and the JIT agree.
 *
 * Not for direct inclusion: <scxcmask/cmask.h> (agent) and
 * <scxcmask/cmask.bpf.h> (BPF) define the side's primitives first:
 *
 *   SCXCMASK__M            the mask type, e.g. struct scx_cmask
 *   SCXCMASK__AS           address-space qualifier of mask memory
 *   SCXCMASK__INLINE       storage class of every function here
 *   SCXCMASK__IDX          type of a word-loop index
 *   SCXCMASK__LOOP(i,f,t)  loop i over [f, t); t - f <= SCXCMASK__MAX_WORDS
 *   SCXCMASK__MAX_WORDS    widest window, in words, this side accepts
 *   SCXCMASK__IN(p)        make a mask pointer dereferenceable (asm casts)
 *   SCXCMASK__ONCE(x)      read x exactly once (header fields)
 *   SCXCMASK__NULL(p)      non-zero if the mask pointer p names no memory
 *                          (agent: a NULL pointer; BPF: never, since arena
 *                          address 0 is arena offset 0, where the kernel may
 *                          place the cmask it hands to ops.set_cmask())
 *   SCXCMASK__FETCH_OR(w, bit, oldp), SCXCMASK__FETCH_ANDNOT(w, bit, oldp)
 *                          atomic; store the word's previous value in *oldp
 *                          and return 0, or return non-zero when the update
 *                          could not be made (BPF: loop budget spent), the
 *                          word unchanged and *oldp its last value seen
 *   SCXCMASK__CUT(i, to)   after SCXCMASK__LOOP(i, f, to) ran to its end or
 *                          a break: non-zero if it stopped early without a
 *                          break (BPF's may_goto budget ran out); a
 *                          constant 0 where loops always finish
 *   SCXCMASK__ON_CUT(what) called (what: a string literal naming the
 *                          operation) when an operation gives up because
 *                          of an early stop; may be empty
 *   SCXCMASK__EINVAL, __ERANGE, __ENOSPC, __EOVERFLOW, __E2BIG, __EAGAIN
 *   SCXCMASK__WORDS_DIFFER(p, q, n)
 *                          optional: non-zero if words [0, n) of p and q
 *                          differ (the agent's library maps it to memcmp)
 *   SCXCMASK__WORDS_OP(d, s, n, op)
 *                          optional: d[i] = d[i] op s[i] for i in [0, n),
 *                          op an enum scxcmask__op, d and s possibly one
 *                          and the same (the library: memmove and a
 *                          runtime-dispatched AVX2 loop); only for a side
 *                          whose loops always finish
 *
 * The agent side's primitives are in <scxcmask/cmask.h>, whose inline
 * fast path for small masks is built from these functions too; the library
 * (libscxcmask/cmask_user.h) adds the optional hooks before including it.
 *
 * Rules every function follows (docs/ABI.md 3 and 4):
 * - The header is read once and checked before any word is touched: a mask
 *   whose window wraps past 2^32 or needs more words than alloc_words holds
 *   is invalid.  Readers see an invalid mask as empty, writers leave it
 *   alone and return -EINVAL.  Nothing outside bits[0 .. alloc_words) is
 *   ever read or written, whatever the header says.
 * - Results depend only on cids inside [base, base + nr_cids): head and tail
 *   padding and unused words are masked off, never trusted.
 * - Whole-mask writers leave head and tail padding zero.  Single-cid writers
 *   touch their one bit only, so they stay safe beside concurrent atomics.
 * - An operation whose loop stopped early (SCXCMASK__CUT) never returns a
 *   result it did not compute: writers return -EAGAIN, the atomics report
 *   no change, searches "not found", predicates the answer that makes the
 *   caller do nothing (the table in <scxcmask/cmask.bpf.h>), each after
 *   SCXCMASK__ON_CUT.  Where loops always finish all of this compiles away.
 */
#ifndef SCXCMASK_CMASK_OPS_H
#define SCXCMASK_CMASK_OPS_H

#include <scxcmask/cmask_defs.h>

#ifndef SCXCMASK__M
#error "include <scxcmask/cmask.bpf.h>; cmask_ops.h needs a side's primitives"
#endif

typedef __UINT32_TYPE__ scxcmask__u32;
typedef __UINT64_TYPE__ scxcmask__u64;

#define SCXCMASK__ALL	(~(scxcmask__u64)0)

/* The window of a mask, taken from one read of its header. */
struct scxcmask__win {
	scxcmask__u32 base;	/* first cid */
	scxcmask__u32 end;	/* base + nr_cids; never wraps */
	scxcmask__u32 wbase;	/* grid word of bits[0]: base / 64 */
	scxcmask__u32 nr_used;	/* words holding window cids */
};

/* In-window bits of the first (head) and last (tail) used word. */
SCXCMASK__INLINE scxcmask__u64 scxcmask__head_bits(const struct scxcmask__win *w)
{
	return SCXCMASK__ALL << (w->base & 63);
}

SCXCMASK__INLINE scxcmask__u64 scxcmask__tail_bits(const struct scxcmask__win *w)
{
	return SCXCMASK__ALL >> (63 - ((w->end - 1) & 63));
}

/* Checks a header a window is allowed to have; 0 or a negative errno. */
SCXCMASK__INLINE int scxcmask__check_window(scxcmask__u32 base, scxcmask__u32 nr_cids,
					    scxcmask__u32 alloc_words)
{
	if (nr_cids > 0xffffffffu - base)
		return -SCXCMASK__EOVERFLOW;
	if (SCX_CMASK_NR_WORDS(nr_cids) > alloc_words)
		return -SCXCMASK__ENOSPC;
	if (SCX_CMASK_NR_WORDS(nr_cids) > SCXCMASK__MAX_WORDS)
		return -SCXCMASK__E2BIG;
	return 0;
}

/*
 * Reads @m's header once into @w.  Returns 0 when the window is valid,
 * -EINVAL otherwise (including a NULL mask).
 */
SCXCMASK__INLINE int scxcmask__window(const SCXCMASK__AS SCXCMASK__M *m,
				      struct scxcmask__win *w)
{
	scxcmask__u32 base, nr;

	if (SCXCMASK__NULL(m))
		return -SCXCMASK__EINVAL;
	base = SCXCMASK__ONCE(m->base);
	nr = SCXCMASK__ONCE(m->nr_cids);
	if (scxcmask__check_window(base, nr, SCXCMASK__ONCE(m->alloc_words)))
		return -SCXCMASK__EINVAL;
	w->base = base;
	w->end = base + nr;
	w->wbase = base / 64;
	/* cannot overflow: base & 63 <= base and base + nr did not wrap */
	w->nr_used = nr ? ((base & 63) + nr - 1) / 64 + 1 : 0;
	return 0;
}

SCXCMASK__INLINE int scxcmask__contains(const struct scxcmask__win *w, scxcmask__u32 cid)
{
	return cid >= w->base && cid < w->end;
}

/* ---------------------------------------------------------------- construction */

SCXCMASK__INLINE int scxcmask__init_alloc(SCXCMASK__AS SCXCMASK__M *m, scxcmask__u32 base,
					  scxcmask__u32 nr_cids, scxcmask__u32 alloc_cids)
{
	scxcmask__u32 alloc_words = SCX_CMASK_NR_WORDS(alloc_cids);
	SCXCMASK__IDX i;
	int err;

	m = SCXCMASK__IN(m);
	if (SCXCMASK__NULL(m))
		return -SCXCMASK__EINVAL;
	if (nr_cids > alloc_cids)
		return -SCXCMASK__ENOSPC;
	err = scxcmask__check_window(base, nr_cids, alloc_words);
	if (err)
		return err;
	if (alloc_words > SCXCMASK__MAX_WORDS)
		return -SCXCMASK__E2BIG;
	m->base = base;
	m->nr_cids = nr_cids;
	m->alloc_words = alloc_words;
	SCXCMASK__LOOP(i, 0, alloc_words)
		m->bits[i] = 0;
	if (SCXCMASK__CUT(i, alloc_words)) {
		/* the words past i hold old bits: leave a valid, empty mask */
		m->nr_cids = 0;
		SCXCMASK__ON_CUT("scx_cmask_init");
		return -SCXCMASK__EAGAIN;
	}
	return 0;
}

SCXCMASK__INLINE int scxcmask__reframe(SCXCMASK__AS SCXCMASK__M *m, scxcmask__u32 base,
				       scxcmask__u32 nr_cids)
{
	int err;

	m = SCXCMASK__IN(m);
	if (SCXCMASK__NULL(m))
		return -SCXCMASK__EINVAL;
	err = scxcmask__check_window(base, nr_cids, SCXCMASK__ONCE(m->alloc_words));
	if (err)
		return err;
	/*
	 * As upstream: only the words that hold padding are cleared; the body
	 * keeps what it held and the caller rewrites it (copy, fill, zero).
	 */
	if (nr_cids) {
		m->bits[0] = 0;
		m->bits[((base & 63) + nr_cids - 1) / 64] = 0;
	}
	m->base = base;
	m->nr_cids = nr_cids;
	return 0;
}

/* ---------------------------------------------------------------- single cid */

SCXCMASK__INLINE int scxcmask__test(scxcmask__u32 cid, const SCXCMASK__AS SCXCMASK__M *m)
{
	struct scxcmask__win w;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w) || !scxcmask__contains(&w, cid))
		return 0;
	return (m->bits[cid / 64 - w.wbase] >> (cid & 63)) & 1;
}

/*
 * Resolves @cid to its word for the single-cid writers: 0 with *@word set,
 * or -EINVAL (invalid mask) / -ERANGE (cid outside the window).
 */
SCXCMASK__INLINE int scxcmask__cid_word(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m,
					SCXCMASK__AS scxcmask__u64 **word)
{
	struct scxcmask__win w;

	if (scxcmask__window(m, &w))
		return -SCXCMASK__EINVAL;
	if (!scxcmask__contains(&w, cid))
		return -SCXCMASK__ERANGE;
	*word = &m->bits[cid / 64 - w.wbase];
	return 0;
}

SCXCMASK__INLINE int scxcmask__set(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	SCXCMASK__AS scxcmask__u64 *word;
	scxcmask__u64 old;
	int err;

	m = SCXCMASK__IN(m);
	err = scxcmask__cid_word(cid, m, &word);
	if (!err && SCXCMASK__FETCH_OR(word, (scxcmask__u64)1 << (cid & 63), &old)) {
		SCXCMASK__ON_CUT("scx_cmask_set");
		err = -SCXCMASK__EAGAIN;
	}
	return err;
}

SCXCMASK__INLINE int scxcmask__clear(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	SCXCMASK__AS scxcmask__u64 *word;
	scxcmask__u64 old;
	int err;

	m = SCXCMASK__IN(m);
	err = scxcmask__cid_word(cid, m, &word);
	if (!err && SCXCMASK__FETCH_ANDNOT(word, (scxcmask__u64)1 << (cid & 63), &old)) {
		SCXCMASK__ON_CUT("scx_cmask_clear");
		err = -SCXCMASK__EAGAIN;
	}
	return err;
}

/*
 * Not done (the bit could not be written): 1, "it was already set", so
 * that a caller claiming @cid does not think it did.
 */
SCXCMASK__INLINE int scxcmask__test_and_set(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	scxcmask__u64 bit = (scxcmask__u64)1 << (cid & 63), old;
	SCXCMASK__AS scxcmask__u64 *word;

	m = SCXCMASK__IN(m);
	if (scxcmask__cid_word(cid, m, &word))
		return 0;
	if (SCXCMASK__FETCH_OR(word, bit, &old)) {
		SCXCMASK__ON_CUT("scx_cmask_test_and_set");
		return 1;
	}
	return !!(old & bit);
}

/* Not done: 0, "it was not set", so that nobody thinks they cleared it. */
SCXCMASK__INLINE int scxcmask__test_and_clear(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	scxcmask__u64 bit = (scxcmask__u64)1 << (cid & 63), old;
	SCXCMASK__AS scxcmask__u64 *word;

	m = SCXCMASK__IN(m);
	if (scxcmask__cid_word(cid, m, &word))
		return 0;
	if (SCXCMASK__FETCH_ANDNOT(word, bit, &old)) {
		SCXCMASK__ON_CUT("scx_cmask_test_and_clear");
		return 0;
	}
	return !!(old & bit);
}

SCXCMASK__INLINE int scxcmask__set_nonatomic(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	SCXCMASK__AS scxcmask__u64 *word;
	int err;

	m = SCXCMASK__IN(m);
	err = scxcmask__cid_word(cid, m, &word);
	if (!err)
		*word |= (scxcmask__u64)1 << (cid & 63);
	return err;
}

SCXCMASK__INLINE int scxcmask__clear_nonatomic(scxcmask__u32 cid, SCXCMASK__AS SCXCMASK__M *m)
{
	SCXCMASK__AS scxcmask__u64 *word;
	int err;

	m = SCXCMASK__IN(m);
	err = scxcmask__cid_word(cid, m, &word);
	if (!err)
		*word &= ~((scxcmask__u64)1 << (cid & 63));
	return err;
}

SCXCMASK__INLINE int scxcmask__test_and_set_nonatomic(scxcmask__u32 cid,
						      SCXCMASK__AS SCXCMASK__M *m)
{
	scxcmask__u64 bit = (scxcmask__u64)1 << (cid & 63), old;
	SCXCMASK__AS scxcmask__u64 *word;

	m = SCXCMASK__IN(m);
	if (scxcmask__cid_word(cid, m, &word))
		return 0;
	old = *word;
	*word = old | bit;
	return !!(old & bit);
}

SCXCMASK__INLINE int scxcmask__test_and_clear_nonatomic(scxcmask__u32 cid,
							SCXCMASK__AS SCXCMASK__M *m)
{
	scxcmask__u64 bit = (scxcmask__u64)1 << (cid & 63), old;
	SCXCMASK__AS scxcmask__u64 *word;

	m = SCXCMASK__IN(m);
	if (scxcmask__cid_word(cid, m, &word))
		return 0;
	old = *word;
	*word = old & ~bit;
	return !!(old & bit);
}

/* ---------------------------------------------------------------- whole mask */

/* Clears the head and tail padding of a valid, non-empty window. */
SCXCMASK__INLINE void scxcmask__clean_padding(SCXCMASK__AS SCXCMASK__M *m,
					      const struct scxcmask__win *w)
{
	m->bits[0] &= scxcmask__head_bits(w);
	m->bits[w->nr_used - 1] &= scxcmask__tail_bits(w);
}

SCXCMASK__INLINE int scxcmask__zero(SCXCMASK__AS SCXCMASK__M *m)
{
	struct scxcmask__win w;
	SCXCMASK__IDX i;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w))
		return -SCXCMASK__EINVAL;
	SCXCMASK__LOOP(i, 0, w.nr_used)
		m->bits[i] = 0;
	if (SCXCMASK__CUT(i, w.nr_used)) {
		SCXCMASK__ON_CUT("scx_cmask_zero");
		return -SCXCMASK__EAGAIN;
	}
	return 0;
}

SCXCMASK__INLINE int scxcmask__fill(SCXCMASK__AS SCXCMASK__M *m)
{
	struct scxcmask__win w;
	SCXCMASK__IDX i;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w))
		return -SCXCMASK__EINVAL;
	if (!w.nr_used)
		return 0;
	SCXCMASK__LOOP(i, 0, w.nr_used)
		m->bits[i] = SCXCMASK__ALL;
	scxcmask__clean_padding(m, &w);
	if (SCXCMASK__CUT(i, w.nr_used)) {
		SCXCMASK__ON_CUT("scx_cmask_fill");
		return -SCXCMASK__EAGAIN;
	}
	return 0;
}

/*
 * Whether any cid of [@lo, @hi) is set in @m; the range must lie inside
 * the valid window @w and be non-empty.  An early stop sets *@cut (the
 * answer is then meaningless).
 */
SCXCMASK__INLINE int scxcmask__any_in(const SCXCMASK__AS SCXCMASK__M *m,
				      const struct scxcmask__win *w,
				      scxcmask__u32 lo, scxcmask__u32 hi, int *cut)
{
	scxcmask__u32 first = lo / 64 - w->wbase, last = (hi - 1) / 64 - w->wbase;
	scxcmask__u64 head = SCXCMASK__ALL << (lo & 63);
	scxcmask__u64 tail = SCXCMASK__ALL >> (63 - ((hi - 1) & 63));
	scxcmask__u64 acc;
	SCXCMASK__IDX i;

	if (first == last)
		return !!(m->bits[first] & head & tail);
	acc = (m->bits[first] & head) | (m->bits[last] & tail);
	SCXCMASK__LOOP(i, first + 1, last)
		acc |= m->bits[i];
	if (SCXCMASK__CUT(i, last))
		*cut = 1;
	return acc != 0;
}

/* Not done: 1 ("empty"), as every reader's answer is "nothing there". */
SCXCMASK__INLINE int scxcmask__empty(const SCXCMASK__AS SCXCMASK__M *m)
{
	struct scxcmask__win w;
	int any, cut = 0;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w) || !w.nr_used)
		return 1;
	any = scxcmask__any_in(m, &w, w.base, w.end, &cut);
	if (cut) {
		SCXCMASK__ON_CUT("scx_cmask_empty");
		return 1;
	}
	return !any;
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__weight(const SCXCMASK__AS SCXCMASK__M *m)
{
	struct scxcmask__win w;
	scxcmask__u32 last, cnt;
	SCXCMASK__IDX i;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w) || !w.nr_used)
		return 0;
	last = w.nr_used - 1;
	if (!last)
		return (scxcmask__u32)__builtin_popcountll(m->bits[0] & scxcmask__head_bits(&w) &
					    scxcmask__tail_bits(&w));
	cnt = (scxcmask__u32)__builtin_popcountll(m->bits[0] & scxcmask__head_bits(&w)) +
	      (scxcmask__u32)__builtin_popcountll(m->bits[last] & scxcmask__tail_bits(&w));
	SCXCMASK__LOOP(i, 1, last)
		cnt += (scxcmask__u32)__builtin_popcountll(m->bits[i]);
	if (SCXCMASK__CUT(i, last)) {
		/* not a partial count: 0, as empty() says "empty" */
		SCXCMASK__ON_CUT("scx_cmask_weight");
		return 0;
	}
	return cnt;
}

/* ---------------------------------------------------------------- two masks */

enum scxcmask__op {
	SCXCMASK__OP_AND,
	SCXCMASK__OP_OR,
	SCXCMASK__OP_COPY,
	SCXCMASK__OP_ANDNOT,
};

/* @d combined with @s on the bits of @sel; the other bits of @d stay. */
SCXCMASK__INLINE scxcmask__u64 scxcmask__op_word(scxcmask__u64 d, scxcmask__u64 s,
						 scxcmask__u64 sel, enum scxcmask__op op)
{
	switch (op) {
	case SCXCMASK__OP_AND:
		return d & (s | ~sel);
	case SCXCMASK__OP_OR:
		return d | (s & sel);
	case SCXCMASK__OP_COPY:
		return (d & ~sel) | (s & sel);
	default:
		return d & ~(s & sel);
	}
}

/* The intersection of two valid windows, in grid words. */
struct scxcmask__isect {
	scxcmask__u32 lo, hi;		/* cids [lo, hi); empty when lo >= hi */
	scxcmask__u32 ai, bi;		/* bits[] index of the first word in a, b */
	scxcmask__u32 nr;		/* words spanned */
	scxcmask__u64 head, tail;	/* in-range bits of the first, last word */
};

SCXCMASK__INLINE int scxcmask__intersect(const struct scxcmask__win *a,
					 const struct scxcmask__win *b,
					 struct scxcmask__isect *x)
{
	scxcmask__u32 lo = a->base > b->base ? a->base : b->base;
	scxcmask__u32 hi = a->end < b->end ? a->end : b->end;

	if (lo >= hi)
		return 0;
	x->lo = lo;
	x->hi = hi;
	x->ai = lo / 64 - a->wbase;
	x->bi = lo / 64 - b->wbase;
	x->nr = (hi - 1) / 64 - lo / 64 + 1;
	x->head = SCXCMASK__ALL << (lo & 63);
	x->tail = SCXCMASK__ALL >> (63 - ((hi - 1) & 63));
	return 1;
}

/*
 * @dst op= @src on the intersection of the valid windows @dw and @sw (read
 * by the caller, once); the pointers already went through SCXCMASK__IN.
 */
SCXCMASK__INLINE int scxcmask__op2_win(SCXCMASK__AS SCXCMASK__M *dst,
				       const struct scxcmask__win *dw,
				       const SCXCMASK__AS SCXCMASK__M *src,
				       const struct scxcmask__win *sw, enum scxcmask__op op)
{
	SCXCMASK__AS scxcmask__u64 *d;
	const SCXCMASK__AS scxcmask__u64 *s;
	struct scxcmask__isect x;
	scxcmask__u32 last;

	if (!dw->nr_used)
		return 0;
	if (scxcmask__intersect(dw, sw, &x)) {
		d = &dst->bits[x.ai];
		s = &src->bits[x.bi];
		last = x.nr - 1;
		if (!last) {
			d[0] = scxcmask__op_word(d[0], s[0], x.head & x.tail, op);
		} else {
			d[0] = scxcmask__op_word(d[0], s[0], x.head, op);
#ifdef SCXCMASK__WORDS_OP
			if (last > 1)
				SCXCMASK__WORDS_OP(&d[1], &s[1], last - 1, op);
#else
			SCXCMASK__IDX i;

			/* the middle words are whole: one plain loop per op */
			switch (op) {
			case SCXCMASK__OP_AND:
				SCXCMASK__LOOP(i, 1, last)
					d[i] &= s[i];
				break;
			case SCXCMASK__OP_OR:
				SCXCMASK__LOOP(i, 1, last)
					d[i] |= s[i];
				break;
			case SCXCMASK__OP_COPY:
				SCXCMASK__LOOP(i, 1, last)
					d[i] = s[i];
				break;
			default:
				SCXCMASK__LOOP(i, 1, last)
					d[i] &= ~s[i];
				break;
			}
			if (SCXCMASK__CUT(i, last)) {
				scxcmask__clean_padding(dst, dw);
				SCXCMASK__ON_CUT("scx_cmask_and/or/copy/andnot");
				return -SCXCMASK__EAGAIN;
			}
#endif
			d[last] = scxcmask__op_word(d[last], s[last], x.tail, op);
		}
	}
	scxcmask__clean_padding(dst, dw);
	return 0;
}

SCXCMASK__INLINE int scxcmask__op2(SCXCMASK__AS SCXCMASK__M *dst,
				   const SCXCMASK__AS SCXCMASK__M *src, enum scxcmask__op op)
{
	struct scxcmask__win dw, sw;

	dst = SCXCMASK__IN(dst);
	src = SCXCMASK__IN(src);
	if (scxcmask__window(dst, &dw) || scxcmask__window(src, &sw))
		return -SCXCMASK__EINVAL;
	return scxcmask__op2_win(dst, &dw, src, &sw, op);
}

/* equal() on the valid windows @aw, @bw of @a, @b (read once by the caller) */
SCXCMASK__INLINE int scxcmask__equal_win(const SCXCMASK__AS SCXCMASK__M *a,
					 const struct scxcmask__win *aw,
					 const SCXCMASK__AS SCXCMASK__M *b,
					 const struct scxcmask__win *bw)
{
	scxcmask__u64 diff;
	scxcmask__u32 last;

	if (aw->base != bw->base || aw->end != bw->end)
		return 0;
	if (!aw->nr_used)
		return 1;
	last = aw->nr_used - 1;
	if (!last)
		return !((a->bits[0] ^ b->bits[0]) & scxcmask__head_bits(aw) &
			 scxcmask__tail_bits(aw));
	diff = ((a->bits[0] ^ b->bits[0]) & scxcmask__head_bits(aw)) |
	       ((a->bits[last] ^ b->bits[last]) & scxcmask__tail_bits(aw));
#ifdef SCXCMASK__WORDS_DIFFER
	/* the agent's memcmp is vectorized: 4x faster than this loop at 8192 cids */
	if (!diff && last > 1)
		diff = SCXCMASK__WORDS_DIFFER(&a->bits[1], &b->bits[1], last - 1);
#else
	{
		SCXCMASK__IDX i;

		SCXCMASK__LOOP(i, 1, last)
			diff |= a->bits[i] ^ b->bits[i];
		if (SCXCMASK__CUT(i, last)) {
			/* not done: "not equal", nothing to rely on */
			SCXCMASK__ON_CUT("scx_cmask_equal");
			return 0;
		}
	}
#endif
	return !diff;
}

SCXCMASK__INLINE int scxcmask__equal(const SCXCMASK__AS SCXCMASK__M *a,
				     const SCXCMASK__AS SCXCMASK__M *b)
{
	struct scxcmask__win aw, bw;

	a = SCXCMASK__IN(a);
	b = SCXCMASK__IN(b);
	if (scxcmask__window(a, &aw) || scxcmask__window(b, &bw))
		return 0;
	return scxcmask__equal_win(a, &aw, b, &bw);
}

/* intersects() on the valid windows @aw, @bw (read once by the caller) */
SCXCMASK__INLINE int scxcmask__intersects_win(const SCXCMASK__AS SCXCMASK__M *a,
					      const struct scxcmask__win *aw,
					      const SCXCMASK__AS SCXCMASK__M *b,
					      const struct scxcmask__win *bw)
{
	const SCXCMASK__AS scxcmask__u64 *p, *q;
	struct scxcmask__isect x;
	scxcmask__u64 acc;
	scxcmask__u32 last;
	SCXCMASK__IDX i;

	if (!scxcmask__intersect(aw, bw, &x))
		return 0;
	p = &a->bits[x.ai];
	q = &b->bits[x.bi];
	last = x.nr - 1;
	if (!last)
		return !!(p[0] & q[0] & x.head & x.tail);
	acc = (p[0] & q[0] & x.head) | (p[last] & q[last] & x.tail);
	SCXCMASK__LOOP(i, 1, last)
		acc |= p[i] & q[i];
	if (SCXCMASK__CUT(i, last)) {
		/* not done: "no cid in common", as a failed search */
		SCXCMASK__ON_CUT("scx_cmask_intersects");
		return 0;
	}
	return acc != 0;
}

SCXCMASK__INLINE int scxcmask__intersects(const SCXCMASK__AS SCXCMASK__M *a,
					  const SCXCMASK__AS SCXCMASK__M *b)
{
	struct scxcmask__win aw, bw;

	a = SCXCMASK__IN(a);
	b = SCXCMASK__IN(b);
	if (scxcmask__window(a, &aw) || scxcmask__window(b, &bw))
		return 0;
	return scxcmask__intersects_win(a, &aw, b, &bw);
}

/*
 * subset() on the valid window @aw of @a and, if @b_ok, @bw of @b (an
 * invalid @b is a mask with nothing set); read once by the caller.
 */
SCXCMASK__INLINE int scxcmask__subset_win(const SCXCMASK__AS SCXCMASK__M *a,
					  const struct scxcmask__win *aw,
					  const SCXCMASK__AS SCXCMASK__M *b,
					  const struct scxcmask__win *bw, int b_ok)
{
	const SCXCMASK__AS scxcmask__u64 *p, *q;
	struct scxcmask__isect x;
	scxcmask__u64 acc;
	scxcmask__u32 last;
	SCXCMASK__IDX i;
	int any, cut = 0;

	if (!aw->nr_used)
		return 1;	/* nothing set in a */
	if (!b_ok || !scxcmask__intersect(aw, bw, &x)) {
		any = scxcmask__any_in(a, aw, aw->base, aw->end, &cut);
		goto out;
	}
	/* set cids of a outside b's window: not a subset */
	any = x.lo > aw->base && scxcmask__any_in(a, aw, aw->base, x.lo, &cut);
	if (!any && !cut)
		any = x.hi < aw->end && scxcmask__any_in(a, aw, x.hi, aw->end, &cut);
	if (any || cut)
		goto out;
	p = &a->bits[x.ai];
	q = &b->bits[x.bi];
	last = x.nr - 1;
	if (!last)
		return !(p[0] & ~q[0] & x.head & x.tail);
	acc = (p[0] & ~q[0] & x.head) | (p[last] & ~q[last] & x.tail);
	SCXCMASK__LOOP(i, 1, last)
		acc |= p[i] & ~q[i];
	if (SCXCMASK__CUT(i, last))
		cut = 1;
	any = acc != 0;
out:
	if (cut) {
		/* not done: "not a subset", the answer that promises nothing */
		SCXCMASK__ON_CUT("scx_cmask_subset");
		return 0;
	}
	return !any;
}

/*
 * Set meaning, as the kernel's scx_cmask_subset(): every set cid of @a is
 * set in @b.  Clear cids of @a outside @b's window do not matter.
 */
SCXCMASK__INLINE int scxcmask__subset(const SCXCMASK__AS SCXCMASK__M *a,
				      const SCXCMASK__AS SCXCMASK__M *b)
{
	struct scxcmask__win aw, bw;
	int b_ok;

	a = SCXCMASK__IN(a);
	b = SCXCMASK__IN(b);
	if (scxcmask__window(a, &aw))
		return 1;	/* invalid: empty */
	b_ok = !scxcmask__window(b, &bw);
	return scxcmask__subset_win(a, &aw, b, &bw, b_ok);
}

/*
 * Two valid masks on one window (the same base and nr_cids, @w read from
 * either): no intersection to compute, and the results above reduce to
 * whole-word operations with the head and tail padding masked.  The
 * agent's inline fast path (<scxcmask/cmask.h>) uses these for small
 * masks; they give the same results as the general functions above.
 */
SCXCMASK__INLINE void scxcmask__op2_same(SCXCMASK__AS SCXCMASK__M *dst,
					 const SCXCMASK__AS SCXCMASK__M *src,
					 const struct scxcmask__win *w, enum scxcmask__op op)
{
	scxcmask__u32 last;
	SCXCMASK__IDX i;

	if (!w->nr_used)
		return;
	last = w->nr_used - 1;
#ifdef SCXCMASK__WORDS_OP
	(void)i;
	SCXCMASK__WORDS_OP(dst->bits, src->bits, last + 1, op);
	scxcmask__clean_padding(dst, w);
#else
	/* one store per word: padding is masked on the way, not rewritten after */
	if (!last) {
		dst->bits[0] = scxcmask__op_word(dst->bits[0], src->bits[0], SCXCMASK__ALL, op) &
			       scxcmask__head_bits(w) & scxcmask__tail_bits(w);
		return;
	}
	dst->bits[0] = scxcmask__op_word(dst->bits[0], src->bits[0], SCXCMASK__ALL, op) &
		       scxcmask__head_bits(w);
	SCXCMASK__LOOP(i, 1, last)
		dst->bits[i] = scxcmask__op_word(dst->bits[i], src->bits[i], SCXCMASK__ALL, op);
	dst->bits[last] = scxcmask__op_word(dst->bits[last], src->bits[last], SCXCMASK__ALL, op) &
			  scxcmask__tail_bits(w);
#endif
}

/*
 * Whether @a and @b are valid and on one window: reads @a's header into
 * @w and @b's once.  @b's window is @a's (checked) when its base and
 * nr_cids are the same; only its capacity is left to check.
 */
SCXCMASK__INLINE int scxcmask__same_window(const SCXCMASK__AS SCXCMASK__M *a,
					   const SCXCMASK__AS SCXCMASK__M *b,
					   struct scxcmask__win *w)
{
	scxcmask__u32 base, nr;

	if (scxcmask__window(a, w) || SCXCMASK__NULL(b))
		return 0;
	base = SCXCMASK__ONCE(b->base);
	nr = SCXCMASK__ONCE(b->nr_cids);
	return base == w->base && nr == w->end - w->base &&
	       !scxcmask__check_window(base, nr, SCXCMASK__ONCE(b->alloc_words));
}

/* intersects() (@neg 0) or "not subset()" (@neg 1) of @a, @b on one window */
SCXCMASK__INLINE int scxcmask__any_and_same(const SCXCMASK__AS SCXCMASK__M *a,
					    const SCXCMASK__AS SCXCMASK__M *b,
					    const struct scxcmask__win *w, int neg)
{
	scxcmask__u32 last;
	scxcmask__u64 acc;
	SCXCMASK__IDX i;

	if (!w->nr_used)
		return 0;
	last = w->nr_used - 1;
	acc = a->bits[0] & (neg ? ~b->bits[0] : b->bits[0]) & scxcmask__head_bits(w);
	if (!last)
		return !!(acc & scxcmask__tail_bits(w));
	acc |= a->bits[last] & (neg ? ~b->bits[last] : b->bits[last]) & scxcmask__tail_bits(w);
	SCXCMASK__LOOP(i, 1, last)
		acc |= a->bits[i] & (neg ? ~b->bits[i] : b->bits[i]);
	return acc != 0;
}

/* ---------------------------------------------------------------- search */

/*
 * Lowest set cid of [@from, @to) in @p & @q & @r, of which the first @n
 * count (@n is a constant at every call site, so the unused ands compile
 * away and the loop tests no pointer: an arena mask may sit at address 0,
 * so a pointer's value says nothing), where each pointer is at the bits[]
 * word holding grid word @from / 64; or @none.  @from < @to.  An early
 * stop returns @none and sets *@cut.
 */
SCXCMASK__INLINE scxcmask__u32 scxcmask__scan_cut(const SCXCMASK__AS scxcmask__u64 *p,
						  const SCXCMASK__AS scxcmask__u64 *q,
						  const SCXCMASK__AS scxcmask__u64 *r, int n,
						  scxcmask__u32 from, scxcmask__u32 to,
						  scxcmask__u32 none, int *cut)
{
	scxcmask__u32 first = from / 64, nr = (to - 1) / 64 - first + 1;
	scxcmask__u64 word;
	scxcmask__u32 found;
	SCXCMASK__IDX i;

	word = p[0] & (SCXCMASK__ALL << (from & 63));
	if (n > 1)
		word &= q[0];
	if (n > 2)
		word &= r[0];
	if (!word) {
		word = 0;
		SCXCMASK__LOOP(i, 1, nr) {
			word = p[i];
			if (n > 1)
				word &= q[i];
			if (n > 2)
				word &= r[i];
			if (word) {
				first += i;
				break;
			}
		}
		if (!word) {
			if (SCXCMASK__CUT(i, nr))
				*cut = 1;
			return none;
		}
	}
	found = first * 64 + (scxcmask__u32)__builtin_ctzll(word);
	return found < to ? found : none;
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__end(const SCXCMASK__AS SCXCMASK__M *m)
{
	m = SCXCMASK__IN(m);
	if (SCXCMASK__NULL(m))
		return 0;
	return SCXCMASK__ONCE(m->base) + SCXCMASK__ONCE(m->nr_cids);
}

/* next_set(); an early stop returns the end (not found) and sets *@cut. */
SCXCMASK__INLINE scxcmask__u32 scxcmask__next_set_cut(const SCXCMASK__AS SCXCMASK__M *m,
						      scxcmask__u32 cid, int *cut)
{
	struct scxcmask__win w;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w))
		return scxcmask__end(m);
	if (cid < w.base)
		cid = w.base;
	if (cid >= w.end)
		return w.end;
	return scxcmask__scan_cut(&m->bits[cid / 64 - w.wbase], 0, 0, 1, cid, w.end, w.end, cut);
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__next_set(const SCXCMASK__AS SCXCMASK__M *m,
						  scxcmask__u32 cid)
{
	int cut = 0;
	scxcmask__u32 found = scxcmask__next_set_cut(m, cid, &cut);

	if (cut)
		SCXCMASK__ON_CUT("scx_cmask_next_set");
	return found;
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__first_set(const SCXCMASK__AS SCXCMASK__M *m)
{
	return scxcmask__next_set(m, 0);
}

/*
 * The sentinel is end(@a), as upstream, not the end of the intersection.
 * An early stop returns it too and sets *@cut.
 */
SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and_set_cut(const SCXCMASK__AS SCXCMASK__M *a,
							  const SCXCMASK__AS SCXCMASK__M *b,
							  scxcmask__u32 start, int *cut)
{
	struct scxcmask__win aw, bw;
	struct scxcmask__isect x;

	a = SCXCMASK__IN(a);
	b = SCXCMASK__IN(b);
	if (scxcmask__window(a, &aw))
		return scxcmask__end(a);
	if (scxcmask__window(b, &bw) || !scxcmask__intersect(&aw, &bw, &x))
		return aw.end;
	if (start < x.lo)
		start = x.lo;
	if (start >= x.hi)
		return aw.end;
	return scxcmask__scan_cut(&a->bits[start / 64 - aw.wbase],
				  &b->bits[start / 64 - bw.wbase], 0, 2, start, x.hi, aw.end, cut);
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and_set(const SCXCMASK__AS SCXCMASK__M *a,
						      const SCXCMASK__AS SCXCMASK__M *b,
						      scxcmask__u32 start)
{
	int cut = 0;
	scxcmask__u32 found = scxcmask__next_and_set_cut(a, b, start, &cut);

	if (cut)
		SCXCMASK__ON_CUT("scx_cmask_next_and_set");
	return found;
}

/*
 * Round-robin search: from @start to the end, then from the base up to
 * (not including) @start.  As upstream, a @start at or below the base
 * never wraps, and @start == end wraps to the lowest set cid.
 */
SCXCMASK__INLINE scxcmask__u32 scxcmask__next_set_wrap(const SCXCMASK__AS SCXCMASK__M *m,
						       scxcmask__u32 start)
{
	struct scxcmask__win w;
	scxcmask__u32 found;
	int cut = 0;

	m = SCXCMASK__IN(m);
	if (scxcmask__window(m, &w))
		return scxcmask__end(m);
	found = scxcmask__next_set_cut(m, start, &cut);
	if (!cut && (found < w.end || start <= w.base))
		return found;
	/* after an early stop, no second search: its answer would skip cids */
	if (!cut)
		found = scxcmask__next_set_cut(m, w.base, &cut);
	if (cut) {
		SCXCMASK__ON_CUT("scx_cmask_next_set_wrap");
		return w.end;
	}
	return found < start ? found : w.end;
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and_set_wrap(const SCXCMASK__AS SCXCMASK__M *a,
							   const SCXCMASK__AS SCXCMASK__M *b,
							   scxcmask__u32 start)
{
	struct scxcmask__win aw;
	scxcmask__u32 found;
	int cut = 0;

	a = SCXCMASK__IN(a);
	if (scxcmask__window(a, &aw))
		return scxcmask__end(a);
	found = scxcmask__next_and_set_cut(a, b, start, &cut);
	if (!cut && (found < aw.end || start <= aw.base))
		return found;
	if (!cut)
		found = scxcmask__next_and_set_cut(a, b, aw.base, &cut);
	if (cut) {
		SCXCMASK__ON_CUT("scx_cmask_next_and_set_wrap");
		return aw.end;
	}
	return found < start ? found : aw.end;
}

/* ---------------------------------------------------------------- three masks */

/*
 * Lowest cid >= @start set in @a, @b and @c (7.3's cmask_next_and2_set()).
 * The sentinel is end(@a), as for next_and_set; an invalid @b or @c, or
 * windows with no cid in common, find nothing.  An early stop returns the
 * sentinel too and sets *@cut.
 */
SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and2_set_cut(const SCXCMASK__AS SCXCMASK__M *a,
							   const SCXCMASK__AS SCXCMASK__M *b,
							   const SCXCMASK__AS SCXCMASK__M *c,
							   scxcmask__u32 start, int *cut)
{
	struct scxcmask__win aw, bw, cw;
	scxcmask__u32 lo, hi;

	a = SCXCMASK__IN(a);
	b = SCXCMASK__IN(b);
	c = SCXCMASK__IN(c);
	if (scxcmask__window(a, &aw))
		return scxcmask__end(a);
	if (scxcmask__window(b, &bw) || scxcmask__window(c, &cw))
		return aw.end;
	lo = aw.base > bw.base ? aw.base : bw.base;
	lo = lo > cw.base ? lo : cw.base;
	hi = aw.end < bw.end ? aw.end : bw.end;
	hi = hi < cw.end ? hi : cw.end;
	if (start < lo)
		start = lo;
	if (start >= hi)
		return aw.end;
	return scxcmask__scan_cut(&a->bits[start / 64 - aw.wbase],
				  &b->bits[start / 64 - bw.wbase],
				  &c->bits[start / 64 - cw.wbase], 3, start, hi, aw.end, cut);
}

SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and2_set(const SCXCMASK__AS SCXCMASK__M *a,
						       const SCXCMASK__AS SCXCMASK__M *b,
						       const SCXCMASK__AS SCXCMASK__M *c,
						       scxcmask__u32 start)
{
	int cut = 0;
	scxcmask__u32 found = scxcmask__next_and2_set_cut(a, b, c, start, &cut);

	if (cut)
		SCXCMASK__ON_CUT("scx_cmask_next_and2_set");
	return found;
}

/* The round-robin form, with next_and_set_wrap's rules for @start. */
SCXCMASK__INLINE scxcmask__u32 scxcmask__next_and2_set_wrap(const SCXCMASK__AS SCXCMASK__M *a,
							    const SCXCMASK__AS SCXCMASK__M *b,
							    const SCXCMASK__AS SCXCMASK__M *c,
							    scxcmask__u32 start)
{
	struct scxcmask__win aw;
	scxcmask__u32 found;
	int cut = 0;

	a = SCXCMASK__IN(a);
	if (scxcmask__window(a, &aw))
		return scxcmask__end(a);
	found = scxcmask__next_and2_set_cut(a, b, c, start, &cut);
	if (!cut && (found < aw.end || start <= aw.base))
		return found;
	if (!cut)
		found = scxcmask__next_and2_set_cut(a, b, c, aw.base, &cut);
	if (cut) {
		SCXCMASK__ON_CUT("scx_cmask_next_and2_set_wrap");
		return aw.end;
	}
	return found < start ? found : aw.end;
}

#endif /* SCXCMASK_CMASK_OPS_H */
