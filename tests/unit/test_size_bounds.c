// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Every size and count parameter of the public conversion and cmask API
 * at its boundaries: 0, 1, the largest accepted value, one past it, the
 * values whose products with 8 or 64 wrap 32 bits (2^29, 2^26, ...), and
 * SIZE_MAX.  Each call either succeeds with the right answer or fails
 * with the documented errno and leaves its destination byte for byte as
 * it was.  Big buffers are anonymous mappings that end at a PROT_NONE
 * page, so a read or write past the size given faults even where
 * AddressSanitizer does not look (make check runs this under ASan and
 * UBSan in the sanitizer stage).  (Defect 2 of issue 9: setsize 2^29 made
 * the bit count wrap to 0.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <scxcmask/scxcmask.h>
#include "robust_testlib.h"
#include "sysfs_tree.h"

#define BIG	((size_t)1 << 29)	/* 2^32 bits: the largest bitmap a u32 count names */
#define FILL	0xa5

static char *big_map;
static size_t page;
static struct scx_cid_map *map;
/*
 * Under valgrind (its stage sets SCXCMASK_STRESS_ITERS) sizes above this
 * are skipped: each one walks 512 MiB, minutes there; ASan runs them all.
 */
static size_t max_bytes = SIZE_MAX;

/*
 * @len bytes ending at the guard page, all zero: the mapping's pages are
 * dropped first (untouched pages read as zero and cost nothing).
 */
static void *big(size_t len)
{
	madvise(big_map, BIG + page, MADV_DONTNEED);
	return big_map + BIG + page - len;
}

static int all_bytes(const void *p, size_t len, unsigned char v)
{
	static unsigned char ref[2][4096];
	const unsigned char *b = p;
	unsigned char *r = ref[v != 0];

	memset(r, v, sizeof(ref[0]));
	for (size_t i = 0; i < len; i += sizeof(ref[0]))
		if (memcmp(b + i, r, len - i < sizeof(ref[0]) ? len - i : sizeof(ref[0])))
			return 0;
	return 1;
}

static int bit(const void *p, uint64_t i)
{
	return ((const unsigned char *)p)[i / 8] >> (i % 8) & 1;
}

/* ------------------------------------------------------------ cpu_set_t */

static void cpuset_bounds(void)
{
	/* the sizes: 0, 1, one mask, a cpu_set_t, 2^26 (x64 wraps), the largest, past it */
	const size_t mask = sizeof(__cpu_mask);
	const size_t good[] = { 0, mask, sizeof(cpu_set_t), (size_t)1 << 26, BIG };
	const size_t bad[] = { 1, mask - 1, mask + 1, BIG + mask, BIG * 2,
			       (size_t)0 - mask, SIZE_MAX,
#if SIZE_MAX > 0xffffffffu
			       (size_t)1 << 32, ((size_t)1 << 32) + mask, (size_t)1 << 61,
#endif
	};
	SCX_CMASK_STORAGE(64) dst;
	int cid0 = scx_cid_map_cpu_to_cid(map, 0), err;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		size_t sz = good[i];
		cpu_set_t *set;

		if (sz > max_bytes) {
			printf("skipped under valgrind: cpu_set_t of %zu bytes\n", sz);
			continue;
		}
		set = big(sz ? sz : 1);

		/* empty set: an empty cmask; the whole set is read, nothing past it */
		scx_cmask_init(&dst.mask, 0, 64);
		scx_cmask_fill(&dst.mask);
		err = scx_cmask_from_cpuset(&dst.mask, map, sz ? set : NULL, sz, 0);
		check(err == 0 && scx_cmask_empty(&dst.mask), "from_cpuset(empty, %zu): %d", sz, err);
		if (!sz)
			continue;
		/* cpu 0 set: its cid */
		((unsigned char *)set)[0] = 1;
		err = scx_cmask_from_cpuset(&dst.mask, map, set, sz, 0);
		check(err == 0 && scx_cmask_weight(&dst.mask) == 1 &&
		      scx_cmask_test((uint32_t)cid0, &dst.mask),
		      "from_cpuset(cpu 0, %zu): %d, weight %u", sz, err, scx_cmask_weight(&dst.mask));
		/* the last cpu the set holds has no cid: -ENOENT naming it, not a wrap */
		((unsigned char *)set)[0] = 0;
		((unsigned char *)set)[sz - 1] = 0x80;
		scx_cmask_fill(&dst.mask);
		err = scx_cmask_from_cpuset(&dst.mask, map, set, sz, 0);
		{
			char want[32];

			snprintf(want, sizeof(want), "cpu %llu ", (unsigned long long)sz * 8 - 1);
			check(err == -ENOENT && strstr(scxcmask_errmsg(), want) &&
			      scx_cmask_weight(&dst.mask) == 64,
			      "from_cpuset(cpu %llu, %zu): %d (%s), dst untouched",
			      (unsigned long long)sz * 8 - 1, sz, err, scxcmask_errmsg());
		}
		err = scx_cmask_from_cpuset(&dst.mask, map, set, sz, SCX_CONVERT_SKIP_UNMAPPED);
		check(err == 0 && scx_cmask_empty(&dst.mask), "from_cpuset(cpu %llu, %zu, SKIP): %d",
		      (unsigned long long)sz * 8 - 1, sz, err);

		/* to: every byte rewritten, the one cpu at its place */
		set = big(sz);
		memset(set, FILL, sz < 4096 ? sz : 4096);
		memset((char *)set + sz - (sz < 4096 ? sz : 4096), FILL, sz < 4096 ? sz : 4096);
		scx_cmask_zero(&dst.mask);
		scx_cmask_set((uint32_t)cid0, &dst.mask);
		err = scx_cmask_to_cpuset(set, sz, map, &dst.mask);
		check(err == 0 && bit(set, 0) && all_bytes((char *)set + 1, sz - 1, 0) &&
		      ((unsigned char *)set)[0] == 1,
		      "to_cpuset(cpu 0, %zu): %d, all %zu bytes rewritten", sz, err, sz);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t sz = bad[i];
		cpu_set_t *set = big(page);

		scx_cmask_init(&dst.mask, 0, 64);
		scx_cmask_fill(&dst.mask);
		memset(set, FILL, page);
		err = scx_cmask_from_cpuset(&dst.mask, map, set, sz, 0);
		check(err == -EINVAL && scx_cmask_weight(&dst.mask) == 64,
		      "from_cpuset(size %zu): %d, dst untouched", sz, err);
		err = scx_cmask_to_cpuset(set, sz, map, &dst.mask);
		check(err == -EINVAL && all_bytes(set, page, FILL),
		      "to_cpuset(size %zu): %d, set untouched", sz, err);
	}
	/* NULL set with a size; NULL with 0 is the empty set */
	check(scx_cmask_from_cpuset(&dst.mask, map, NULL, sizeof(cpu_set_t), 0) == -EINVAL &&
	      scx_cmask_to_cpuset(NULL, sizeof(cpu_set_t), map, &dst.mask) == -EINVAL,
	      "cpuset: NULL set of %zu bytes is -EINVAL", sizeof(cpu_set_t));
	scx_cmask_zero(&dst.mask);
	check(scx_cmask_to_cpuset(NULL, 0, map, &dst.mask) == 0, "to_cpuset(NULL, 0) of an empty mask");
	/* a cpu the set cannot hold: -ERANGE, set untouched */
	{
		unsigned char small[8];
		int cid7 = scx_cid_map_cpu_to_cid(map, 7);

		memset(small, FILL, sizeof(small));
		scx_cmask_set((uint32_t)cid7, &dst.mask);
		err = scx_cmask_to_cpuset((cpu_set_t *)(void *)small, 0, map, &dst.mask);
		check(err == -ERANGE && all_bytes(small, sizeof(small), FILL),
		      "to_cpuset(cpu 7, size 0): %d, untouched", err);
	}
}

