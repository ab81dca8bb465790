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

/* Affinities to try, as cpu lists; wide enough for the lists of 512 cpus. */
#define QMAP_PROBE_MAX	48
#define QMAP_LIST_LEN	2048

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

int qmap_read_list(const char *path, char *buf, size_t len)
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
	char path[64], line[4096];
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

/*
 * QMAP_CID_SHIFT_WORDS: an induced fault in the multi-word path.  Words 1
 * and up of the agent's conversion move up by one (word 1 comes out empty,
 * the top word's bits fall off), as an off-by-one in a word index would.
 * One-word masks are untouched, so only guests with more than 64 cids can
 * catch it; make check-vm requires that they do.
 */
static void shift_words(struct scx_cmask *m)
{
	uint32_t nw = SCX_CMASK_NR_WORDS(m->nr_cids), i, tail = m->nr_cids % 64;

	if (nw < 2)
		return;
	for (i = nw - 1; i >= 2; i--)
		m->bits[i] = m->bits[i - 1];
	m->bits[1] = 0;
	if (tail)
		m->bits[nw - 1] &= (1ULL << tail) - 1;	/* keep the padding zero */
}

/* One affinity: apply it to @child, find the kernel's cmask, compare. */
static void probe_one(struct qmap_agent *a, pid_t child, const char *req, uint64_t *after,
		      bool *first)
{
	char applied[QMAP_LIST_LEN], got[QMAP_LIST_LEN], want_list[QMAP_LIST_LEN];
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
	if (a->shift_words)
		shift_words(want);
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


struct probe_set {
	char lists[QMAP_PROBE_MAX][QMAP_LIST_LEN];
	int n;
};

/* Appends @list unless the set is full or it equals the previous one. */
static void probe_add(struct probe_set *ps, const char *list)
{
	if (ps->n == QMAP_PROBE_MAX || !list[0])
		return;
	if (ps->n && !strcmp(ps->lists[ps->n - 1], list))
		return;	/* the kernel skips set_cmask for an unchanged mask */
	snprintf(ps->lists[ps->n++], QMAP_LIST_LEN, "%s", list);
}

/*
 * Appends the cpus of the cids in [@lo, @hi] stepping by @step (through the
 * map: in cid space, so that the words and boundaries are the kernel's),
 * plus @extra_cid's cpu when it is not negative.  A set without an online
 * cpu is refused by sched_setaffinity(): then cid 0's cpu is added.
 */
static void probe_add_cids(struct probe_set *ps, const struct qmap_agent *a, uint32_t lo,
			   uint32_t hi, uint32_t step, int64_t extra_cid)
{
	uint32_t nr = scx_cid_map_nr_cids(a->map), online = a->tables->nr_online_cids, cid;
	struct scx_cmask *m = scx_cmask_alloc(0, nr);
	char buf[QMAP_LIST_LEN];
	bool any_online = false;

	if (!m)
		return;
	for (cid = lo; cid <= hi && cid < nr; cid += step) {
		scx_cmask_set(cid, m);
		any_online |= cid < online;
	}
	if (extra_cid >= 0 && extra_cid < nr) {
		scx_cmask_set(extra_cid, m);
		any_online |= extra_cid < online;
	}
	if (!any_online)
		scx_cmask_set(0, m);
	if (scx_cmask_to_cpulist(buf, sizeof(buf), a->map, m) >= 0)
		probe_add(ps, buf);
	scx_cmask_free(m);
}

/*
 * Affinities to try.  Up to 16 online cpus: each online cpu alone; on
 * bigger machines the cpus of the cids around every word boundary and of
 * the last online cid.  Then the first and last online cpu, the cids
 * straddling each word boundary, every third cid (spanning all words,
 * with the tail of offline-but-possible cids), the last word's top cid
 * with cid 0, every possible cpu (the kernel keeps offline-but-possible
 * ones), and back to the first cpu.  Consecutive masks differ, since the
 * kernel calls set_cmask only when the mask changes.
 */
static void probe_lists(struct probe_set *ps, const struct qmap_agent *a)
{
	uint32_t nr = scx_cid_map_nr_cids(a->map), online = a->tables->nr_online_cids;
	uint32_t nwords = SCX_CMASK_NR_WORDS(nr), w, cid;
	char list[QMAP_LIST_LEN], possible[QMAP_LIST_LEN];
	cpu_set_t on;
	int cpu, first = -1, last = -1;

	ps->n = 0;
	if (qmap_read_list("/sys/devices/system/cpu/online", list, sizeof(list)) ||
	    qmap_read_list("/sys/devices/system/cpu/possible", possible, sizeof(possible)) ||
	    cpuset_from_list(&on, list))
		return;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &on))
			continue;
		if (first < 0)
			first = cpu;
		last = cpu;
		if (CPU_COUNT(&on) <= 16) {
			snprintf(list, sizeof(list), "%d", cpu);
			probe_add(ps, list);
		}
	}
	if (CPU_COUNT(&on) > 16) {
		/* online cids only: a lone offline cpu is refused */
		probe_add_cids(ps, a, 0, 0, 1, -1);
		probe_add_cids(ps, a, 1, 1, 1, -1);
		for (w = 1; w < nwords; w++)
			for (cid = w * 64 - 1; cid <= w * 64; cid++)
				if (cid < online)
					probe_add_cids(ps, a, cid, cid, 1, -1);
		if (online)
			probe_add_cids(ps, a, online - 1, online - 1, 1, -1);
	}
	if (first != last) {
		snprintf(list, sizeof(list), "%d,%d", first, last);
		probe_add(ps, list);
	}
	for (w = 1; w < nwords; w++)
		probe_add_cids(ps, a, w * 64 - 2, w * 64 + 1, 1, -1);
	if (nwords > 1) {
		probe_add_cids(ps, a, 0, nr - 1, 3, -1);
		probe_add_cids(ps, a, nr - 1, nr - 1, 1, 0);
	}
	probe_add(ps, possible);
	snprintf(list, sizeof(list), "%d", first);
	probe_add(ps, list);
}

