/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * struct scx_cmask and its operations, for the userspace agent.
 *
 * A cmask is a bitmap over a window of cids, [base, base + nr_cids), stored
 * on a global 64-cid grid: cid c is bit (c & 63) of bits[c / 64 - base / 64].
 * The kernel (7.2+) and BPF programs share cmasks with the agent in a BPF
 * arena; the BPF side has the same operations under the same names in
 * <scxcmask/cmask.bpf.h>, built from the same source.
 *
 * Semantics, in short (the full contract is docs/ABI.md):
 * - Every result depends only on the cids inside the window.  Padding bits
 *   and unused storage words may hold anything; they are never trusted.
 * - A mask is valid when its window does not wrap past 2^32 and
 *   SCX_CMASK_NR_WORDS(nr_cids) <= alloc_words.  Readers treat an invalid
 *   mask (or NULL) as empty; writers leave it alone and return -EINVAL.  No
 *   operation reads or writes outside bits[0 .. alloc_words).
 * - Operations on two masks act on the intersection of their windows only.
 * - Searches return a cid, or scx_cmask_end() of the (first) mask when
 *   there is none: compare with scx_cmask_end(), never with a guess.
 * - Single-cid writers are atomic (safe beside other threads and BPF
 *   programs writing the same words) unless named _nonatomic.
 *
 * Speed: small masks (up to 5 used words, 256 cids at any base) on one
 * window take an inline path of this header (see SCXCMASK_NO_INLINE at the
 * end); the library's wide and/or/andnot pick an AVX2 loop once per
 * process where the CPU has it (the environment variable
 * SCXCMASK_FORCE_ISA=generic forces the plain loop, for testing).
 */
#ifndef SCXCMASK_CMASK_H
#define SCXCMASK_CMASK_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
#include <scxcmask/cmask_defs.h>

SCXCMASK_BEGIN_DECLS

/**
 * struct scx_cmask - the kernel's cmask layout, byte for byte
 * @base: first cid of the window
 * @nr_cids: number of cids in the window
 * @alloc_words: number of u64 words in @bits
 * @bits: the grid words; bits[0] covers cids [base & ~63, (base & ~63) + 64)
 *
 * The explicit alignment pins @bits at offset 16 on ABIs (i386) where a
 * u64 member would otherwise align to 4.
 */
struct scx_cmask {
	uint32_t base;
	uint32_t nr_cids;
	uint32_t alloc_words;
	uint64_t bits[] __attribute__((aligned(8)));
};

#ifdef __cplusplus
static_assert(offsetof(struct scx_cmask, bits) == SCX_CMASK_HDR_SIZE, "scx_cmask.bits must sit at offset 16");
static_assert(sizeof(struct scx_cmask) == SCX_CMASK_HDR_SIZE, "scx_cmask header must be 16 bytes");
#else
_Static_assert(offsetof(struct scx_cmask, base) == 0, "scx_cmask.base at 0");
_Static_assert(offsetof(struct scx_cmask, nr_cids) == 4, "scx_cmask.nr_cids at 4");
_Static_assert(offsetof(struct scx_cmask, alloc_words) == 8, "scx_cmask.alloc_words at 8");
_Static_assert(offsetof(struct scx_cmask, bits) == SCX_CMASK_HDR_SIZE, "scx_cmask.bits must sit at offset 16");
_Static_assert(sizeof(struct scx_cmask) == SCX_CMASK_HDR_SIZE, "scx_cmask header must be 16 bytes");
_Static_assert(_Alignof(struct scx_cmask) == 8, "scx_cmask must align to 8");
#endif

/**
 * SCX_CMASK_STORAGE() - type of correctly aligned storage for a cmask
 * @alloc_cids: capacity in cids (a constant expression)
 *
 * For cmasks on the stack or in static data, without malloc:
 *
 *	SCX_CMASK_STORAGE(256) s;
 *	scx_cmask_init(&s.mask, 0, 256);
 */
