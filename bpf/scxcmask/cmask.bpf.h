/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The cmask operations for BPF programs, on cmasks in a BPF arena: the same
 * names, argument order and results as the agent's <scxcmask/cmask.h>,
 * compiled from the same source (<scxcmask/cmask_ops.h>).
 *
 *	#include "vmlinux.h"			(or <linux/types.h>)
 *	#include <bpf/bpf_helpers.h>
 *	#include <scxcmask/cmask.bpf.h>
 *
 *	struct scx_cmask __arena *idle;
 *	...
 *	scx_cmask_set(cid, idle);
 *	if (scx_cmask_test_and_clear(cid, idle)) ...
 *	scx_cmask_for_each(cid, idle) ...
 *
 * Build with clang -O2 -target bpf, `pkg-config --cflags scxcmask` and,
 * without vmlinux.h, -I/usr/include/$(gcc -print-multiarch) for <asm/types.h>
 * (-mcpu=v3 is what the tests use; clang 19 emits the compare-and-swap at
 * v1 too).
 * clang >= 19 uses native __arena; older clang, or -DSCXCMASK_BPF_FORCE_ASM_CAST,
 * the explicit casts of <scxcmask/arena.bpf.h>.  Kernel >= 6.9 (arenas).
 *
 * struct scx_cmask is only declared here: a 7.2+ kernel's vmlinux.h defines
 * it, and the functions below never read it through that definition (its
 * preserve_access_index would turn arena accesses into CO-RE relocations
 * against the running kernel, which may lack the type).  A program without
 * it in vmlinux.h that wants the fields can define SCXCMASK_BPF_DEFINE_STRUCT.
 *
 * Limits: windows of at most SCX_CMASK_MAX_WORDS words (8192 cids); wider
 * masks are invalid here (-EINVAL, or -E2BIG from init).  Loops are bounded
 * by may_goto (scxcmask_can_loop).  Define SCXCMASK_BPF_LOOP_BPF_FOR to use
 * bpf_for() for the word loops instead (slower; those loops then always
 * finish, the atomics' retry loop still uses may_goto).  Define
 * SCXCMASK_BPF_GLOBAL_FUNCS to make the helpers that loop global BPF
 * subprograms, verified once per program instead of at every call site
 * (below, where the macro is used; docs/PERFORMANCE.md has qmap_cid's
 * figures).
 *
 * When the loop budget runs out.  The kernel gives each program run a loop
 * budget (may_goto: 8M iterations before 6.15, about a quarter second of
 * run time since); once it is spent every may_goto loop stops at its next
 * check, for the rest of that run.  An operation that stops early never
 * returns a result it did not compute: it calls
 * SCXCMASK_BPF_ON_BUDGET_EXHAUSTED("scx_cmask_...") and returns:
 *
 *   scx_cmask_set(), _clear()          -EAGAIN, the bit not written (only
 *                                      when a write was needed: setting a
 *                                      set bit still succeeds)
 *   scx_cmask_test_and_set()           1 ("was set": the caller did not
 *                                      claim it), the bit not written
 *   scx_cmask_test_and_clear()         0 ("was not set": nothing cleared)
 *   scx_cmask_init(), _init_alloc()    -EAGAIN, the mask left valid and
 *                                      empty (nr_cids 0)
 *   scx_cmask_zero(), _fill()          -EAGAIN, some words written
 *   scx_cmask_from_cpumask()           -EAGAIN, the cids of the cpus
 *   (<scxcmask/sched_ext.bpf.h>)       visited so far only
 *   scx_cmask_and(), _or(), _copy(),   -EAGAIN, some words of dst written,
 *   scx_cmask_andnot()                 its padding still clear
 *   scx_cmask_next_set(), _first_set(),
 *   _next_and_set(), _next_and2_set(),
 *   the _wrap forms                    the end of the first mask (not found)
 *   scx_cmask_for_each()               ends early (hook called; the cids
 *                                      visited were really set)
 *   scx_cmask_empty()                  1
 *   scx_cmask_weight()                 0 (never a partial count)
 *   scx_cmask_intersects()             0
 *   scx_cmask_equal(), _subset()       0
 *   _test(), _valid(), _end(), _reframe(), _size(), the _nonatomic forms:
 *                                      no loop, never stop early
 *
 * -EAGAIN because nothing (or, for whole-mask writers, not all) was done
 * and a later program run, with a fresh budget, may succeed; no helper
 * returns it otherwise.  So after an early stop every reader agrees the
 * mask looks empty and no claim succeeds.  The hook defaults to
 * scx_bpf_error() when the program defines that macro (sched_ext programs:
 * the scheduler is then ejected with a message naming the operation) and
 * to nothing otherwise; define it before including this header to count or
 * report early stops.  With SCXCMASK_BPF_LOOP_BPF_FOR only the atomics and
 * for_each can stop early.  tests/bpf/exhaust checks every line above.
 *
 * A mask at arena offset 0 of an arena mapped at a 4 GiB-aligned address
 * (map_extra = 1 << 44, for example) has the address 0, which compares equal
 * to NULL.  The helpers here take it as the mask it is (the kernel puts its
 * set_cmask scratch there when the program's arena globals sit at the end
 * of the arena, as recent libbpf lays them out); a program's own NULL tests
 * on such a pointer are its own business.
 */
#ifndef SCXCMASK_CMASK_BPF_H
#define SCXCMASK_CMASK_BPF_H

#include <scxcmask/arena.bpf.h>

struct scx_cmask;

#ifdef SCXCMASK_BPF_DEFINE_STRUCT
/* The kernel's layout, for programs whose vmlinux.h lacks it. */
struct scx_cmask {
	__UINT32_TYPE__ base;
	__UINT32_TYPE__ nr_cids;
	__UINT32_TYPE__ alloc_words;
	__UINT64_TYPE__ bits[] __attribute__((aligned(8)));
};
#endif

/*
 * The layout the operations read: struct scx_cmask's, declared under a
 * private name and outside any preserve_access_index region so that every
 * field access compiles to a fixed offset.
 */
struct scxcmask__bpf_mask {
	__UINT32_TYPE__ base;		/* 0 */
	__UINT32_TYPE__ nr_cids;	/* 4 */
	__UINT32_TYPE__ alloc_words;	/* 8 */
	__UINT32_TYPE__ pad;		/* 12 */
	__UINT64_TYPE__ bits[];		/* 16 */
};

_Static_assert(__builtin_offsetof(struct scxcmask__bpf_mask, bits) == 16,
	       "cmask bits[] must sit at offset 16");

/* ---------------------------------------------------------------- primitives */

#define SCXCMASK__M		struct scxcmask__bpf_mask
#define SCXCMASK__AS		SCXCMASK_ARENA
#define SCXCMASK__INLINE	static inline __attribute__((always_inline))
#define SCXCMASK__MAX_WORDS	SCX_CMASK_MAX_WORDS
#define SCXCMASK__IN(p)		scx_arena_ptr(p)
/*
 * No arena pointer is "no mask": address 0 is arena offset 0, where the
 * kernel's own allocator puts the first cmask it hands a scheduler (7.3's
 * set_cmask scratch, when libbpf keeps the arena's globals at its end).
 */
#define SCXCMASK__NULL(p)	0
#define SCXCMASK__ONCE(x)	(*(volatile __typeof__(x) *)&(x))

#ifdef SCXCMASK_BPF_LOOP_BPF_FOR
#ifndef bpf_for
#error "SCXCMASK_BPF_LOOP_BPF_FOR needs bpf_for() from <bpf/bpf_helpers.h> (libbpf >= 1.2)"
#endif
#define SCXCMASK__IDX		int
#define SCXCMASK__LOOP(i, from, to) bpf_for(i, from, to)
/* bpf_for ranges of at most SCXCMASK__MAX_WORDS always run to their end */
#define SCXCMASK__CUT(i, to)	0
#else
/*
 * The asm goto in the condition also keeps LLVM from turning zeroing and
 * copying loops into memset/memcpy, which it cannot lower for arena memory.
 */
#define SCXCMASK__IDX		__UINT32_TYPE__
#define SCXCMASK__LOOP(i, from, to) \
	for ((i) = (from); (i) < (to) && scxcmask_can_loop; (i)++)
/* left before its bound without a break: may_goto said stop */
#define SCXCMASK__CUT(i, to)	((i) < (to))
#endif

/**
 * SCXCMASK_BPF_ON_BUDGET_EXHAUSTED() - called when an operation gives up
 * @what: a string literal, the operation's name
 *
 * An expression (a statement expression will do) used as a statement; the
 * operation then returns its "not done" value (the table at the top).  Define it before including this header; whatever it uses
 * must be declared before too.
 */
#ifndef SCXCMASK_BPF_ON_BUDGET_EXHAUSTED
#ifdef scx_bpf_error
#define SCXCMASK_BPF_ON_BUDGET_EXHAUSTED(what) \
	scx_bpf_error("scxcmask: " what ": BPF loop budget (may_goto) exhausted, not done")
#else
#define SCXCMASK_BPF_ON_BUDGET_EXHAUSTED(what) ((void)0)
#endif
#endif
#define SCXCMASK__ON_CUT(what)	SCXCMASK_BPF_ON_BUDGET_EXHAUSTED(what)

/* Linux errno values; BPF programs have no <errno.h>. */
#define SCXCMASK__E2BIG		7
#define SCXCMASK__EINVAL	22
#define SCXCMASK__ENOSPC	28
#define SCXCMASK__ERANGE	34
#define SCXCMASK__EOVERFLOW	75
#define SCXCMASK__EAGAIN	11

/*
 * Atomic OR / AND-NOT: 0 with the old word in *@oldp, or -EAGAIN when the
 * word could not be written (*@oldp is then the last value seen, and the
 * word was not changed by this call).  The x86 JIT rejects the fetch forms
 * of atomic or/and on arena memory, so this is a compare-and-swap loop; it
 * writes nothing when the bits already have the wanted value, and that
 * check comes before the budget's, so such a call succeeds even once the
 * budget is spent.  Every failed attempt means another CPU wrote the word;
 * the loop is bounded by the kernel's may_goto budget (a counter the
 * verifier does not have to follow, unlike a constant number of tries).
 */
static inline __attribute__((always_inline)) int
scxcmask__bpf_fetch_update(SCXCMASK_ARENA __UINT64_TYPE__ *w, __UINT64_TYPE__ set,
			   __UINT64_TYPE__ clear, __UINT64_TYPE__ *oldp)
{
	__UINT64_TYPE__ old = *(volatile SCXCMASK_ARENA __UINT64_TYPE__ *)w, seen, want;
	int err = -SCXCMASK__EAGAIN;

	for (;;) {
		want = (old | set) & ~clear;
		if (want == old) {
			err = 0;
			break;
		}
		if (!scxcmask_can_loop)
			break;
		seen = __sync_val_compare_and_swap(w, old, want);
		if (seen == old) {
			err = 0;
			break;
		}
		old = seen;
	}
	*oldp = old;
	return err;
}

#define SCXCMASK__FETCH_OR(w, bit, oldp) scxcmask__bpf_fetch_update((w), (bit), 0, (oldp))
#define SCXCMASK__FETCH_ANDNOT(w, bit, oldp) scxcmask__bpf_fetch_update((w), 0, (bit), (oldp))

#include <scxcmask/cmask_ops.h>

/* ---------------------------------------------------------------- public API */

/*
 * The same functions as <scxcmask/cmask.h>; see there for each one's
 * contract.  Booleans are _Bool so that no bool typedef is needed.
 */
#define SCXCMASK__BPF_API	static inline __attribute__((always_inline))

/*
 * SCXCMASK_BPF_GLOBAL_FUNCS (opt-in): the helpers that loop over words --
 * construction, the whole-mask ones, the two-mask ones and the searches --
 * become global BPF subprograms instead of being inlined at every call.
 * The verifier then checks each one once, on its own, whatever the number
 * of call sites, and a program that calls them from many places pays for
 * them once; each call costs a real call, and each runs with its own loop
 * budget.  Their mask arguments carry the arg:arena tag, so the verifier
 * knows them for arena pointers (kernel >= 6.9, as arenas).  Weak, so that
 * objects linked together keep one copy.  Results and the budget rules
 * are those of the inline forms.
 */
#ifdef SCXCMASK_BPF_GLOBAL_FUNCS
#define SCXCMASK__BPF_LOOPY	__attribute__((noinline, weak))
#define SCXCMASK__ARG		__attribute__((btf_decl_tag("arg:arena")))
#else
#define SCXCMASK__BPF_LOOPY	SCXCMASK__BPF_API
#define SCXCMASK__ARG
#endif
#define SCXCMASK__MUT(m)	((SCXCMASK__AS SCXCMASK__M *)(m))
#define SCXCMASK__RO(m)		((const SCXCMASK__AS SCXCMASK__M *)(m))

SCXCMASK__BPF_API __SIZE_TYPE__ scx_cmask_size(scxcmask__u32 alloc_cids)
{
	return SCX_CMASK_SIZE(alloc_cids);
}

SCXCMASK__BPF_LOOPY int
scx_cmask_init(struct scx_cmask __arena *m SCXCMASK__ARG, scxcmask__u32 base, scxcmask__u32 nr_cids)
{
	return scxcmask__init_alloc(SCXCMASK__MUT(m), base, nr_cids, nr_cids);
}

SCXCMASK__BPF_LOOPY int
scx_cmask_init_alloc(struct scx_cmask __arena *m SCXCMASK__ARG, scxcmask__u32 base,
		     scxcmask__u32 nr_cids, scxcmask__u32 alloc_cids)
{
	return scxcmask__init_alloc(SCXCMASK__MUT(m), base, nr_cids, alloc_cids);
}

SCXCMASK__BPF_API int scx_cmask_reframe(struct scx_cmask __arena *m, scxcmask__u32 base,
					scxcmask__u32 nr_cids)
{
	return scxcmask__reframe(SCXCMASK__MUT(m), base, nr_cids);
}

SCXCMASK__BPF_API int scx_cmask_valid(const struct scx_cmask __arena *m)
{
	struct scxcmask__win w;

	return scxcmask__window(SCXCMASK__IN(SCXCMASK__RO(m)), &w);
}

SCXCMASK__BPF_API scxcmask__u32 scx_cmask_end(const struct scx_cmask __arena *m)
{
	return scxcmask__end(SCXCMASK__RO(m));
}

SCXCMASK__BPF_API _Bool scx_cmask_test(scxcmask__u32 cid, const struct scx_cmask __arena *m)
{
	return scxcmask__test(cid, SCXCMASK__RO(m));
}

SCXCMASK__BPF_API int scx_cmask_set(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__set(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API int scx_cmask_clear(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__clear(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API _Bool scx_cmask_test_and_set(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__test_and_set(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API _Bool scx_cmask_test_and_clear(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__test_and_clear(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API int scx_cmask_set_nonatomic(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__set_nonatomic(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API int scx_cmask_clear_nonatomic(scxcmask__u32 cid, struct scx_cmask __arena *m)
{
	return scxcmask__clear_nonatomic(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API _Bool scx_cmask_test_and_set_nonatomic(scxcmask__u32 cid,
							 struct scx_cmask __arena *m)
{
	return scxcmask__test_and_set_nonatomic(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_API _Bool scx_cmask_test_and_clear_nonatomic(scxcmask__u32 cid,
							   struct scx_cmask __arena *m)
{
	return scxcmask__test_and_clear_nonatomic(cid, SCXCMASK__MUT(m));
}

SCXCMASK__BPF_LOOPY int
scx_cmask_zero(struct scx_cmask __arena *m SCXCMASK__ARG)
{
	return scxcmask__zero(SCXCMASK__MUT(m));
}

SCXCMASK__BPF_LOOPY int
scx_cmask_fill(struct scx_cmask __arena *m SCXCMASK__ARG)
{
	return scxcmask__fill(SCXCMASK__MUT(m));
}

SCXCMASK__BPF_LOOPY _Bool
scx_cmask_empty(const struct scx_cmask __arena *m SCXCMASK__ARG)
{
	return scxcmask__empty(SCXCMASK__RO(m));
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_weight(const struct scx_cmask __arena *m SCXCMASK__ARG)
{
	return scxcmask__weight(SCXCMASK__RO(m));
}

SCXCMASK__BPF_LOOPY int
scx_cmask_and(struct scx_cmask __arena *dst SCXCMASK__ARG,
	      const struct scx_cmask __arena *src SCXCMASK__ARG)
{
	return scxcmask__op2(SCXCMASK__MUT(dst), SCXCMASK__RO(src), SCXCMASK__OP_AND);
}

SCXCMASK__BPF_LOOPY int
scx_cmask_or(struct scx_cmask __arena *dst SCXCMASK__ARG,
	     const struct scx_cmask __arena *src SCXCMASK__ARG)
{
	return scxcmask__op2(SCXCMASK__MUT(dst), SCXCMASK__RO(src), SCXCMASK__OP_OR);
}

SCXCMASK__BPF_LOOPY int
scx_cmask_copy(struct scx_cmask __arena *dst SCXCMASK__ARG,
	       const struct scx_cmask __arena *src SCXCMASK__ARG)
{
	return scxcmask__op2(SCXCMASK__MUT(dst), SCXCMASK__RO(src), SCXCMASK__OP_COPY);
}

SCXCMASK__BPF_LOOPY int
scx_cmask_andnot(struct scx_cmask __arena *dst SCXCMASK__ARG,
		 const struct scx_cmask __arena *src SCXCMASK__ARG)
{
	return scxcmask__op2(SCXCMASK__MUT(dst), SCXCMASK__RO(src), SCXCMASK__OP_ANDNOT);
}

SCXCMASK__BPF_LOOPY _Bool
scx_cmask_equal(const struct scx_cmask __arena *a SCXCMASK__ARG,
		const struct scx_cmask __arena *b SCXCMASK__ARG)
{
	return scxcmask__equal(SCXCMASK__RO(a), SCXCMASK__RO(b));
}

SCXCMASK__BPF_LOOPY _Bool
scx_cmask_subset(const struct scx_cmask __arena *a SCXCMASK__ARG,
		 const struct scx_cmask __arena *b SCXCMASK__ARG)
{
	return scxcmask__subset(SCXCMASK__RO(a), SCXCMASK__RO(b));
}

SCXCMASK__BPF_LOOPY _Bool
scx_cmask_intersects(const struct scx_cmask __arena *a SCXCMASK__ARG,
		     const struct scx_cmask __arena *b SCXCMASK__ARG)
{
	return scxcmask__intersects(SCXCMASK__RO(a), SCXCMASK__RO(b));
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_set(const struct scx_cmask __arena *m SCXCMASK__ARG, scxcmask__u32 cid)
{
	return scxcmask__next_set(SCXCMASK__RO(m), cid);
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_first_set(const struct scx_cmask __arena *m SCXCMASK__ARG)
{
	return scxcmask__first_set(SCXCMASK__RO(m));
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_and_set(const struct scx_cmask __arena *a SCXCMASK__ARG,
		       const struct scx_cmask __arena *b SCXCMASK__ARG, scxcmask__u32 start)
{
	return scxcmask__next_and_set(SCXCMASK__RO(a), SCXCMASK__RO(b), start);
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_set_wrap(const struct scx_cmask __arena *m SCXCMASK__ARG, scxcmask__u32 start)
{
	return scxcmask__next_set_wrap(SCXCMASK__RO(m), start);
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_and_set_wrap(const struct scx_cmask __arena *a SCXCMASK__ARG,
			    const struct scx_cmask __arena *b SCXCMASK__ARG, scxcmask__u32 start)
{
	return scxcmask__next_and_set_wrap(SCXCMASK__RO(a), SCXCMASK__RO(b), start);
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_and2_set(const struct scx_cmask __arena *a SCXCMASK__ARG,
			const struct scx_cmask __arena *b SCXCMASK__ARG,
			const struct scx_cmask __arena *c SCXCMASK__ARG, scxcmask__u32 start)
{
	return scxcmask__next_and2_set(SCXCMASK__RO(a), SCXCMASK__RO(b), SCXCMASK__RO(c), start);
}

SCXCMASK__BPF_LOOPY scxcmask__u32
scx_cmask_next_and2_set_wrap(const struct scx_cmask __arena *a SCXCMASK__ARG,
			     const struct scx_cmask __arena *b SCXCMASK__ARG,
			     const struct scx_cmask __arena *c SCXCMASK__ARG, scxcmask__u32 start)
{
	return scxcmask__next_and2_set_wrap(SCXCMASK__RO(a), SCXCMASK__RO(b), SCXCMASK__RO(c),
					    start);
}

/*
 * Position of a scx_cmask_for_each() loop.  The header is read and checked
 * once, at the start: the bounds below come from that one read, so a
 * header rewritten during the loop cannot steer it outside the words it
 * had (nor make it run longer).  Each word is read once, when the loop
 * reaches it.
 */
struct scxcmask__bpf_iter {
	/*
	 * The mask as the caller passed it, cast for each word read: an
	 * arena pointer kept on the stack in one path and not in the other
	 * is refused by the verifier in the asm-cast build.
	 */
	const struct scx_cmask __arena *m;
	scxcmask__u64 cur;	/* set bits of word idx not visited yet */
	scxcmask__u64 tail;	/* in-window bits of word last */
	scxcmask__u32 idx, last;	/* current and last used word */
	scxcmask__u32 gword;	/* grid word of bits[0] */
	scxcmask__u32 end;	/* scx_cmask_end() at the start */
	scxcmask__u32 cid;	/* the cid just found */
};

SCXCMASK__BPF_API struct scxcmask__bpf_iter
scxcmask__bpf_iter_start(const struct scx_cmask __arena *m)
{
	const SCXCMASK__AS SCXCMASK__M *k = SCXCMASK__IN(SCXCMASK__RO(m));
	struct scxcmask__bpf_iter it = { .m = m };
	struct scxcmask__win w;

	if (scxcmask__window(k, &w) || !w.nr_used) {
		/* nothing to visit: cur 0 and idx == last end the loop at once */
		it.end = scxcmask__end(SCXCMASK__RO(m));
		return it;
	}
	it.last = w.nr_used - 1;
	it.gword = w.wbase;
	it.end = w.end;
	it.tail = scxcmask__tail_bits(&w);
	it.cur = k->bits[0] & scxcmask__head_bits(&w) & (it.last ? SCXCMASK__ALL : it.tail);
	return it;
}

/* The next set cid into it->cid: 1, or 0 at the end (or an early stop). */
SCXCMASK__BPF_API int scxcmask__bpf_iter_next(struct scxcmask__bpf_iter *it)
{
	scxcmask__u64 w = it->cur;

	if (!scxcmask_can_loop)
		goto cut;
	while (!w) {
		if (it->idx >= it->last)
			return 0;
		if (!scxcmask_can_loop)
			goto cut;
		it->idx++;
		w = SCXCMASK__IN(SCXCMASK__RO(it->m))->bits[it->idx];
		if (it->idx == it->last)
			w &= it->tail;
	}
	it->cid = (it->gword + it->idx) * 64 + __builtin_ctzll(w);
	it->cur = w & (w - 1);
	return 1;
cut:
	SCXCMASK_BPF_ON_BUDGET_EXHAUSTED("scx_cmask_for_each");
	return 0;
}

#define SCXCMASK__BPF_CAT2(a, b)	a##b
#define SCXCMASK__BPF_CAT(a, b)		SCXCMASK__BPF_CAT2(a, b)

/**
 * scx_cmask_for_each() - visit the set cids of @m in ascending order
 * @cid: an integer lvalue; after a loop that ran to its end it holds
 *	scx_cmask_end(@m) as read at the start
 * @m: a struct scx_cmask __arena pointer, evaluated once
 *
 * Word at a time: the header is read and checked once, at the start, each
 * word when the loop reaches it (cids changed in words ahead are seen, in
 * the current word not).  Safe if the header is rewritten during the loop
 * (the bounds are those of the start).  Bounded for the verifier by
 * scxcmask_can_loop; break and continue work.  When the loop budget runs
 * out it ends early, after calling SCXCMASK_BPF_ON_BUDGET_EXHAUSTED() (so
 * it must be usable in an expression; a statement expression is).
 */
#define scx_cmask_for_each(cid, m)						\
	scx_cmask__bpf_for_each(cid, m, SCXCMASK__BPF_CAT(scxcmask__it_, __COUNTER__))
#define scx_cmask__bpf_for_each(scx__cid, scx__m, scx__it)			\
	for (struct scxcmask__bpf_iter scx__it = scxcmask__bpf_iter_start(scx__m); \
	     scxcmask__bpf_iter_next(&scx__it) ?				\
		((scx__cid) = scx__it.cid, 1) :					\
		((scx__cid) = scx__it.end, 0);)

/**
 * scx_cmask_from_set_cmask_arg() - the cmask argument of ops.set_cmask()
 * @arg: the argument, declared void * (BPF_PROG() casts through void *)
 *
 * The kernel passes the 32-bit arena address of a scratch cmask, valid
 * during the callback only (copy it).  Some kernels (Debian's 7.2.13) type
 * the argument as a trusted kernel pointer: a plain dereference passes the
 * verifier and then faults in the kernel.  Going through this function
 * makes every read an arena access.
 */
SCXCMASK__BPF_API const struct scx_cmask __arena *scx_cmask_from_set_cmask_arg(void *arg)
{
#if SCXCMASK_BPF_NATIVE_ARENA && !defined(SCXCMASK_BPF_GLOBAL_FUNCS)
	/* an integer, so the compiler casts it to kernel form at each read */
	return (const struct scx_cmask __arena *)(__UINT64_TYPE__)arg;
#else
	/*
	 * The cast itself, so the register holds an arena pointer: what a
	 * global subprogram's arg:arena requires (7.2.13 types @arg as a
	 * kernel pointer, which the verifier would refuse there).
	 */
	return (const struct scx_cmask __arena *)scxcmask__cast_to_kern((__UINT64_TYPE__)arg);
#endif
}

#endif /* SCXCMASK_CMASK_BPF_H */
