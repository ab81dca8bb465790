/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Cmask helpers that need sched_ext kfuncs, kept apart from
 * <scxcmask/cmask.bpf.h> so that a program which does not include this file
 * (or includes it and calls none of it) still loads on a kernel with arenas
 * but no sched_ext: every kfunc here is declared __weak and every function
 * is static inline, so nothing reaches the object unless it is called.
 *
 *	#include <scx/common.bpf.h>		(or vmlinux.h + bpf_helpers.h)
 *	#include <scxcmask/cmask.bpf.h>
 *	#include <scxcmask/sched_ext.bpf.h>
 *
 * The kfunc declarations repeat whichever declarations the program already
 * has, so that clang sees no conflicting types: scx/common.bpf.h's (arena
 * pointers typed address_space(1), BPF_NO_KFUNC_PROTOTYPES defined) or, for
 * a vmlinux.h included with its kfunc prototypes, bpftool's (a
 * btf_type_tag("address_space(1)") on a plain pointer; a 7.2 vmlinux.h has
 * none of the 7.3 kfuncs, and these are then the only declarations).
 *
 * Kernels: scx_cmask_from_cpumask() needs 7.2+ (cids); the online cmask and
 * the sub-scheduler capability kfuncs need 7.3+.  On an older kernel the
 * 7.3 wrappers return NULL or -EOPNOTSUPP; the verifier drops the call.
 */
#ifndef SCXCMASK_SCHED_EXT_BPF_H
#define SCXCMASK_SCHED_EXT_BPF_H

#include <scxcmask/cmask.bpf.h>

#ifndef __ksym
#define __ksym __attribute__((section(".ksyms")))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif

struct cpumask;

/* vmlinux.h's u64 is unsigned long long; __UINT64_TYPE__ is unsigned long on BPF. */
typedef unsigned long long scxcmask__kf_u64;

/* 7.2+ */
extern __UINT32_TYPE__ scx_bpf_nr_cpu_ids(void) __ksym __weak;
extern __INT32_TYPE__ scx_bpf_cpu_to_cid(__INT32_TYPE__ cpu) __ksym __weak;
extern _Bool bpf_cpumask_test_cpu(__UINT32_TYPE__ cpu, const struct cpumask *cpumask) __ksym __weak;
/*
 * 7.3+.  SCXCMASK__KF_ARENA qualifies the arena pointers as the program's
 * other declarations do; SCXCMASK__KF_PTR converts a library cmask to it.
 */
#if defined(__VMLINUX_H__) && !defined(BPF_NO_KFUNC_PROTOTYPES)
#define SCXCMASK__KF_ARENA		__attribute__((btf_type_tag("address_space(1)")))
#define SCXCMASK__KF_PTR(type, p)	((type SCXCMASK__KF_ARENA *)(p))
#else
#define SCXCMASK__KF_ARENA		__arena
#define SCXCMASK__KF_PTR(type, p)	(p)
#endif
extern const void SCXCMASK__KF_ARENA *scx_bpf_online_cmask(void) __ksym __weak;
extern __INT32_TYPE__ scx_bpf_sub_grant(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps,
					const struct scx_cmask SCXCMASK__KF_ARENA *cmask__arena,
					struct scx_cmask SCXCMASK__KF_ARENA *denied_out__arena__nullable)
	__ksym __weak;
extern void scx_bpf_sub_revoke(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps,
			       const struct scx_cmask SCXCMASK__KF_ARENA *cmask__arena) __ksym __weak;
extern __INT32_TYPE__ scx_bpf_sub_caps(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps,
				       struct scx_cmask SCXCMASK__KF_ARENA *out__arena) __ksym __weak;

/* Whether a weak kfunc resolved on the running kernel (libbpf writes 0 if not). */
#ifdef bpf_ksym_exists
#define scxcmask__kfunc_exists(f)	bpf_ksym_exists(f)
#else
#define scxcmask__kfunc_exists(f)	((void *)(f) != (void *)0)
#endif

#define SCXCMASK__EOPNOTSUPP	95

/**
 * scx_cmask_from_cpumask() - @m := the cids of the cpus in @cpumask
 * @m: cmask to fill; its window stays, it is zeroed first
 * @cpumask: a trusted kernel cpumask (task->cpus_ptr under RCU, a kptr)
 *
 * As upstream's cmask_from_cpumask(): cpus without a cid and cids outside
 * @m's window are left out.  Loops over scx_bpf_nr_cpu_ids() cpus, bounded
 * by the may_goto budget like every word loop here.
 *
 * Return: 0; -EINVAL if @m is not a valid cmask; -EAGAIN if the loop
 * budget ran out (SCXCMASK_BPF_ON_BUDGET_EXHAUSTED() called): @m then
 * holds the cids of the cpus visited so far only, never one too many.
 */
