// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target for the arena view: random arena contents, view geometry,
 * addresses and cmask headers.  Whatever the input, every pointer handed
 * out lies inside the mapping, every cmask accepted fits it, and nothing is
 * read outside it: the arena ends at a PROT_NONE guard page, and under
 * AddressSanitizer the bytes before it are poisoned too.  Each answer is
 * also compared with a plain model of the rules (arena.h, ABI.md 3 and 7).
 *
 * Built two ways:
 * - with -fsanitize=fuzzer (tests/fuzz/arena-fuzz.sh, CI stage 52): libFuzzer
 *   drives LLVMFuzzerTestOneInput();
 * - with -DARENA_FUZZ_MAIN ('make check'): main() replays the files named on
 *   the command line, then runs a fixed number of pseudo-random inputs, and
 *   prints "N passed, N failed".
 */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <scxcmask/arena.h>

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define ARENA_PAGES	4
#define NR_OPS_MAX	24

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops at once, so that libFuzzer keeps the input and main() reports it. */
#define CHECK(cond)								\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "arena_fuzz: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort();						\
		}								\
	} while (0)

/* How often each outcome was reached, for main()'s summary. */
static unsigned long nr_views, nr_ptrs_ok, nr_cmasks_ok, nr_copies_ok;

static char *region;		/* leading slack, ARENA_PAGES pages, guard page */
static size_t page, region_len;

/* The input, consumed front to back; zeros once it runs out. */
struct input {
	const uint8_t *p;
	size_t left;
};

static uint64_t take(struct input *in, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++) {
		v |= (uint64_t)(in->left ? *in->p : 0) << (8 * i);
		if (in->left) {
			in->p++;
			in->left--;
		}
	}
	return v;
}

