// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Exported, out-of-line copies of the shared cmask operations
 * (common/scxcmask/cmask_ops.h), for C callers, dlsym() and other
 * languages.  Each is the shared definition, plus, on failure, a message
 * for scxcmask_errmsg() (the shared code also runs in BPF, where there is
 * no such thing).
 */
#include <inttypes.h>
#include <stdlib.h>

/*
 * gcc -O2 vectorizes only loops it proves cheap without a cost model; the
 * word loops of the shared operations (unknown trip count, dst and src
 * may alias) need the dynamic one: and/or/copy/subset/intersects then run
 * about 1.5x faster at 8192 cids (docs/PERFORMANCE.md).  clang already
 * vectorizes them at -O2.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("vect-cost-model=dynamic")
#endif

#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SCXCMASK__X86_AVX2 1
#endif

/*
 * The whole middle words of and/or/copy/andnot (cmask_ops.h's
 * SCXCMASK__WORDS_OP hook): copy with memmove (gcc leaves the plain loop
 * scalar, 4x slower at 8192 cids), the others through a loop picked once
 * for the CPU.  No promise is broken: two-mask operations never read a
 * word atomically as a whole.
 */
static inline void words_op(uint64_t *d, const uint64_t *s, uint32_t n, int op);
#define SCXCMASK__WORDS_OP(d, s, n, op)	words_op((d), (s), (n), (op))

#include "cmask_user.h"
#include "internal.h"

/* ---------------------------------------------------------------- word loops */

typedef void words_fn(uint64_t *d, const uint64_t *s, uint32_t n);

/* Plain loops: gcc vectorizes them with the baseline's SSE2 (see above). */
static void and_generic(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] &= s[i];
}

static void or_generic(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] |= s[i];
}

static void andnot_generic(uint64_t *d, const uint64_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		d[i] &= ~s[i];
}

struct words_impl {
	words_fn *fn[4];	/* by enum scxcmask__op; COPY unused (memmove) */
};

static const struct words_impl impl_generic = {
	{ and_generic, or_generic, NULL, andnot_generic },
};

#ifdef SCXCMASK__X86_AVX2
/*
 * 32 bytes a step, stores aligned to 32 after a scalar head.  A source that
 * trails the destination by 1 to 3 words (overlapping masks) would see a
 * different sequence of writes than the plain loop: it takes the plain loop.
 */
#define AVX2_LOOP(name, vexpr, sexpr)						\
__attribute__((target("avx2"))) static void name(uint64_t *d, const uint64_t *s,	\
						 uint32_t n)			\
{										\
	uint32_t i = 0;								\
										\
	if ((uintptr_t)d - (uintptr_t)s - 1 < 31) {				\
		for (; i < n; i++)						\
			d[i] = sexpr;						\
		return;								\
	}									\
	for (; i < n && ((uintptr_t)&d[i] & 31); i++)				\
		d[i] = sexpr;							\
	for (; i + 8 <= n; i += 8) {					\
		__m256i x = _mm256_load_si256((const __m256i *)&d[i]);	\
		__m256i y = _mm256_loadu_si256((const __m256i *)&s[i]);	\
		__m256i v = vexpr;					\
										\
		x = _mm256_load_si256((const __m256i *)&d[i + 4]);	\
		y = _mm256_loadu_si256((const __m256i *)&s[i + 4]);	\
		_mm256_store_si256((__m256i *)&d[i], v);			\
		_mm256_store_si256((__m256i *)&d[i + 4], vexpr);		\
	}								\
	for (; i + 4 <= n; i += 4) {						\
		__m256i x = _mm256_load_si256((const __m256i *)&d[i]);		\
		__m256i y = _mm256_loadu_si256((const __m256i *)&s[i]);		\
										\
		_mm256_store_si256((__m256i *)&d[i], vexpr);			\
	}									\
	for (; i < n; i++)							\
		d[i] = sexpr;							\
}
AVX2_LOOP(and_avx2, _mm256_and_si256(x, y), d[i] & s[i])
AVX2_LOOP(or_avx2, _mm256_or_si256(x, y), d[i] | s[i])
AVX2_LOOP(andnot_avx2, _mm256_andnot_si256(y, x), d[i] & ~s[i])

static const struct words_impl impl_avx2 = {
	{ and_avx2, or_avx2, NULL, andnot_avx2 },
};
#endif

/*
 * The CPU's best loops; SCXCMASK_FORCE_ISA=generic (or =avx2, honoured only
 * where the CPU has it) overrides the choice, so that the tests can run
 * every target on one machine.
 */
