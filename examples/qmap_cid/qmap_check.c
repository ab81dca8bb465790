// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * qmap_cid -c: the kernel as the judge of the library.  The cid tables the
 * kernel built when the scheduler was enabled, and the cmasks it passes to
 * ops.set_cmask(), are compared with what libscxcmask predicts from sysfs
 * and converts from cpu affinities.  -t also records them as JSON, in the
 * format of the library's cid-map test fixtures.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "qmap_agent.h"

static const char *const topo_names[8] = {
	"core_cid", "core_idx", "llc_cid", "llc_idx", "node_cid", "node_idx",
	"shard_cid", "shard_idx",
};

void qmap_check(struct qmap_agent *a, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		a->passed++;
	else
		a->failed++;
	if (ok && !qmap_verbose)
		return;
	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void topo_fields(const struct scx_cid_topo *t, int32_t out[8])
{
	out[0] = t->core_cid;
	out[1] = t->core_idx;
	out[2] = t->llc_cid;
	out[3] = t->llc_idx;
	out[4] = t->node_cid;
	out[5] = t->node_idx;
	out[6] = t->shard_cid;
	out[7] = t->shard_idx;
}

void qmap_check_tables(struct qmap_agent *a)
{
	const struct qmap_tables *k = a->tables;
	uint32_t nr = scx_cid_map_nr_cids(a->map), cid;
	int nfields = a->kernel_73 ? 8 : 6, cpu, f, want;
	struct scx_cid_topo t;
	int32_t lib[8];

	qmap_check(a, k->done, "ops.init() recorded the kernel's tables");
	qmap_check(a, k->nr_cids == nr, "nr_cids: kernel %u, library %u", k->nr_cids, nr);
	qmap_check(a, k->nr_online_cids == scx_cid_map_nr_online_cids(a->map),
		   "nr_online_cids: kernel %u, library %u", k->nr_online_cids,
		   scx_cid_map_nr_online_cids(a->map));
	qmap_check(a, k->nr_cpu_ids == scx_cid_map_nr_cpu_ids(a->map),
		   "nr_cpu_ids: kernel %u, library %u", k->nr_cpu_ids,
		   scx_cid_map_nr_cpu_ids(a->map));
	qmap_check(a, k->topo_size == (a->kernel_73 ? 32u : 24u),
		   "sizeof(struct scx_cid_topo) = %u", k->topo_size);
	for (cid = 0; cid < k->nr_cids && cid < QMAP_MAX_CIDS; cid++) {
		want = scx_cid_map_cid_to_cpu(a->map, cid);
		qmap_check(a, k->cid_to_cpu[cid] == want, "cid_to_cpu[%u]: kernel %d, library %d",
			   cid, k->cid_to_cpu[cid], want);
		if (scx_cid_map_topo(a->map, cid, &t)) {
			qmap_check(a, false, "library has no topology for cid %u: %s", cid,
				   scxcmask_errmsg());
			continue;
		}
		topo_fields(&t, lib);
		for (f = 0; f < 8; f++) {
			/* a 7.2 kernel fills what its struct lacks with -1 */
			want = f < nfields ? lib[f] : -1;
			qmap_check(a, k->topo[cid][f] == want, "topo[%u].%s: kernel %d, library %d",
				   cid, topo_names[f], k->topo[cid][f], want);
		}
	}
	for (cpu = 0; cpu < (int)k->nr_cpu_ids && cpu < QMAP_MAX_CIDS; cpu++) {
		want = scx_cid_map_cpu_to_cid(a->map, cpu);
		if (want == -ENOENT)
			want = -1;
		qmap_check(a, k->cpu_to_cid[cpu] == want, "cpu_to_cid[%d]: kernel %d, library %d",
			   cpu, k->cpu_to_cid[cpu], want);
	}
}

/* ------------------------------------------------------------ set_cmask probe */

static int read_list(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	buf[0] = 0;
	if (!f)
		return -errno;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static int cpuset_from_list(cpu_set_t *set, const char *list)
{
	uint64_t bits[CPU_SETSIZE / 64] = { 0 };
	int cpu, err;

	err = scx_bitmap_parse_list(bits, CPU_SETSIZE, list);
	if (err)
		return err;
	CPU_ZERO(set);
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (bits[cpu / 64] >> (cpu % 64) & 1)
			CPU_SET(cpu, set);
	return 0;
}

/* /proc/PID/status's Cpus_allowed_list, the task's affinity as the kernel keeps it. */
static int task_cpus_allowed(pid_t pid, char *buf, size_t len)
{
	char path[64], line[1024];
	int found = -ENOENT;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Cpus_allowed_list:", 18)) {
			snprintf(buf, len, "%s", line + 18 + strspn(line + 18, " \t"));
			buf[strcspn(buf, "\n")] = 0;
			found = 0;
		}
	fclose(f);
	return found;
}

/* The newest set_cmask sample for @pid after @after, waiting a little. */
static bool find_sample(struct qmap_agent *a, pid_t pid, uint64_t after,
			struct qmap_sample *out)
{
	volatile struct qmap_arena *qa = a->qa;
	int tries, i;

	for (tries = 0; tries < 100; tries++) {
		bool found = false;

		for (i = 0; i < QMAP_NR_SAMPLES; i++) {
			uint64_t seq = qa->samples[i].seq;

			if (seq <= after || qa->samples[i].pid != pid)
				continue;
			if (found && seq <= out->seq)
				continue;
			memcpy(out, (const void *)&qa->samples[i], sizeof(*out));
			if (out->seq != seq)
				continue;	/* rewritten while copying */
			found = true;
		}
		if (found)
			return true;
		usleep(10000);
	}
	return false;
}

static void truth_sample(struct qmap_agent *a, const char *req, const char *applied,
			 const struct qmap_sample *s, bool *first)
{
	uint32_t i, n = s->alloc_words < QMAP_SAMPLE_WORDS ? s->alloc_words : QMAP_SAMPLE_WORDS;

	if (!a->truth)
		return;
	fprintf(a->truth, "%s\n  {\"cpulist\": \"%s\", \"cpus_allowed_list\": \"%s\", "
		"\"seq\": %llu, \"base\": %u, \"nr_cids\": %u, \"alloc_words\": %u, \"words\": [",
		*first ? "" : ",", req, applied, (unsigned long long)s->seq, s->base, s->nr_cids,
		s->alloc_words);
	for (i = 0; i < n; i++)
		fprintf(a->truth, "%s\"0x%llx\"", i ? ", " : "", (unsigned long long)s->words[i]);
	fprintf(a->truth, "]}");
	*first = false;
}

/* One affinity: apply it to @child, find the kernel's cmask, compare. */
static void probe_one(struct qmap_agent *a, pid_t child, const char *req, uint64_t *after,
		      bool *first)
{
	char applied[1024], got[1024], want_list[1024];
	struct scx_cmask *want = NULL, *seen = NULL;
	struct qmap_sample s;
	cpu_set_t set;
	uint32_t nr = scx_cid_map_nr_cids(a->map), i;
	int err;

	if (cpuset_from_list(&set, req) || sched_setaffinity(child, sizeof(set), &set)) {
		qmap_check(a, false, "set_cmask: cannot give the child cpus %s", req);
		return;
	}
	/*
	 * The affinity the kernel keeps (p->cpus_mask, Cpus_allowed_list):
	 * sched_getaffinity() would hide its possible-but-offline cpus, which
	 * the kernel does pass on to set_cmask.
	 */
	if (task_cpus_allowed(child, applied, sizeof(applied))) {
		qmap_check(a, false, "set_cmask: cannot read the child's Cpus_allowed_list");
		return;
	}
	if (!find_sample(a, child, *after, &s)) {
		qmap_check(a, false, "set_cmask: no call for cpus %s", req);
		return;
	}
	*after = s.seq;
	truth_sample(a, req, applied, &s, first);

	qmap_check(a, s.base == 0 && s.nr_cids == nr && s.alloc_words == SCX_CMASK_NR_WORDS(nr) &&
		   !s.truncated, "set_cmask header for cpus %s: base %u nr_cids %u alloc_words %u "
		   "(expected 0, %u, %u)", applied, s.base, s.nr_cids, s.alloc_words, nr,
		   SCX_CMASK_NR_WORDS(nr));

	/* the kernel's mask, rebuilt in the agent's memory */
	err = scx_cmask_alloc_for_map(&want, a->map);
	seen = scx_cmask_alloc(s.base, s.nr_cids);
	if (err || !seen || s.truncated) {
		qmap_check(a, false, "set_cmask: cannot compare cpus %s", applied);
		goto out;
	}
	for (i = 0; i < seen->alloc_words && i < s.alloc_words && i < QMAP_SAMPLE_WORDS; i++)
		seen->bits[i] = s.words[i];
	err = scx_cmask_from_cpulist(want, a->map, applied, SCX_CONVERT_SKIP_UNMAPPED);
	if (err) {
		qmap_check(a, false, "set_cmask: library cannot convert cpus %s: %s", applied,
			   scxcmask_errmsg());
		goto out;
	}
	if (scx_cmask_format_cidlist(got, sizeof(got), seen) < 0)
		snprintf(got, sizeof(got), "?");
	if (scx_cmask_format_cidlist(want_list, sizeof(want_list), want) < 0)
		snprintf(want_list, sizeof(want_list), "?");
	qmap_check(a, scx_cmask_equal(seen, want),
		   "set_cmask for cpus %s: kernel cids %s, library cids %s", applied, got, want_list);
out:
	scx_cmask_free(want);
	scx_cmask_free(seen);
}

/*
 * Affinities to try: each online cpu alone, the first and last online
 * cpu, every possible cpu (the kernel keeps offline-but-possible ones), and
 * back to the first cpu.  Consecutive masks differ, since the kernel calls
 * set_cmask only when the mask changes.
 */
static int probe_lists(char lists[][64], int max)
{
	char online[512], possible[512];
	cpu_set_t on;
	int n = 0, cpu, first = -1, last = -1;

	if (read_list("/sys/devices/system/cpu/online", online, sizeof(online)) ||
	    read_list("/sys/devices/system/cpu/possible", possible, sizeof(possible)) ||
	    cpuset_from_list(&on, online))
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE && n < max - 3; cpu++) {
		if (!CPU_ISSET(cpu, &on))
			continue;
		if (first < 0)
			first = cpu;
		last = cpu;
		snprintf(lists[n++], 64, "%d", cpu);
	}
	if (first != last)
		snprintf(lists[n++], 64, "%d,%d", first, last);
	snprintf(lists[n++], 64, "%.63s", possible);
	snprintf(lists[n++], 64, "%d", first);
	return n;
}

