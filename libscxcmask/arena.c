// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The agent's view of a BPF arena.  The arena is shared with a BPF program
 * that may hold anything and change it at any time, so every address is
 * reduced to an offset and checked against the mapping, and a cmask header
 * is read once into a snapshot that alone decides what is touched.
 */
#include "config.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scxcmask/arena.h>
#ifdef HAVE_LIBBPF
#include <bpf/libbpf.h>
#endif
#include "cmask_user.h"
#include "internal.h"

#define ARENA_MAX_SIZE	(UINT64_C(1) << 32)

/* A cmask header as read once from the arena, checked before use. */
struct arena_cmask_snap {
	const volatile uint64_t *bits;	/* storage, inside the mapping */
	uint64_t off;			/* arena offset of the header */
	uint32_t base;
	uint32_t nr_cids;
	uint32_t alloc_words;
};

#define scx_arena_view_opts__last_field flags

static int check_opts(const struct scx_arena_view_opts *opts)
{
	uint32_t flags = OPTS_GET(opts, flags, 0);

	if (!OPTS_VALID(opts, scx_arena_view_opts, vm_start))
		return -EINVAL;
	if (flags & ~SCX_ARENA_ZERO_IS_OFFSET0)
		return scxcmask__fail(-EINVAL, "arena view: unknown flags 0x%" PRIx32,
				      flags & ~SCX_ARENA_ZERO_IS_OFFSET0);
	return 0;
}

/* The invariants of a view, checked by init and again by every user. */
static int check_view(const struct scx_arena_view *v)
{
	uint64_t start, last;

	if (!v)
		return scxcmask__fail(-EINVAL, "arena view: NULL view");
	if (!v->base)
		return scxcmask__fail(-EINVAL, "arena view: NULL base");
	if (!v->size || v->size > ARENA_MAX_SIZE)
		return scxcmask__fail(-EINVAL, "arena view: size %zu is not in 1..4 GiB", v->size);
	if ((uintptr_t)v->base + (v->size - 1) < (uintptr_t)v->base)
		return scxcmask__fail(-EINVAL, "arena view: %p + %zu wraps the address space",
				      v->base, v->size);
	start = v->vm_start;
	last = start + (v->size - 1);
	if (!start || last < start || (start >> 32) != (last >> 32))
		return scxcmask__fail(-EINVAL,
				      "arena view: user_vm_start 0x%" PRIx64 " + %zu crosses a 4 GiB boundary, which no arena does",
				      start, v->size);
	if (v->flags & ~SCX_ARENA_ZERO_IS_OFFSET0)
		return scxcmask__fail(-EINVAL, "arena view: unknown flags 0x%" PRIx32, v->flags);
	return 0;
}

SCXCMASK_API int scx_arena_view_init(struct scx_arena_view *v, void *base, size_t size,
				     const struct scx_arena_view_opts *opts)
{
	struct scx_arena_view tmp = { .base = base, .size = size, .vm_start = (uintptr_t)base };
	int err;

	if (!v)
		return scxcmask__fail(-EINVAL, "arena view: NULL view");
	if (opts) {
		err = check_opts(opts);
		if (err)
			return err;
		if (OPTS_GET(opts, vm_start, 0))
			tmp.vm_start = opts->vm_start;
		tmp.flags = OPTS_GET(opts, flags, 0);
	}
	err = check_view(&tmp);
	if (err)
		return err;
	*v = tmp;
	return 0;
}

#ifdef HAVE_LIBBPF
/* Older UAPI headers lack the arena map type; its number is fixed ABI. */
#define ARENA_MAP_TYPE	33

SCXCMASK_API int scx_arena_view_from_map(struct scx_arena_view *v, const struct bpf_map *map,
					 const struct scx_arena_view_opts *opts)
{
	SCX_ARENA_VIEW_OPTS(o);	/* every byte zero: init checks the tail padding */
	size_t data_sz, size;
	void *base;

	if (!map)
		return scxcmask__fail(-EINVAL, "arena view: NULL map");
	if ((int)bpf_map__type(map) != ARENA_MAP_TYPE)
		return scxcmask__fail(-EINVAL, "arena view: map '%s' is not an arena (type %d)",
				      bpf_map__name(map), (int)bpf_map__type(map));
	if (opts) {
		int err = check_opts(opts);

		if (err)
			return err;
		if (OPTS_GET(opts, vm_start, 0))
			return scxcmask__fail(-EINVAL,
					      "arena view: opts->vm_start must be 0 for a map (libbpf maps it at user_vm_start)");
		o.flags = OPTS_GET(opts, flags, 0);
	}
	/* for an arena, libbpf's "initial value" is its mapping of the arena */
	base = bpf_map__fd(map) >= 0 ? bpf_map__initial_value(map, &data_sz) : NULL;
	if (!base)
		return scxcmask__fail(-ENXIO, "arena view: map '%s' is not loaded and mapped",
				      bpf_map__name(map));
	size = (size_t)bpf_map__max_entries(map) * (size_t)sysconf(_SC_PAGESIZE);
	return scx_arena_view_init(v, base, size, &o);
}
#else
SCXCMASK_API int scx_arena_view_from_map(struct scx_arena_view *v, const struct bpf_map *map,
					 const struct scx_arena_view_opts *opts)
{
	return scxcmask__fail(-EOPNOTSUPP, "arena view: libscxcmask was built without libbpf");
}
#endif

