// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The arena view: every address and header that leaves the mapping is
 * refused, translation is exact in both address forms, and cmasks copied
 * out carry only their window.  Mappings are followed by a PROT_NONE guard
 * page, so a read past the end crashes the test instead of passing.
 */
#include "config.h"
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <scxcmask/scxcmask.h>

#define MAP_SZ	(64 * 1024)

static size_t page;

/* An anonymous mapping of @size bytes with a guard page right after it. */
static void *map_guarded(void *hint, size_t size, int extra_flags)
{
	char *p = mmap(hint, size + page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	ck_assert_int_eq(mprotect(p + size, page, PROT_NONE), 0);
	return p;
}

static void unmap_guarded(void *p, size_t size)
{
	munmap(p, size + page);
}

/* A mapping whose address has zero low 32 bits, or NULL if none is free. */
static void *map_4g_aligned(size_t size)
{
	uint64_t a;

	/* from 1 << 45: below it, AddressSanitizer keeps its shadow */
	for (a = UINT64_C(1) << 45; a < (UINT64_C(1) << 46); a += UINT64_C(1) << 40) {
		void *p = map_guarded((void *)(uintptr_t)a, size, MAP_FIXED_NOREPLACE);

		if (p == (void *)(uintptr_t)a)
			return p;
		if (p)
			unmap_guarded(p, size);
	}
	return NULL;
}

static struct scx_arena_view view_of(void *base, size_t size)
{
	struct scx_arena_view v;

	ck_assert_int_eq(scx_arena_view_init(&v, base, size, NULL), 0);
	return v;
}

/* Writes a raw header (anything at all) at arena offset @off. */
static struct scx_cmask *put_hdr(void *base, size_t off, uint32_t b, uint32_t nr, uint32_t alloc)
{
	struct scx_cmask *m = (struct scx_cmask *)((char *)base + off);

	m->base = b;
	m->nr_cids = nr;
	m->alloc_words = alloc;
	return m;
}

/* ---------------------------------------------------------------- view */

START_TEST(view_init_rejects)
{
	struct scx_arena_view v, saved;
	char *p = map_guarded(NULL, MAP_SZ, 0);
	SCX_ARENA_VIEW_OPTS(bad_flags, .flags = 0x80);
	SCX_ARENA_VIEW_OPTS(crossing, .vm_start = (UINT64_C(5) << 32) - 4096);
	struct scx_arena_view_opts small = { .sz = 4 };
	struct {
		struct scx_arena_view_opts o;
		uint64_t future;
	} newer = { .o = { .sz = sizeof(newer) }, .future = 1 };

	ck_assert_ptr_nonnull(p);
	memset(&v, 0xa5, sizeof(v));
	saved = v;
	ck_assert_int_eq(scx_arena_view_init(NULL, p, MAP_SZ, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, NULL, MAP_SZ, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, p, 0, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, p, (UINT64_C(1) << 32) + 1, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, (void *)(UINTPTR_MAX - 4095), 8192, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &bad_flags), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &crossing), -EINVAL);
	ck_assert_str_ne(scxcmask_errmsg(), "");
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &small), -EINVAL);
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &newer.o), -EINVAL);
	ck_assert_mem_eq(&v, &saved, sizeof(v));
	newer.future = 0;
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &newer.o), 0);
	ck_assert_ptr_eq(v.base, p);
	ck_assert_uint_eq(v.size, MAP_SZ);
	ck_assert_uint_eq(v.vm_start, (uintptr_t)p);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