static inline __attribute__((always_inline)) int
scx_cmask_from_cpumask(struct scx_cmask __arena *m, const struct cpumask *cpumask)
{
	__UINT32_TYPE__ nr_cpus = scx_bpf_nr_cpu_ids(), cpu;
	int err;

	err = scx_cmask_zero(m);
	if (err)
		return err;
	for (cpu = 0; cpu < nr_cpus && scxcmask_can_loop; cpu++) {
		__INT32_TYPE__ cid;

		if (!bpf_cpumask_test_cpu(cpu, cpumask))
			continue;
		cid = scx_bpf_cpu_to_cid((__INT32_TYPE__)cpu);
		if (cid >= 0)
			scx_cmask_set_nonatomic((__UINT32_TYPE__)cid, m);
	}
	if (cpu < nr_cpus) {
		/* no break above: may_goto stopped the loop */
		SCXCMASK_BPF_ON_BUDGET_EXHAUSTED("scx_cmask_from_cpumask");
		return -SCXCMASK__EAGAIN;
	}
	return 0;
}

/**
 * scx_cmask_online() - the kernel's cmask of the online cids (7.3+)
 *
 * scx_bpf_online_cmask() typed as a library cmask.  The kernel keeps it in
 * the scheduler's arena and updates it before ops.cid_online() and
 * ops.cid_offline() run, so inside those callbacks it already shows the
 * change.  Read it, never write it.
 *
 * Return: the cmask, or NULL on a kernel without the kfunc (7.2).
 */
static inline __attribute__((always_inline)) const struct scx_cmask __arena *
scx_cmask_online(void)
{
	if (!scxcmask__kfunc_exists(scx_bpf_online_cmask))
		return (const struct scx_cmask __arena *)0;
	return (const struct scx_cmask __arena *)scx_bpf_online_cmask();
}

/**
 * scx_cmask_sub_grant() - scx_bpf_sub_grant() on library cmasks (7.3+)
 * @cgroup_id: the sub-scheduler's cgroup
 * @caps: capability bits
 * @cmask: the cids to grant
 * @denied_out: NULL, or a cmask receiving the cids the kernel refused
 *
 * Return: the kfunc's result, or -EOPNOTSUPP on a kernel without it.
 */
static inline __attribute__((always_inline)) int
scx_cmask_sub_grant(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps,
		    const struct scx_cmask __arena *cmask, struct scx_cmask __arena *denied_out)
{
	if (!scxcmask__kfunc_exists(scx_bpf_sub_grant))
		return -SCXCMASK__EOPNOTSUPP;
	return scx_bpf_sub_grant(cgroup_id, caps, SCXCMASK__KF_PTR(const struct scx_cmask, cmask),
				 SCXCMASK__KF_PTR(struct scx_cmask, denied_out));
}

/**
 * scx_cmask_sub_revoke() - scx_bpf_sub_revoke() on a library cmask (7.3+)
 *
 * Return: 0, or -EOPNOTSUPP on a kernel without the kfunc.
 */
static inline __attribute__((always_inline)) int
scx_cmask_sub_revoke(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps,
		     const struct scx_cmask __arena *cmask)
{
	if (!scxcmask__kfunc_exists(scx_bpf_sub_revoke))
		return -SCXCMASK__EOPNOTSUPP;
	scx_bpf_sub_revoke(cgroup_id, caps, SCXCMASK__KF_PTR(const struct scx_cmask, cmask));
	return 0;
}

/**
 * scx_cmask_sub_caps() - scx_bpf_sub_caps() into a library cmask (7.3+)
 * @out: receives the cids on which @cgroup_id (0: this scheduler) holds @caps
 *
 * Return: the kfunc's result, or -EOPNOTSUPP on a kernel without it.
 */
static inline __attribute__((always_inline)) int
scx_cmask_sub_caps(scxcmask__kf_u64 cgroup_id, scxcmask__kf_u64 caps, struct scx_cmask __arena *out)
{
	if (!scxcmask__kfunc_exists(scx_bpf_sub_caps))
		return -SCXCMASK__EOPNOTSUPP;
	return scx_bpf_sub_caps(cgroup_id, caps, SCXCMASK__KF_PTR(struct scx_cmask, out));
}

#endif /* SCXCMASK_SCHED_EXT_BPF_H */