/* ------------------------------------------------------------ raw bitmaps */

static void cpu_bitmap_bounds(void)
{
	const uint32_t nbits[] = { 0, 1, 7, 8, 63, 64, 65, 1u << 26, (1u << 26) + 1, 1u << 29,
				   (1u << 29) + 1, UINT32_MAX - 62, UINT32_MAX };
	SCX_CMASK_STORAGE(64) dst;
	int cid0 = scx_cid_map_cpu_to_cid(map, 0), err;

	for (size_t i = 0; i < sizeof(nbits) / sizeof(nbits[0]); i++) {
		uint32_t n = nbits[i];
		size_t bytes = ((size_t)n + 63) / 64 * 8;
		uint64_t *bits;

		if (bytes > max_bytes) {
			printf("skipped under valgrind: cpu bitmaps of %u bits\n", n);
			continue;
		}
		bits = big(bytes ? bytes : 8);
		scx_cmask_init(&dst.mask, 0, 64);
		scx_cmask_fill(&dst.mask);
		err = scx_cmask_from_cpu_bitmap(&dst.mask, map, bits, n, 0);
		check(err == 0 && scx_cmask_empty(&dst.mask), "from_cpu_bitmap(empty, %u): %d", n, err);
		if (n > 8) {
			/* the last bit: no cid; a bit past nbits in the last word is ignored */
			bits[(n - 1) / 64] = (uint64_t)1 << ((n - 1) % 64);
			if (n % 64)
				bits[(n - 1) / 64] |= (uint64_t)1 << (n % 64);
			scx_cmask_fill(&dst.mask);
			err = scx_cmask_from_cpu_bitmap(&dst.mask, map, bits, n, 0);
			check(err == -ENOENT && scx_cmask_weight(&dst.mask) == 64,
			      "from_cpu_bitmap(cpu %u, %u): %d (%s), untouched", n - 1, n, err,
			      scxcmask_errmsg());
			bits[(n - 1) / 64] = n % 64 ? (uint64_t)1 << (n % 64) : 0;
			err = scx_cmask_from_cpu_bitmap(&dst.mask, map, bits, n, 0);
			check(err == 0 && scx_cmask_empty(&dst.mask),
			      "from_cpu_bitmap(bit %u past nbits %u): ignored, %d", n, n, err);
		}
		if (!n) {
			scx_cmask_set((uint32_t)cid0, &dst.mask);
			err = scx_cmask_to_cpu_bitmap(NULL, 0, map, &dst.mask);
			check(err == -ERANGE, "to_cpu_bitmap(NULL, 0) of cpu 0: %d", err);
			scx_cmask_zero(&dst.mask);
			check(scx_cmask_to_cpu_bitmap(NULL, 0, map, &dst.mask) == 0,
			      "to_cpu_bitmap(NULL, 0) of an empty mask");
			continue;
		}
		/* to: every word rewritten, bits at and past nbits clear */
		bits = big(bytes);
		memset(bits, FILL, bytes < 4096 ? bytes : 4096);
		memset((char *)bits + bytes - (bytes < 4096 ? bytes : 4096), FILL,
		       bytes < 4096 ? bytes : 4096);
		scx_cmask_zero(&dst.mask);
		scx_cmask_set((uint32_t)cid0, &dst.mask);
		err = scx_cmask_to_cpu_bitmap(bits, n, map, &dst.mask);
		check(err == 0 && bits[0] == 1 && all_bytes((char *)bits + 8, bytes - 8, 0),
		      "to_cpu_bitmap(cpu 0, %u): %d, all %zu bytes rewritten", n, err, bytes);
		/* a cpu at nbits or past: -ERANGE, untouched */
		if (n < 8) {
			memset(bits, FILL, bytes);
			scx_cmask_set((uint32_t)scx_cid_map_cpu_to_cid(map, (int)n), &dst.mask);
			err = scx_cmask_to_cpu_bitmap(bits, n, map, &dst.mask);
			check(err == -ERANGE && all_bytes(bits, bytes, FILL),
			      "to_cpu_bitmap(cpu %u, %u): %d, untouched", n, n, err);
		}
	}
	check(scx_cmask_from_cpu_bitmap(&dst.mask, map, NULL, 1, 0) == -EINVAL &&
	      scx_cmask_to_cpu_bitmap(NULL, 1, map, &dst.mask) == -EINVAL,
	      "cpu bitmap: NULL bits with nbits 1 is -EINVAL");
}