START_TEST(view_checked_on_use)
{
	struct scx_arena_view v = { 0 };
	void *out = NULL;
	uint64_t a;

	ck_assert_int_eq(scx_arena_ptr(NULL, 1, 1, &out), -EINVAL);
	ck_assert_int_eq(scx_arena_ptr(&v, 1, 1, &out), -EINVAL);
	ck_assert_int_eq(scx_arena_ptr_off(&v, 0, 1, &out), -EINVAL);
	ck_assert_int_eq(scx_arena_addr(&v, &v, &a), -EINVAL);
	v.base = &a;
	v.size = sizeof(a);
	v.vm_start = (uintptr_t)&a;
	v.flags = 0x40;
	ck_assert_int_eq(scx_arena_ptr_off(&v, 0, 1, &out), -EINVAL);
	v.flags = 0;
	ck_assert_int_eq(scx_arena_ptr_off(&v, 0, 1, NULL), -EINVAL);
	ck_assert_int_eq(scx_arena_ptr_off(&v, 0, 8, &out), 0);
	ck_assert_ptr_eq(out, &a);
}
END_TEST

START_TEST(from_map_without_map)
{
	struct scx_arena_view v;
	int err = scx_arena_view_from_map(&v, NULL, NULL);

#ifdef HAVE_LIBBPF
	ck_assert_int_eq(err, -EINVAL);
#else
	ck_assert_int_eq(err, -EOPNOTSUPP);
#endif
	ck_assert_str_ne(scxcmask_errmsg(), "");
}
END_TEST

/* ---------------------------------------------------------------- addresses */

