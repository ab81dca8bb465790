// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cmask <-> cpus through a cid map.  Every cpu form (cpulist, hex mask,
 * cpu_set_t) first becomes a raw cpu bitmap of nr_cpu_ids bits; that one
 * path then maps cpus to cids, checking every cpu before the destination
 * is touched.  Building into a cmask from scx_cmask_alloc_for_map() gives
 * the words the kernel passes to ops.set_cmask().
 *
 * Sources may be arena memory that BPF rewrites meanwhile: each header
 * field and each word of a source is read once, into scratch, and all
 * checking and writing works on that copy.  Reading a source twice (once
 * to check, once to write) lets the second read fail after the
 * destination was already changed.
 */
#include <stdlib.h>
#include <string.h>
#include <scxcmask/convert.h>
#include "cid_internal.h"
#include "cmask_user.h"
#include "convert_internal.h"
#include "internal.h"

/* Scratch cpu bitmaps up to the kernel's NR_CPUS cap live on the stack. */
struct cpu_scratch {
	uint64_t stack[SCXCMASK__CPU_WORDS];
	uint64_t *bits;
	uint32_t nbits;
};

static int scratch_get(struct cpu_scratch *s, uint32_t nbits)
{
	size_t words = scxcmask__nr_words(nbits);

	s->nbits = nbits;
	s->bits = words <= SCXCMASK__CPU_WORDS ? s->stack : calloc(words, sizeof(uint64_t));
	if (!s->bits)
		return scxcmask__fail(-ENOMEM, "no memory for a %u-cpu scratch bitmap", nbits);
	memset(s->bits, 0, words * sizeof(uint64_t));
	return 0;
}

static void scratch_put(struct cpu_scratch *s)
{
	if (s->bits != s->stack)
		free(s->bits);
}

static int check_map(const char *fn, const struct scx_cid_map *map)
{
	if (!map)
		return scxcmask__fail(-EINVAL, "%s: NULL cid map", fn);
	return 0;
}

/* ------------------------------------------------------------ kernel form */

SCXCMASK_API int scx_cmask_init_for_map(struct scx_cmask *m, const struct scx_cid_map *map)
{
	if (!m || !map)
		return scxcmask__fail(-EINVAL, "scx_cmask_init_for_map: NULL argument");
	return scxcmask__init_alloc(m, 0, scx_cid_map_nr_cids(map), scx_cid_map_nr_cids(map));
}

SCXCMASK_API int scx_cmask_alloc_for_map(struct scx_cmask **out, const struct scx_cid_map *map)
{
	struct scx_cmask *m;

	if (!out || !map)
		return scxcmask__fail(-EINVAL, "scx_cmask_alloc_for_map: NULL argument");
	m = scx_cmask_alloc(0, scx_cid_map_nr_cids(map));
	if (!m)
		return scxcmask__fail(-ENOMEM, "no memory for a %u-cid cmask",
				      scx_cid_map_nr_cids(map));
	*out = m;
	return 0;
}

/* ------------------------------------------------------------ cpus -> cids */

/*
 * A caller's cpu bitmap: plain u64 words, or the __cpu_mask words of a
 * cpu_set_t.  Either may sit in memory someone else writes meanwhile
 * (an arena), so each word is read exactly once, into a snapshot.
 */
struct cpu_src {
	const void *p;
	uint64_t nbits;		/* up to 8 * 2^29: 64 bits wide */
	bool masks;		/* __cpu_mask words */
};

/* Word @i (bits 64i to 64i + 63) of @s, bits at or above nbits clear. */
static uint64_t src_word(const struct cpu_src *s, uint64_t i)
{
	const unsigned int mbits = 8 * sizeof(__cpu_mask), per = 64 / mbits;
	uint64_t v = 0;

	if (!s->masks) {
		v = ((const volatile uint64_t *)s->p)[i];
	} else {
		const volatile __cpu_mask *m = s->p;
		uint64_t nmask = s->nbits / mbits;

		for (unsigned int k = 0; k < per; k++)
			if (i * per + k < nmask)
				v |= (uint64_t)m[i * per + k] << (mbits * k % 64);
	}
	if (s->nbits - i * 64 < 64)
		v &= ((uint64_t)1 << (s->nbits - i * 64)) - 1;
	return v;
}

/*
 * The cid of @cpu for a destination window @w: 1 with *@cid set, 0 when
 * the cpu is skipped, or a negative errno.
 */
