/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * qmap_cid's agent: what its two halves (qmap_cid.c runs the scheduler,
 * qmap_check.c checks the kernel against the library) share.
 */
#ifndef QMAP_AGENT_H
#define QMAP_AGENT_H

#include <stdbool.h>
#include <stdio.h>
#include <scxcmask/scxcmask.h>
#include "qmap_cid.h"

struct qmap_agent {
	struct scx_cid_map *map;	/* the library's prediction from sysfs */
	uint32_t gen;			/* enum scx_cid_gen of the running kernel (its BTF) */
	bool kernel_73;			/* the kernel's scx_cid_topo has shard fields */
	const struct qmap_tables *tables;	/* .bss, filled by ops.init() */
	const struct qmap_exit *exit_info;	/* .bss, filled by ops.exit() */
	volatile struct qmap_arena *qa;		/* the scheduler's arena state */
	struct scx_arena_view view;
	unsigned int passed, failed;
	FILE *truth;			/* -t: kernel tables as JSON, or NULL */
	uint32_t shard_size;		/* -s: cid_shard_size asked of a 7.3 kernel (0: default) */
	bool shift_words;		/* QMAP_CID_SHIFT_WORDS: induced multi-word fault */
	bool no_hotplug_ops;		/* -N: loaded without ops.cid_online/cid_offline */
};

/* One named check: counts it and prints a line when it fails (or always with -v). */
void qmap_check(struct qmap_agent *a, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Reads a one-line sysfs file such as a cpu list into @buf (@len bytes,
 * newline dropped); 0, or -errno with @buf "" when it cannot be opened.
 */
int qmap_read_list(const char *path, char *buf, size_t len);

/* The kernel's cpu<->cid tables and topology against the prediction. */
void qmap_check_tables(struct qmap_agent *a);

/*
 * Moves a child process through a series of affinities and checks each
 * cmask the kernel passes to ops.set_cmask() against the library's
 * conversion of the affinity the kernel applied.
 */
void qmap_check_set_cmask(struct qmap_agent *a);

/*
 * Takes @cpu offline and back online while the scheduler runs, checking the
 * ops.cid_offline/cid_online calls, that the kernel still answers with the
 * enable-time tables (the agent's map), the 7.3 online cmask, and set_cmask
 * conversions after each event.
 */
void qmap_check_hotplug(struct qmap_agent *a, int cpu);

/*
 * Runs a child on each online cpu in turn for a moment, so that every
 * online cid has work to dispatch before qmap_check_dispatch() (a shell
 * workload reaches 128 cpus too slowly under emulation).
 */
void qmap_visit_online_cpus(struct qmap_agent *a);

/* Work was dispatched on every online cid. */
void qmap_check_dispatch(struct qmap_agent *a);

/* The 7.3 online cmask and scx_cmask_from_cpumask() (qmap_mainline.c). */
void qmap_check_mainline(struct qmap_agent *a);

/* Begins and ends the -t JSON document (tables first, samples by the probe). */
void qmap_truth_begin(struct qmap_agent *a);
void qmap_truth_end(struct qmap_agent *a);

extern bool qmap_verbose;

#endif /* QMAP_AGENT_H */