START_TEST(ptr_user_and_32bit_forms)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	uint64_t u = (uintptr_t)p, lo = (uint32_t)u, a;
	void *out = NULL;

	ck_assert_int_eq(scx_arena_ptr(&v, u, 16, &out), 0);
	ck_assert_ptr_eq(out, p);
	ck_assert_int_eq(scx_arena_ptr(&v, u + MAP_SZ - 1, 1, &out), 0);
	ck_assert_ptr_eq(out, p + MAP_SZ - 1);
	ck_assert_int_eq(scx_arena_ptr(&v, u + MAP_SZ - 8, 8, &out), 0);
	if (u >> 32) {	/* the 32-bit form differs from the user form */
		ck_assert_int_eq(scx_arena_ptr(&v, lo + 0x100, 8, &out), 0);
		ck_assert_ptr_eq(out, p + 0x100);
		ck_assert_int_eq(scx_arena_ptr(&v, lo + MAP_SZ, 1, &out), -EFAULT);
		ck_assert_int_eq(scx_arena_ptr(&v, (uint32_t)(lo - 1), 1, &out), -EFAULT);
	}
	/* past the end, straddling the end, before the start, other 4 GiB */
	out = p + 8;
	ck_assert_int_eq(scx_arena_ptr(&v, u + MAP_SZ, 0, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u + MAP_SZ - 7, 8, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u + MAP_SZ - 1, SIZE_MAX, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u, MAP_SZ + 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u - 1, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u ^ (UINT64_C(1) << 40), 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, u | (UINT64_C(1) << 63), 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, UINT64_MAX, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, 0, 1, &out), -EFAULT);
	ck_assert_ptr_eq(out, p + 8);	/* untouched by the failures */
	ck_assert_int_eq(scx_arena_ptr(&v, u, 1, NULL), -EINVAL);

	/* offsets */
	ck_assert_int_eq(scx_arena_ptr_off(&v, 0, MAP_SZ, &out), 0);
	ck_assert_ptr_eq(out, p);
	ck_assert_int_eq(scx_arena_ptr_off(&v, MAP_SZ, 0, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr_off(&v, 1, MAP_SZ, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr_off(&v, UINT64_MAX, 2, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr_off(&v, 8, SIZE_MAX - 4, &out), -EFAULT);

	/* and back */
	ck_assert_int_eq(scx_arena_addr(&v, p + 0x208, &a), 0);
	ck_assert_uint_eq(a, u + 0x208);
	ck_assert_int_eq(scx_arena_ptr(&v, a, 8, &out), 0);
	ck_assert_ptr_eq(out, p + 0x208);
	ck_assert_int_eq(scx_arena_addr(&v, p + MAP_SZ, &a), -EFAULT);
	ck_assert_int_eq(scx_arena_addr(&v, p - 1, &a), -EFAULT);
	ck_assert_int_eq(scx_arena_addr(&v, p, NULL), -EINVAL);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* The agent reads a copy of the arena: addresses are relative to vm_start. */
START_TEST(ptr_other_vm_start)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	/* an arena ending exactly at a 4 GiB boundary */
	uint64_t vm = (UINT64_C(0x7f12) << 32) + ((UINT64_C(1) << 32) - MAP_SZ);
	SCX_ARENA_VIEW_OPTS(o, .vm_start = vm);
	struct scx_arena_view v;
	void *out = NULL;
	uint64_t a;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(scx_arena_view_init(&v, p, MAP_SZ, &o), 0);
	ck_assert_int_eq(scx_arena_ptr(&v, vm, 1, &out), 0);
	ck_assert_ptr_eq(out, p);
	ck_assert_int_eq(scx_arena_ptr(&v, (uint32_t)vm + 0x40, 8, &out), 0);
	ck_assert_ptr_eq(out, p + 0x40);
	ck_assert_int_eq(scx_arena_ptr(&v, vm + MAP_SZ - 1, 1, &out), 0);
	ck_assert_ptr_eq(out, p + MAP_SZ - 1);
	ck_assert_int_eq(scx_arena_ptr(&v, 0xffffffffu, 1, &out), 0);
	ck_assert_ptr_eq(out, p + MAP_SZ - 1);
	/* the next 4 GiB window, its 32-bit form 0, and the byte before */
	ck_assert_int_eq(scx_arena_ptr(&v, vm + MAP_SZ, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, (uint32_t)(vm + MAP_SZ), 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, vm - 1, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, (uint32_t)vm - 1, 1, &out), -EFAULT);
	/* the agent's own address of the copy is not an arena address */
	ck_assert_int_eq(scx_arena_ptr(&v, (uintptr_t)p + 8, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_addr(&v, p + 16, &a), 0);
	ck_assert_uint_eq(a, vm + 16);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* docs/ABI.md 7: with a 4 GiB-aligned user_vm_start, offset 0 arrives as 0. */
START_TEST(ptr_low32_zero_mapping)
{
	char *p = map_4g_aligned(MAP_SZ);
	SCX_ARENA_VIEW_OPTS(zero_ok, .flags = SCX_ARENA_ZERO_IS_OFFSET0);
	struct scx_arena_view v, vz;
	uint64_t u, a;
	void *out = NULL;

	if (!p) {
		fprintf(stderr, "no free 4 GiB-aligned address; low-32-zero case not run\n");
		return;
	}
	u = (uintptr_t)p;
	ck_assert_uint_eq((uint32_t)u, 0);
	v = view_of(p, MAP_SZ);
	ck_assert_int_eq(scx_arena_view_init(&vz, p, MAP_SZ, &zero_ok), 0);

	/* 0 is NULL by default, and the message says why it may not be */
	ck_assert_int_eq(scx_arena_ptr(&v, 0, 8, &out), -EFAULT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "SCX_ARENA_ZERO_IS_OFFSET0"));
	ck_assert_int_eq(scx_arena_ptr(&vz, 0, 8, &out), 0);
	ck_assert_ptr_eq(out, p);
	ck_assert_int_eq(scx_arena_ptr(&vz, 0, MAP_SZ + 1, &out), -EFAULT);
	/* the full user form of offset 0 is not NULL */
	ck_assert_int_eq(scx_arena_ptr(&v, u, 8, &out), 0);
	ck_assert_ptr_eq(out, p);
	ck_assert_int_eq(scx_arena_ptr(&v, 0x10, 8, &out), 0);
	ck_assert_ptr_eq(out, p + 0x10);
	ck_assert_int_eq(scx_arena_ptr(&v, u + 0x10, 8, &out), 0);
	ck_assert_ptr_eq(out, p + 0x10);
	ck_assert_int_eq(scx_arena_ptr(&v, MAP_SZ, 1, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&v, 0xfffffff8u, 8, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_ptr(&vz, u - 8, 8, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_addr(&v, p, &a), 0);
	ck_assert_uint_eq(a, u);

	/* a cmask at offset 0, reached through its 32-bit address 0 */
	put_hdr(p, 0, 0, 64, 2)->bits[0] = 0x5;
	ck_assert_int_eq(scx_arena_ptr(&vz, 0, SCX_CMASK_HDR_SIZE, &out), 0);
	{
		struct scx_cmask *m;

		ck_assert_int_eq(scx_arena_cmask_dup(&vz, out, &m), 0);
		ck_assert_uint_eq(scx_cmask_weight(m), 2);
		scx_cmask_free(m);
	}
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* ---------------------------------------------------------------- cmask headers */

START_TEST(cmask_bad_headers)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct scx_cmask *out = (struct scx_cmask *)(uintptr_t)0x1234, *m;
	SCX_CMASK_STORAGE(256) dst;
	size_t end = MAP_SZ;

	scx_cmask_init(&dst.mask, 0, 256);
	/* header outside, straddling the end, misaligned */
	ck_assert_int_eq(scx_arena_cmask(&v, p + MAP_SZ, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask(&v, p - 16, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask(&v, p + end - 8, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask(&v, p + 4, &out), -EINVAL);
	ck_assert_int_eq(scx_arena_cmask(&v, NULL, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask(&v, p, NULL), -EINVAL);

	/* header fits exactly at the end, with no storage */
	m = put_hdr(p, end - 16, 0, 0, 0);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -ENOSPC);	/* NR_WORDS(0) = 1 */
	m->alloc_words = 1;
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EFAULT);
	m->alloc_words = 0xffffffffu;
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EFAULT);

	/* storage runs one word past the end */
	m = put_hdr(p, end - 16 - 8 * 2, 0, 64, 3);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &dst.mask), -EFAULT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "alloc_words 3"));

	/* window wraps 2^32; window needs more words than allocated */
	m = put_hdr(p, 0, 0xffffff00u, 0xff, 8);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), 0);
	m->nr_cids = 0x100;	/* end sentinel 2^32 is not a u32 */
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EOVERFLOW);
	m = put_hdr(p, 0, 0xffffffffu, 0xffffffffu, 0xffffffffu);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EFAULT);
	m = put_hdr(p, 0, 7, 129, 3);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -ENOSPC);
	m->alloc_words = 4;
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), 0);
	ck_assert_ptr_eq(out, m);
	/* the largest header u32 fields can say, in a 64 KiB arena */
	m = put_hdr(p, 0, 0, 0xffffffffu, 0xffffffffu);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, &out), -EFAULT);
	ck_assert_ptr_eq(out, p);	/* untouched since the last success */
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* A header and storage ending on the last byte: valid, and nothing past it read. */
START_TEST(cmask_at_end_of_mapping)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	uint32_t alloc = 17, nr = 1024;
	struct scx_cmask *m = put_hdr(p, MAP_SZ - 16 - 8 * alloc, 64, nr, alloc), *out, *dup;
	SCX_CMASK_STORAGE(2048) dst;
	uint32_t i;

	for (i = 0; i < alloc; i++)
		m->bits[i] = ~UINT64_C(0);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), 0);
	ck_assert_uint_eq(scx_cmask_weight(out), nr);
	scx_cmask_init(&dst.mask, 0, 2048);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &dst.mask), 0);
	ck_assert_uint_eq(scx_cmask_weight(&dst.mask), nr);
	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, &dup), 0);
	ck_assert_uint_eq(dup->alloc_words, SCX_CMASK_NR_WORDS(nr));
	ck_assert(scx_cmask_equal(dup, m));
	/* base not 64-aligned: the window uses the last word too */
	m->base = 100;
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &dst.mask), 0);
	ck_assert_uint_eq(scx_cmask_weight(&dst.mask), nr);
	ck_assert_uint_eq(dst.mask.bits[16], (UINT64_C(1) << 36) - 1);	/* cids 1088..1123 */
	scx_cmask_free(dup);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* ---------------------------------------------------------------- copies */

