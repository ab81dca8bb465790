// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF side of the cross-boundary race test (race.c): one owner's rounds
 * over its cids of the shared arena mask, checking before each write that
 * the cid still holds what this owner left there.
 */
#include "test.bpf.h"
#include <scxcmask/cmask.bpf.h>
#include "race.h"

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, RACE_ARENA_PAGES);
} arena SEC(".maps");

SEC("syscall") int race_run(struct race_ctx *ctx)
{
	struct scx_cmask __arena *m = (struct scx_cmask __arena *)ctx->mask;
	__u32 owner = ctx->owner, n = ctx->nr_owners, atomic = ctx->atomic;
	__u32 r0 = ctx->round, rounds = ctx->rounds, r, k, c, errors = 0;
	__u64 writes = 0, lost = 0;
	int want, err;

	scxcmask_arena_use(arena);
	ctx->cpu = bpf_get_smp_processor_id();
	if (!n || owner >= n) {
		ctx->errors = 1;
		return 0;
	}
	for (r = r0 + 1; r <= r0 + rounds && scxcmask_can_loop; r++) {
		k = 0;
		for (c = RACE_BASE + owner; c < RACE_BASE + RACE_NR_CIDS && scxcmask_can_loop;
		     c += n) {
			want = RACE_WANT(r, k);
			if (scx_cmask_test(c, m) != !want)
				lost++;
			if (atomic)
				err = want ? scx_cmask_set(c, m) : scx_cmask_clear(c, m);
			else
				err = want ? scx_cmask_set_nonatomic(c, m) :
					     scx_cmask_clear_nonatomic(c, m);
			if (err)
				errors++;
			writes++;
			k++;
		}
		/* a round the budget cut short leaves a pattern nobody can check */
		if (c < RACE_BASE + RACE_NR_CIDS) {
			errors++;
			break;
		}
	}
	ctx->round = r - 1;
	ctx->writes = writes;
	ctx->lost = lost;
	ctx->errors = errors;
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
