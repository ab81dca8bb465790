/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What qmap_cid's BPF side and its agent share: sizes, and the layout of the
 * scheduler state in the arena.  Compiled by clang -target bpf (after
 * vmlinux.h) and by the agent's compiler, so it uses only __UINT*_TYPE__
 * spellings and cmask_defs.h.
 */
#ifndef QMAP_CID_H
#define QMAP_CID_H

#include <scxcmask/cmask_defs.h>

typedef __UINT32_TYPE__ qmap_u32;
typedef __UINT64_TYPE__ qmap_u64;
typedef __INT32_TYPE__ qmap_s32;

/* Widest machine the example schedules; a bigger one is refused at init. */
#define QMAP_MAX_CIDS		512
/* Words of a cmask able to hold QMAP_MAX_CIDS cids. */
#define QMAP_CMASK_WORDS	SCX_CMASK_NR_WORDS(QMAP_MAX_CIDS)
/* A cmask's storage as u64 words: 2 for the header, then bits[]. */
#define QMAP_CMASK_U64S		(SCX_CMASK_HDR_SIZE / 8 + QMAP_CMASK_WORDS)

/* Task contexts in the arena slab (tasks beyond it run without one). */
#define QMAP_MAX_TASKS		8192
/* Words of the free-slot cmask (one cid-like bit per slab entry). */
#define QMAP_SLOT_U64S		(SCX_CMASK_HDR_SIZE / 8 + SCX_CMASK_NR_WORDS(QMAP_MAX_TASKS))

/* FIFOs by task weight: low (nice > 0), normal, high (nice < 0). */
#define QMAP_NR_QUEUES		3

/* set_cmask samples kept for the agent: a ring of the latest calls. */
#define QMAP_NR_SAMPLES		256
/* Words of a sampled cmask kept; wider kernel masks are marked truncated. */
#define QMAP_SAMPLE_WORDS	QMAP_CMASK_WORDS

/* A copy of one cmask the kernel passed to ops.set_cmask(). */
struct qmap_sample {
	qmap_u64 seq;		/* 1 + index of the call; 0: slot never written */
	qmap_s32 pid;
	qmap_u32 base;
	qmap_u32 nr_cids;
	qmap_u32 alloc_words;
	qmap_u32 truncated;	/* alloc_words > QMAP_SAMPLE_WORDS */
	qmap_u32 arena_off;	/* the mask's offset in the arena (low 32 bits) */
	qmap_u64 words[QMAP_SAMPLE_WORDS];
};

/* Hotplug notifications kept for the agent: a ring of the latest ones. */
#define QMAP_NR_HP_EVENTS	16

/* One ops.cid_online()/ops.cid_offline() call, as the scheduler saw it. */
struct qmap_hp_event {
	qmap_u64 seq;		/* 1 + index of the call; 0: slot never written */
	qmap_s32 cid;		/* the callback's argument */
	qmap_u32 online;	/* 1: cid_online, 0: cid_offline */
	qmap_s32 cpu;		/* scx_bpf_cid_to_cpu(cid) during the callback */
	qmap_s32 online_bit;	/* 7.3: cid's bit in scx_bpf_online_cmask() then; -1 on 7.2 */
	qmap_u32 nr_online_cids;	/* scx_bpf_nr_online_cids() during the callback */
	qmap_u32 pad;
};

/*
 * What the agent needs to judge hotplug while the scheduler runs: the
 * notifications, the kernel's cid -> cpu answers as of the latest one
 * (written before its seq), and where the 7.3 online cmask lives.
 */
struct qmap_hotplug {
	qmap_u64 nr_events;		/* also the ring's cursor */
	qmap_u64 online_cmask;		/* scx_bpf_online_cmask() at init (0: none, 7.2) */
	struct qmap_hp_event ev[QMAP_NR_HP_EVENTS];
	qmap_s32 cid_to_cpu[QMAP_MAX_CIDS];	/* scx_bpf_cid_to_cpu() at the latest event */
};

/* A task's context: its allowed cids as a cmask, and a one-shot flag. */
struct qmap_task {
	qmap_u32 force_local;	/* select_cid claimed an idle cid for it */
	qmap_u32 queue;		/* FIFO it went to last */
	qmap_u64 allowed[QMAP_CMASK_U64S];	/* struct scx_cmask */
};