/* [off, off + len) inside the mapping; the sum is never formed, so no wrap. */
static int check_range(const struct scx_arena_view *v, uint64_t off, size_t len, const char *what)
{
	if (off >= v->size || len > v->size - off)
		return scxcmask__fail(-EFAULT,
				      "arena: %s at offset 0x%" PRIx64 " (+%zu bytes) is outside the %zu-byte mapping",
				      what, off, len, v->size);
	return 0;
}

SCXCMASK_API int scx_arena_ptr_off(const struct scx_arena_view *v, uint64_t off, size_t len,
				   void **out)
{
	int err = check_view(v);

	if (err)
		return err;
	if (!out)
		return scxcmask__fail(-EINVAL, "arena: NULL out");
	err = check_range(v, off, len, "access");
	if (err)
		return err;
	*out = (char *)v->base + off;
	return 0;
}

/*
 * Both forms reduce to an offset through the low 32 bits: the arena does
 * not cross a 4 GiB boundary, so (u32)(addr - vm_start) is the offset of
 * any byte of it, and of nothing else below size.
 */
static int addr_to_off(const struct scx_arena_view *v, uint64_t addr, uint64_t *off)
{
	uint32_t hi = addr >> 32;

	if (!addr) {
		if ((v->flags & SCX_ARENA_ZERO_IS_OFFSET0) && !(uint32_t)v->vm_start) {
			*off = 0;
			return 0;
		}
		return scxcmask__fail(-EFAULT, "arena: NULL address%s",
				      (uint32_t)v->vm_start ? "" :
				      " (the arena's user_vm_start is 4 GiB aligned, so offset 0 also reads as 0: see SCX_ARENA_ZERO_IS_OFFSET0)");
	}
	if (hi && hi != (uint32_t)(v->vm_start >> 32))
		return scxcmask__fail(-EFAULT,
				      "arena: address 0x%" PRIx64 " is not in the arena at 0x%" PRIx64 " (upper 32 bits differ)",
				      addr, v->vm_start);
	*off = (uint32_t)((uint32_t)addr - (uint32_t)v->vm_start);
	return 0;
}

SCXCMASK_API int scx_arena_ptr(const struct scx_arena_view *v, uint64_t addr, size_t len,
			       void **out)
{
	uint64_t off = 0;
	int err = check_view(v);

	if (err)
		return err;
	if (!out)
		return scxcmask__fail(-EINVAL, "arena: NULL out");
	err = addr_to_off(v, addr, &off);
	if (err)
		return err;
	if (off >= v->size || len > v->size - off)
		return scxcmask__fail(-EFAULT,
				      "arena: address 0x%" PRIx64 " (+%zu bytes) is outside the arena [0x%" PRIx64 ", +%zu)",
				      addr, len, v->vm_start, v->size);
	*out = (char *)v->base + off;
	return 0;
}

/* Offset of agent pointer @p in the mapping, or -EFAULT. */
static int ptr_to_off(const struct scx_arena_view *v, const void *p, uint64_t *off)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)v->base;

	if (a < b || a - b >= v->size)
		return scxcmask__fail(-EFAULT, "arena: pointer %p is outside the mapping [%p, +%zu)",
				      p, v->base, v->size);
	*off = a - b;
	return 0;
}

SCXCMASK_API int scx_arena_addr(const struct scx_arena_view *v, const void *p, uint64_t *out)
{
	uint64_t off = 0;
	int err = check_view(v);

	if (err)
		return err;
	if (!out)
		return scxcmask__fail(-EINVAL, "arena: NULL out");
	err = ptr_to_off(v, p, &off);
	if (err)
		return err;
	*out = v->vm_start + off;
	return 0;
}

/*
 * Reads the header at @p once and checks the snapshot against the mapping
 * and the cmask rules.  Nothing but the three header words is read before
 * the checks pass.
 */