static int cid_for_cpu(const struct scx_cid_map *map, const struct scxcmask__win *w,
		       uint64_t cpu, unsigned int flags, uint32_t *cid)
{
	bool skip = flags & SCX_CONVERT_SKIP_UNMAPPED;
	int c = scxcmask__map_cpu_cid(map, cpu);

	if (c < 0) {
		if (skip)
			return 0;
		return scxcmask__fail(-ENOENT, "cpu %llu has no cid (not a possible cpu; nr_cpu_ids %u)",
				      (unsigned long long)cpu, scx_cid_map_nr_cpu_ids(map));
	}
	if (!scxcmask__contains(w, (uint32_t)c)) {
		if (skip)
			return 0;
		return scxcmask__fail(-ERANGE, "cpu %llu has cid %d, outside the cmask's window [%u, %u)",
				      (unsigned long long)cpu, c, w->base, w->end);
	}
	*cid = (uint32_t)c;
	return 1;
}

/* The lowest set cpu of @src at or above @from (a multiple of 64), or UINT64_MAX. */
static uint64_t src_find_from(const struct cpu_src *src, uint64_t from)
{
	uint64_t nw = scxcmask__nr_words(src->nbits);

	for (uint64_t i = from / 64; i < nw; i++) {
		uint64_t v = src_word(src, i);

		if (v)
			return i * 64 + (uint64_t)__builtin_ctzll(v);
	}
	return UINT64_MAX;
}

/*
 * Maps every set cpu of @src into @dst.  The cpus below nr_cpu_ids are
 * snapshot first, and @dst's header is read once: every cpu is checked
 * before @dst is written, so a source or destination that changes
 * meanwhile cannot leave @dst half-written.  Failures name the lowest
 * failing cpu.
 */
static int cpus_to_cmask(struct scx_cmask *dst, const struct scx_cid_map *map,
			 const struct cpu_src *src, unsigned int flags)
{
	bool skip = flags & SCX_CONVERT_SKIP_UNMAPPED;
	uint64_t cpu, i, nw, snw, beyond = UINT64_MAX;
	struct scxcmask__win w;
	struct cpu_scratch s;
	uint32_t cid = 0;
	int pass, ret;

	if (check_map("cpus to cmask", map))
		return -EINVAL;
	if (scxcmask__window(dst, &w))
		return scxcmask__fail(-EINVAL, "cpus to cmask: invalid destination cmask");
	if (!src->p && src->nbits)
		return scxcmask__fail(-EINVAL, "cpus to cmask: NULL bitmap");
	if (flags & ~SCX_CONVERT_SKIP_UNMAPPED)
		return scxcmask__fail(-EINVAL, "cpus to cmask: unknown flags 0x%x", flags);
	ret = scratch_get(&s, scx_cid_map_nr_cpu_ids(map));
	if (ret)
		return ret;
	nw = scxcmask__nr_words(src->nbits);
	snw = scxcmask__nr_words(s.nbits);
	for (i = 0; i < nw && i < snw; i++)
		s.bits[i] = src_word(src, i);
	/* the word holding cpu nr_cpu_ids: its high part has no cid */
	if (s.nbits % 64 && snw <= nw) {
		uint64_t high = s.bits[snw - 1] & ~(((uint64_t)1 << (s.nbits % 64)) - 1);

		s.bits[snw - 1] &= ~high;
		if (high)
			beyond = (snw - 1) * 64 + (uint64_t)__builtin_ctzll(high);
	}
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			for (i = 0; i < w.nr_used; i++)
				dst->bits[i] = 0;
		for (cpu = scxcmask__find_set(s.bits, 0, 0, s.nbits); cpu < s.nbits;
		     cpu = scxcmask__find_set(s.bits, 0, cpu + 1, s.nbits)) {
			ret = cid_for_cpu(map, &w, cpu, flags, &cid);
			if (ret < 0)
				goto out;
			if (ret && pass)
				dst->bits[cid / 64 - w.wbase] |= (uint64_t)1 << (cid % 64);
		}
		if (pass || skip)
			continue;
		/* without SKIP_UNMAPPED, any cpu at or above nr_cpu_ids fails */
		if (beyond == UINT64_MAX && snw < nw)
			beyond = src_find_from(src, snw * 64);
		if (beyond != UINT64_MAX) {
			ret = cid_for_cpu(map, &w, beyond, flags, &cid);
			goto out;
		}
	}
	ret = 0;
