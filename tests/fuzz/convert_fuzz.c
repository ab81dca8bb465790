// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target: cmask <-> cpus through cid maps (cpu_set_t, u64 bitmaps,
 * cpulists and hex masks, both directions), with the sizes drawn from
 * the input as well as the contents.
 *
 * Input: byte 0 picks the operation, byte 1 the map (bits 0-1),
 * SCX_CONVERT_SKIP_UNMAPPED (0x80) and wide sizes (0x40), bytes 2-3 a
 * size (setsize, nbits or buffer length: any value, multiples of 8 or
 * not), byte 4 the cmask's base and byte 6 its length, then the content
 * (bitmap bytes, cmask words, or text).
 *
 * Properties: every result agrees with a model built from the map's
 * public lookups, cpu by cpu; a failure is one of the documented errnos
 * and leaves the destination byte for byte as it was (text: ""); the text
 * forms agree with scx_bitmap_parse_*() and scx_bitmap_format_*() plus
 * the bitmap conversions.
 *
 * The maps are built once, from sysfs trees written to a temporary
 * directory: 8 cpus in SMT pairs, 130 cpus in SMT pairs (cids cross word
 * boundaries), 8 cpus of which 2 and 3 are not possible, and an override
 * of the 130-cpu map with its cids reversed.
 */
#define _GNU_SOURCE
#include "parse_fuzz.h"
#include "sysfs_tree.h"

#define NR_MAPS 4
#define FILL 0xa5
#define MAX_SET 4096		/* bytes of a drawn cpu_set_t */

static struct scx_cid_map *maps[NR_MAPS];

static struct scx_cid_map *map_of_tree(const struct t_tree *t, const char *possible)
{
	struct scx_cid_map *m = NULL;
	char dir[PATH_MAX], p[PATH_MAX];

	FUZZ_ASSERT(!t_tree_tmpdir(dir, sizeof(dir), "convert-fuzz") && !t_tree_make(dir, t));
	if (possible) {
		/* cpus 2 and 3 gone: possible and online name the rest */
		FUZZ_ASSERT(!t_path(p, "%s/sys/devices/system/cpu/possible", dir) &&
			    !t_tree_write(p, possible));
		FUZZ_ASSERT(!t_path(p, "%s/sys/devices/system/cpu/online", dir) &&
			    !t_tree_write(p, possible));
	}
	FUZZ_ASSERT(scx_cid_map_new(&m, dir) == 0);
	t_tree_remove(dir);
	return m;
}

static void init_maps(void)
{
	int32_t c2c[130];

	if (maps[0])
		return;
	maps[0] = map_of_tree(&(struct t_tree){ .ncpu = 8, .smt = true }, NULL);
	maps[1] = map_of_tree(&(struct t_tree){ .ncpu = 130, .smt = true }, NULL);
	maps[2] = map_of_tree(&(struct t_tree){ .ncpu = 8 }, "0-1,4-7\n");
	for (int c = 0; c < 130; c++)
		c2c[c] = 129 - scx_cid_map_cpu_to_cid(maps[1], c);
	FUZZ_ASSERT(scx_cid_map_from_override(&maps[3], maps[1], c2c, 130, NULL, 0) == 0);
}

static int get_bit(const uint8_t *p, uint64_t i)
{
	return p[i / 8] >> (i % 8) & 1;
}

static void set_bit(uint8_t *p, uint64_t i)
{
	p[i / 8] |= (uint8_t)(1u << (i % 8));
}

static int all_fill(const void *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (((const uint8_t *)p)[i] != FILL)
			return 0;
	return 1;
}

/* The documented failures of the conversions. */
static void check_errno(int err)
{
	if (err != -EINVAL && err != -ENOENT && err != -ERANGE && err != -EOVERFLOW &&
	    err != -ENOSPC) {
		fprintf(stderr, "unexpected error %d: %s\n", err, scxcmask_errmsg());
		abort();
	}
}

/*
 * The model of cpus -> cmask: the cids of the set cpus of @bits (@nbits),
 * into @want (window of @dst); 0 or the errno the library must give.
 */
static int model_from(const struct scx_cid_map *map, const uint8_t *bits, uint64_t nbits,
		      unsigned int flags, const struct scx_cmask *dst, struct scx_cmask *want)
{
	uint32_t base = dst->base, end = dst->base + dst->nr_cids;

	scx_cmask_zero(want);
	for (uint64_t cpu = 0; cpu < nbits; cpu++) {
		int cid;

		if (!get_bit(bits, cpu))
			continue;
		cid = cpu < scx_cid_map_nr_cpu_ids(map) ? scx_cid_map_cpu_to_cid(map, (int)cpu) : -1;
		if (cid < 0) {
			if (flags)
				continue;
			return -ENOENT;
		}
		if ((uint32_t)cid < base || (uint32_t)cid >= end) {
			if (flags)
				continue;
			return -ERANGE;
		}
		scx_cmask_set((uint32_t)cid, want);
	}
	return 0;
}

