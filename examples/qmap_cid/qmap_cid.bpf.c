// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * qmap_cid: a small cid-form sched_ext scheduler (struct sched_ext_ops_cid,
 * Linux 7.2+) built on libscxcmask's BPF cmask helpers.
 *
 * - Three FIFOs (custom DSQs) by task weight; each cid serves them in a
 *   weighted round robin from ops.dispatch(cid).
 * - Every task's allowed cids live in the arena as a struct scx_cmask,
 *   copied from the mask the kernel hands to ops.set_cmask().
 * - The idle cids live in the arena as a struct scx_cmask, updated
 *   atomically from ops.update_idle() and searched with the wrap-around
 *   helpers: ops.select_cid() claims an idle cid the task may use, and
 *   ops.enqueue() kicks one for a queued task.
 * - Task contexts come from an arena slab whose free entries are one more
 *   cmask (a bit per entry), claimed with test_and_clear.
 * - ops.init() records the kernel's cid tables for the agent, which checks
 *   them against the library's prediction from sysfs; ops.set_cmask()
 *   keeps a ring of the masks it was given, for the same purpose.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <scxcmask/cmask.bpf.h>
#include <scxcmask/sched_ext.bpf.h>
#include "qmap_cid.h"

char _license[] SEC("license") = "Dual BSD/GPL";

#define QMAP_ENOMEM	12
#define QMAP_EINVAL	22

#define BPF_STRUCT_OPS(name, args...) SEC("struct_ops/" #name) BPF_PROG(name, ##args)
#define BPF_STRUCT_OPS_SLEEPABLE(name, args...) SEC("struct_ops.s/" #name) BPF_PROG(name, ##args)

/* Stops the scheduler with a message the agent prints (at least one argument). */
#define qmap_error(fmt, args...)						\
	({									\
		static char ___fmt[] = fmt;					\
		unsigned long long ___param[___bpf_narg(args)];			\
		_Pragma("GCC diagnostic push")					\
		_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")		\
		___bpf_fill(___param, args);					\
		_Pragma("GCC diagnostic pop")					\
		scx_bpf_error_bstr(___fmt, ___param, sizeof(___param));		\
	})

const volatile qmap_u64 slice_ns = 5000000ULL;

/* One arena, referenced by the programs: the kernel requires exactly one. */
struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1024);	/* pages of address space */
} arena SEC(".maps");

struct qmap_arena __arena_global qa;

/*
 * 7.3's kernel-maintained online cmask.  A flavoured name (libbpf resolves
 * the part before "___") so that it neither clashes with the prototype a
 * 7.3 vmlinux.h declares nor is missing from a 7.2 one; weak, so that the
 * object still loads on 7.2, where bpf_ksym_exists() is false.
 */
extern const void __arena *scx_bpf_online_cmask___qmap(void) __ksym __weak;

/* Per task: 1 + its slab index (0: no slab entry). */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, qmap_u32);
} task_slot SEC(".maps");

struct qmap_state st;
#define tables st.tables
#define exit_info st.exit_info

static struct scx_cmask __arena *idle_cids(void)
{
	return (struct scx_cmask __arena *)qa.idle;
}

static struct scx_cmask __arena *free_slots(void)
{
	return (struct scx_cmask __arena *)qa.free_slots;
}

static struct qmap_task __arena *task_ctx(struct task_struct *p)
{
	qmap_u32 *slot;

	/* 7.3 wants every program that casts arena pointers to name the arena */
	scxcmask_arena_use(arena);
	slot = bpf_task_storage_get(&task_slot, p, 0, 0);
	if (!slot || !*slot || *slot > QMAP_MAX_TASKS)
		return NULL;
	return &qa.tasks[*slot - 1];
}

static struct scx_cmask __arena *task_allowed(struct qmap_task __arena *t)
{
	return (struct scx_cmask __arena *)t->allowed;
}

