// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * qmap_cid -c: the checks of what 7.3's kfuncs add (issue 11).
 *
 * - The kernel's online cmask (scx_bpf_online_cmask(), published by the BPF
 *   side at its first three-mask select) read through the arena view, like
 *   any arena cmask, equals the library's conversion of
 *   /sys/devices/system/cpu/online;
 * - select_cid searched allowed & idle & online (7.3) at least once;
 * - for every ops.set_cmask() call, scx_cmask_from_cpumask() of the task's
 *   cpumask, in BPF, equalled the cmask the kernel passed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qmap_agent.h"

/* The kernel's online cmask against the library's, cid by cid. */
static void check_online_cmask(struct qmap_agent *a, uint64_t addr)
{
	struct scx_cmask *kernel = NULL, *pred = NULL;
	uint32_t end, cid, differ = 0, first = 0;
	char online[512];
	void *p;

	if (scx_arena_ptr(&a->view, addr, SCX_CMASK_HDR_SIZE, &p) ||
	    scx_arena_cmask_dup(&a->view, p, &kernel)) {
		qmap_check(a, false, "online cmask: not a cmask at %#llx: %s",
			   (unsigned long long)addr, scxcmask_errmsg());
		return;
	}
	if (qmap_read_list("/sys/devices/system/cpu/online", online, sizeof(online)) || scx_cmask_alloc_for_map(&pred, a->map) ||
	    scx_cmask_from_cpulist(pred, a->map, online, 0)) {
		qmap_check(a, false, "online cmask: cannot predict from \"%s\": %s", online,
			   scxcmask_errmsg());
		goto out;
	}
	end = scx_cmask_end(kernel) > scx_cmask_end(pred) ? scx_cmask_end(kernel)
							  : scx_cmask_end(pred);
	for (cid = 0; cid < end; cid++) {
		if (scx_cmask_test(cid, kernel) != scx_cmask_test(cid, pred) && !differ++)
			first = cid;
	}
	qmap_check(a, !differ,
		   "online cmask: kernel [%u, +%u) %u set, library (cpus %s) %u set; %u cids differ%s%u",
		   kernel->base, kernel->nr_cids, scx_cmask_weight(kernel), online,
		   scx_cmask_weight(pred), differ, differ ? ", first " : "", differ ? first : 0);
out:
	scx_cmask_free(pred);
	scx_cmask_free(kernel);
}

void qmap_check_mainline(struct qmap_agent *a)
{
	const volatile struct qmap_mainline *ml = &a->qa->mainline;
	uint64_t addr = ml->online_addr;

	if (a->kernel_73) {
		qmap_check(a, ml->nr_and2_selects > 0 && addr,
			   "select_cid searched allowed & idle & online %llu times",
			   (unsigned long long)ml->nr_and2_selects);
		if (addr)
			check_online_cmask(a, addr);
	} else {
		qmap_check(a, !addr && !ml->nr_and2_selects,
			   "7.2: no online cmask (scx_cmask_online() is NULL)");
	}
	qmap_check(a, ml->nr_cpumask_checked > 0 && !ml->nr_cpumask_differ,
		   "from_cpumask(task cpumask) == set_cmask argument: %llu calls, %llu differ%s%d",
		   (unsigned long long)ml->nr_cpumask_checked,
		   (unsigned long long)ml->nr_cpumask_differ,
		   ml->nr_cpumask_differ ? ", last pid " : "",
		   ml->nr_cpumask_differ ? ml->differ_pid : 0);
}
