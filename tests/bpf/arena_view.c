// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The arena view on a real arena: a syscall program (arena_view.bpf.c)
 * builds cmasks in the arena and stores their addresses; the agent follows
 * them with scx_arena_view_from_map() + scx_arena_ptr() and copies them out.
 * Run twice: with the arena where the kernel puts it, and at 1 << 45,
 * whose low 32 bits are zero, so that the mask at arena offset 0 has the
 * 32-bit address 0 (ABI.md 7).  Not qmap's 1 << 44: AddressSanitizer keeps
 * its shadow there, and libbpf's MAP_FIXED mapping would land on it.
 * Prints what the kernel and clang produced, then
 * "N passed, N failed".  Needs root and arenas, else exits 77.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/scxcmask.h>
#include "arena_view.h"
#include "arena_probe.h"
#include "arena_view_native.skel.h"

static int passed, failed;

#define EXPECT(cond, ...)							\
	do {									\
		if (cond) {							\
			passed++;						\
		} else {							\
			failed++;						\
			printf("FAIL: %s: ", #cond);				\
			printf(__VA_ARGS__);					\
			printf(" (%s)\n", scxcmask_errmsg());			\
		}								\
	} while (0)

/* Follows @addr to a cmask and checks its window and set cids. */
static void expect_mask(const struct scx_arena_view *v, uint64_t addr, const void *want_at,
			uint32_t base, uint32_t nr, const uint32_t *cids, int nr_set,
			const char *what)
{
	struct scx_cmask *m = NULL;
	void *p = NULL;
	int err = scx_arena_ptr(v, addr, sizeof(struct scx_cmask), &p), i;

	EXPECT(!err && (!want_at || p == want_at), "%s: address 0x%" PRIx64 " -> %p (err %d), want %p",
	       what, addr, p, err, want_at);
	if (err)
		return;
	err = scx_arena_cmask_dup(v, p, &m);
	EXPECT(!err, "%s: dup: %d", what, err);
	if (err)
		return;
	EXPECT(m->base == base && m->nr_cids == nr, "%s: window %u+%u, want %u+%u", what, m->base,
	       m->nr_cids, base, nr);
	EXPECT(scx_cmask_weight(m) == (uint32_t)nr_set, "%s: weight %u, want %d", what,
	       scx_cmask_weight(m), nr_set);
	for (i = 0; i < nr_set; i++)
		EXPECT(scx_cmask_test(cids[i], m), "%s: cid %u not set", what, cids[i]);
	scx_cmask_free(m);
}

static int run(uint64_t map_extra)
{
	static const uint32_t first_cids[] = { 71, 169 }, page_cids[] = { 1000, 1100, 1299 };
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	SCX_ARENA_VIEW_OPTS(zero_opts, .flags = SCX_ARENA_ZERO_IS_OFFSET0);
	struct scx_arena_view v, vz;
	struct arena_view_native *skel;
	struct view_globals *g;
	uint64_t first_off;
	int err;

	skel = arena_view_native__open();
	if (!skel) {
		printf("FAIL: open: %s\n", strerror(errno));
		return 1;
	}
	if (map_extra && bpf_map__set_map_extra(skel->maps.arena, map_extra)) {
		printf("FAIL: map_extra\n");
		return 1;
	}
	err = arena_view_native__load(skel);
	if (err) {
		printf("FAIL: load: %d\n", err);
		arena_view_native__destroy(skel);
		return 1;
	}
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.fill), &opts);
	g = &skel->arena->g;
	EXPECT(!err && !opts.retval && !g->err, "run: %d, retval %u, program error %d", err,
	       opts.retval, g->err);

	err = scx_arena_view_from_map(&v, skel->maps.arena, NULL);
	EXPECT(!err, "view_from_map: %d", err);
	if (err)
		goto out;
	EXPECT(v.size == 4 * (size_t)getpagesize(), "view size %zu", v.size);
	first_off = (uint64_t)((char *)g - (char *)v.base);
	printf("arena at 0x%" PRIx64 " (%zu bytes); first global at offset 0x%" PRIx64 "\n",
	       v.vm_start, v.size, first_off);
	printf("  stored pointers: first 0x%016" PRIx64 ", page 0x%016" PRIx64 "\n",
	       g->p_first, g->p_page);
	printf("  low 32 bits:     first 0x%08" PRIx32 ", page 0x%08" PRIx32 "\n", g->lo_first,
	       g->lo_page);

	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.follow), &opts);
	EXPECT(!err && !opts.retval, "follow: %d, retval %u", err, opts.retval);
	EXPECT(g->follow_valid == 0 && g->follow_weight == 2 && g->follow_first == 71 &&
	       g->follow_test == 1,
	       "BPF through the 32-bit form 0x%x: valid %d, weight %u, first %u, test(169) %d; want 0, 2, 71, 1",
	       g->lo_first, g->follow_valid, g->follow_weight, g->follow_first, g->follow_test);
	EXPECT(g->follow_copy == 0 && g->copy_weight == 2,
	       "BPF copy from the 32-bit form 0x%x: %d, weight %u; want 0, 2", g->lo_first,
	       g->follow_copy, g->copy_weight);

	expect_mask(&v, g->p_page, NULL, 1000, 300, page_cids, 3, "page, stored pointer");
	expect_mask(&v, g->lo_page, NULL, 1000, 300, page_cids, 3, "page, 32-bit form");
	EXPECT((uint32_t)g->p_page == g->lo_page, "low bits of the stored pointer");

	if ((uint32_t)v.vm_start || first_off) {
		expect_mask(&v, g->p_first, g->first_mask, 70, 100, first_cids, 2,
			    "first global, stored pointer");
		expect_mask(&v, g->lo_first, g->first_mask, 70, 100, first_cids, 2,
			    "first global, 32-bit form");
	} else {
		void *p = NULL;

		/* the pitfall: offset 0 of a 4 GiB-aligned arena reads as 0 */
		EXPECT(g->lo_first == 0, "32-bit form of offset 0 is 0x%x", g->lo_first);
		EXPECT(scx_arena_ptr(&v, g->lo_first, 16, &p) == -EFAULT,
		       "0 is NULL by default");
		EXPECT(scx_arena_view_from_map(&vz, skel->maps.arena, &zero_opts) == 0, "zero view");
		expect_mask(&vz, g->lo_first, g->first_mask, 70, 100, first_cids, 2,
			    "offset 0, 32-bit form 0 with SCX_ARENA_ZERO_IS_OFFSET0");
		expect_mask(&vz, g->p_first, g->first_mask, 70, 100, first_cids, 2,
			    "offset 0, stored pointer with SCX_ARENA_ZERO_IS_OFFSET0");
	}
out:
	arena_view_native__destroy(skel);
	return 0;
}

/* Root, and a kernel that makes arena maps; else why not (arena_probe.h). */
static const char *cannot_run(void)
{
	static char why[256];

	return arena_probe(why, sizeof(why)) ? why : NULL;
}

int main(void)
{
	const char *why = cannot_run();

	if (why) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	if (run(0) || run(UINT64_C(1) << 45))
		failed++;
	printf("arena_view: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