static int snap_cmask(const struct scx_arena_view *v, const void *p, struct arena_cmask_snap *s)
{
	const volatile struct scx_cmask *m = p;
	uint64_t off = 0, room;
	int err = check_view(v);

	if (err)
		return err;
	err = ptr_to_off(v, p, &off);
	if (err)
		return err;
	if ((uintptr_t)p & 7)
		return scxcmask__fail(-EINVAL, "arena cmask at offset 0x%" PRIx64 ": not 8-byte aligned",
				      off);
	err = check_range(v, off, SCX_CMASK_HDR_SIZE, "cmask header");
	if (err)
		return err;
	s->off = off;
	s->base = m->base;
	s->nr_cids = m->nr_cids;
	s->alloc_words = m->alloc_words;
	room = (v->size - off - SCX_CMASK_HDR_SIZE) / 8;
	if (s->alloc_words > room)
		return scxcmask__fail(-EFAULT,
				      "arena cmask at offset 0x%" PRIx64 ": alloc_words %" PRIu32 " runs past the end of the arena (room for %" PRIu64 ")",
				      off, s->alloc_words, room);
	err = scxcmask__check_window(s->base, s->nr_cids, s->alloc_words);
	if (err)
		return scxcmask__fail(err,
				      "arena cmask at offset 0x%" PRIx64 ": base %" PRIu32 " nr_cids %" PRIu32 " alloc_words %" PRIu32 ": %s",
				      off, s->base, s->nr_cids, s->alloc_words,
				      err == -EOVERFLOW ? "window passes 2^32" :
				      "alloc_words too small for nr_cids");
	s->bits = (const volatile uint64_t *)((const char *)p + SCX_CMASK_HDR_SIZE);
	return 0;
}

SCXCMASK_API int scx_arena_cmask(const struct scx_arena_view *v, const void *p,
				 struct scx_cmask **out)
{
	struct arena_cmask_snap s;
	int err;

	if (!out)
		return scxcmask__fail(-EINVAL, "arena cmask: NULL out");
	err = snap_cmask(v, p, &s);
	if (err)
		return err;
	*out = (struct scx_cmask *)p;
	return 0;
}

/*
 * Writes the snapshot's window into @dst, which has room for it: words
 * [0, nr_used) from the arena with padding masked off, the rest of
 * NR_WORDS(nr_cids) zero.
 */
static void copy_snap(const struct arena_cmask_snap *s, struct scx_cmask *dst)
{
	struct scxcmask__win w = {
		.base = s->base,
		.end = s->base + s->nr_cids,
		.wbase = s->base / 64,
		.nr_used = s->nr_cids ? ((s->base & 63) + s->nr_cids - 1) / 64 + 1 : 0,
	};
	uint32_t i, nr_words = SCX_CMASK_NR_WORDS(s->nr_cids);

	for (i = 0; i < w.nr_used; i++)
		dst->bits[i] = s->bits[i];
	for (; i < nr_words; i++)
		dst->bits[i] = 0;
	if (w.nr_used) {
		dst->bits[0] &= scxcmask__head_bits(&w);
		dst->bits[w.nr_used - 1] &= scxcmask__tail_bits(&w);
	}
	dst->base = s->base;
	dst->nr_cids = s->nr_cids;
}

SCXCMASK_API int scx_arena_cmask_copy_out(const struct scx_arena_view *v, const void *p,
					  struct scx_cmask *dst)
{
	struct arena_cmask_snap s;
	uint32_t need;
	int err;

	if (!dst || scx_cmask_valid(dst))
		return scxcmask__fail(-EINVAL, "arena cmask copy: destination is NULL or invalid");
	err = snap_cmask(v, p, &s);
	if (err)
		return err;
	need = SCX_CMASK_NR_WORDS(s.nr_cids);
	if (need > dst->alloc_words)
		return scxcmask__fail(-ENOSPC,
				      "arena cmask copy: %" PRIu32 " cids need %" PRIu32 " words, destination has %" PRIu32,
				      s.nr_cids, need, dst->alloc_words);
	copy_snap(&s, dst);
	return 0;
}

SCXCMASK_API int scx_arena_cmask_dup(const struct scx_arena_view *v, const void *p,
				     struct scx_cmask **out)
{
	struct arena_cmask_snap s;
	struct scx_cmask *m;
	int err;

	if (!out)
		return scxcmask__fail(-EINVAL, "arena cmask dup: NULL out");
	err = snap_cmask(v, p, &s);
	if (err)
		return err;
	m = malloc(SCX_CMASK_SIZE(s.nr_cids));
	if (!m)
		return scxcmask__fail(-ENOMEM, "arena cmask dup: no memory for %" PRIu32 " cids",
				      s.nr_cids);
	memset(m, 0, SCX_CMASK_HDR_SIZE);
	m->alloc_words = SCX_CMASK_NR_WORDS(s.nr_cids);
	copy_snap(&s, m);
	*out = m;
	return 0;
}

/* ------------------------------------------------------------------
 * In place: every call takes its own snapshot of the header and touches
 * only the words that snapshot allows, so a header the BPF side rewrote
 * since an earlier call (scx_cmask_init() on the BPF side sets
 * alloc_words too) is checked again before anything is read or written.
 */

