// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF half of the arena demo.  It needs BPF arenas (Linux 6.9+), not
 * sched_ext: syscall programs stand in for a scheduler's callbacks.
 *
 * setup: allocates three cmasks in the arena (idle, busy, picked), one cid
 * per cpu of the machine, and publishes their addresses.
 * step:  simulates cpus going busy and idle, and picks idle cids round
 *        robin, as a scheduler's select_cpu would (picked: this step's
 *        picks), with the same cmask operations the agent uses.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <scxcmask/cmask.bpf.h>
#include "arena_agent.h"

struct {
	__uint(type, 33 /* BPF_MAP_TYPE_ARENA; older UAPI headers lack the name */);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 16);	/* pages */
} arena SEC(".maps");

void __arena *bpf_arena_alloc_pages(void *map, void __arena *addr, __u32 page_cnt,
				    int node_id, __u64 flags) __ksym __weak;

struct agent_shared __arena_global shared;

static __always_inline struct agent_shared __arena *sh(void)
{
	return scx_arena_ptr(&shared);
}

static __always_inline struct scx_cmask __arena *mask(__u64 addr)
{
	return (struct scx_cmask __arena *)addr;
}

SEC("syscall") int setup(struct agent_setup_args *args)
{
	__u32 nr = args->nr_cids, size = scx_cmask_size(nr);
	struct agent_shared __arena *s = sh();
	char __arena *page;
	int err;

	if (nr == 0 || 3 * size > 4096)
		return 1;
	page = bpf_arena_alloc_pages(&arena, NULL, 1, -1 /* any node */, 0);
	if (!page)
		return 2;
	/* the allocator hands out user-form addresses: what the agent reads */
	s->idle = (__u64)page;
	s->busy = (__u64)(page + size);
	s->picked = (__u64)(page + 2 * size);
	err = scx_cmask_init(mask(s->idle), 0, nr) ?: scx_cmask_fill(mask(s->idle)) ?:
	      scx_cmask_init(mask(s->busy), 0, nr) ?: scx_cmask_init(mask(s->picked), 0, nr);
	s->nr_cids = nr;
	s->last_pick = nr;
	s->err = err;
	/* in the form the agent follows, wherever libbpf placed the global */
	args->shared = (__u64)scx_arena_addr(&shared);
	return err ? 3 : 0;
}

/* One simulated event: a cid goes busy or idle, then a pick. */
static __always_inline void event(struct agent_shared __arena *s)
{
	struct scx_cmask __arena *idle = mask(s->idle), *busy = mask(s->busy);
	__u32 cid = bpf_get_prandom_u32() % s->nr_cids, pick;

	if (scx_cmask_test_and_clear(cid, idle))
		scx_cmask_set(cid, busy);
	else if (scx_cmask_test_and_clear(cid, busy))
		scx_cmask_set(cid, idle);

	/* round robin over the idle cids, from the one after the last pick */
	pick = scx_cmask_next_set_wrap(idle, s->last_pick + 1);
	if (pick < scx_cmask_end(idle)) {
		scx_cmask_set(pick, mask(s->picked));
		s->last_pick = pick;
	}
	s->rounds++;
}

SEC("syscall") int step(struct agent_step_args *args)
{
	struct agent_shared __arena *s = sh();
	__u32 i, n = args->events;

	if (!s->nr_cids)
		return 1;
	/* picked holds this step's picks */
	scx_cmask_zero(mask(s->picked));
	/* scxcmask_can_loop bounds the loop for the verifier (may_goto) */
	for (i = 0; i < n && scxcmask_can_loop; i++)
		event(s);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
