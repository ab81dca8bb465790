/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What arena_agent.bpf.c and its agent (arena_agent.c) share: the arena
 * global holding the addresses of three cmasks the BPF side allocates and
 * keeps up to date, and the context of the two programs.
 */
#ifndef ARENA_AGENT_H
#define ARENA_AGENT_H

/*
 * An arena global: at arena offset 0 with libbpf up to 1.5, at the end of
 * the arena with later ones on kernels that allow it.  The skeleton knows
 * where; an agent without one takes its address from setup's ctx.
 */
struct agent_shared {
	/*
	 * Kept unused: in an arena mapped at a 4 GiB-aligned address, arena
	 * offset 0 has the 32-bit address 0, which reads as NULL.
	 */
	__u64 reserved;
	/* user-form addresses (what the BPF side's pointers hold) */
	__u64 idle;		/* cids the simulation has idle */
	__u64 busy;		/* cids running something */
	__u64 picked;		/* cids the round-robin picker chose in the last step */
	__u32 nr_cids;
	__u32 last_pick;	/* last cid picked, or nr_cids for none */
	__u32 rounds;
	__s32 err;		/* first error of the BPF side, 0 if none */
};

/* ctx of the setup program (syscall programs write their ctx back) */
struct agent_setup_args {
	__u32 nr_cids;
	__u32 pad;
	__u64 shared;		/* out: the address of struct agent_shared */
};

/* ctx of the step program: how many simulated events to run */
struct agent_step_args {
	__u32 events;
};

#endif /* ARENA_AGENT_H */
