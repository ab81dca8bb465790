/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Common start of the test and benchmark BPF programs: UAPI headers and
 * libbpf's helpers, without a vmlinux.h (whose contents depend on the build
 * machine's kernel), plus what an older <linux/bpf.h> lacks.
 */
#ifndef SCXCMASK_TESTS_TEST_BPF_H
#define SCXCMASK_TESTS_TEST_BPF_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/version.h>
#include <bpf/bpf_helpers.h>

/* The open-coded numeric iterator's state (UAPI since 6.4). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
struct bpf_iter_num {
	__u64 opaque[1];
} __attribute__((aligned(8)));
#endif

/* BPF_MAP_TYPE_ARENA (6.9), by number: older UAPI headers lack the name. */
#define TEST_MAP_TYPE_ARENA	33


#endif /* SCXCMASK_TESTS_TEST_BPF_H */