/* The word holding @cid in the snapshot's storage, and its bit; -ERANGE outside the window. */
static int snap_word(const struct arena_cmask_snap *s, uint32_t cid, const char *op,
		     volatile uint64_t **w, uint64_t *bit)
{
	/* base + nr_cids <= 2^32 (checked), so the u32 difference is exact */
	if ((uint32_t)(cid - s->base) >= s->nr_cids)
		return scxcmask__fail(-ERANGE,
				      "%s: cid %" PRIu32 " is outside the window [%" PRIu32 ", %" PRIu64 ") of the arena cmask at offset 0x%" PRIx64,
				      op, cid, s->base, (uint64_t)s->base + s->nr_cids, s->off);
	*w = (volatile uint64_t *)s->bits + (cid / 64 - s->base / 64);
	*bit = UINT64_C(1) << (cid & 63);
	return 0;
}

SCXCMASK_API int scx_arena_cmask_test(const struct scx_arena_view *v, const void *p, uint32_t cid)
{
	struct arena_cmask_snap s;
	volatile uint64_t *w;
	uint64_t bit;
	int err = snap_cmask(v, p, &s);

	if (err)
		return err;
	if (snap_word(&s, cid, "scx_arena_cmask_test", &w, &bit))
		return 0;	/* as scx_cmask_test(): outside the window is clear */
	return (__atomic_load_n(w, __ATOMIC_RELAXED) & bit) != 0;
}

/* Sets (@set) or clears @cid atomically; the previous bit, or a negative errno. */
static int update_bit(const struct scx_arena_view *v, const void *p, uint32_t cid, bool set,
		      const char *op)
{
	struct arena_cmask_snap s;
	volatile uint64_t *w;
	uint64_t bit, old;
	int err = snap_cmask(v, p, &s);

	if (err)
		return err;
	err = snap_word(&s, cid, op, &w, &bit);
	if (err)
		return err;
	/* atomic against the BPF side's compare-and-swap on the same word */
	if (set)
		old = __atomic_fetch_or(w, bit, __ATOMIC_SEQ_CST);
	else
		old = __atomic_fetch_and(w, ~bit, __ATOMIC_SEQ_CST);
	return (old & bit) != 0;
}

SCXCMASK_API int scx_arena_cmask_set(const struct scx_arena_view *v, void *p, uint32_t cid)
{
	int ret = update_bit(v, p, cid, true, "scx_arena_cmask_set");

	return ret < 0 ? ret : 0;
}

SCXCMASK_API int scx_arena_cmask_clear(const struct scx_arena_view *v, void *p, uint32_t cid)
{
	int ret = update_bit(v, p, cid, false, "scx_arena_cmask_clear");

	return ret < 0 ? ret : 0;
}

SCXCMASK_API int scx_arena_cmask_test_and_set(const struct scx_arena_view *v, void *p,
					      uint32_t cid)
{
	return update_bit(v, p, cid, true, "scx_arena_cmask_test_and_set");
}

SCXCMASK_API int scx_arena_cmask_test_and_clear(const struct scx_arena_view *v, void *p,
						uint32_t cid)
{
	return update_bit(v, p, cid, false, "scx_arena_cmask_test_and_clear");
}

SCXCMASK_API int scx_arena_cmask_copy_in(const struct scx_arena_view *v, void *p,
					 const struct scx_cmask *src)
{
	struct arena_cmask_snap s;
	uint64_t lo, hi, sbase, send;
	int err;

	if (!src || scx_cmask_valid(src))
		return scxcmask__fail(-EINVAL, "arena cmask copy in: source is NULL or invalid");
	err = snap_cmask(v, p, &s);
	if (err)
		return err;
	/* the cids both windows hold, [lo, hi); source and storage words share cid / 64 */
	sbase = src->base;
	send = sbase + src->nr_cids;
	lo = s.base > sbase ? s.base : sbase;
	hi = (uint64_t)s.base + s.nr_cids < send ? (uint64_t)s.base + s.nr_cids : send;
	for (uint64_t word = lo / 64; lo < hi && word <= (hi - 1) / 64; word++) {
		uint64_t first = word * 64 > lo ? word * 64 : lo;
		uint64_t last = word * 64 + 64 < hi ? word * 64 + 64 : hi;	/* exclusive */
		uint64_t m = (last - first == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << (last - first)) - 1))
			     << (first & 63);
		uint64_t sw = src->bits[word - sbase / 64] & m;
		volatile uint64_t *w = (volatile uint64_t *)s.bits + (word - s.base / 64);
		uint64_t old = __atomic_load_n(w, __ATOMIC_RELAXED);

		/* one atomic word update: no moment where the word is half copied */
		while (!__atomic_compare_exchange_n(w, &old, (old & ~m) | sw, false,
						    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			;
	}
	return 0;
}