void qmap_check_set_cmask(struct qmap_agent *a)
{
	char lists[72][64];
	uint64_t after = 0;
	bool first = true;
	pid_t child;
	int i, n = probe_lists(lists, 72);

	qmap_check(a, n > 0, "set_cmask: read the online and possible cpus");
	if (a->truth)
		fprintf(a->truth, ",\n \"set_cmask_samples\": [");
	child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	if (child < 0) {
		qmap_check(a, false, "set_cmask: fork failed");
		n = 0;
	}
	for (i = 0; i < n; i++)
		probe_one(a, child, lists[i], &after, &first);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	if (a->truth)
		fprintf(a->truth, "\n ],\n \"set_cmask_calls_total\": %llu",
			(unsigned long long)a->qa->nr_set_cmask);
}

void qmap_check_dispatch(struct qmap_agent *a)
{
	uint32_t cid, nr = a->tables->nr_online_cids;

	for (cid = 0; cid < nr && cid < QMAP_MAX_CIDS; cid++) {
		unsigned long long fifo = a->qa->nr_dispatched[cid], direct = a->qa->nr_direct[cid];

		qmap_check(a, fifo + direct > 0, "online cid %u (cpu %d) ran work: %llu from the "
			   "fifos, %llu direct", cid, a->tables->cid_to_cpu[cid], fifo, direct);
	}
}