/* ------------------------------------------------------------ text */

static void parse_bounds(bool slow_ok)
{
	static const struct {
		uint32_t nbits;
		const char *list, *hex;
		int want;	/* for both */
	} cases[] = {
		{ 0, "", "", 0 },
		{ 0, "0", "1", -1 },
		{ 1, "0", "1", 0 },
		{ 1, "1", "2", -1 },
		{ 64, "63", "80000000,00000000", 0 },
		{ 65, "64", "1,00000000,00000000", 0 },
		{ 1u << 26, "67108863", NULL, 0 },
		{ 1u << 29, "536870911", NULL, 0 },
		{ UINT32_MAX, "4294967294", NULL, 0 },
		{ UINT32_MAX, "4294967295", NULL, -1 },
		{ UINT32_MAX, "N", NULL, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t n = cases[i].nbits;
		size_t bytes = ((size_t)n + 63) / 64 * 8;
		uint64_t *bits = big(bytes ? bytes : 8);
		uint64_t last = n ? n - 1 : 0;
		int err;

		if (bytes > max_bytes) {
			printf("skipped under valgrind: parsing %u bits\n", n);
			continue;
		}
		memset(bits, FILL, bytes < 64 ? bytes : 64);
		err = scx_bitmap_parse_list(bits, n, cases[i].list);
		if (cases[i].want)
			check(err < 0 && all_bytes(bits, bytes < 64 ? bytes : 64, FILL),
			      "parse_list(\"%s\", %u): %d, untouched", cases[i].list, n, err);
		else
			check(err == 0 && (!n || !*cases[i].list || bit(bits, strcmp(cases[i].list, "N") ?
							   strtoull(cases[i].list, NULL, 10) : last)),
			      "parse_list(\"%s\", %u): %d", cases[i].list, n, err);
		if (!cases[i].hex)
			continue;
		bits = big(bytes ? bytes : 8);
		memset(bits, FILL, bytes);
		err = scx_bitmap_parse_hex(bits, n, cases[i].hex);
		check(cases[i].want ? err < 0 && all_bytes(bits, bytes, FILL) : err == 0,
		      "parse_hex(\"%s\", %u): %d", cases[i].hex, n, err);
	}
	/* the largest bit count: a bit at the very end of 2^26 words */
	if (slow_ok) {
		uint64_t *bits = big(BIG);
		int err = scx_bitmap_parse_hex(bits, UINT32_MAX, "1");

		check(err == 0 && bits[0] == 1 && bits[(BIG / 8) - 1] == 0,
		      "parse_hex(\"1\", 2^32 - 1): %d", err);
	}
	check(scx_bitmap_parse_list(NULL, 1, "0") == -EINVAL &&
	      scx_bitmap_parse_hex(NULL, 1, "1") == -EINVAL, "parse: NULL bits is -EINVAL");
}

/*
 * A formatter @fmt whose text is @want: measured (NULL, 0), then into
 * buffers of every interesting length, SIZE_MAX included (the buffer is
 * big enough for the text; a formatter must not compute with @len past
 * it).  Too small: -ENOSPC and "" (nothing written for len 0).
 */
typedef int (*fmt_fn)(char *buf, size_t len, const void *ctx);

static void fmt_bounds(const char *what, fmt_fn fmt, const void *ctx, const char *want)
{
	size_t n = strlen(want), lens[] = { 0, 1, n, n + 1, n + 2, SIZE_MAX };
	char buf[256];
	int r = fmt(NULL, 0, ctx);

	check(r == (int)n, "%s: measures %d (want %zu)", what, r, n);
	check(fmt(NULL, 1, ctx) == -EINVAL && fmt(NULL, SIZE_MAX, ctx) == -EINVAL,
	      "%s: NULL buffer with a length is -EINVAL", what);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];

		memset(buf, FILL, sizeof(buf));
		r = fmt(buf, len, ctx);
		if (len > n)
			check(r == (int)n && !strcmp(buf, want) &&
			      all_bytes(buf + n + 1, sizeof(buf) - n - 1, FILL),
			      "%s: len %zu: %d \"%s\"", what, len, r, r >= 0 ? buf : "");
		else	/* "" in the buffer, and nothing written at or past @len */
			check(r == -ENOSPC && (len ? buf[0] == '\0' : (unsigned char)buf[0] == FILL) &&
			      all_bytes(buf + len, sizeof(buf) - len, FILL),
			      "%s: len %zu: %d, \"\" left", what, len, r);
	}
}

