/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * libscxcmask: sched_ext cids and cmasks for a BPF scheduler's userspace
 * agent.  This umbrella header brings in the whole agent-side API:
 *
 *   <scxcmask/version.h>  compile-time and runtime versions
 *   <scxcmask/cmask.h>    struct scx_cmask and its operations
 *   <scxcmask/cid.h>      the kernel's cpu <-> cid map, predicted from sysfs
 *   <scxcmask/arena.h>    cmasks and addresses in a BPF arena, checked
 *   <scxcmask/btf.h>      does a kernel (its BTF) share the cmask layout?
 *   <scxcmask/convert.h>  cpulists, hex masks, cpu_set_t, cid lists <-> cmasks
 *
 * BPF programs include <scxcmask/cmask.bpf.h> instead.
 */
#ifndef SCXCMASK_SCXCMASK_H
#define SCXCMASK_SCXCMASK_H

#include <scxcmask/version.h>
#include <scxcmask/cmask.h>
#include <scxcmask/cid.h>
#include <scxcmask/arena.h>
#include <scxcmask/btf.h>
#include <scxcmask/convert.h>

#endif /* SCXCMASK_SCXCMASK_H */
