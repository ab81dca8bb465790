// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * A BPF program of another project: compiled with
 * clang -target bpf $(pkg-config --cflags scxcmask) against an installed
 * libscxcmask, without vmlinux.h.  It builds a cmask in an arena global;
 * its loader (consumer_load.c) reads the mask back with the userspace
 * library through the skeleton's mapping of the arena.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#define SCXCMASK_BPF_DEFINE_STRUCT	/* no vmlinux.h here */
#include <scxcmask/cmask.bpf.h>

/* BPF_MAP_TYPE_ARENA by number: Debian 12's UAPI header predates it. */
#define CONSUMER_MAP_TYPE_ARENA	33

struct {
	__uint(type, CONSUMER_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
} arena SEC(".maps");

/* Room for a 256-cid mask; the first word stays unused (see cmask.bpf.h). */
__u64 __arena_global storage[1 + SCX_CMASK_SIZE(256) / 8];

__s32 init_ret = -1;
__u32 weight = ~0u, first = ~0u, end = ~0u;

SEC("syscall")
int build(void *ctx)
{
	struct scx_cmask __arena *m =
		(struct scx_cmask __arena *)scx_arena_ptr(&storage[1]);

	init_ret = scx_cmask_init(m, 3, 250);
	scx_cmask_set(3, m);
	scx_cmask_set(64, m);
	scx_cmask_set(200, m);
	scx_cmask_set(252, m);
	scx_cmask_clear(64, m);
	weight = scx_cmask_weight(m);
	first = scx_cmask_first_set(m);
	end = scx_cmask_end(m);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
