// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Compile check of <scxcmask/cid_compat.bpf.h> and <scxcmask/sched_ext.bpf.h>
 * without a vmlinux.h, natively and with the asm casts forced: every name
 * of upstream's cid.bpf.h is used once, with the types upstream callers
 * pass.  Built, never loaded (it calls sched_ext kfuncs from a syscall
 * program); what the names do is checked by tests/bpf/oracle-upstream and,
 * with a real scheduler, by tests/vm/upstream-qmap.sh.
 */
#include "test.bpf.h"

#define SCXCMASK_BPF_DEFINE_STRUCT
#include <scxcmask/cid_compat.bpf.h>

struct {
	__uint(type, TEST_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 4);
} arena SEC(".maps");

/* storage for three small masks, as upstream schedulers embed them */
union small_mask {
	struct scx_cmask mask;
	__u64 raw[2 + CMASK_NR_WORDS(128)];
};

union small_mask __arena_global ma, mb, mc;

__u64 sink;

SEC("syscall") int use_every_name(void *ctx)
{
	struct scx_cmask __arena *a = &ma.mask, *b = &mb.mask, *c = &mc.mask;
	const struct scx_cmask __arena *on;
	__u64 acc = BIT_U64(3) | GENMASK_U64(5, 4) | CMASK_MAX_WORDS | CMASK_CAS_TRIES;
	__u32 cid;

	scxcmask_arena_use(arena);
	__cmask_init(a, 0, 100, 128);
	cmask_init(b, 10, 100);
	cmask_init(c, 0, 128);
	cmask_reframe(a, 5, 90);
	acc += __cmask_contains(7, a) + (__u64)__cmask_word(7, a);
	acc += cmask_test(7, a);
	cmask_set(8, a);
	cmask_clear(8, a);
	acc += cmask_test_and_set(9, a) + cmask_test_and_clear(9, a);
	__cmask_set(10, a);
	__cmask_clear(10, a);
	acc += __cmask_test_and_set(11, a) + __cmask_test_and_clear(11, a);
	cmask_zero(b);
	cmask_op_word(a, b, 0, 0, ~0ULL, BPF_CMASK_OP_OR);
	cmask_op(a, b, BPF_CMASK_OP_ANDNOT);
	cmask_and(a, b);
	cmask_or(a, b);
	cmask_copy(a, b);
	cmask_andnot(a, b);
	acc += cmask_equal(a, b) + cmask_subset(a, b) + cmask_intersects(a, b);
	acc += cmask_weight(a) + cmask_next_set(a, 3) + cmask_first_set(a);
	acc += cmask_next_and_set(a, b, 3) + cmask_next_set_wrap(a, 3);
	acc += cmask_next_and_set_wrap(a, b, 3) + cmask_next_and2_set(a, b, c, 3);
	acc += cmask_next_and2_set_wrap(a, b, c, 3) + BPF_CMASK_OP_AND + BPF_CMASK_OP_COPY;
	cmask_fill(c);
	acc += cmask_empty(c) + cmask_end(c);
	cmask_for_each(cid, a)
		acc += cid;
	/* the kfunc-based helpers, typed with the library's cmask */
	on = scx_cmask_online();
	if (on)
		acc += scx_cmask_weight(on);
	acc += scx_cmask_sub_grant(1, 1, a, b) + scx_cmask_sub_revoke(1, 1, a) +
	       scx_cmask_sub_caps(0, 1, c);
	cmask_from_cpumask(a, (const struct cpumask *)ctx);
	sink = acc;
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