/*
 * What the 7.3 kfuncs add (issue 11): the kernel's online cmask, searched
 * by select_cid, and a check of scx_cmask_from_cpumask() in set_cmask.
 */
struct qmap_mainline {
	qmap_u64 online_addr;		/* user form of scx_bpf_online_cmask(); 0 on 7.2 */
	qmap_u64 nr_and2_selects;	/* select_cid searches of allowed & idle & online */
	qmap_u64 nr_cpumask_checked;	/* set_cmask calls compared with from_cpumask */
	qmap_u64 nr_cpumask_differ;	/* ... that differed */
	qmap_s32 differ_pid;		/* the last task whose masks differed */
	qmap_u32 pad;
	/* per cpu: scx_cmask_from_cpumask() of the task being checked */
	qmap_u64 scratch[QMAP_MAX_CIDS][QMAP_CMASK_U64S];
};

/*
 * The scheduler's state in the arena (the agent reaches it through the
 * arena map's mapping, at the offset of the arena global).
 */
struct qmap_arena {
	/*
	 * The first bytes stay unused: an object at arena offset 0 can have
	 * the 32-bit address 0, which casts read as NULL (docs/ABI.md 7).
	 */
	qmap_u64 reserved;
	qmap_u64 idle[QMAP_CMASK_U64S];		/* struct scx_cmask: idle cids */
	qmap_u64 free_slots[QMAP_SLOT_U64S];	/* struct scx_cmask: free slab entries */
	qmap_u64 nr_dispatched[QMAP_MAX_CIDS];	/* taken from a FIFO by dispatch(cid) */
	qmap_u64 nr_direct[QMAP_MAX_CIDS];	/* sent straight to an idle cid */
	qmap_u32 rr_queue[QMAP_MAX_CIDS];	/* per cid: FIFO being served */
	qmap_u32 rr_left[QMAP_MAX_CIDS];	/* per cid: dispatches left for it */
	qmap_u64 nr_enqueued[QMAP_NR_QUEUES];
	qmap_u64 nr_from_queue[QMAP_NR_QUEUES];
	qmap_s32 queue_depth[QMAP_NR_QUEUES];	/* last seen by dispatch() */
	qmap_u32 pad;
	qmap_u64 nr_kicks;
	qmap_u64 nr_no_ctx;			/* tasks without a slab entry */
	qmap_u64 nr_set_cmask;			/* also the sample ring's cursor */
	struct qmap_sample samples[QMAP_NR_SAMPLES];
	struct qmap_task tasks[QMAP_MAX_TASKS];
	struct qmap_mainline mainline;
	struct qmap_hotplug hp;
};

/* Weighted round robin: dispatches each FIFO gets per turn. */
#define QMAP_QUEUE_SHARES	{ 1, 3, 8 }

/* The kernel's tables, recorded by ops.init() for the agent. */
struct qmap_tables {
	qmap_u32 done;		/* 1 once filled */
	qmap_u32 nr_cids;
	qmap_u32 nr_online_cids;
	qmap_u32 nr_cpu_ids;
	qmap_u32 topo_size;	/* sizeof(struct scx_cid_topo) in the running kernel */
	qmap_u32 pad;
	qmap_u64 qa_addr;	/* where BPF sees struct qmap_arena (user form) */
	qmap_s32 cid_to_cpu[QMAP_MAX_CIDS];
	qmap_s32 cpu_to_cid[QMAP_MAX_CIDS];
	qmap_s32 topo[QMAP_MAX_CIDS][8];	/* 6 fields on 7.2 (rest -1), 8 on 7.3 */
};

/* Why the kernel stopped the scheduler, copied by ops.exit(). */
struct qmap_exit {
	qmap_u32 exited;
	qmap_s32 kind;
	__INT64_TYPE__ exit_code;
	char reason[128];
	char msg[1024];
};

/* The scheduler's .bss: its only global outside the arena. */
struct qmap_state {
	struct qmap_tables tables;
	struct qmap_exit exit_info;
};

#endif /* QMAP_CID_H */