out:
	scratch_put(&s);
	return ret;
}

SCXCMASK_API int scx_cmask_from_cpu_bitmap(struct scx_cmask *dst, const struct scx_cid_map *map,
					   const uint64_t *bits, uint32_t nbits,
					   unsigned int flags)
{
	struct cpu_src src = { .p = bits, .nbits = nbits };

	return cpus_to_cmask(dst, map, &src, flags);
}

/* ------------------------------------------------------------ cids -> cpus */

/*
 * Sets in @bits (already zero, nr_cpu_ids bits) the cpu of every set cid
 * of @src; a cpu at or above @cap is -ERANGE.  Reads @src's header once
 * and each of its words once, so a mask BPF changes meanwhile gives the
 * cpus of one header and of each word's value at one moment; on failure
 * the caller's destination has not been touched yet.
 */
static int cmask_to_cpus(uint64_t *bits, uint64_t cap, const struct scx_cid_map *map,
			 const struct scx_cmask *src)
{
	uint32_t ncids = scx_cid_map_nr_cids(map);
	struct scxcmask__win w;

	if (check_map("cmask to cpus", map))
		return -EINVAL;
	if (scxcmask__window(src, &w) || w.end == w.base)
		return 0;	/* invalid reads as empty, as everywhere */
	for (uint64_t k = 0; k < w.nr_used; k++) {
		uint64_t v = ((const volatile uint64_t *)src->bits)[k];

		if (k == 0)
			v &= scxcmask__head_bits(&w);
		if (k == w.nr_used - 1)
			v &= scxcmask__tail_bits(&w);
		for (; v; v &= v - 1) {
			uint64_t cid = ((uint64_t)w.wbase + k) * 64 + (uint64_t)__builtin_ctzll(v);
			int cpu = cid < ncids ? scxcmask__map_cid_cpu(map, (uint32_t)cid) : -1;

			if (cpu < 0)
				return scxcmask__fail(-ENOENT, "cid %llu has no cpu (the map has %u cids)",
						      (unsigned long long)cid, ncids);
			if ((uint64_t)cpu >= cap)
				return scxcmask__fail(-ERANGE,
						      "cid %llu is cpu %d, which %llu bits cannot hold",
						      (unsigned long long)cid, cpu,
						      (unsigned long long)cap);
			bits[cpu / 64] |= (uint64_t)1 << (cpu % 64);
		}
	}
	return 0;
}

/* Word @i of a scratch bitmap, 0 past its end. */
static uint64_t scratch_word(const struct cpu_scratch *s, uint64_t i)
{
	return i < scxcmask__nr_words(s->nbits) ? s->bits[i] : 0;
}

SCXCMASK_API int scx_cmask_to_cpu_bitmap(uint64_t *bits, uint32_t nbits,
					 const struct scx_cid_map *map,
					 const struct scx_cmask *src)
{
	struct cpu_scratch s;
	int err;

	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "cmask to cpus: NULL bitmap");
	if (check_map("cmask to cpus", map))
		return -EINVAL;
	err = scratch_get(&s, scx_cid_map_nr_cpu_ids(map));
	if (err)
		return err;
	/* into scratch first: @bits is written only once all is known good */
	err = cmask_to_cpus(s.bits, nbits, map, src);
	if (!err)
		for (size_t i = 0; i < scxcmask__nr_words(nbits); i++)
			bits[i] = scratch_word(&s, i);
	scratch_put(&s);
	return err;
}

/* ------------------------------------------------------------ cpu_set_t */

/*
 * Largest set, 2^32 cpus: the kernel's cpumask sizes stay far below.  Bit
 * counts of sets are 64-bit (8 * 2^29 does not fit a u32).
 */
#define MAX_SETSIZE	((size_t)1 << 29)

static int check_setsize(const void *set, size_t setsize)
{
	if (!set && setsize)
		return scxcmask__fail(-EINVAL, "cpu_set_t: NULL set");
	if (setsize % sizeof(__cpu_mask) || setsize > MAX_SETSIZE)
		return scxcmask__fail(-EINVAL,
				      "cpu_set_t: size %zu is not a multiple of %zu bytes up to %zu",
				      setsize, sizeof(__cpu_mask), MAX_SETSIZE);
	return 0;
}