struct bits_ctx {
	const uint64_t *bits;
	uint32_t nbits;
	const struct scx_cmask *m;
};

static int fmt_list(char *buf, size_t len, const void *c)
{
	const struct bits_ctx *b = c;

	return scx_bitmap_format_list(buf, len, b->bits, b->nbits);
}

static int fmt_hex(char *buf, size_t len, const void *c)
{
	const struct bits_ctx *b = c;

	return scx_bitmap_format_hex(buf, len, b->bits, b->nbits);
}

static int fmt_cidlist(char *buf, size_t len, const void *c)
{
	return scx_cmask_format_cidlist(buf, len, ((const struct bits_ctx *)c)->m);
}

static int fmt_cpulist(char *buf, size_t len, const void *c)
{
	return scx_cmask_to_cpulist(buf, len, map, ((const struct bits_ctx *)c)->m);
}

static int fmt_cpuhex(char *buf, size_t len, const void *c)
{
	return scx_cmask_to_cpumask_hex(buf, len, map, ((const struct bits_ctx *)c)->m);
}

static void format_bounds(bool slow_ok)
{
	uint64_t w[2] = { 0x0f, 1 };
	SCX_CMASK_STORAGE(64) m;
	struct bits_ctx c = { .bits = w, .nbits = 65, .m = &m.mask };
	int r;

	fmt_bounds("format_list(65 bits)", fmt_list, &c, "0-3,64");
	fmt_bounds("format_hex(65 bits)", fmt_hex, &c, "1,00000000,0000000f");
	c.nbits = 0;
	fmt_bounds("format_list(0 bits)", fmt_list, &c, "");
	fmt_bounds("format_hex(0 bits)", fmt_hex, &c, "");
	c.nbits = 1;
	fmt_bounds("format_hex(1 bit)", fmt_hex, &c, "1");
	scx_cmask_init(&m.mask, 0, 8);
	scx_cmask_set(0, &m.mask);
	scx_cmask_set(1, &m.mask);
	scx_cmask_set(7, &m.mask);
	fmt_bounds("format_cidlist", fmt_cidlist, &c, "0-1,7");
	{
		/* cids 0, 1, 7 are cpus 0, 4, 7 on the SMT-pairs tree */
		char want[32];
		uint64_t cpus[1];

		check(scx_cmask_to_cpu_bitmap(cpus, 8, map, &m.mask) == 0, "cpus of cids 0-1,7");
		scx_bitmap_format_list(want, sizeof(want), cpus, 8);
		fmt_bounds("to_cpulist", fmt_cpulist, &c, want);
		scx_bitmap_format_hex(want, sizeof(want), cpus, 8);
		fmt_bounds("to_cpumask_hex", fmt_cpuhex, &c, want);
	}
	if (!slow_ok) {
		printf("skipped under valgrind: formatting 2^32 - 1 bits\n");
		return;
	}
	/* 2^32 - 1 bits: the list of an empty bitmap is "", of the last bit its number */
	c.bits = big(BIG);
	c.nbits = UINT32_MAX;
	fmt_bounds("format_list(empty, 2^32 - 1 bits)", fmt_list, &c, "");
	{
		uint64_t *b = big(BIG);

		b[BIG / 8 - 1] = (uint64_t)1 << 62;
		c.bits = b;
	}
	fmt_bounds("format_list(bit 2^32 - 2)", fmt_list, &c, "4294967294");
	/* 2^32 - 1 bits as hex: 2^27 groups of 8 digits and a comma, the top one short */
	r = scx_bitmap_format_hex(NULL, 0, c.bits, UINT32_MAX);
	check(r == (1 << 27) * 9 - 1, "format_hex(2^32 - 1 bits) measures %d", r);
}

