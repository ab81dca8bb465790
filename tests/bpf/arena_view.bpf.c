// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF half of the arena view test: builds two cmasks, one in the first
 * arena global (arena offset 0 with libbpf's layout) and one in a page from
 * bpf_arena_alloc_pages(), and stores their addresses as a scheduler would
 * hand them to its agent: as pointers in arena memory (whatever form clang
 * stores) and as the low 32 bits.  tests/bpf/arena_view.c follows them
 * through the library's arena view.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <scxcmask/cmask.bpf.h>
#include "arena_view.h"

struct {
	__uint(type, 33);	/* BPF_MAP_TYPE_ARENA, unnamed in older UAPI headers */
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 4);
} arena SEC(".maps");

void __arena *bpf_arena_alloc_pages(void *map, void __arena *addr, __u32 page_cnt, int node_id,
				    __u64 flags) __ksym __weak;

/* One global, so that its layout (and the mask at its start) is fixed. */
struct view_globals g __arena_global;

SEC("syscall")
int fill(void *ctx)
{
	struct scx_cmask __arena *a = (struct scx_cmask __arena *)g.first_mask;
	struct scx_cmask __arena *b;

	b = bpf_arena_alloc_pages(&arena, NULL, 1, -1 /* any node */, 0);
	if (!b) {
		g.err = -12;
		return 0;
	}
	g.err = scx_cmask_init(a, 70, 100) ?: scx_cmask_set(71, a) ?: scx_cmask_set(169, a) ?:
		scx_cmask_init(b, 1000, 300) ?: scx_cmask_set(1000, b) ?: scx_cmask_set(1299, b) ?:
		scx_cmask_set(1100, b);
	g.p_first = a;
	g.p_page = b;
	g.lo_first = (__u32)(__u64)a;
	g.lo_page = (__u32)(__u64)b;
	return 0;
}

/*
 * The first mask again, through the 32-bit form of its address, the way a
 * set_cmask callback gets the kernel's cmask: at offset 0 of a 4 GiB-aligned
 * arena that form is 0, and the helpers must still see the mask there.
 */
SEC("syscall")
int follow(void *ctx)
{
	const struct scx_cmask __arena *a =
		scx_cmask_from_set_cmask_arg((void *)(__u64)g.lo_first);
	struct scx_cmask __arena *c =
		(struct scx_cmask __arena *)((char __arena *)g.p_page + VIEW_COPY_OFF);

	scxcmask_arena_use(arena);
	g.follow_valid = scx_cmask_valid(a);
	g.follow_weight = scx_cmask_weight(a);
	g.follow_first = scx_cmask_first_set(a);
	g.follow_test = scx_cmask_test(169, a);
	g.follow_copy = scx_cmask_init(c, 0, 256) ?: scx_cmask_copy(c, a);
	g.copy_weight = scx_cmask_weight(c);
	return 0;
}

char _license[] SEC("license") = "Dual BSD/GPL";