#define SCX_CMASK_STORAGE(alloc_cids)						\
	union {									\
		struct scx_cmask mask;						\
		uint64_t words[SCX_CMASK_HDR_SIZE / 8 + SCX_CMASK_NR_WORDS(alloc_cids)]; \
	}

/* ------------------------------------------------------------------ */
/* Construction                                                        */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_size() - bytes of a cmask able to hold @alloc_cids cids
 * @alloc_cids: capacity in cids
 *
 * Return: 16 + 8 * SCX_CMASK_NR_WORDS(@alloc_cids).  Never overflows.
 */
SCXCMASK_API size_t scx_cmask_size(uint32_t alloc_cids);

/**
 * scx_cmask_alloc() - allocate and initialize a cmask with tight storage
 * @base: first cid of the window
 * @nr_cids: number of cids in the window
 *
 * Return: a zeroed cmask with alloc_words = SCX_CMASK_NR_WORDS(@nr_cids), to
 * be released with scx_cmask_free(); NULL with errno set to EOVERFLOW when
 * @base + @nr_cids exceeds UINT32_MAX, or ENOMEM.
 */
SCXCMASK_API struct scx_cmask *scx_cmask_alloc(uint32_t base, uint32_t nr_cids);

/**
 * scx_cmask_free() - release a cmask from scx_cmask_alloc(); NULL is a no-op
 */
SCXCMASK_API void scx_cmask_free(struct scx_cmask *m);

/**
 * scx_cmask_init() - set up @m with tight storage and an empty window
 * @m: storage of at least scx_cmask_size(@nr_cids) bytes
 * @base: first cid of the window
 * @nr_cids: number of cids in the window
 *
 * Same as scx_cmask_init_alloc(@m, @base, @nr_cids, @nr_cids).
 */
SCXCMASK_API int scx_cmask_init(struct scx_cmask *m, uint32_t base, uint32_t nr_cids);

/**
 * scx_cmask_init_alloc() - set up @m with room for @alloc_cids cids
 * @m: storage of at least scx_cmask_size(@alloc_cids) bytes
 * @base: first cid of the window
 * @nr_cids: number of cids in the window, at most @alloc_cids
 * @alloc_cids: capacity in cids, so that scx_cmask_reframe() can grow later
 *
 * Writes the header and zeroes all SCX_CMASK_NR_WORDS(@alloc_cids) words.
 *
 * Return: 0; -EINVAL if @m is NULL; -ENOSPC if @nr_cids > @alloc_cids;
 * -EOVERFLOW if @base + @nr_cids exceeds UINT32_MAX.  @m is untouched on
 * error.
 */
SCXCMASK_API int scx_cmask_init_alloc(struct scx_cmask *m, uint32_t base, uint32_t nr_cids,
				      uint32_t alloc_cids);

/**
 * scx_cmask_reframe() - move or resize @m's window within its storage
 * @m: cmask
 * @base: new first cid
 * @nr_cids: new window length
 *
 * As upstream, only the words holding padding (the first and last used
 * word) are cleared: the other words keep their old bits, and the caller
 * is expected to rewrite the window (scx_cmask_copy(), _zero(), _fill()).
 *
 * Return: 0; -EINVAL if @m is NULL; -ENOSPC if SCX_CMASK_NR_WORDS(@nr_cids)
 * exceeds alloc_words; -EOVERFLOW if @base + @nr_cids exceeds UINT32_MAX.
 * @m is untouched on error.
 */
SCXCMASK_API int scx_cmask_reframe(struct scx_cmask *m, uint32_t base, uint32_t nr_cids);

/**
 * scx_cmask_valid() - check @m's header before trusting it
 *
 * Return: 0 if @m is valid (see the top of this file), -EINVAL otherwise.
 */
SCXCMASK_API int scx_cmask_valid(const struct scx_cmask *m);