void qmap_check_set_cmask(struct qmap_agent *a)
{
	static struct probe_set ps;
	uint64_t after = 0;
	bool first = true;
	pid_t child;
	int i;

	probe_lists(&ps, a);
	qmap_check(a, ps.n > 0, "set_cmask: read the online and possible cpus");
	if (a->truth)
		fprintf(a->truth, ",\n \"set_cmask_samples\": [");
	child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	if (child < 0) {
		qmap_check(a, false, "set_cmask: fork failed");
		ps.n = 0;
	}
	for (i = 0; i < ps.n; i++)
		probe_one(a, child, ps.lists[i], &after, &first);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	if (a->truth)
		fprintf(a->truth, "\n ],\n \"set_cmask_calls_total\": %llu",
			(unsigned long long)a->qa->nr_set_cmask);
}

/* ------------------------------------------------------------ hotplug */

static int write_cpu_online(int cpu, int online)
{
	char path[96];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	if (fprintf(f, "%d\n", online) < 0)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

/* The first notification after @after, waiting up to 20 s (hotplug is slow under TCG). */
static bool find_hp_event(struct qmap_agent *a, uint64_t after, struct qmap_hp_event *out)
{
	volatile struct qmap_hotplug *hp = &a->qa->hp;
	volatile struct qmap_hp_event *ev = &hp->ev[after % QMAP_NR_HP_EVENTS];
	int tries;

	for (tries = 0; tries < 2000; tries++) {
		if (hp->nr_events > after && ev->seq == after + 1) {
			memcpy(out, (const void *)ev, sizeof(*out));
			if (out->seq == after + 1)
				return true;
		}
		usleep(10000);
	}
	return false;
}

/* The 7.3 online cmask, live from the arena, against the online cpus now. */
static void check_online_cmask(struct qmap_agent *a, const char *when)
{
	struct scx_cmask *live = NULL, *want = NULL;
	char online[QMAP_LIST_LEN], got[QMAP_LIST_LEN], exp[QMAP_LIST_LEN];
	void *p;
	int err;

	err = scx_arena_ptr(&a->view, a->qa->hp.online_cmask, SCX_CMASK_HDR_SIZE, &p);
	err = err ?: scx_arena_cmask_dup(&a->view, p, &live);
	if (err) {
		qmap_check(a, false, "hotplug %s: cannot read scx_bpf_online_cmask(): %s", when,
			   scxcmask_errmsg());
		return;
	}
	if (qmap_read_list("/sys/devices/system/cpu/online", online, sizeof(online)) ||
	    scx_cmask_alloc_for_map(&want, a->map) ||
	    scx_cmask_from_cpulist(want, a->map, online, 0)) {
		qmap_check(a, false, "hotplug %s: cannot convert the online cpus", when);
		goto out;
	}
	if (scx_cmask_format_cidlist(got, sizeof(got), live) < 0)
		snprintf(got, sizeof(got), "?");
	if (scx_cmask_format_cidlist(exp, sizeof(exp), want) < 0)
		snprintf(exp, sizeof(exp), "?");
	qmap_check(a, live->base == 0 && live->nr_cids == scx_cid_map_nr_cids(a->map) &&
		   scx_cmask_equal(live, want), "hotplug %s: online cmask base %u nr_cids %u cids "
		   "%s, online cpus %s are cids %s", when, live->base, live->nr_cids, got, online, exp);
out:
	scx_cmask_free(live);
	scx_cmask_free(want);
}

/*
 * The kernel's cid -> cpu answers at the event are the agent's enable-time
 * map (scx_cid_map_matches()); a map re-predicted from sysfs now matches
 * them only if it came out the same (the kernel did not renumber).
 */
static void check_tables_kept(struct qmap_agent *a, const char *when)
{
	uint32_t nr = a->tables->nr_cids, cid;
	int32_t kernel[QMAP_MAX_CIDS], mine[QMAP_MAX_CIDS];
	SCX_CID_MAP_OPTS(opts, .gen = a->gen, .shard_size = a->shard_size);
	struct scx_cid_map *fresh = NULL;
	int r, same, fr;

	if (nr > QMAP_MAX_CIDS)
		nr = QMAP_MAX_CIDS;
	for (cid = 0; cid < nr; cid++) {
		kernel[cid] = a->qa->hp.cid_to_cpu[cid];
		mine[cid] = scx_cid_map_cid_to_cpu(a->map, cid);
	}
	r = scx_cid_map_matches(a->map, kernel, nr);
	qmap_check(a, r == 1, "hotplug %s: the kernel still answers with the enable-time map%s%s",
		   when, r == 1 ? "" : ": ", r == 1 ? "" : scxcmask_errmsg());
	if (scx_cid_map_new_opts(&fresh, NULL, &opts)) {
		qmap_check(a, false, "hotplug %s: cannot re-predict from sysfs: %s", when,
			   scxcmask_errmsg());
		return;
	}
	same = scx_cid_map_matches(fresh, mine, nr);
	fr = scx_cid_map_matches(fresh, kernel, nr);
	qmap_check(a, fr == same, "hotplug %s: a map re-predicted from sysfs now %s, and %s the "
		   "kernel's answers (%s)", when, same ? "equals the enable-time one" :
		   "differs from the enable-time one", fr ? "matches" : "does not match",
		   fr ? "-" : scxcmask_errmsg());
	scx_cid_map_free(fresh);
}

/*
 * -N: without ops.cid_offline the kernel ejects the scheduler when a cpu
 * goes offline: SCX_EXIT_UNREG_KERN, with "restart" and "hotplug" in the
 * exit code (the documented restart-on-hotplug model).
 */
static void check_ejected_on_hotplug(struct qmap_agent *a, int cpu)
{
	const uint64_t restart = 1ULL << 48, hotplug = 1ULL << 32;	/* SCX_ECODE_* */
	const volatile struct qmap_exit *x = a->exit_info;
	int err = write_cpu_online(cpu, 0), tries;
	char want[64];

	qmap_check(a, !err, "hotplug: writing 0 to cpu%d/online: %s", cpu, err ? strerror(-err) : "ok");
	for (tries = 0; tries < 2000 && !x->exited; tries++)
		usleep(10000);
	snprintf(want, sizeof(want), "cpu %d going offline", cpu);
	qmap_check(a, x->exited && x->kind == 66 && (x->exit_code & restart) &&
		   (x->exit_code & hotplug) && strstr((const char *)x->msg, want),
		   "cpu %d offline without ops.cid_offline: %s, kind %d, exit code 0x%llx, '%s'",
		   cpu, x->exited ? "ejected" : "still attached", x->kind,
		   (unsigned long long)x->exit_code, (const char *)x->msg);
	qmap_check(a, a->qa->hp.nr_events == 0, "no ops.cid_* call without the ops (%llu)",
		   (unsigned long long)a->qa->hp.nr_events);
	err = write_cpu_online(cpu, 1);
	qmap_check(a, !err, "hotplug: writing 1 to cpu%d/online: %s", cpu, err ? strerror(-err) : "ok");
	printf("qmap_cid: hotplug of cpu %d without the hotplug ops: the kernel %s the scheduler\n",
	       cpu, x->exited ? "ejected" : "kept");
}

void qmap_check_hotplug(struct qmap_agent *a, int cpu)
{
	int cid = scx_cid_map_cpu_to_cid(a->map, cpu), online, cnt;
	unsigned int passed0 = a->passed, failed0 = a->failed;
	struct qmap_hp_event e;
	char when[64], list[QMAP_LIST_LEN];
	cpu_set_t on;

	qmap_check(a, cid >= 0 && (uint32_t)cid < a->tables->nr_online_cids,
		   "hotplug: cpu %d is online with cid %d", cpu, cid);
	if (cid < 0)
		return;
	if (a->no_hotplug_ops) {
		check_ejected_on_hotplug(a, cpu);
		return;
	}
	qmap_check(a, a->kernel_73 ? a->qa->hp.online_cmask != 0 : a->qa->hp.online_cmask == 0,
		   "hotplug: scx_bpf_online_cmask() %s at init (0x%llx)",
		   a->kernel_73 ? "gave a mask" : "is absent on 7.2",
		   (unsigned long long)a->qa->hp.online_cmask);
	for (online = 0; online <= 1; online++) {
		uint64_t before = a->qa->hp.nr_events;
		int err = write_cpu_online(cpu, online);

		snprintf(when, sizeof(when), "cpu %d %s", cpu, online ? "online" : "offline");
		qmap_check(a, !err, "hotplug: writing %d to cpu%d/online: %s", online, cpu,
			   err ? strerror(-err) : "ok");
		if (err)
			break;
		if (!find_hp_event(a, before, &e)) {
			qmap_check(a, false, "%s: no ops.cid_%s call (scheduler %s)", when,
				   online ? "online" : "offline",
				   a->exit_info->exited ? "ejected" : "still attached");
			break;
		}
		cnt = qmap_read_list("/sys/devices/system/cpu/online", list, sizeof(list)) ||
		      cpuset_from_list(&on, list) ? -1 : CPU_COUNT(&on);
		qmap_check(a, e.cid == cid && e.online == (uint32_t)online,
			   "%s: ops.cid_%s(%d), expected ops.cid_%s(%d)", when,
			   e.online ? "online" : "offline", e.cid, online ? "online" : "offline", cid);
		qmap_check(a, e.cpu == cpu, "%s: scx_bpf_cid_to_cpu(%d) = %d in the callback", when,
			   e.cid, e.cpu);
		/*
		 * ops.cid_offline runs from sched_cpu_deactivate(), before the cpu
		 * leaves cpu_online_mask: num_online_cpus() still counts it then.
		 */
		qmap_check(a, (int)e.nr_online_cids == cnt + !online, "%s: scx_bpf_nr_online_cids() "
			   "= %u in the callback, %d cpus online after it", when, e.nr_online_cids, cnt);
		qmap_check(a, !a->exit_info->exited, "%s: the scheduler stays attached", when);
		if (a->kernel_73) {
			qmap_check(a, e.online_bit == online, "%s: the cid's online cmask bit is %d "
				   "in the callback (updated before it runs)", when, e.online_bit);
			check_online_cmask(a, when);
		} else {
			qmap_check(a, e.online_bit == -1, "%s: no online cmask on 7.2 (%d)", when,
				   e.online_bit);
		}
		check_tables_kept(a, when);
		/* the conversions still hold with the enable-time map */
		qmap_check_set_cmask(a);
	}
	printf("qmap_cid: hotplug of cpu %d (cid %d): %u passed, %u failed\n", cpu, cid,
	       a->passed - passed0, a->failed - failed0);
}

static double mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void qmap_visit_online_cpus(struct qmap_agent *a)
{
	char online[QMAP_LIST_LEN];
	cpu_set_t on, one;
	double deadline;
	pid_t child;
	int cpu, status;

	(void)a;	/* the counters it feeds are read by qmap_check_dispatch() */
	if (qmap_read_list("/sys/devices/system/cpu/online", online, sizeof(online)) ||
	    cpuset_from_list(&on, online))
		return;
	child = fork();
	if (child == 0) {
		for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			double until;

			if (!CPU_ISSET(cpu, &on))
				continue;
			CPU_ZERO(&one);
			CPU_SET(cpu, &one);
			if (sched_setaffinity(0, sizeof(one), &one))
				continue;
			for (until = mono_secs() + 0.003; mono_secs() < until;)
				;
		}
		_exit(0);
	}
	if (child < 0)
		return;
	/* bounded: a cpu that never runs the child must not hang the agent */
	for (deadline = mono_secs() + 60; mono_secs() < deadline; usleep(20000))
		if (waitpid(child, &status, WNOHANG) == child)
			return;
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
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

	qmap_read_list(path, buf, sizeof(buf));
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
	fprintf(o, ",\n \"topo_size_bytes\": %u,\n \"cid_shard_size\": %u", k->topo_size,
		a->shard_size);
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
