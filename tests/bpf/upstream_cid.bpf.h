/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Includes the kernel's tools/sched_ext/include/scx/cid.bpf.h (its path in
 * UPSTREAM_CID_H, from a fetched linux-source; nothing of it is stored in
 * this tree) into a test program that already has the library's headers:
 * the typedefs and helpers upstream's header expects from scx/common.bpf.h,
 * weak declarations of the kfuncs it names, and an scx_bpf_error() that,
 * since a syscall program cannot call the real one, bumps the counter
 * UPSTREAM_ERRORS names.  Shared by the oracle and the benchmark.
 */
#ifndef SCXCMASK_TEST_UPSTREAM_CID_BPF_H
#define SCXCMASK_TEST_UPSTREAM_CID_BPF_H

#ifndef UPSTREAM_CID_H
#error "UPSTREAM_CID_H must name the kernel's tools/sched_ext/include/scx/cid.bpf.h"
#endif
#ifndef UPSTREAM_ERRORS
#error "UPSTREAM_ERRORS must name the counter upstream's scx_bpf_error() calls bump"
#endif

/* upstream's bpf_arena_common.bpf.h defines it again, differently spelled */
#undef __arena_global

typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef _Bool bool;
typedef long ssize_t;
#define true	1
#define false	0
#ifndef unlikely
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#define ctzll(x)	__builtin_ctzll(x)

__u64 UPSTREAM_ERRORS;
#define scx_bpf_error(fmt, args...)	((void)__sync_fetch_and_add(&UPSTREAM_ERRORS, 1))

struct cpumask;
u32 scx_bpf_nr_cpu_ids(void) __ksym __weak;
s32 scx_bpf_cpu_to_cid(s32 cpu) __ksym __weak;
bool bpf_cpumask_test_cpu(u32 cpu, const struct cpumask *cpumask) __ksym __weak;

#include UPSTREAM_CID_H

#endif /* SCXCMASK_TEST_UPSTREAM_CID_BPF_H */