static void setup(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	region_len = (ARENA_PAGES + 1) * page;
	region = mmap(NULL, region_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(region != MAP_FAILED);
	CHECK(mprotect(region + ARENA_PAGES * page, page, PROT_NONE) == 0);
}

/* The arena: its last byte is the one before the guard page. */
static char *place_arena(size_t size)
{
	char *base = region + ARENA_PAGES * page - size;

#ifdef HAVE_ASAN
	ASAN_UNPOISON_MEMORY_REGION(region, ARENA_PAGES * page);
	ASAN_POISON_MEMORY_REGION(region, (size_t)(base - region));
#endif
	return base;
}

/* --------------------------------------------------------------- the model */

static int model_view_ok(uint64_t vm, size_t size)
{
	uint64_t last = vm + (size - 1);

	return vm && last >= vm && (vm >> 32) == (last >> 32);
}

/* Whether @p (in the mapping or not) heads a cmask the view must accept. */
static int model_cmask_ok(const struct scx_arena_view *v, uintptr_t p)
{
	uintptr_t b = (uintptr_t)v->base;
	uint64_t off, base, nr, alloc, words;
	uint32_t hdr[3];

	if (p < b || p - b >= v->size || (p & 7) || v->size - (p - b) < 16)
		return 0;
	off = p - b;
	memcpy(hdr, (const char *)v->base + off, sizeof(hdr));
	base = hdr[0];
	nr = hdr[1];
	alloc = hdr[2];
	words = (nr + 63) / 64 + 1;
	return 16 + 8 * alloc <= v->size - off && base + nr <= UINT32_MAX && words <= alloc;
}

/* Bit of cid @cid of the arena cmask at @m, read straight from the bytes. */
static int model_bit(const char *m, uint32_t base, uint32_t cid)
{
	uint64_t w;

	memcpy(&w, m + 16 + 8 * (size_t)(cid / 64 - base / 64), 8);
	return (w >> (cid & 63)) & 1;
}

/* -------------------------------------------------------------- the checks */

static void check_in_view(const struct scx_arena_view *v, const void *out, size_t len)
{
	uintptr_t o = (uintptr_t)out, b = (uintptr_t)v->base;

	CHECK(o >= b && o - b < v->size && len <= v->size - (o - b));
}

static void op_ptr(const struct scx_arena_view *v, struct input *in)
{
	unsigned int form = take(in, 1) % 4;
	uint64_t off = take(in, 4) % (v->size + 64), addr;
	size_t len = take(in, 2) % (v->size + 16);
	void *out = NULL;
	uint64_t back;
	int err, expect_ok;

	switch (form) {
	case 0: addr = v->vm_start + off; break;		/* user form */
	case 1: addr = (uint32_t)(v->vm_start + off); break;	/* 32-bit form */
	case 2: addr = take(in, 8); break;			/* anything */
	default: addr = 0; break;				/* NULL */
	}
	err = scx_arena_ptr(v, addr, len, &out);
	if (form < 2) {
		expect_ok = off < v->size && len <= v->size - off &&
			    (addr || ((v->flags & SCX_ARENA_ZERO_IS_OFFSET0) && !(uint32_t)v->vm_start));
		CHECK((err == 0) == expect_ok);
		if (!err)
			CHECK((char *)out == (char *)v->base + off);
	}
	if (err)
		return;
	nr_ptrs_ok++;
	check_in_view(v, out, len);
	/* the address comes back as the same arena byte */
	CHECK(scx_arena_addr(v, out, &back) == 0);
	CHECK(back == addr || (addr >> 32 == 0 && (uint32_t)back == addr));
}

static void op_ptr_off(const struct scx_arena_view *v, struct input *in)
{
	uint64_t off = take(in, 1) & 1 ? take(in, 8) : take(in, 4) % (v->size + 64);
	size_t len = take(in, 1) & 1 ? (size_t)take(in, 8) : take(in, 2) % (v->size + 16);
	void *out = NULL;
	int err = scx_arena_ptr_off(v, off, len, &out);

	CHECK((err == 0) == (off < v->size && len <= v->size - off));
	if (!err)
		check_in_view(v, out, len);
}

/* Offset of the last header op_plant() wrote in this input. */
static uint64_t last_plant;

/*
 * A pointer near or inside the arena: before it, in it, or past its end;
 * half the time the last planted header, or next to it.
 */
static const char *pick_ptr(const struct scx_arena_view *v, struct input *in)
{
	unsigned int how = take(in, 1);
	int64_t off = (int64_t)(take(in, 4) % (v->size + 96)) - 32;

	if (how & 1)
		off = (int64_t)last_plant + (how & 6 ? 0 : (int64_t)(how >> 3) - 16);

	return (const char *)((uintptr_t)v->base + (uintptr_t)off);
}

/* Writes a plausible header (a near miss is as useful as a hit). */
static void op_plant(const struct scx_arena_view *v, struct input *in)
{
	/* 8-byte aligned in the address space, as the library requires */
	uint64_t off = (take(in, 2) * 8 + (-(uintptr_t)v->base & 7)) % v->size;
	uint32_t hdr[3];

	if (v->size - off < 12)
		return;
	last_plant = off;
	hdr[0] = (uint32_t)take(in, 1) & 1 ? (uint32_t)take(in, 4) : (uint32_t)take(in, 2);
	/* mostly windows whose storage could fit in what is left of the arena */
	hdr[1] = (uint32_t)take(in, 2) % (uint32_t)(64 * ((v->size - off) / 8) + 64);
	hdr[2] = (uint32_t)take(in, 1) & 1 ? (uint32_t)take(in, 4) : (hdr[1] + 63) / 64 + 1;
	memcpy((char *)v->base + off, hdr, sizeof(hdr));
}

static void op_cmask(const struct scx_arena_view *v, struct input *in)
{
	const char *p = pick_ptr(v, in);
	struct scx_cmask *out = NULL;
	int err = scx_arena_cmask(v, p, &out);

	CHECK((err == 0) == model_cmask_ok(v, (uintptr_t)p));
	if (err)
		return;
	nr_cmasks_ok++;
	CHECK((const char *)out == p);
	check_in_view(v, out, 16 + 8 * (size_t)out->alloc_words);
	/* the library's operations stay inside the storage the header names */
	(void)scx_cmask_weight(out);
	(void)scx_cmask_next_set(out, out->base);
}

/* The copy holds the window, bit for bit, and nothing else. */
static void check_copy(const char *src, const struct scx_cmask *c)
{
	uint32_t base, nr, cid;

	memcpy(&base, src, 4);
	memcpy(&nr, src + 4, 4);
	CHECK(c->base == base && c->nr_cids == nr);
	CHECK(scx_cmask_valid(c) == 0);
	for (cid = base; cid - base < nr; cid++)
		CHECK(scx_cmask_test(cid, c) == model_bit(src, base, cid));
}

static void op_copy_out(const struct scx_arena_view *v, struct input *in)
{
	const char *p = pick_ptr(v, in);
	uint32_t cap = (uint32_t)take(in, 2) % 2048;
	struct scx_cmask *dst = scx_cmask_alloc(0, cap), *dup = NULL;
	int ok = model_cmask_ok(v, (uintptr_t)p), err;

	CHECK(dst);
	err = scx_arena_cmask_copy_out(v, p, dst);
	if (ok && SCX_CMASK_NR_WORDS(((const uint32_t *)p)[1]) <= dst->alloc_words)
		CHECK(err == 0);
	else
		CHECK(err != 0);
	if (!err)
		check_copy(p, dst);
	err = scx_arena_cmask_dup(v, p, &dup);
	CHECK((err == 0) == ok);
	if (!err) {
		nr_copies_ok++;
		CHECK(dup->alloc_words == SCX_CMASK_NR_WORDS(dup->nr_cids));
		check_copy(p, dup);
	}
	scx_cmask_free(dup);
	scx_cmask_free(dst);
}

static void op_addr(const struct scx_arena_view *v, struct input *in)
{
	const char *p = pick_ptr(v, in);
	uint64_t a;
	int err = scx_arena_addr(v, p, &a);
	uintptr_t b = (uintptr_t)v->base;

	CHECK((err == 0) == ((uintptr_t)p >= b && (uintptr_t)p - b < v->size));
	if (!err)
		CHECK(a == v->vm_start + ((uintptr_t)p - b));
}

/* --------------------------------------------------------------- one input */

static int make_view(struct scx_arena_view *v, struct input *in)
{
	size_t size = 1 + take(in, 2) % (ARENA_PAGES * page);
	unsigned int mode = take(in, 1);
	uint64_t vm = 0;
	char *base;
	int err;
	SCX_ARENA_VIEW_OPTS(o);

	if (mode & 8)
		size = (size + 7) & ~(size_t)7;	/* often 8-byte aligned */
	base = place_arena(size);
	switch (mode % 4) {
	case 0: break;							/* vm = base */
	case 1: vm = take(in, 2) << 32; break;				/* low 32 bits 0 */
	case 2: vm = (take(in, 2) << 32) | (uint32_t)-(uint32_t)size; break; /* ends at 4 GiB */
	default: vm = take(in, 8); break;				/* anything */
	}
	o.vm_start = vm;
	o.flags = mode & 4 ? SCX_ARENA_ZERO_IS_OFFSET0 : 0;
	err = scx_arena_view_init(v, base, size, &o);
	CHECK((err == 0) == model_view_ok(vm ? vm : (uintptr_t)base, size));
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct scx_arena_view v;
	unsigned int nr_ops, i;
	size_t n;

	if (!region)
		setup();
	if (make_view(&v, &in))
		return 0;
	nr_views++;
	nr_ops = take(&in, 1) % NR_OPS_MAX;
	last_plant = 0;
	/* the arena holds the second half of the rest of the input, then zeros */
	n = in.left / 2 < v.size ? in.left / 2 : v.size;
	memset(v.base, 0, v.size);
	memcpy(v.base, in.p + (in.left - n), n);
	in.left -= n;
	for (i = 0; i < nr_ops; i++) {
		switch (take(&in, 1) % 6) {
		case 0: op_ptr(&v, &in); break;
		case 1: op_ptr_off(&v, &in); break;
		case 2: op_plant(&v, &in); break;
		case 3: op_cmask(&v, &in); break;
		case 4: op_copy_out(&v, &in); break;
		default: op_addr(&v, &in); break;
		}
	}
	return 0;
}

#ifdef ARENA_FUZZ_MAIN
/* xorshift64*: the same inputs on every run. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static int run_file(const char *path)
{
	static uint8_t buf[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t buf[4096];
	unsigned long runs = 20000, i, files = 0;
	uint64_t s = 0x5eed5eedULL;
	const char *env = getenv("ARENA_FUZZ_RUNS");
	size_t len, j;
	int k;

	if (env)
		runs = strtoul(env, NULL, 10);
	for (k = 1; k < argc; k++) {
		if (run_file(argv[k]))
			return 1;
		files++;
	}
	for (i = 0; i < runs; i++) {
		/* mostly short inputs (ops and headers), some that fill pages */
		len = next_rand(&s) % (i & 7 ? 256 : sizeof(buf));
		for (j = 0; j < len; j++)
			buf[j] = (uint8_t)next_rand(&s);
		LLVMFuzzerTestOneInput(buf, len);
	}
	/* every failure aborts, so reaching here means all of them passed */
	printf("inputs %lu: views %lu, pointers handed out %lu, cmasks accepted %lu, copied %lu\n",
	       runs + files, nr_views, nr_ptrs_ok, nr_cmasks_ok, nr_copies_ok);
	printf("arena_fuzz: %lu passed, 0 failed\n", runs + files);
	return 0;
}
#endif