static qmap_u32 weight_to_queue(qmap_u32 weight)
{
	if (weight < 100)
		return 0;
	if (weight == 100)
		return 1;
	return 2;
}

/*
 * Claims an idle cid the task may run on, looking from @from onwards and
 * wrapping.  One attempt only: if another cpu claims the cid between the
 * search and the test_and_clear, the task waits in its FIFO instead (a
 * retry loop around the search costs the verifier more than it is worth).
 */
/*
 * An idle cid in @allowed from @from on, wrapping.  On 7.3 the kernel's
 * online cmask is the third mask: a cid that went offline since its
 * update_idle(true) is never picked.  7.2 has no such cmask (NULL).
 */
static qmap_u32 find_idle_cid(const struct scx_cmask __arena *allowed,
			      const struct scx_cmask __arena *idle, qmap_u32 from)
{
	const struct scx_cmask __arena *online = scx_cmask_online();

	if (!online)
		return scx_cmask_next_and_set_wrap(allowed, idle, from);
	if (!qa.mainline.online_addr)
		qa.mainline.online_addr = (qmap_u64)online;
	__sync_fetch_and_add(&qa.mainline.nr_and2_selects, 1);
	return scx_cmask_next_and2_set_wrap(allowed, idle, online, from);
}

static qmap_s32 claim_idle_cid(const struct scx_cmask __arena *allowed, qmap_u32 from)
{
	struct scx_cmask __arena *idle = idle_cids();
	qmap_u32 cid;

	cid = find_idle_cid(allowed, idle, from);
	if (cid >= scx_cmask_end(idle) || !scx_cmask_test_and_clear(cid, idle))
		return -1;
	return cid;
}

s32 BPF_STRUCT_OPS(qmap_select_cid, struct task_struct *p, s32 prev_cid, u64 wake_flags)
{
	struct qmap_task __arena *t = task_ctx(p);
	qmap_s32 cid;

	if (!t)
		return prev_cid;
	/* the previous cid if it is idle and allowed: its caches are warm */
	if (prev_cid >= 0 && scx_cmask_test(prev_cid, task_allowed(t)) &&
	    scx_cmask_test_and_clear(prev_cid, idle_cids())) {
		t->force_local = 1;
		return prev_cid;
	}
	cid = claim_idle_cid(task_allowed(t), prev_cid < 0 ? 0 : prev_cid + 1);
	if (cid < 0)
		return prev_cid;
	t->force_local = 1;
	return cid;
}

void BPF_STRUCT_OPS(qmap_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct qmap_task __arena *t = task_ctx(p);
	qmap_u32 q = weight_to_queue(p->scx.weight);
	qmap_s32 cid, here = scx_bpf_task_cid(p);

	if (t && t->force_local) {
		t->force_local = 0;
		if (here >= 0 && here < QMAP_MAX_CIDS)
			__sync_fetch_and_add(&qa.nr_direct[here], 1);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, enq_flags);
		return;
	}
	if (!t)
		__sync_fetch_and_add(&qa.nr_no_ctx, 1);
	else
		t->queue = q;
	__sync_fetch_and_add(&qa.nr_enqueued[q], 1);
	scx_bpf_dsq_insert(p, q, slice_ns, enq_flags);

	/*
	 * Wake an idle cid to pick the task up: its own cid if idle (the
	 * kernel keeps a task's cid within its affinity), else any idle cid,
	 * whose dispatch() takes whatever FIFO head may run there.  Cheaper to
	 * verify than a second search of the task's allowed cids.
	 */
	if (here >= 0 && scx_cmask_test_and_clear(here, idle_cids())) {
		cid = here;
	} else {
		cid = scx_cmask_next_set_wrap(idle_cids(), here < 0 ? 0 : here);
		if (cid >= scx_cmask_end(idle_cids()) || !scx_cmask_test_and_clear(cid, idle_cids()))
			cid = -1;
	}
	if (cid >= 0) {
		__sync_fetch_and_add(&qa.nr_kicks, 1);
		scx_bpf_kick_cid(cid, SCX_KICK_IDLE);
	}
}