static const struct words_impl *pick_impl(void)
{
	const char *force = getenv("SCXCMASK_FORCE_ISA");

	if (force && !strcmp(force, "generic"))
		return &impl_generic;
#ifdef SCXCMASK__X86_AVX2
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return &impl_avx2;
#endif
	return &impl_generic;
}

/* Resolved once; a race only makes two threads pick the same answer. */
static const struct words_impl *words_impl(void)
{
	static const struct words_impl *impl;
	const struct words_impl *p = __atomic_load_n(&impl, __ATOMIC_ACQUIRE);

	if (__builtin_expect(!p, 0)) {
		p = pick_impl();
		__atomic_store_n(&impl, p, __ATOMIC_RELEASE);
	}
	return p;
}

static inline void words_op(uint64_t *d, const uint64_t *s, uint32_t n, int op)
{
	if (op == SCXCMASK__OP_COPY)
		memmove(d, s, (size_t)n * 8);
	else
		words_impl()->fn[op](d, s, n);
}

/*
 * x86-64's baseline has no popcnt instruction, and the libgcc fallback
 * costs about 2 ns a word: weight() gets a popcnt clone, picked at load
 * time on CPUs that have it.
 */
#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define SCXCMASK__POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#endif
#endif
#ifndef SCXCMASK__POPCNT_CLONES
#define SCXCMASK__POPCNT_CLONES
#endif

/* Why a header is invalid, for a person. */
static int explain_mask(int err, const char *fn, const char *which, const struct scx_cmask *m)
{
	uint32_t base, nr, alloc;

	if (!m)
		return scxcmask__fail(err, "%s: %s cmask is NULL", fn, which);
	base = m->base;
	nr = m->nr_cids;
	alloc = m->alloc_words;
	if (scxcmask__check_window(base, nr, alloc) == -EOVERFLOW)
		return scxcmask__fail(err, "%s: %s cmask is invalid: window [%u, %u + %u) ends past 2^32 - 1",
				      fn, which, base, base, nr);
	return scxcmask__fail(err, "%s: %s cmask is invalid: %u cids need %u words, alloc_words is %u",
			      fn, which, nr, SCX_CMASK_NR_WORDS(nr), alloc);
}

/* Message for a single-cid writer's failure. */
static int explain_cid(int err, const char *fn, uint32_t cid, const struct scx_cmask *m)
{
	if (err != -ERANGE)
		return explain_mask(err, fn, "the", m);
	return scxcmask__fail(err, "%s: cid %u is outside the window [%u, %" PRIu64 ")", fn, cid,
			      m->base, (uint64_t)m->base + m->nr_cids);
}

/* Message for a two-mask writer's failure: which of the two is invalid. */
static int explain_pair(int err, const char *fn, const struct scx_cmask *dst,
			const struct scx_cmask *src)
{
	struct scxcmask__win w;

	if (scxcmask__window(dst, &w))
		return explain_mask(err, fn, "the destination", dst);
	return explain_mask(err, fn, "the source", src);
}

/* Message for init/reframe refusing a window. */
static int explain_window(int err, const char *fn, const struct scx_cmask *m, uint32_t base,
			  uint32_t nr_cids, uint32_t capacity_words)
{
	if (!m)
		return scxcmask__fail(err, "%s: cmask is NULL", fn);
	if (err == -EOVERFLOW)
		return scxcmask__fail(err, "%s: window [%u, %u + %u) ends past 2^32 - 1", fn, base,
				      base, nr_cids);
	return scxcmask__fail(err, "%s: %u cids need %u words, the storage holds %u", fn, nr_cids,
			      SCX_CMASK_NR_WORDS(nr_cids), capacity_words);
}

SCXCMASK_API size_t scx_cmask_size(uint32_t alloc_cids)
{
	return SCX_CMASK_SIZE(alloc_cids);
}

SCXCMASK_API struct scx_cmask *scx_cmask_alloc(uint32_t base, uint32_t nr_cids)
{
	struct scx_cmask *m;
	int err;

	if (nr_cids > UINT32_MAX - base) {
		errno = EOVERFLOW;
		return NULL;
	}
	/* calloc: the header's padding bytes too are defined when copied out */
	m = calloc(1, scx_cmask_size(nr_cids));
	if (!m)
		return NULL;
	err = scxcmask__init_alloc(m, base, nr_cids, nr_cids);
	if (err) {
		free(m);
		errno = -err;
		return NULL;
	}
	return m;
}

SCXCMASK_API void scx_cmask_free(struct scx_cmask *m)
{
	free(m);
}