/* ------------------------------------------------------------ cmasks */

static void cmask_bounds(bool slow_ok)
{
	SCX_CMASK_STORAGE(128) s;
	struct scx_cmask *m;
	int err;

	/* one word more than the cids need: the kernel's room for an unaligned base */
	check(scx_cmask_size(0) == 24 && scx_cmask_size(1) == 32 && scx_cmask_size(64) == 32 &&
	      scx_cmask_size(65) == 40 && scx_cmask_size(UINT32_MAX) == 16 + BIG + 8,
	      "scx_cmask_size at 0, 1, 64, 65, 2^32 - 1 (%zu)", scx_cmask_size(UINT32_MAX));
	memset(&s, FILL, sizeof(s));
	check(scx_cmask_init_alloc(&s.mask, 0, 1, 0) == -ENOSPC &&
	      scx_cmask_init_alloc(&s.mask, 1, UINT32_MAX, UINT32_MAX) == -EOVERFLOW &&
	      scx_cmask_init_alloc(&s.mask, UINT32_MAX, 1, 64) == -EOVERFLOW &&
	      scx_cmask_init_alloc(&s.mask, 0, UINT32_MAX, UINT32_MAX - 1) == -ENOSPC &&
	      scx_cmask_init(&s.mask, 64, UINT32_MAX - 63) == -EOVERFLOW &&
	      all_bytes(&s, sizeof(s), FILL), "init_alloc: past every bound fails, untouched");
	check(scx_cmask_init_alloc(&s.mask, 0, 0, 0) == 0 && s.mask.alloc_words == 1 &&
	      scx_cmask_init_alloc(&s.mask, UINT32_MAX, 0, 1) == 0 &&
	      scx_cmask_end(&s.mask) == UINT32_MAX &&
	      scx_cmask_init_alloc(&s.mask, UINT32_MAX - 1, 1, 128) == 0 &&
	      scx_cmask_set(UINT32_MAX - 1, &s.mask) == 0 && scx_cmask_weight(&s.mask) == 1,
	      "init_alloc: windows ending at 2^32 - 1");
	check(scx_cmask_reframe(&s.mask, 0, UINT32_MAX) == -ENOSPC &&
	      scx_cmask_reframe(&s.mask, UINT32_MAX, 1) == -EOVERFLOW &&
	      scx_cmask_reframe(&s.mask, 0, 128) == 0 && scx_cmask_reframe(&s.mask, 0, 129) == -ENOSPC,
	      "reframe: 128 fits, 129 and 2^32 - 1 do not, no wrap");
	errno = 0;
	m = scx_cmask_alloc(1, UINT32_MAX);
	check(!m && errno == EOVERFLOW, "scx_cmask_alloc(1, 2^32 - 1): NULL, EOVERFLOW");
	if (!slow_ok) {
		printf("skipped under valgrind: cmasks of 2^32 - 1 cids\n");
		return;
	}
	/* the largest window, in caller storage ending at the guard page */
	m = big(scx_cmask_size(UINT32_MAX));
	err = scx_cmask_init(m, 0, UINT32_MAX);
	check(err == 0 && scx_cmask_set(UINT32_MAX - 1, m) == 0 && scx_cmask_weight(m) == 1 &&
	      scx_cmask_next_set(m, 0) == UINT32_MAX - 1,
	      "init(0, 2^32 - 1) in %zu bytes: last cid set and found", scx_cmask_size(UINT32_MAX));
	{
		char buf[16];

		err = scx_cmask_format_cidlist(buf, sizeof(buf), m);
		check(err == 10 && !strcmp(buf, "4294967294"), "format_cidlist of the last cid: %d %s",
		      err, buf);
		err = scx_cmask_parse_cidlist(m, "4294967295");
		/* past the window; and as in the kernel a bare 2^32 - 1 is a zero group */
		check(err < 0 && scx_cmask_weight(m) == 1,
		      "parse_cidlist(\"4294967295\") on [0, 2^32 - 1): %d, untouched", err);
		err = scx_cmask_parse_cidlist(m, "0,N");
		check(err == 0 && scx_cmask_weight(m) == 2 && scx_cmask_test(UINT32_MAX - 1, m),
		      "parse_cidlist(\"0,N\") on [0, 2^32 - 1): %d", err);
	}
	{
		m = scx_cmask_alloc(0, UINT32_MAX);
		check(m && scx_cmask_empty(m) && m->alloc_words == BIG / 8 + 1,
		      "scx_cmask_alloc(0, 2^32 - 1): %zu bytes", scx_cmask_size(UINT32_MAX));
		scx_cmask_free(m);
	}
}