void BPF_STRUCT_OPS(qmap_dispatch, s32 cid, struct task_struct *prev)
{
	static const qmap_u32 shares[QMAP_NR_QUEUES] = QMAP_QUEUE_SHARES;
	qmap_u32 q, i;

	if (cid < 0 || cid >= QMAP_MAX_CIDS)
		return;
	q = qa.rr_queue[cid];
	for (i = 0; i < QMAP_NR_QUEUES + 1; i++) {
		if (q >= QMAP_NR_QUEUES)
			q = 0;
		if (!qa.rr_left[cid]) {
			/* this FIFO's turn is over: next one, with its share */
			q = (q + 1) % QMAP_NR_QUEUES;
			qa.rr_left[cid] = shares[q];
		}
		if (scx_bpf_dsq_move_to_local(q)) {
			qa.rr_left[cid]--;
			qa.rr_queue[cid] = q;
			__sync_fetch_and_add(&qa.nr_dispatched[cid], 1);
			__sync_fetch_and_add(&qa.nr_from_queue[q], 1);
			qa.queue_depth[q] = scx_bpf_dsq_nr_queued(q);
			return;
		}
		/* empty: give up the rest of its turn */
		qa.queue_depth[q] = 0;
		qa.rr_left[cid] = 0;
	}
	qa.rr_queue[cid] = q;
}

void BPF_STRUCT_OPS(qmap_update_idle, s32 cid, bool idle)
{
	if (cid < 0)
		return;
	if (idle)
		scx_cmask_set(cid, idle_cids());
	else
		scx_cmask_clear(cid, idle_cids());
}

/*
 * @cmask is an arena address (7.2.13 types it as a kernel pointer and a
 * plain load through it faults): read it only through the arena cast.
 */
/*
 * -c's check of scx_cmask_from_cpumask(): the task's cpumask converted in
 * BPF must equal the cmask the kernel passed to set_cmask.
 */
static void check_from_cpumask(struct task_struct *p, const struct scx_cmask __arena *m)
{
	qmap_u32 cpu = bpf_get_smp_processor_id();
	struct scx_cmask __arena *mine;

	if (cpu >= QMAP_MAX_CIDS)
		return;
	mine = (struct scx_cmask __arena *)qa.mainline.scratch[cpu];
	if (scx_cmask_init(mine, m->base, m->nr_cids) ||
	    scx_cmask_from_cpumask(mine, p->cpus_ptr))
		return;
	__sync_fetch_and_add(&qa.mainline.nr_cpumask_checked, 1);
	if (!scx_cmask_equal(mine, m)) {
		__sync_fetch_and_add(&qa.mainline.nr_cpumask_differ, 1);
		qa.mainline.differ_pid = p->pid;
	}
}

void BPF_STRUCT_OPS(qmap_set_cmask, struct task_struct *p, void *cmask)
{
	const struct scx_cmask __arena *m = scx_cmask_from_set_cmask_arg(cmask);
	struct qmap_task __arena *t = task_ctx(p);
	struct qmap_sample __arena *s;
	qmap_u64 seq;
	qmap_u32 i, n;

	if (!m)
		return;
	if (t)
		scx_cmask_copy(task_allowed(t), m);
	check_from_cpumask(p, m);

	/* Keep a raw copy (header and words) for the agent's check. */
	seq = __sync_fetch_and_add(&qa.nr_set_cmask, 1);
	s = &qa.samples[seq % QMAP_NR_SAMPLES];
	s->seq = 0;
	s->pid = p->pid;
	s->base = m->base;
	s->nr_cids = m->nr_cids;
	s->alloc_words = m->alloc_words;
	s->arena_off = (qmap_u32)(unsigned long)m;
	n = s->alloc_words;
	s->truncated = n > QMAP_SAMPLE_WORDS;
	if (n > QMAP_SAMPLE_WORDS)
		n = QMAP_SAMPLE_WORDS;
	for (i = 0; i < n && i < QMAP_SAMPLE_WORDS; i++)
		s->words[i] = m->bits[i];
	asm volatile("" ::: "memory");	/* x86 keeps stores in order */
	s->seq = seq + 1;
}