/* The model of cmask -> cpus: the cpus of @m's cids into @bits (@cap bits, zeroed). */
static int model_to(const struct scx_cid_map *map, const struct scx_cmask *m, uint8_t *bits,
		    uint64_t cap)
{
	uint32_t cid;

	scx_cmask_for_each(cid, m) {
		int cpu = cid < scx_cid_map_nr_cids(map) ? scx_cid_map_cid_to_cpu(map, (int)cid) : -1;

		if (cpu < 0)
			return -ENOENT;
		if ((uint64_t)cpu >= cap)
			return -ERANGE;
		set_bit(bits, (uint64_t)cpu);
	}
	return 0;
}

struct ctx {
	const struct scx_cid_map *map;
	unsigned int flags;
	uint32_t size;
	const uint8_t *content;
	size_t len;
	struct scx_cmask *m;	/* a cmask with the drawn window and content */
	size_t msize;
};

/* @len bytes of content, zero-padded: a bitmap of any drawn size. */
static uint8_t *content_bytes(const struct ctx *c, size_t len)
{
	uint8_t *p = calloc(len ? len : 1, 1);

	FUZZ_ASSERT(p);
	memcpy(p, c->content, c->len < len ? c->len : len);
	return p;
}

static void op_from_bits(const struct ctx *c, bool cpuset)
{
	/* setsize: any byte count (multiples of 8 mostly fine); nbits: any bit count */
	uint64_t nbits = cpuset ? (uint64_t)(c->size % MAX_SET) * 8 : c->size;
	size_t bytes = cpuset ? c->size % MAX_SET : (size_t)(nbits + 63) / 64 * 8;
	uint8_t *bits = content_bytes(c, bytes);
	struct scx_cmask *want = malloc(c->msize), *before = malloc(c->msize);
	int err, werr;

	FUZZ_ASSERT(want && before);
	memcpy(want, c->m, c->msize);
	memcpy(before, c->m, c->msize);
	if (cpuset)
		err = scx_cmask_from_cpuset(c->m, c->map, bytes ? (cpu_set_t *)(void *)bits : NULL,
					    bytes, c->flags);
	else
		err = scx_cmask_from_cpu_bitmap(c->m, c->map, (uint64_t *)(void *)bits,
						(uint32_t)nbits, c->flags);
	werr = cpuset && bytes % sizeof(__cpu_mask) ? -EINVAL :
	       model_from(c->map, bits, nbits, c->flags, c->m, want);
	if (err) {
		check_errno(err);
		FUZZ_ASSERT(err == werr);
		FUZZ_ASSERT(!memcmp(c->m, before, c->msize));
	} else {
		FUZZ_ASSERT(werr == 0 && scx_cmask_equal(c->m, want));
	}
	free(before);
	free(want);
	free(bits);
}

static void op_to_bits(const struct ctx *c, bool cpuset)
{
	uint64_t cap = cpuset ? (uint64_t)(c->size % MAX_SET) * 8 : c->size;
	size_t bytes = cpuset ? c->size % MAX_SET : (size_t)(cap + 63) / 64 * 8;
	uint8_t *out = malloc(bytes ? bytes : 1), *want = calloc(bytes ? bytes : 1, 1);
	int err, werr;

	FUZZ_ASSERT(out && want);
	memset(out, FILL, bytes);
	if (cpuset)
		err = scx_cmask_to_cpuset(bytes ? (cpu_set_t *)(void *)out : NULL, bytes, c->map, c->m);
	else
		err = scx_cmask_to_cpu_bitmap(bytes ? (uint64_t *)(void *)out : NULL, (uint32_t)cap,
					      c->map, c->m);
	werr = cpuset && bytes % sizeof(__cpu_mask) ? -EINVAL : model_to(c->map, c->m, want, cap);
	if (err) {
		check_errno(err);
		FUZZ_ASSERT(err == werr && all_fill(out, bytes));
	} else {
		FUZZ_ASSERT(werr == 0 && !memcmp(out, want, bytes));
	}
	free(want);
	free(out);
}