/* ------------------------------------------------------------ override */

static void override_bounds(void)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(map), nc = scx_cid_map_nr_cids(map);
	int32_t c2c[16], shards[16];
	struct scx_cid_map *o = NULL;
	size_t sizes[] = { 0, 1, ncpu - 1, ncpu + 1, SIZE_MAX };

	for (uint32_t i = 0; i < ncpu; i++)
		c2c[i] = scx_cid_map_cpu_to_cid(map, (int)i);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		check(scx_cid_map_from_override(&o, map, c2c, sizes[i], NULL, 0) == -EINVAL && !o,
		      "from_override(nr_entries %zu, nr_cpu_ids %u): -EINVAL", sizes[i], ncpu);
	}
	check(scx_cid_map_from_override(&o, map, c2c, ncpu, NULL, 0) == 0, "from_override(nr_cpu_ids)");
	scx_cid_map_free(o);
	o = NULL;
	shards[0] = 0;
	for (uint32_t i = 1; i < 16; i++)
		shards[i] = (int32_t)i;
	/* more shards than cids: they cannot ascend below nr_cids; read up to there only */
	check(scx_cid_map_from_override(&o, map, c2c, ncpu, shards, 0) == -EINVAL &&
	      scx_cid_map_from_override(&o, map, c2c, ncpu, shards, nc + 1) == -EINVAL &&
	      scx_cid_map_from_override(&o, map, c2c, ncpu, shards, SIZE_MAX) == -EINVAL && !o,
	      "from_override: 0, nr_cids + 1 and SIZE_MAX shards are -EINVAL");
	check(scx_cid_map_from_override(&o, map, c2c, ncpu, shards, 1) == 0 &&
	      scx_cid_map_nr_shards(o) == 1, "from_override: one shard");
	scx_cid_map_free(o);
	o = NULL;
	check(scx_cid_map_from_override(&o, map, c2c, ncpu, shards, nc) == 0 &&
	      scx_cid_map_nr_shards(o) == nc, "from_override: nr_cids shards of one cid");
	memset(c2c, FILL, sizeof(c2c));
	check(scx_cid_map_to_override(o, c2c, 0, NULL, 0) == -ENOSPC &&
	      scx_cid_map_to_override(o, c2c, ncpu - 1, NULL, 0) == -ENOSPC &&
	      scx_cid_map_to_override(o, c2c, ncpu, shards, nc - 1) == -ENOSPC &&
	      all_bytes(c2c, sizeof(c2c), FILL), "to_override: too small is -ENOSPC, untouched");
	check(scx_cid_map_to_override(o, c2c, SIZE_MAX, shards, SIZE_MAX) == 0 &&
	      c2c[0] == scx_cid_map_cpu_to_cid(map, 0) && (unsigned char)c2c[ncpu] == FILL,
	      "to_override(SIZE_MAX, SIZE_MAX): writes nr_cpu_ids entries only");
	scx_cid_map_free(o);

	/*
	 * matches(): nr is compared, never used to read past nr_cids entries;
	 * a wrong count is "no", not a read of SIZE_MAX entries.
	 */
	for (uint32_t i = 0; i < nc; i++)
		c2c[i] = scx_cid_map_cid_to_cpu(map, i);
	check(scx_cid_map_matches(map, c2c, nc) == 1, "matches(nr_cids): 1");
	check(scx_cid_map_matches(map, c2c, 0) == 0 && scx_cid_map_matches(map, c2c, 1) == 0 &&
	      scx_cid_map_matches(map, c2c, nc - 1) == 0 &&
	      scx_cid_map_matches(map, c2c, nc + 1) == 0 &&
	      scx_cid_map_matches(map, c2c, SIZE_MAX) == 0,
	      "matches(0, 1, nr_cids - 1, nr_cids + 1, SIZE_MAX): 0");
	check(scx_cid_map_matches(map, NULL, 0) == 0 && scx_cid_map_matches(map, NULL, 1) == -EINVAL &&
	      scx_cid_map_matches(map, NULL, SIZE_MAX) == -EINVAL &&
	      scx_cid_map_matches(NULL, c2c, nc) == -EINVAL,
	      "matches: NULL table with entries, NULL map: -EINVAL");
}

int main(void)
{
	struct t_tree t = { .ncpu = 8, .smt = true };
	bool slow_ok = !getenv("SCXCMASK_STRESS_ITERS");	/* set by the valgrind stage */

	page = (size_t)sysconf(_SC_PAGESIZE);
	if (!slow_ok)
		max_bytes = (size_t)1 << 26;
	big_map = mmap(NULL, BIG + 2 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (big_map == MAP_FAILED || mprotect(big_map + BIG + page, page, PROT_NONE)) {
		perror("mmap");
		return 99;
	}
	map = t_tree_map(&t, "size-bounds");
	cpuset_bounds();
	cpu_bitmap_bounds();
	parse_bounds(slow_ok);
	format_bounds(slow_ok);
	cmask_bounds(slow_ok);
	override_bounds();
	scx_cid_map_free(map);
	munmap(big_map, BIG + 2 * page);
	return t_summary();
}