s32 BPF_STRUCT_OPS(qmap_init_task, struct task_struct *p, struct scx_init_task_args *args)
{
	struct qmap_task __arena *t;
	qmap_u32 *slot, idx;

	slot = bpf_task_storage_get(&task_slot, p, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!slot)
		return -QMAP_ENOMEM;
	*slot = 0;
	idx = scx_cmask_next_set_wrap(free_slots(), (qmap_u32)p->pid % QMAP_MAX_TASKS);
	if (idx >= QMAP_MAX_TASKS || !scx_cmask_test_and_clear(idx, free_slots())) {
		/* full, or lost a race: the task runs without a context */
		__sync_fetch_and_add(&qa.nr_no_ctx, 1);
		return 0;
	}
	t = &qa.tasks[idx];
	t->force_local = 0;
	t->queue = 0;
	/* allowed everywhere until the kernel says otherwise */
	scx_cmask_init(task_allowed(t), 0, scx_bpf_nr_cids());
	scx_cmask_fill(task_allowed(t));
	*slot = idx + 1;
	return 0;
}

void BPF_STRUCT_OPS(qmap_exit_task, struct task_struct *p, struct scx_exit_task_args *args)
{
	qmap_u32 *slot;

	slot = bpf_task_storage_get(&task_slot, p, 0, 0);
	if (!slot || !*slot || *slot > QMAP_MAX_TASKS)
		return;
	scx_cmask_set(*slot - 1, free_slots());
	*slot = 0;
}

/*
 * The kernel's cid tables as the kfuncs answer them, for the agent.
 * bpf_for() keeps the verifier from unrolling the loops.
 */
static void record_tables(void)
{
	qmap_u32 nr_cids = scx_bpf_nr_cids(), nr_cpu_ids = scx_bpf_nr_cpu_ids();
	int i;

	tables.nr_cids = nr_cids;
	tables.nr_online_cids = scx_bpf_nr_online_cids();
	tables.nr_cpu_ids = nr_cpu_ids;
	tables.topo_size = bpf_core_type_size(struct scx_cid_topo);
	bpf_for(i, 0, nr_cids < QMAP_MAX_CIDS ? nr_cids : QMAP_MAX_CIDS) {
		if (i < 0 || i >= QMAP_MAX_CIDS)
			break;
		tables.cid_to_cpu[i] = scx_bpf_cid_to_cpu(i);
		/* the kernel fills what its struct lacks with -1 */
		scx_bpf_cid_topo(i, (struct scx_cid_topo *)tables.topo[i], sizeof(tables.topo[i]));
	}
	bpf_for(i, 0, nr_cpu_ids < QMAP_MAX_CIDS ? nr_cpu_ids : QMAP_MAX_CIDS) {
		if (i < 0 || i >= QMAP_MAX_CIDS)
			break;
		tables.cpu_to_cid[i] = scx_bpf_cpu_to_cid(i);
	}
	tables.qa_addr = (qmap_u64)&qa;
	tables.done = 1;
}

/*
 * A cid went offline or online.  The kernel keeps its enable-time tables
 * (no renumbering) and, on 7.3, has already updated the cid's bit in the
 * online cmask.  Record what the kernel answers now, then publish the event.
 */