SCXCMASK_API int scx_cmask_init(struct scx_cmask *m, uint32_t base, uint32_t nr_cids)
{
	int err = scxcmask__init_alloc(m, base, nr_cids, nr_cids);

	return err ? explain_window(err, "scx_cmask_init", m, base, nr_cids, SCX_CMASK_NR_WORDS(nr_cids)) : 0;
}

SCXCMASK_API int scx_cmask_init_alloc(struct scx_cmask *m, uint32_t base, uint32_t nr_cids,
				      uint32_t alloc_cids)
{
	int err = scxcmask__init_alloc(m, base, nr_cids, alloc_cids);

	return err ? explain_window(err, "scx_cmask_init_alloc", m, base, nr_cids, SCX_CMASK_NR_WORDS(alloc_cids)) : 0;
}

SCXCMASK_API int scx_cmask_reframe(struct scx_cmask *m, uint32_t base, uint32_t nr_cids)
{
	int err = scxcmask__reframe(m, base, nr_cids);

	return err ? explain_window(err, "scx_cmask_reframe", m, base, nr_cids, m ? m->alloc_words : 0) : 0;
}

SCXCMASK_API int scx_cmask_valid(const struct scx_cmask *m)
{
	struct scxcmask__win w;
	int err = scxcmask__window(m, &w);

	return err ? explain_mask(err, "scx_cmask_valid", "the", m) : 0;
}

SCXCMASK_API uint32_t scx_cmask_end(const struct scx_cmask *m)
{
	return scxcmask__end(m);
}

SCXCMASK_API bool scx_cmask_test(uint32_t cid, const struct scx_cmask *m)
{
	return scxcmask__test(cid, m);
}

SCXCMASK_API int scx_cmask_set(uint32_t cid, struct scx_cmask *m)
{
	int err = scxcmask__set(cid, m);

	return err ? explain_cid(err, "scx_cmask_set", cid, m) : 0;
}

SCXCMASK_API int scx_cmask_clear(uint32_t cid, struct scx_cmask *m)
{
	int err = scxcmask__clear(cid, m);

	return err ? explain_cid(err, "scx_cmask_clear", cid, m) : 0;
}

SCXCMASK_API bool scx_cmask_test_and_set(uint32_t cid, struct scx_cmask *m)
{
	return scxcmask__test_and_set(cid, m);
}

SCXCMASK_API bool scx_cmask_test_and_clear(uint32_t cid, struct scx_cmask *m)
{
	return scxcmask__test_and_clear(cid, m);
}

SCXCMASK_API int scx_cmask_set_nonatomic(uint32_t cid, struct scx_cmask *m)
{
	int err = scxcmask__set_nonatomic(cid, m);

	return err ? explain_cid(err, "scx_cmask_set_nonatomic", cid, m) : 0;
}

SCXCMASK_API int scx_cmask_clear_nonatomic(uint32_t cid, struct scx_cmask *m)
{
	int err = scxcmask__clear_nonatomic(cid, m);

	return err ? explain_cid(err, "scx_cmask_clear_nonatomic", cid, m) : 0;
}

SCXCMASK_API bool scx_cmask_test_and_set_nonatomic(uint32_t cid, struct scx_cmask *m)
{
	return scxcmask__test_and_set_nonatomic(cid, m);
}

SCXCMASK_API bool scx_cmask_test_and_clear_nonatomic(uint32_t cid, struct scx_cmask *m)
{
	return scxcmask__test_and_clear_nonatomic(cid, m);
}

SCXCMASK_API int scx_cmask_zero(struct scx_cmask *m)
{
	int err = scxcmask__zero(m);

	return err ? explain_mask(err, "scx_cmask_zero", "the", m) : 0;
}

SCXCMASK_API int scx_cmask_fill(struct scx_cmask *m)
{
	int err = scxcmask__fill(m);

	return err ? explain_mask(err, "scx_cmask_fill", "the", m) : 0;
}

SCXCMASK_API bool scx_cmask_empty(const struct scx_cmask *m)
{
	return scxcmask__empty(m);
}

SCXCMASK_API SCXCMASK__POPCNT_CLONES uint32_t scx_cmask_weight(const struct scx_cmask *m)
{
	return scxcmask__weight(m);
}

SCXCMASK_API int scx_cmask_and(struct scx_cmask *dst, const struct scx_cmask *src)
{
	struct scxcmask__win w;
	int err;

	if (__builtin_expect(scxcmask__same_window(dst, src, &w), 1)) {
		scxcmask__op2_same(dst, src, &w, SCXCMASK__OP_AND);
		return 0;
	}
	err = scxcmask__op2(dst, src, SCXCMASK__OP_AND);

	return err ? explain_pair(err, "scx_cmask_and", dst, src) : 0;
}