SCXCMASK_API int scx_cmask_from_cpuset(struct scx_cmask *dst, const struct scx_cid_map *map,
				       const cpu_set_t *set, size_t setsize, unsigned int flags)
{
	struct cpu_src src = { .p = set ? set->__bits : NULL, .nbits = (uint64_t)setsize * 8,
			       .masks = true };
	int err = check_setsize(set, setsize);

	if (err)
		return err;
	return cpus_to_cmask(dst, map, &src, flags);
}

SCXCMASK_API int scx_cmask_to_cpuset(cpu_set_t *set, size_t setsize,
				     const struct scx_cid_map *map, const struct scx_cmask *src)
{
	const unsigned int mbits = 8 * sizeof(__cpu_mask);
	size_t nmask = setsize / sizeof(__cpu_mask), i;
	struct cpu_scratch s;
	int err = check_setsize(set, setsize);

	if (!err)
		err = check_map("cmask to cpus", map);
	if (err)
		return err;
	/* cpus stop at nr_cpu_ids: the scratch needs no more, however big the set */
	err = scratch_get(&s, scx_cid_map_nr_cpu_ids(map));
	if (err)
		return err;
	err = cmask_to_cpus(s.bits, (uint64_t)setsize * 8, map, src);
	if (!err)
		for (i = 0; i < nmask; i++)
			set->__bits[i] = (__cpu_mask)(scratch_word(&s, (uint64_t)i * mbits / 64) >>
						      ((uint64_t)i * mbits % 64));
	scratch_put(&s);
	return err;
}

/* ------------------------------------------------------------ text */

/* Parses @str into a scratch bitmap of nr_cpu_ids bits, then converts. */
static int text_to_cmask(struct scx_cmask *dst, const struct scx_cid_map *map, const char *str,
			 unsigned int flags, bool hex)
{
	const char *what = hex ? "cpumask" : "cpulist";
	struct cpu_scratch s;
	struct scxcmask__win w;
	int err;

	if (check_map(what, map))
		return -EINVAL;
	if (scxcmask__window(dst, &w))
		return scxcmask__fail(-EINVAL, "%s: invalid destination cmask", what);
	err = scratch_get(&s, scx_cid_map_nr_cpu_ids(map));
	if (err)
		return err;
	err = hex ? scxcmask__parse_hex(what, s.bits, s.nbits, str)
		  : scxcmask__parse_list(what, s.bits, s.nbits, str);
	if (!err) {
		struct cpu_src src = { .p = s.bits, .nbits = s.nbits };

		err = cpus_to_cmask(dst, map, &src, flags);
	}
	scratch_put(&s);
	return err;
}

SCXCMASK_API int scx_cmask_from_cpulist(struct scx_cmask *dst, const struct scx_cid_map *map,
					const char *str, unsigned int flags)
{
	return text_to_cmask(dst, map, str, flags, false);
}

SCXCMASK_API int scx_cmask_from_cpumask_hex(struct scx_cmask *dst,
					    const struct scx_cid_map *map,
					    const char *str, unsigned int flags)
{
	return text_to_cmask(dst, map, str, flags, true);
}

static int cmask_to_text(char *buf, size_t len, const struct scx_cid_map *map,
			 const struct scx_cmask *src, bool hex)
{
	const char *what = hex ? "cpumask" : "cpulist";
	struct scxcmask__out o = { .buf = buf, .len = len };
	struct cpu_scratch s;
	int err = scxcmask__out_check(what, buf, len);

	if (!err)
		err = check_map(what, map);
	if (!err)
		err = scratch_get(&s, scx_cid_map_nr_cpu_ids(map));
	if (err)
		goto fail;
	err = cmask_to_cpus(s.bits, s.nbits, map, src);
	if (err) {
		scratch_put(&s);
		goto fail;
	}
	if (hex)
		scxcmask__out_hexmask(&o, s.bits, s.nbits);
	else if (s.nbits)
		scxcmask__out_runs(&o, s.bits, 0, 0, s.nbits);
	scratch_put(&s);
	return scxcmask__out_finish(&o, what);
fail:
	if (buf && len)
		buf[0] = '\0';
	return err;
}

SCXCMASK_API int scx_cmask_to_cpulist(char *buf, size_t len, const struct scx_cid_map *map,
				      const struct scx_cmask *src)
{
	return cmask_to_text(buf, len, map, src, false);
}

SCXCMASK_API int scx_cmask_to_cpumask_hex(char *buf, size_t len, const struct scx_cid_map *map,
					  const struct scx_cmask *src)
{
	return cmask_to_text(buf, len, map, src, true);
}