START_TEST(copy_out_keeps_only_the_window)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct scx_cmask *m = put_hdr(p, 0x100, 70, 100, 8), *dup;
	SCX_CMASK_STORAGE(512) dst;
	SCX_CMASK_STORAGE(64) small;
	uint32_t i, cid;

	/* every bit set, padding and unused words included */
	for (i = 0; i < 8; i++)
		m->bits[i] = ~UINT64_C(0);
	scx_cmask_init(&dst.mask, 0, 512);
	scx_cmask_fill(&dst.mask);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &dst.mask), 0);
	ck_assert_uint_eq(dst.mask.base, 70);
	ck_assert_uint_eq(dst.mask.nr_cids, 100);
	ck_assert_uint_eq(dst.mask.alloc_words, SCX_CMASK_NR_WORDS(512));
	ck_assert_uint_eq(scx_cmask_weight(&dst.mask), 100);
	ck_assert_uint_eq(dst.mask.bits[0], ~UINT64_C(0) << 6);		/* head padding clear */
	ck_assert_uint_eq(dst.mask.bits[1], (UINT64_C(1) << (170 - 128)) - 1);	/* tail padding clear */
	ck_assert_uint_eq(dst.mask.bits[2], 0);					/* spare word zero */
	ck_assert_uint_eq(dst.mask.bits[3], ~UINT64_C(0));			/* beyond: untouched */
	for (cid = 70; cid < 170; cid++)
		ck_assert(scx_cmask_test(cid, &dst.mask));

	/* a destination too small is left alone */
	scx_cmask_init(&small.mask, 5, 10);
	scx_cmask_set(7, &small.mask);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &small.mask), -ENOSPC);
	ck_assert_uint_eq(small.mask.base, 5);
	ck_assert_uint_eq(small.mask.nr_cids, 10);
	ck_assert(scx_cmask_test(7, &small.mask));
	/* an invalid destination is refused */
	small.mask.nr_cids = 1000;
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &small.mask), -EINVAL);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, NULL), -EINVAL);

	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, &dup), 0);
	ck_assert_uint_eq(dup->alloc_words, 3);
	ck_assert_uint_eq(dup->bits[0], ~UINT64_C(0) << 6);
	ck_assert_uint_eq(dup->bits[1], (UINT64_C(1) << (170 - 128)) - 1);
	ck_assert_uint_eq(dup->bits[2], 0);
	ck_assert(scx_cmask_equal(dup, &dst.mask));
	scx_cmask_free(dup);
	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, NULL), -EINVAL);

	/* an empty window copies as an empty mask */
	m->nr_cids = 0;
	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, &dup), 0);
	ck_assert_uint_eq(dup->nr_cids, 0);
	ck_assert(scx_cmask_empty(dup));
	scx_cmask_free(dup);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/*
 * TOCTOU: a BPF program may rewrite the header while the agent copies the
 * mask.  A thread plays that program, flipping the header between a valid
 * window and sizes far past the arena; every copy must either fail or hold
 * a window the snapshot allowed, and the guard page after the mapping
 * catches any read past it.
 */