/* ------------------------------------------------------------ JSON */

static void json_str(FILE *f, const char *key, const char *val)
{
	const char *p;

	fprintf(f, ",\n \"%s\": \"", key);
	for (p = val; *p; p++)
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if ((unsigned char)*p >= 0x20)
			fputc(*p, f);
	fputc('"', f);
}

static void json_file(FILE *f, const char *key, const char *path)
{
	char buf[1024];

	read_list(path, buf, sizeof(buf));
	json_str(f, key, buf);
}

static void json_ints(FILE *f, const char *key, const int32_t *v, uint32_t n)
{
	uint32_t i;

	fprintf(f, ",\n \"%s\": [", key);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%d", i ? ", " : "", v[i]);
	fprintf(f, "]");
}

void qmap_truth_begin(struct qmap_agent *a)
{
	const struct qmap_tables *k = a->tables;
	struct utsname u;
	int nfields = k->topo_size >= 32 ? 8 : 6, f;
	const char *env;
	uint32_t cid;
	FILE *o = a->truth;

	if (!o)
		return;
	uname(&u);
	fprintf(o, "{\n \"kernel_release\": \"%s\"", u.release);
	json_str(o, "kernel_tag", a->kernel_73 ? "k73" : "k72");
	env = getenv("QMAP_CID_QEMU_ARGS");
	json_str(o, "qemu_args", env ? env : "");
	json_file(o, "kernel_cmdline", "/proc/cmdline");
	env = getenv("QMAP_CID_OFFLINED");
	fprintf(o, ",\n \"offlined_in_guest\": [%s]", env ? env : "");
	json_file(o, "sysfs_possible", "/sys/devices/system/cpu/possible");
	json_file(o, "sysfs_present", "/sys/devices/system/cpu/present");
	json_file(o, "sysfs_online", "/sys/devices/system/cpu/online");
	fprintf(o, ",\n \"nr_cpu_ids\": %u,\n \"nr_cids\": %u,\n \"nr_online_cids\": %u",
		k->nr_cpu_ids, k->nr_cids, k->nr_online_cids);
	fprintf(o, ",\n \"topo_size_bytes\": %u,\n \"cid_shard_size\": 0", k->topo_size);
	json_ints(o, "cpu_to_cid", k->cpu_to_cid,
		  k->nr_cpu_ids < QMAP_MAX_CIDS ? k->nr_cpu_ids : QMAP_MAX_CIDS);
	json_ints(o, "cid_to_cpu", k->cid_to_cpu,
		  k->nr_cids < QMAP_MAX_CIDS ? k->nr_cids : QMAP_MAX_CIDS);
	fprintf(o, ",\n \"topo\": [");
	for (cid = 0; cid < k->nr_cids && cid < QMAP_MAX_CIDS; cid++) {
		fprintf(o, "%s\n  {", cid ? "," : "");
		for (f = 0; f < nfields; f++)
			fprintf(o, "%s\"%s\": %d", f ? ", " : "", topo_names[f], k->topo[cid][f]);
		fprintf(o, "}");
	}
	fprintf(o, "\n ]");
}

void qmap_truth_end(struct qmap_agent *a)
{
	if (!a->truth)
		return;
	fprintf(a->truth, "\n}\n");
	fclose(a->truth);
	a->truth = NULL;
}