/**
 * scx_cmask_end() - the "no cid" sentinel of @m: base + nr_cids
 *
 * Every search returns this when it finds nothing; for an invalid mask it
 * is still base + nr_cids (modulo 2^32), and 0 for NULL.
 */
SCXCMASK_API uint32_t scx_cmask_end(const struct scx_cmask *m);

/* ------------------------------------------------------------------ */
/* One cid (cid first, mask second, as upstream)                       */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_test() - whether @cid is set in @m; false outside the window
 */
SCXCMASK_API bool scx_cmask_test(uint32_t cid, const struct scx_cmask *m);

/**
 * scx_cmask_set() - atomically set @cid in @m
 *
 * Return: 0; -ERANGE if @cid is outside the window (nothing is written);
 * -EINVAL if @m is invalid.
 */
SCXCMASK_API int scx_cmask_set(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_clear() - atomically clear @cid in @m (one cid; see scx_cmask_zero())
 *
 * Return: as scx_cmask_set().
 */
SCXCMASK_API int scx_cmask_clear(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_test_and_set() - atomically set @cid, returning its old value
 *
 * Return: the previous bit; false when @cid is outside the window or @m is
 * invalid (and nothing is written).
 */
SCXCMASK_API bool scx_cmask_test_and_set(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_test_and_clear() - atomically clear @cid, returning its old value
 *
 * Return: as scx_cmask_test_and_set().
 */
SCXCMASK_API bool scx_cmask_test_and_clear(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_set_nonatomic() - scx_cmask_set() for a mask no one else writes
 */
SCXCMASK_API int scx_cmask_set_nonatomic(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_clear_nonatomic() - scx_cmask_clear() for a mask no one else writes
 */
SCXCMASK_API int scx_cmask_clear_nonatomic(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_test_and_set_nonatomic() - scx_cmask_test_and_set(), not atomic
 */
SCXCMASK_API bool scx_cmask_test_and_set_nonatomic(uint32_t cid, struct scx_cmask *m);

/**
 * scx_cmask_test_and_clear_nonatomic() - scx_cmask_test_and_clear(), not atomic
 */
SCXCMASK_API bool scx_cmask_test_and_clear_nonatomic(uint32_t cid, struct scx_cmask *m);

/* ------------------------------------------------------------------ */
/* Whole mask                                                          */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_zero() - clear every cid of the window (the kernel's
 * scx_cmask_clear())
 *
 * Return: 0, or -EINVAL if @m is invalid.
 */
SCXCMASK_API int scx_cmask_zero(struct scx_cmask *m);

/**
 * scx_cmask_fill() - set every cid of the window; padding stays zero
 *
 * Return: 0, or -EINVAL if @m is invalid.
 */
SCXCMASK_API int scx_cmask_fill(struct scx_cmask *m);

/**
 * scx_cmask_empty() - whether no cid of the window is set
 *
 * A window of 0 cids, an invalid mask and NULL are empty.
 */
SCXCMASK_API bool scx_cmask_empty(const struct scx_cmask *m);

/**
 * scx_cmask_weight() - number of set cids in the window
 */
SCXCMASK_API uint32_t scx_cmask_weight(const struct scx_cmask *m);

/* ------------------------------------------------------------------ */
/* Two masks (dst first; act on the intersection of the windows only)  */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_and() - @dst &= @src on the cids both windows hold
 *
 * Cids of @dst outside @src's window keep their value; @dst's padding is
 * left zero.
 *
 * Return: 0, or -EINVAL if either mask is invalid (@dst is then untouched).
 */
SCXCMASK_API int scx_cmask_and(struct scx_cmask *dst, const struct scx_cmask *src);

/**
 * scx_cmask_or() - @dst |= @src on the cids both windows hold
 *
 * Return: as scx_cmask_and().
 */
SCXCMASK_API int scx_cmask_or(struct scx_cmask *dst, const struct scx_cmask *src);

/**
 * scx_cmask_copy() - @dst = @src on the cids both windows hold
 *
 * As upstream, cids of @dst outside @src's window are not cleared.
 *
 * Return: as scx_cmask_and().
 */
SCXCMASK_API int scx_cmask_copy(struct scx_cmask *dst, const struct scx_cmask *src);

/**
 * scx_cmask_andnot() - @dst &= ~@src on the cids both windows hold
 *
 * Return: as scx_cmask_and().
 */
SCXCMASK_API int scx_cmask_andnot(struct scx_cmask *dst, const struct scx_cmask *src);

/**
 * scx_cmask_equal() - same base, same nr_cids and the same set cids
 *
 * Padding and unused words do not matter.  False if either mask is invalid.
 */
SCXCMASK_API bool scx_cmask_equal(const struct scx_cmask *a, const struct scx_cmask *b);

/**
 * scx_cmask_subset() - whether every set cid of @a is set in @b
 *
 * Set meaning, as the kernel's scx_cmask_subset(): clear cids of @a outside
 * @b's window do not matter, set ones make the answer false.  An invalid @a
 * counts as empty (true); an invalid @b as a mask with nothing set.
 */
SCXCMASK_API bool scx_cmask_subset(const struct scx_cmask *a, const struct scx_cmask *b);

/**
 * scx_cmask_intersects() - whether some cid is set in both masks
 */
SCXCMASK_API bool scx_cmask_intersects(const struct scx_cmask *a, const struct scx_cmask *b);

/* ------------------------------------------------------------------ */
/* Search (mask first, then the start cid)                             */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_next_set() - lowest set cid >= @cid
 *
 * A @cid below the window starts at its base.
 *
 * Return: the cid, or scx_cmask_end(@m) if there is none.
 */
SCXCMASK_API uint32_t scx_cmask_next_set(const struct scx_cmask *m, uint32_t cid);

/**
 * scx_cmask_first_set() - lowest set cid, or scx_cmask_end(@m)
 */
SCXCMASK_API uint32_t scx_cmask_first_set(const struct scx_cmask *m);

/**
 * scx_cmask_next_and_set() - lowest cid >= @start set in both @a and @b
 *
 * Return: the cid, or scx_cmask_end(@a) (not the end of the intersection).
 */
SCXCMASK_API uint32_t scx_cmask_next_and_set(const struct scx_cmask *a,
					     const struct scx_cmask *b, uint32_t start);

/**
 * scx_cmask_next_set_wrap() - round-robin search from @start
 *
 * Searches [@start, end), then [base, @start).  Pass the last cid + 1 to
 * spread work.  As upstream, a @start at or below base never wraps, and
 * @start == end wraps to the lowest set cid.
 *
 * Return: the cid, or scx_cmask_end(@m) if none is set.
 */
SCXCMASK_API uint32_t scx_cmask_next_set_wrap(const struct scx_cmask *m, uint32_t start);

/**
 * scx_cmask_next_and_set_wrap() - scx_cmask_next_set_wrap() on @a & @b
 *
 * Return: the cid, or scx_cmask_end(@a).
 */
SCXCMASK_API uint32_t scx_cmask_next_and_set_wrap(const struct scx_cmask *a,
						  const struct scx_cmask *b, uint32_t start);

/**
 * scx_cmask_next_and2_set() - lowest cid >= @start set in @a, @b and @c
 *
 * The three-mask search of the kernel's 7.3 cmask_next_and2_set() (for
 * example allowed & idle & online).  Only cids inside all three windows
 * can be found; an invalid @b or @c finds nothing.
 *
 * Return: the cid, or scx_cmask_end(@a) (not the end of the intersection).
 */
SCXCMASK_API uint32_t scx_cmask_next_and2_set(const struct scx_cmask *a,
					      const struct scx_cmask *b,
					      const struct scx_cmask *c, uint32_t start);

/**
 * scx_cmask_next_and2_set_wrap() - scx_cmask_next_set_wrap() on @a & @b & @c
 *
 * Same @start rules as scx_cmask_next_and_set_wrap().
 *
 * Return: the cid, or scx_cmask_end(@a).
 */
SCXCMASK_API uint32_t scx_cmask_next_and2_set_wrap(const struct scx_cmask *a,
						   const struct scx_cmask *b,
						   const struct scx_cmask *c, uint32_t start);

/**
 * struct scx_cmask_iter - position of a scx_cmask_for_each() loop
 *
 * Filled by scx_cmask_iter_start() and advanced by scx_cmask_iter_next();
 * the fields are private to those two.
 */
struct scx_cmask_iter {
	const uint64_t *bits;
	uint64_t from;		/* bits of bits[idx] not visited yet */
	uint64_t tail;		/* in-window bits of bits[last] */
	uint32_t idx, last;	/* current and last used word */
	uint32_t gword;		/* grid word of bits[0] */
	uint32_t end;		/* scx_cmask_end() */
	uint32_t cid;		/* the cid just found */
};

/**
 * scx_cmask_iter_start() - an iterator over the set cids of @m
 *
 * Reads and checks @m's header once; an invalid mask or NULL gives an
 * iterator that finds nothing.  Most callers want scx_cmask_for_each().
 */
SCXCMASK_API struct scx_cmask_iter scx_cmask_iter_start(const struct scx_cmask *m);

/**
 * scx_cmask_iter_next() - advance @it to the next set cid
 *
 * Each step reads the current word afresh, so cids set or cleared ahead of
 * the iterator are seen as they are then, like scx_cmask_next_set().  The
 * words are not read atomically as a whole: a mask that changes meanwhile
 * gives each cid's value at some moment of the loop.
 *
 * Return: true with it->cid set, or false (it->cid is then the end).
 */
static inline bool scx_cmask_iter_next(struct scx_cmask_iter *it)
{
	uint64_t w = it->bits[it->idx] & it->from;

	while (!w) {
		if (it->idx >= it->last) {
			it->from = 0;
			it->cid = it->end;
			return false;
		}
		it->idx++;
		it->from = it->idx == it->last ? it->tail : ~(uint64_t)0;
		w = it->bits[it->idx] & it->from;
	}
	/* w ^ (w - 1): the lowest set bit and all below it, now visited */
	it->from &= ~(w ^ (w - 1));
	it->cid = (it->gword + it->idx) * 64 + (uint32_t)__builtin_ctzll(w);
	return true;
}

#define SCXCMASK__CAT2(a, b)	a##b
#define SCXCMASK__CAT(a, b)	SCXCMASK__CAT2(a, b)

/**
 * scx_cmask_for_each() - visit the set cids of @m in ascending order
 * @cid: an integer lvalue; after the loop it holds scx_cmask_end(@m)
 * @m: the mask, evaluated once; do not reframe it inside the loop
 *
 * Costs a call at the start, then a few instructions per word and per set
 * cid: it grows with the set cids, not with nr_cids.
 */
#define scx_cmask_for_each(cid, m)						\
	scx_cmask__for_each(cid, m, SCXCMASK__CAT(scx_cmask__it_, __COUNTER__))
/* the void casts count as uses: a loop whose body ignores the cid is fine */
#define scx_cmask__for_each(scx__cid, scx__m, scx__it)				\
	for (struct scx_cmask_iter scx__it = scx_cmask_iter_start(scx__m);	\
	     scx_cmask_iter_next(&scx__it) ?					\
		((scx__cid) = scx__it.cid, (void)(scx__cid), 1) :		\
		((scx__cid) = scx__it.end, (void)(scx__cid), 0);)

/* ------------------------------------------------------------------ */
/* Inline fast path for small masks                                    */
/* ------------------------------------------------------------------ */

/*
 * The agent side's primitives for the shared operations of
 * <scxcmask/cmask_ops.h> (the same code the library exports and BPF
 * programs compile), so that the calls below can be inlined.  The layout
 * they read is the kernel's ABI: inlining freezes nothing new.
 */
#define SCXCMASK__M		struct scx_cmask
#define SCXCMASK__AS
#define SCXCMASK__INLINE	static inline __attribute__((always_inline))
#define SCXCMASK__IDX		__UINT32_TYPE__
#define SCXCMASK__LOOP(i, from, to) for ((i) = (from); (i) < (to); (i)++)
/* the agent takes any window a u32 header can describe */
#define SCXCMASK__MAX_WORDS	SCX_CMASK_NR_WORDS(0xffffffffu)
#define SCXCMASK__IN(p)		(p)
#define SCXCMASK__NULL(p)	(!(p))
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

#include <scxcmask/cmask_ops.h>

/*
 * Masks of up to this many used words (256 cids at any base) take the
 * inline path; wider ones call the library, whose loops are vectorized.
 */
#define SCXCMASK__FAST_WORDS	5

/*
 * Each fast path reads the headers once and, when both masks are valid,
 * small and on the same window (the usual case: masks sized for one
 * machine), runs the shared operation on them; otherwise it calls the
 * exported function, which reads the headers again, handles windows that
 * only overlap and, on an invalid mask, leaves the scxcmask_errmsg()
 * message.  Nothing is written before that choice.
 */
static inline __attribute__((always_inline)) int
scxcmask__same_small(const struct scx_cmask *a, const struct scx_cmask *b,
		     struct scxcmask__win *w)
{
	/*
	 * A first look at nr_cids only picks the path: a wide mask goes
	 * straight to the library (which reads and checks its headers itself)
	 * instead of paying for the checks twice.
	 */
	return a && SCXCMASK__ONCE(a->nr_cids) <= 64 * (SCXCMASK__FAST_WORDS - 1) &&
	       scxcmask__same_window(a, b, w) && w->nr_used <= SCXCMASK__FAST_WORDS;
}

#define SCXCMASK__OP2_FAST(name, op)						\
static inline __attribute__((always_inline)) int				\
scxcmask__##name##_inline(struct scx_cmask *dst, const struct scx_cmask *src)	\
{										\
	struct scxcmask__win w;							\
										\
	if (__builtin_expect(scxcmask__same_small(dst, src, &w), 1)) {		\
		scxcmask__op2_same(dst, src, &w, op);				\
		return 0;							\
	}									\
	return (scx_cmask_##name)(dst, src);					\
}
SCXCMASK__OP2_FAST(and, SCXCMASK__OP_AND)
SCXCMASK__OP2_FAST(or, SCXCMASK__OP_OR)
SCXCMASK__OP2_FAST(copy, SCXCMASK__OP_COPY)
SCXCMASK__OP2_FAST(andnot, SCXCMASK__OP_ANDNOT)

static inline __attribute__((always_inline)) bool
scxcmask__equal_inline(const struct scx_cmask *a, const struct scx_cmask *b)
{
	struct scxcmask__win aw, bw;

	if (__builtin_expect(!scxcmask__window(a, &aw) && !scxcmask__window(b, &bw) &&
			     aw.nr_used <= SCXCMASK__FAST_WORDS, 1))
		return scxcmask__equal_win(a, &aw, b, &bw);
	return (scx_cmask_equal)(a, b);
}

static inline __attribute__((always_inline)) bool
scxcmask__intersects_inline(const struct scx_cmask *a, const struct scx_cmask *b)
{
	struct scxcmask__win w;

	if (__builtin_expect(scxcmask__same_small(a, b, &w), 1))
		return scxcmask__any_and_same(a, b, &w, 0);
	return (scx_cmask_intersects)(a, b);
}

static inline __attribute__((always_inline)) bool
scxcmask__subset_inline(const struct scx_cmask *a, const struct scx_cmask *b)
{
	struct scxcmask__win w;

	if (__builtin_expect(scxcmask__same_small(a, b, &w), 1))
		return !scxcmask__any_and_same(a, b, &w, 1);
	return (scx_cmask_subset)(a, b);
}

/* One word whatever the size: always inline; errors go to the library. */
#define SCXCMASK__CID_FAST(name)						\
static inline __attribute__((always_inline)) int				\
scxcmask__##name##_inline(uint32_t cid, struct scx_cmask *m)			\
{										\
	return __builtin_expect(scxcmask__##name(cid, m), 0) ?			\
		(scx_cmask_##name)(cid, m) : 0;					\
}
SCXCMASK__CID_FAST(set)
SCXCMASK__CID_FAST(clear)
SCXCMASK__CID_FAST(set_nonatomic)
SCXCMASK__CID_FAST(clear_nonatomic)

/* No error to report: the shared code is the whole function. */
#define SCXCMASK__BOOL_FAST(name, mask_const)					\
static inline __attribute__((always_inline)) bool				\
scxcmask__##name##_inline(uint32_t cid, mask_const struct scx_cmask *m)	\
{										\
	return scxcmask__##name(cid, m) != 0;					\
}
SCXCMASK__BOOL_FAST(test, const)
SCXCMASK__BOOL_FAST(test_and_set, )
SCXCMASK__BOOL_FAST(test_and_clear, )
SCXCMASK__BOOL_FAST(test_and_set_nonatomic, )
SCXCMASK__BOOL_FAST(test_and_clear_nonatomic, )

/*
 * Function-like macros: scx_cmask_and(d, s) takes the inline path, while
 * (scx_cmask_and)(d, s), &scx_cmask_and and dlsym() reach the exported
 * function.  Define SCXCMASK_NO_INLINE before including this header to
 * call the library everywhere.  The results are the same either way: both
 * are the code of <scxcmask/cmask_ops.h> (tests/unit builds its cmask
 * tests both ways).
 */
#ifndef SCXCMASK_NO_INLINE
#define scx_cmask_and(dst, src)		scxcmask__and_inline(dst, src)
#define scx_cmask_or(dst, src)		scxcmask__or_inline(dst, src)
#define scx_cmask_copy(dst, src)	scxcmask__copy_inline(dst, src)
#define scx_cmask_andnot(dst, src)	scxcmask__andnot_inline(dst, src)
#define scx_cmask_equal(a, b)		scxcmask__equal_inline(a, b)
#define scx_cmask_intersects(a, b)	scxcmask__intersects_inline(a, b)
#define scx_cmask_subset(a, b)		scxcmask__subset_inline(a, b)
#define scx_cmask_test(cid, m)		scxcmask__test_inline(cid, m)
#define scx_cmask_set(cid, m)		scxcmask__set_inline(cid, m)
#define scx_cmask_clear(cid, m)		scxcmask__clear_inline(cid, m)
#define scx_cmask_set_nonatomic(cid, m)	scxcmask__set_nonatomic_inline(cid, m)
#define scx_cmask_clear_nonatomic(cid, m) scxcmask__clear_nonatomic_inline(cid, m)
#define scx_cmask_test_and_set(cid, m)	scxcmask__test_and_set_inline(cid, m)
#define scx_cmask_test_and_clear(cid, m) scxcmask__test_and_clear_inline(cid, m)
#define scx_cmask_test_and_set_nonatomic(cid, m) \
	scxcmask__test_and_set_nonatomic_inline(cid, m)
#define scx_cmask_test_and_clear_nonatomic(cid, m) \
	scxcmask__test_and_clear_nonatomic_inline(cid, m)
#endif

SCXCMASK_END_DECLS

#endif /* SCXCMASK_CMASK_H */