struct hostile {
	struct scx_cmask *m;
	volatile int stop;
};

static void *hostile_writer(void *arg)
{
	struct hostile *h = arg;
	volatile struct scx_cmask *m = h->m;
	uint32_t x = 1, n = 0;

	while (!h->stop) {
		/*
		 * Hand the CPU over now and then: valgrind runs one thread at a
		 * time, and a writer that never blocks starves the copier there
		 * (natively, with a core of its own, the yield returns at once).
		 */
		if ((++n & 255) == 0)
			sched_yield();
		/* choices from the high bits: the low ones repeat every 2^k steps */
		x = x * 1103515245u + 12345u;
		m->alloc_words = x >> 16 & 1 ? 17 : 0xffffffffu - (x >> 20);
		m->nr_cids = x >> 17 & 1 ? 1000 : 0xffffffffu - (x >> 8);
		m->base = x >> 18 & 1 ? 64 : x >> 3;
	}
	return NULL;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) / 1e9;
}

START_TEST(header_rewritten_during_copy)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct hostile h = { .m = put_hdr(p, MAP_SZ - 16 - 8 * 17, 64, 1000, 17) };
	struct scx_cmask *dup;
	SCX_CMASK_STORAGE(1100) dst;
	/* valgrind's stage scales stress tests down through SCXCMASK_STRESS_ITERS */
	const char *scaled = getenv("SCXCMASK_STRESS_ITERS");
	unsigned long i, ok = 0, refused = 0, iters = scaled ? 1000 * strtoul(scaled, NULL, 10) : 200000;
	struct timespec t0;
	pthread_t t;

	memset(h.m->bits, 0xff, 8 * 17);
	scx_cmask_init(&dst.mask, 0, 1100);
	ck_assert_int_eq(pthread_create(&t, NULL, hostile_writer, &h), 0);
	/*
	 * Natively, go on past @iters until both outcomes were seen: on a
	 * loaded machine the two threads may share one core, and the header
	 * then changes only when the writer gets a turn.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < iters || (!scaled && (!ok || !refused) && seconds_since(&t0) < 30); i++) {
		if (scx_arena_cmask_dup(&v, h.m, &dup) == 0) {
			ck_assert_uint_le(dup->alloc_words, 17);
			ck_assert_int_eq(scx_cmask_valid(dup), 0);
			ck_assert_uint_eq(scx_cmask_weight(dup), dup->nr_cids);
			scx_cmask_free(dup);
			ok++;
		} else {
			refused++;
		}
		if (scx_arena_cmask_copy_out(&v, h.m, &dst.mask) == 0)
			ck_assert_uint_eq(scx_cmask_weight(&dst.mask), dst.mask.nr_cids);
	}
	h.stop = 1;
	pthread_join(t, NULL);
	ck_assert_uint_eq(ok + refused, i);
	if (!scaled) {	/* both outcomes happened: the race was real */
		ck_assert_uint_gt(ok, 0);
		ck_assert_uint_gt(refused, 0);
	}
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* ---------------------------------------------------------------- in place */