static void record_hotplug(qmap_s32 cid, qmap_u32 online)
{
	const struct scx_cmask __arena *om;
	struct qmap_hp_event __arena *ev;
	qmap_u32 nr_cids = scx_bpf_nr_cids();
	qmap_u64 seq;
	int i;

	scxcmask_arena_use(arena);
	bpf_for(i, 0, nr_cids < QMAP_MAX_CIDS ? nr_cids : QMAP_MAX_CIDS) {
		if (i < 0 || i >= QMAP_MAX_CIDS)
			break;
		qa.hp.cid_to_cpu[i] = scx_bpf_cid_to_cpu(i);
	}
	seq = __sync_fetch_and_add(&qa.hp.nr_events, 1);
	ev = &qa.hp.ev[seq % QMAP_NR_HP_EVENTS];
	ev->seq = 0;
	ev->cid = cid;
	ev->online = online;
	ev->cpu = scx_bpf_cid_to_cpu(cid);
	ev->nr_online_cids = scx_bpf_nr_online_cids();
	ev->online_bit = -1;
	if (bpf_ksym_exists(scx_bpf_online_cmask___qmap)) {
		om = (const struct scx_cmask __arena *)scx_bpf_online_cmask___qmap();
		if (om && cid >= 0)
			ev->online_bit = scx_cmask_test(cid, om);
	}
	asm volatile("" ::: "memory");	/* x86 keeps stores in order */
	ev->seq = seq + 1;
}

void BPF_STRUCT_OPS(qmap_cid_online, s32 cid)
{
	record_hotplug(cid, 1);
}

void BPF_STRUCT_OPS(qmap_cid_offline, s32 cid)
{
	record_hotplug(cid, 0);
}

s32 BPF_STRUCT_OPS_SLEEPABLE(qmap_init)
{
	qmap_u32 nr_cids = scx_bpf_nr_cids();
	qmap_u32 q;
	int err;

	if (nr_cids > QMAP_MAX_CIDS) {
		qmap_error("%u cids: qmap_cid handles at most %d", nr_cids, QMAP_MAX_CIDS);
		return -QMAP_EINVAL;
	}
	record_tables();
	if (bpf_ksym_exists(scx_bpf_online_cmask___qmap))
		qa.hp.online_cmask = (qmap_u64)scx_bpf_online_cmask___qmap();
	err = scx_cmask_init(idle_cids(), 0, nr_cids);
	err = err ?: scx_cmask_init(free_slots(), 0, QMAP_MAX_TASKS);
	err = err ?: scx_cmask_fill(free_slots());
	if (err) {
		qmap_error("cannot set up the arena cmasks (%d)", err);
		return err;
	}
	for (q = 0; q < QMAP_NR_QUEUES; q++) {
		err = scx_bpf_create_dsq(q, -1);
		if (err)
			return err;
	}
	return 0;
}

void BPF_STRUCT_OPS(qmap_exit, struct scx_exit_info *ei)
{
	exit_info.kind = ei->kind;
	exit_info.exit_code = ei->exit_code;
	bpf_probe_read_kernel_str(exit_info.reason, sizeof(exit_info.reason), ei->reason);
	bpf_probe_read_kernel_str(exit_info.msg, sizeof(exit_info.msg), ei->msg);
	asm volatile("" ::: "memory");	/* x86 keeps stores in order */
	exit_info.exited = 1;
}

SEC(".struct_ops.link")
struct sched_ext_ops_cid qmap_cid_ops = {
	.select_cid = (void *)qmap_select_cid,
	.enqueue = (void *)qmap_enqueue,
	.dispatch = (void *)qmap_dispatch,
	.update_idle = (void *)qmap_update_idle,
	.set_cmask = (void *)qmap_set_cmask,
	.init_task = (void *)qmap_init_task,
	.exit_task = (void *)qmap_exit_task,
	.cid_online = (void *)qmap_cid_online,
	.cid_offline = (void *)qmap_cid_offline,
	.init = (void *)qmap_init,
	.exit = (void *)qmap_exit,
	/*
	 * The kernel's maximum: under emulation on a loaded host a vCPU of a
	 * 64-vCPU guest can go 10 s without running (a runnable-task stall
	 * ejected qmap_cid once at 10 s, with the host's load at 20 on 2 cores).
	 */
	.timeout_ms = 30000,
	.name = "qmap_cid",
};