SCXCMASK_API int scx_cmask_or(struct scx_cmask *dst, const struct scx_cmask *src)
{
	struct scxcmask__win w;
	int err;

	if (__builtin_expect(scxcmask__same_window(dst, src, &w), 1)) {
		scxcmask__op2_same(dst, src, &w, SCXCMASK__OP_OR);
		return 0;
	}
	err = scxcmask__op2(dst, src, SCXCMASK__OP_OR);

	return err ? explain_pair(err, "scx_cmask_or", dst, src) : 0;
}

SCXCMASK_API int scx_cmask_copy(struct scx_cmask *dst, const struct scx_cmask *src)
{
	struct scxcmask__win w;
	int err;

	if (__builtin_expect(scxcmask__same_window(dst, src, &w), 1)) {
		scxcmask__op2_same(dst, src, &w, SCXCMASK__OP_COPY);
		return 0;
	}
	err = scxcmask__op2(dst, src, SCXCMASK__OP_COPY);

	return err ? explain_pair(err, "scx_cmask_copy", dst, src) : 0;
}

SCXCMASK_API int scx_cmask_andnot(struct scx_cmask *dst, const struct scx_cmask *src)
{
	struct scxcmask__win w;
	int err;

	if (__builtin_expect(scxcmask__same_window(dst, src, &w), 1)) {
		scxcmask__op2_same(dst, src, &w, SCXCMASK__OP_ANDNOT);
		return 0;
	}
	err = scxcmask__op2(dst, src, SCXCMASK__OP_ANDNOT);

	return err ? explain_pair(err, "scx_cmask_andnot", dst, src) : 0;
}

SCXCMASK_API bool scx_cmask_equal(const struct scx_cmask *a, const struct scx_cmask *b)
{
	return scxcmask__equal(a, b);
}

SCXCMASK_API bool scx_cmask_subset(const struct scx_cmask *a, const struct scx_cmask *b)
{
	return scxcmask__subset(a, b);
}

SCXCMASK_API bool scx_cmask_intersects(const struct scx_cmask *a, const struct scx_cmask *b)
{
	return scxcmask__intersects(a, b);
}

SCXCMASK_API uint32_t scx_cmask_next_set(const struct scx_cmask *m, uint32_t cid)
{
	return scxcmask__next_set(m, cid);
}

SCXCMASK_API uint32_t scx_cmask_first_set(const struct scx_cmask *m)
{
	return scxcmask__first_set(m);
}

SCXCMASK_API uint32_t scx_cmask_next_and_set(const struct scx_cmask *a,
					     const struct scx_cmask *b, uint32_t start)
{
	return scxcmask__next_and_set(a, b, start);
}

SCXCMASK_API uint32_t scx_cmask_next_set_wrap(const struct scx_cmask *m, uint32_t start)
{
	return scxcmask__next_set_wrap(m, start);
}

SCXCMASK_API uint32_t scx_cmask_next_and_set_wrap(const struct scx_cmask *a,
						  const struct scx_cmask *b, uint32_t start)
{
	return scxcmask__next_and_set_wrap(a, b, start);
}

SCXCMASK_API uint32_t scx_cmask_next_and2_set(const struct scx_cmask *a,
					      const struct scx_cmask *b,
					      const struct scx_cmask *c, uint32_t start)
{
	return scxcmask__next_and2_set(a, b, c, start);
}

SCXCMASK_API uint32_t scx_cmask_next_and2_set_wrap(const struct scx_cmask *a,
						   const struct scx_cmask *b,
						   const struct scx_cmask *c, uint32_t start)
{
	return scxcmask__next_and2_set_wrap(a, b, c, start);
}

/* What an iterator over nothing reads: one word, masked off by from = 0. */
static const uint64_t no_bits[1];

SCXCMASK_API struct scx_cmask_iter scx_cmask_iter_start(const struct scx_cmask *m)
{
	struct scx_cmask_iter it = { .bits = no_bits, .end = scxcmask__end(m) };
	struct scxcmask__win w;

	if (scxcmask__window(m, &w) || !w.nr_used)
		return it;
	it.bits = m->bits;
	it.idx = 0;
	it.last = w.nr_used - 1;
	it.gword = w.wbase;
	it.end = w.end;
	it.tail = scxcmask__tail_bits(&w);
	it.from = scxcmask__head_bits(&w) & (it.last ? SCXCMASK__ALL : it.tail);
	return it;
}