START_TEST(in_place_ops)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct scx_cmask *m = put_hdr(p, 0x200, 70, 100, 8);
	SCX_CMASK_STORAGE(256) src;
	uint64_t before[8];
	uint32_t cid;

	memset(m->bits, 0, 8 * 8);
	m->bits[7] = 0x5a5a;	/* storage past the window: never touched */
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 70), 0);
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 169), 0);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 70), 1);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 71), 0);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 169), 1);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 170), 0);	/* outside: clear */
	ck_assert_uint_eq(m->bits[0], UINT64_C(1) << 6);
	ck_assert_uint_eq(m->bits[1], UINT64_C(1) << (169 - 128));
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 69), -ERANGE);
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 170), -ERANGE);
	ck_assert_int_eq(scx_arena_cmask_clear(&v, m, 170), -ERANGE);
	ck_assert_int_eq(scx_arena_cmask_test_and_set(&v, m, 170), -ERANGE);
	ck_assert_int_eq(scx_arena_cmask_test_and_clear(&v, m, 0xffffffffu), -ERANGE);
	ck_assert_int_eq(scx_arena_cmask_test_and_set(&v, m, 100), 0);
	ck_assert_int_eq(scx_arena_cmask_test_and_set(&v, m, 100), 1);
	ck_assert_int_eq(scx_arena_cmask_test_and_clear(&v, m, 100), 1);
	ck_assert_int_eq(scx_arena_cmask_test_and_clear(&v, m, 100), 0);
	ck_assert_int_eq(scx_arena_cmask_clear(&v, m, 70), 0);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 70), 0);

	/* copy in: src [30, 130) over the mask's [70, 170): cids 70..129 take src's value */
	scx_cmask_init(&src.mask, 30, 100);
	for (cid = 30; cid < 130; cid += 3)
		scx_cmask_set(cid, &src.mask);
	ck_assert_int_eq(scx_arena_cmask_copy_in(&v, m, &src.mask), 0);
	for (cid = 70; cid < 170; cid++)
		ck_assert_int_eq(scx_arena_cmask_test(&v, m, cid),
				 cid < 130 ? cid % 3 == 0 : cid == 169);
	ck_assert_uint_eq(m->bits[0] & ((UINT64_C(1) << 6) - 1), 0);	/* head padding */
	ck_assert_uint_eq(m->bits[7], 0x5a5a);
	ck_assert_uint_eq(m->base, 70);
	ck_assert_uint_eq(m->nr_cids, 100);
	ck_assert_uint_eq(m->alloc_words, 8);
	/* disjoint windows: nothing to copy; an invalid source is refused, nothing written */
	memcpy(before, m->bits, sizeof(before));
	scx_cmask_init(&src.mask, 170, 50);
	scx_cmask_fill(&src.mask);
	ck_assert_int_eq(scx_arena_cmask_copy_in(&v, m, &src.mask), 0);
	src.mask.nr_cids = 100000;
	ck_assert_int_eq(scx_arena_cmask_copy_in(&v, m, &src.mask), -EINVAL);
	ck_assert_int_eq(scx_arena_cmask_copy_in(&v, m, NULL), -EINVAL);
	ck_assert_int_eq(memcmp(before, m->bits, sizeof(before)), 0);
	/* bad views and headers, as for scx_arena_cmask() */
	ck_assert_int_eq(scx_arena_cmask_set(NULL, m, 80), -EINVAL);
	ck_assert_int_eq(scx_arena_cmask_test(&v, p + MAP_SZ, 80), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_set(&v, p + 4, 80), -EINVAL);
	m->alloc_words = 1;
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 80), -ENOSPC);
	ck_assert_int_eq(memcmp(before, m->bits, sizeof(before)), 0);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/*
 * The mask passed scx_arena_cmask(); then the BPF side re-initialises it
 * with a larger window and alloc_words, past the end of the arena (its
 * scx_cmask_init_alloc() may).  Every view operation checks the header
 * again and refuses, writing nothing; the guard page after the mapping
 * would turn any access past it into a crash.
 */