/* Text -> cmask agrees with the plain parser plus scx_cmask_from_cpu_bitmap(). */
static void op_from_text(const struct ctx *c, bool hex)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(c->map);
	char *text = malloc(c->len + 1);
	uint64_t bits[(130 + 63) / 64];
	struct scx_cmask *want = malloc(c->msize), *before = malloc(c->msize);
	int err, werr;

	FUZZ_ASSERT(text && want && before);
	memcpy(text, c->content, c->len);
	text[c->len] = '\0';
	memcpy(before, c->m, c->msize);
	memcpy(want, c->m, c->msize);
	err = hex ? scx_cmask_from_cpumask_hex(c->m, c->map, text, c->flags)
		  : scx_cmask_from_cpulist(c->m, c->map, text, c->flags);
	werr = hex ? scx_bitmap_parse_hex(bits, ncpu, text) : scx_bitmap_parse_list(bits, ncpu, text);
	if (!werr)
		werr = scx_cmask_from_cpu_bitmap(want, c->map, bits, ncpu, c->flags);
	FUZZ_ASSERT(err == werr);
	if (err) {
		check_errno(err);
		FUZZ_ASSERT(!memcmp(c->m, before, c->msize));
	} else {
		FUZZ_ASSERT(scx_cmask_equal(c->m, want));
	}
	free(before);
	free(want);
	free(text);
}

/* cmask -> text agrees with scx_cmask_to_cpu_bitmap() plus the plain formatter. */
static void op_to_text(const struct ctx *c, bool hex)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(c->map);
	size_t len = c->size % 1024;
	char *buf = malloc(len ? len : 1), want[1024];
	uint64_t bits[(130 + 63) / 64];
	int n, wn;

	FUZZ_ASSERT(buf);
	memset(buf, FILL, len);
	n = hex ? scx_cmask_to_cpumask_hex(len ? buf : NULL, len, c->map, c->m)
		: scx_cmask_to_cpulist(len ? buf : NULL, len, c->map, c->m);
	wn = scx_cmask_to_cpu_bitmap(bits, ncpu, c->map, c->m);
	if (!wn)
		wn = hex ? scx_bitmap_format_hex(want, sizeof(want), bits, ncpu)
			 : scx_bitmap_format_list(want, sizeof(want), bits, ncpu);
	FUZZ_ASSERT(wn != -ENOSPC);
	if (wn < 0) {
		FUZZ_ASSERT(n == wn);
	} else if (len == 0) {
		FUZZ_ASSERT(n == wn);	/* measured */
	} else if ((size_t)wn >= len) {
		FUZZ_ASSERT(n == -ENOSPC);
	} else {
		FUZZ_ASSERT(n == wn && !strcmp(buf, want));
		/* and back: the cids of the text are the mask's cids */
		{
			struct scx_cmask *back = malloc(c->msize);

			FUZZ_ASSERT(back);
			memcpy(back, c->m, c->msize);
			FUZZ_ASSERT((hex ? scx_cmask_from_cpumask_hex(back, c->map, buf, 0)
					 : scx_cmask_from_cpulist(back, c->map, buf, 0)) == 0);
			FUZZ_ASSERT(scx_cmask_equal(back, c->m));
			free(back);
		}
	}
	if (n < 0) {
		check_errno(n);
		FUZZ_ASSERT(!len || buf[0] == '\0');
	}
	if (len && n >= 0)
		FUZZ_ASSERT(all_fill(buf + n + 1, len - (size_t)n - 1));
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c;
	uint32_t base, nr;
	uint8_t op;

	init_maps();
	if (size < 8)
		return 0;
	op = data[0] % 8;
	c.map = maps[data[1] % NR_MAPS];
	c.flags = data[1] & 0x80 ? SCX_CONVERT_SKIP_UNMAPPED : 0;
	c.size = (uint32_t)(data[2] | data[3] << 8);
	/* flag 0x40: sizes up to 2^20 (bit counts past every small limit, yet cheap) */
	if (data[1] & 0x40)
		c.size = c.size << 4 | (c.size >> 12);
	base = data[4] % 160;
	nr = data[6] % 200;
	c.content = data + 8;
	c.len = size - 8;
	c.m = scx_cmask_alloc(base, nr);
	c.msize = scx_cmask_size(nr);
	FUZZ_ASSERT(c.m);
	/* the cmask's words from the content too (a source for the to_ operations) */
	memcpy(c.m->bits, c.content, c.len < 8 * (size_t)c.m->alloc_words ? c.len : 8 * (size_t)c.m->alloc_words);
	/* padding beyond the window stays as the bytes made it: never trusted */
	switch (op) {
	case 0: op_from_bits(&c, true); break;
	case 1: op_from_bits(&c, false); break;
	case 2: op_to_bits(&c, true); break;
	case 3: op_to_bits(&c, false); break;
	case 4: op_from_text(&c, false); break;
	case 5: op_from_text(&c, true); break;
	case 6: op_to_text(&c, false); break;
	case 7: op_to_text(&c, true); break;
	}
	scx_cmask_free(c.m);
	return 0;
}
