// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cmask <-> cpus through a cid map.  Every cpu form (cpulist, hex mask,
 * cpu_set_t) first becomes a raw cpu bitmap of nr_cpu_ids bits; that one
 * path then maps cpus to cids, checking every cpu before the destination
 * is touched.  Building into a cmask from scx_cmask_alloc_for_map() gives
 * the words the kernel passes to ops.set_cmask().
 */
#include <stdlib.h>
#include <string.h>
#include <scxcmask/convert.h>
#include "cid_internal.h"
#include "cmask_user.h"
#include "convert_internal.h"
#include "internal.h"

/* Scratch cpu bitmaps up to the kernel's NR_CPUS cap live on the stack. */
#define STACK_CPUS	8192

struct cpu_scratch {
	uint64_t stack[STACK_CPUS / 64];
	uint64_t *bits;
	uint32_t nbits;
};

static int scratch_get(struct cpu_scratch *s, uint32_t nbits)
{
	size_t words = scxcmask__nr_words(nbits);

	s->nbits = nbits;
	s->bits = words <= STACK_CPUS / 64 ? s->stack : calloc(words, sizeof(uint64_t));
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

/* Maps every set cpu of @bits; writes @dst only in the second pass. */
static int cpus_to_cmask(struct scx_cmask *dst, const struct scx_cid_map *map,
			 const uint64_t *bits, uint32_t nbits, unsigned int flags)
{
	struct scxcmask__win w;
	uint64_t cpu;
	uint32_t cid = 0;
	int pass, ret;

	if (check_map("cpus to cmask", map))
		return -EINVAL;
	if (scxcmask__window(dst, &w))
		return scxcmask__fail(-EINVAL, "cpus to cmask: invalid destination cmask");
	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "cpus to cmask: NULL bitmap");
	if (flags & ~SCX_CONVERT_SKIP_UNMAPPED)
		return scxcmask__fail(-EINVAL, "cpus to cmask: unknown flags 0x%x", flags);
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			scxcmask__zero(dst);
		for (cpu = scxcmask__find_set(bits, 0, 0, nbits); cpu < nbits;
		     cpu = scxcmask__find_set(bits, 0, cpu + 1, nbits)) {
			ret = cid_for_cpu(map, &w, cpu, flags, &cid);
			if (ret < 0)
				return ret;
			if (ret && pass)
				dst->bits[cid / 64 - w.wbase] |= (uint64_t)1 << (cid % 64);
		}
	}
	return 0;
}

SCXCMASK_API int scx_cmask_from_cpu_bitmap(struct scx_cmask *dst, const struct scx_cid_map *map,
					   const uint64_t *bits, uint32_t nbits,
					   unsigned int flags)
{
	return cpus_to_cmask(dst, map, bits, nbits, flags);
}

/* ------------------------------------------------------------ cids -> cpus */

/* Sets in @bits (already zero) the cpu of every set cid of @src. */
static int cmask_to_cpus(uint64_t *bits, uint32_t nbits, const struct scx_cid_map *map,
			 const struct scx_cmask *src, bool write)
{
	struct scxcmask__win w;
	uint64_t off, cid;
	int cpu;

	if (check_map("cmask to cpus", map))
		return -EINVAL;
	if (scxcmask__window(src, &w) || w.end == w.base)
		return 0;	/* invalid reads as empty, as everywhere */
	off = (uint64_t)w.wbase * 64;
	for (cid = scxcmask__find_set(src->bits, off, w.base, w.end); cid < w.end;
	     cid = scxcmask__find_set(src->bits, off, cid + 1, w.end)) {
		cpu = scxcmask__map_cid_cpu(map, cid);
		if (cpu < 0 || cid > INT32_MAX)
			return scxcmask__fail(-ENOENT, "cid %llu has no cpu (the map has %u cids)",
					      (unsigned long long)cid, scx_cid_map_nr_cids(map));
		if ((uint32_t)cpu >= nbits)
			return scxcmask__fail(-ERANGE, "cid %llu is cpu %d, which %u bits cannot hold",
					      (unsigned long long)cid, cpu, nbits);
		if (write)
			bits[cpu / 64] |= (uint64_t)1 << (cpu % 64);
	}
	return 0;
}

SCXCMASK_API int scx_cmask_to_cpu_bitmap(uint64_t *bits, uint32_t nbits,
					 const struct scx_cid_map *map,
					 const struct scx_cmask *src)
{
	int err;

	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "cmask to cpus: NULL bitmap");
	err = cmask_to_cpus(bits, nbits, map, src, false);
	if (err)
		return err;
	if (nbits)
		memset(bits, 0, scxcmask__nr_words(nbits) * sizeof(*bits));
	return cmask_to_cpus(bits, nbits, map, src, true);
}

/* ------------------------------------------------------------ cpu_set_t */

/* Largest set: the kernel's cpumask sizes stay far below; keeps 8 * size in a u32. */
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
	size_t nmask = setsize / sizeof(__cpu_mask), i;
	const __cpu_mask *src = set ? set->__bits : NULL;
	struct cpu_scratch s;
	uint32_t nbits = (uint32_t)(setsize * 8);
	int err = check_setsize(set, setsize);

	if (err)
		return err;
	if (sizeof(__cpu_mask) == sizeof(uint64_t))
		return cpus_to_cmask(dst, map, (const uint64_t *)(const void *)src, nbits, flags);
	/* 32-bit __cpu_mask: regroup into u64 words */
	err = scratch_get(&s, nbits);
	if (err)
		return err;
	for (i = 0; i < nmask; i++)
		s.bits[i * sizeof(__cpu_mask) / 8] |=
			(uint64_t)src[i] << (8 * sizeof(__cpu_mask) * i % 64);
	err = cpus_to_cmask(dst, map, s.bits, nbits, flags);
	scratch_put(&s);
	return err;
}

SCXCMASK_API int scx_cmask_to_cpuset(cpu_set_t *set, size_t setsize,
				     const struct scx_cid_map *map, const struct scx_cmask *src)
{
	size_t nmask = setsize / sizeof(__cpu_mask), i;
	uint32_t nbits = (uint32_t)(setsize * 8);
	struct cpu_scratch s;
	int err = check_setsize(set, setsize);

	if (err)
		return err;
	err = scratch_get(&s, nbits);
	if (!err)
		err = cmask_to_cpus(s.bits, nbits, map, src, true);
	if (!err)
		for (i = 0; i < nmask; i++)
			set->__bits[i] = (__cpu_mask)(s.bits[i * sizeof(__cpu_mask) / 8] >>
						      (8 * sizeof(__cpu_mask) * i % 64));
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
	if (!err)
		err = cpus_to_cmask(dst, map, s.bits, s.nbits, flags);
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
	err = cmask_to_cpus(s.bits, s.nbits, map, src, true);
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