START_TEST(header_raised_after_check)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct scx_cmask *m = put_hdr(p, MAP_SZ - 16 - 8 * 5, 0, 256, 5), *out, *dup;
	SCX_CMASK_STORAGE(8192) big;
	char *before = malloc(MAP_SZ);

	ck_assert_ptr_nonnull(before);
	memset(m->bits, 0, 8 * 5);
	ck_assert_int_eq(scx_arena_cmask(&v, m, &out), 0);
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 255), 0);	/* the last cid: fine */
	put_hdr(p, MAP_SZ - 16 - 8 * 5, 0, 8192, 129);	/* 129 words: 124 past the end */
	memcpy(before, p, MAP_SZ);
	scx_cmask_init(&big.mask, 0, 8192);
	scx_cmask_fill(&big.mask);
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 8000), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_set(&v, m, 3), -EFAULT);	/* inside, but the header is bad */
	ck_assert_int_eq(scx_arena_cmask_clear(&v, m, 8000), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_test_and_set(&v, m, 8000), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_test_and_clear(&v, m, 255), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_test(&v, m, 8000), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_copy_in(&v, m, &big.mask), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_copy_out(&v, m, &big.mask), -EFAULT);
	ck_assert_int_eq(scx_arena_cmask_dup(&v, m, &dup), -EFAULT);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "runs past the end of the arena"));
	ck_assert_int_eq(memcmp(before, p, MAP_SZ), 0);
	free(before);
	unmap_guarded(p, MAP_SZ);
}
END_TEST

/* The racing writer of header_rewritten_during_copy against the in-place operations. */
START_TEST(header_rewritten_during_in_place_ops)
{
	char *p = map_guarded(NULL, MAP_SZ, 0);
	struct scx_arena_view v = view_of(p, MAP_SZ);
	struct hostile h = { .m = put_hdr(p, MAP_SZ - 16 - 8 * 17, 64, 1000, 17) };
	SCX_CMASK_STORAGE(1100) src;
	/* six operations a round: a sixth of the copy test's rounds */
	const char *scaled = getenv("SCXCMASK_STRESS_ITERS");
	unsigned long i, ok = 0, refused = 0, iters = scaled ? 160 * strtoul(scaled, NULL, 10) : 40000;
	struct timespec t0;
	pthread_t t;
	uint32_t x = 7;

	scx_cmask_init(&src.mask, 0, 1100);
	scx_cmask_fill(&src.mask);
	ck_assert_int_eq(pthread_create(&t, NULL, hostile_writer, &h), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < iters || (!scaled && (!ok || !refused) && seconds_since(&t0) < 30); i++) {
		uint32_t cid = 64 + (x >> 16) % 1000;
		int r[6];

		x = x * 1103515245u + 12345u;
		r[0] = scx_arena_cmask_set(&v, h.m, cid);
		r[1] = scx_arena_cmask_test(&v, h.m, cid);
		r[2] = scx_arena_cmask_test_and_clear(&v, h.m, cid);
		r[3] = scx_arena_cmask_test_and_set(&v, h.m, cid);
		r[4] = scx_arena_cmask_clear(&v, h.m, cid);
		r[5] = i % 64 ? 0 : scx_arena_cmask_copy_in(&v, h.m, &src.mask);
		for (int k = 0; k < 6; k++) {
			ck_assert_msg(r[k] == 0 || r[k] == 1 || r[k] == -EFAULT || r[k] == -ENOSPC ||
				      r[k] == -EOVERFLOW || r[k] == -ERANGE, "op %d returned %d", k, r[k]);
			if (r[k] < 0)
				refused++;
			else
				ok++;
		}
	}
	h.stop = 1;
	pthread_join(t, NULL);
	if (!scaled) {
		ck_assert_uint_gt(ok, 0);
		ck_assert_uint_gt(refused, 0);
	}
	unmap_guarded(p, MAP_SZ);
}
END_TEST

static Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("view");

	tcase_add_test(tc, view_init_rejects);
	tcase_add_test(tc, view_checked_on_use);
	tcase_add_test(tc, from_map_without_map);
	suite_add_tcase(s, tc);
	tc = tcase_create("addresses");
	tcase_add_test(tc, ptr_user_and_32bit_forms);
	tcase_add_test(tc, ptr_other_vm_start);
	tcase_add_test(tc, ptr_low32_zero_mapping);
	suite_add_tcase(s, tc);
	tc = tcase_create("cmask");
	tcase_add_test(tc, cmask_bad_headers);
	tcase_add_test(tc, cmask_at_end_of_mapping);
	tcase_add_test(tc, copy_out_keeps_only_the_window);
	tcase_add_test(tc, header_rewritten_during_copy);
	tcase_add_test(tc, in_place_ops);
	tcase_add_test(tc, header_raised_after_check);
	tcase_add_test(tc, header_rewritten_during_in_place_ops);
	tcase_set_timeout(tc, 60);	/* the race test may wait up to 30 s for its writer */
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	return t_run_suite(arena_suite());
}
