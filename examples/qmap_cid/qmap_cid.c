// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * qmap_cid's agent: loads the scheduler, checks the kernel's BTF layout of
 * struct scx_cmask with the library before attaching, compares the
 * kernel's cid tables with the library's prediction, then prints what the
 * scheduler does until SIGINT/SIGTERM, -d seconds, or the kernel ejects it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "qmap_agent.h"

bool qmap_verbose;
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [-i SEC] [-d SEC] [-b FILE] [-c] [-t FILE] [-s N] [-H CPU] [-v]\n"
		"  -i SEC   print statistics every SEC seconds (default 2)\n"
		"  -d SEC   unload after SEC seconds (default: on SIGINT/SIGTERM)\n"
		"  -b FILE  BPF object (default: qmap_cid.bpf.o beside this program)\n"
		"  -c       check the kernel against the library and print \"N passed, N failed\"\n"
		"  -t FILE  with -c: write the kernel's tables and set_cmask samples as JSON\n"
		"  -s N     ask a 7.3 kernel for N cids per shard (cid_shard_size; exit 77 on 7.2)\n"
		"  -H CPU   with -c: take CPU offline and back online while attached, and check\n"
		"  -N       with -H: without ops.cid_online/cid_offline (the kernel must eject it)\n"
		"  -v       libbpf's messages and every check\n"
		"QMAP_CID_WRONG_MAP=1 swaps two cids in the prediction (the checks must fail).\n"
		"QMAP_CID_SHIFT_WORDS=1 shifts words 1.. of each conversion (fails past 64 cids).\n",
		prog);
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !qmap_verbose)
		return 0;
	if (level == LIBBPF_INFO && !qmap_verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/*
 * Refuses to attach unless the kernel's struct scx_cmask is the library's,
 * and tells a 7.2 kernel from a 7.3 one (the prediction differs: shards).
 */
static int check_kernel_layout(struct qmap_agent *a)
{
	SCX_BTF_REPORT(r);
	char msg[512];
	int err;

	err = scx_cmask_check_btf(NULL, msg, sizeof(msg));
	if (err) {
		fprintf(stderr, "qmap_cid: refusing to attach: this kernel does not share "
			"libscxcmask's cmask layout:\n%s\n", msg);
		return -1;
	}
	if (qmap_verbose)
		printf("%s\n", msg);
	err = scx_cmask_check_btf_report(NULL, &r);
	if (err)
		return -1;
	if (r.gen != SCX_CID_GEN_7_2 && r.gen != SCX_CID_GEN_7_3) {
		fprintf(stderr, "qmap_cid: cid kernel generation %s (struct scx_cid_topo "
			"is %u bytes): not one this example is built for\n",
			scx_cid_gen_str(r.gen), r.topo_size);
		return -1;
	}
	/* the report's generation is the map's: no translation */
	a->gen = r.gen;
	a->kernel_73 = r.gen == SCX_CID_GEN_7_3;
	return 0;
}

/* The prediction; QMAP_CID_WRONG_MAP makes it wrong on purpose. */
static int predict_map(struct qmap_agent *a)
{
	SCX_CID_MAP_OPTS(opts, .gen = a->gen, .shard_size = a->shard_size);
	struct scx_cid_map *wrong;
	int32_t *c2c;
	uint32_t n;
	int err, c0 = -1, c1 = -1, cpu;

	err = scx_cid_map_new_opts(&a->map, NULL, &opts);
	if (err) {
		fprintf(stderr, "qmap_cid: cannot predict the cid map from sysfs: %s\n",
			scxcmask_errmsg());
		return err;
	}
	if (getenv("QMAP_CID_SHIFT_WORDS")) {
		a->shift_words = true;
		printf("qmap_cid: QMAP_CID_SHIFT_WORDS: converting with words 1.. shifted up by one\n");
	}
	if (!getenv("QMAP_CID_WRONG_MAP"))
		return 0;
	n = scx_cid_map_nr_cpu_ids(a->map);
	c2c = calloc(n, sizeof(*c2c));
	if (!c2c)
		return -ENOMEM;
	scx_cid_map_to_override(a->map, c2c, n, NULL, 0);
	for (cpu = 0; cpu < (int)n; cpu++) {
		if (c2c[cpu] == 0)
			c0 = cpu;
		if (c2c[cpu] == 1)
			c1 = cpu;
	}
	if (c0 >= 0 && c1 >= 0) {
		c2c[c0] = 1;
		c2c[c1] = 0;
	}
	err = scx_cid_map_from_override(&wrong, a->map, c2c, n, NULL, 0);
	free(c2c);
	if (err)
		return err;
	printf("qmap_cid: QMAP_CID_WRONG_MAP: predicting cpu %d as cid 1 and cpu %d as cid 0\n",
	       c0, c1);
	scx_cid_map_free(a->map);
	a->map = wrong;
	return 0;
}

/*
 * Where member @name of the struct_ops data lives (libbpf's copy, which it
 * hands to the kernel at load), found by name in the object's BTF: an
 * object built against 7.2 BTF has no cid_shard_size, for example.
 */
static void *ops_member(struct bpf_object *obj, struct bpf_map *ops, const char *name,
			size_t len)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_member *m;
	const struct btf_type *t;
	size_t size = 0;
	char *data;
	int id, i;

	id = btf ? btf__find_by_name_kind(btf, "sched_ext_ops_cid", BTF_KIND_STRUCT) : -1;
	data = ops ? bpf_map__initial_value(ops, &size) : NULL;
	if (id < 0 || !data)
		return NULL;
	t = btf__type_by_id(btf, id);
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		uint32_t off = btf_member_bit_offset(t, i) / 8;

		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return off + len <= size ? data + off : NULL;
	}
	return NULL;
}

/* -s: cid_shard_size for the kernel's 7.3 shards. */
static int set_shard_size(struct bpf_object *obj, struct bpf_map *ops, uint32_t n)
{
	void *p = ops_member(obj, ops, "cid_shard_size", sizeof(n));

	if (!p)
		return -ENOENT;
	memcpy(p, &n, sizeof(n));
	return 0;
}

/*
 * -N: no ops.cid_online/cid_offline, to see what the kernel does with a
 * scheduler that cannot follow hotplug.  libbpf (>= 1.4) takes the programs
 * from its copy of the struct_ops data at load: a NULL slot drops the op.
 */
static int drop_hotplug_ops(struct bpf_object *obj, struct bpf_map *ops)
{
	static const char *const names[2][2] = {
		{ "cid_online", "qmap_cid_online" }, { "cid_offline", "qmap_cid_offline" },
	};
	struct bpf_program *prog;
	void **slot;
	int i;

	for (i = 0; i < 2; i++) {
		slot = ops_member(obj, ops, names[i][0], sizeof(*slot));
		prog = bpf_object__find_program_by_name(obj, names[i][1]);
		if (!slot || !prog)
			return -ENOENT;
		*slot = NULL;
		bpf_program__set_autoload(prog, false);
	}
	return 0;
}

static void default_bpf_obj(char *buf, size_t len, const char *argv0)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0) {
		snprintf(exe, sizeof(exe), "%s", argv0);
		n = strlen(exe);
	}
	exe[n] = 0;
	snprintf(buf, len, "%s/qmap_cid.bpf.o", dirname(exe));
}

/*
 * The live memory of the map whose name ends in @suffix (".bss"): libbpf
 * maps it for skeletons only, so map it here.
 */
static void *map_memory(struct bpf_object *obj, const char *suffix, size_t size)
{
	size_t len = strlen(suffix), nlen, page = sysconf(_SC_PAGESIZE);
	struct bpf_map *m;
	void *p;

	bpf_object__for_each_map(m, obj) {
		nlen = strlen(bpf_map__name(m));
		if (nlen < len || strcmp(bpf_map__name(m) + nlen - len, suffix))
			continue;
		if (bpf_map__value_size(m) < size)
			return NULL;
		p = mmap(NULL, (bpf_map__value_size(m) + page - 1) / page * page,
			 PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(m), 0);
		return p == MAP_FAILED ? NULL : p;
	}
	return NULL;
}

/*
 * -v: the verifier's statistics of each program (log level 4).  A program
 * calling global subprograms gets a line for each of them before its own
 * total: room for those, or the load fails with ENOSPC.
 */
static char verifier_logs[16][8192];

static void want_verifier_stats(struct bpf_object *obj)
{
	struct bpf_program *p;
	int i = 0;

	bpf_object__for_each_program(p, obj) {
		if (i == 16)
			break;
		bpf_program__set_log_level(p, 4);
		bpf_program__set_log_buf(p, verifier_logs[i++], sizeof(verifier_logs[0]));
	}
}

/* The last line of @log that starts with @what, or NULL. */
static const char *last_line_with(const char *log, const char *what)
{
	const char *line = NULL, *p = log;

	for (; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		if (!strncmp(p, what, strlen(what)))
			line = p;
	}
	return line;
}

static void print_verifier_stats(struct bpf_object *obj)
{
	struct bpf_program *p;
	const char *line;
	int i = 0;

	bpf_object__for_each_program(p, obj) {
		if (i == 16)
			break;
		line = last_line_with(verifier_logs[i++], "processed ");
		printf("  %-18s %.*s\n", bpf_program__name(p), line ? (int)strcspn(line, "\n") : 1,
		       line ? line : "?");
	}
}

/* The idle cids, as a cpu list converted by the library. */
static void print_idle(struct qmap_agent *a)
{
	struct scx_cmask *idle;
	char buf[1024];

	if (scx_arena_cmask_dup(&a->view, (const void *)a->qa->idle, &idle)) {
		printf("  idle cpus: ? (%s)\n", scxcmask_errmsg());
		return;
	}
	if (scx_cmask_to_cpulist(buf, sizeof(buf), a->map, idle) < 0)
		snprintf(buf, sizeof(buf), "? (%s)", scxcmask_errmsg());
	printf("  idle cpus: %s (%u of %u cids)\n", buf[0] ? buf : "none",
	       scx_cmask_weight(idle), scx_cid_map_nr_cids(a->map));
	scx_cmask_free(idle);
}

static void print_stats(struct qmap_agent *a, uint64_t *last, double secs)
{
	volatile struct qmap_arena *qa = a->qa;
	uint32_t cid, nr = a->tables->nr_cids;
	int q;

	printf("qmap_cid: %.0fs  set_cmask %llu  kicks %llu  tasks without context %llu\n", secs,
	       (unsigned long long)qa->nr_set_cmask, (unsigned long long)qa->nr_kicks,
	       (unsigned long long)qa->nr_no_ctx);
	for (q = 0; q < QMAP_NR_QUEUES; q++)
		printf("  fifo %d (%s weight): depth %d, enqueued %llu, dispatched %llu\n", q,
		       q == 0 ? "low" : q == 1 ? "normal" : "high", qa->queue_depth[q],
		       (unsigned long long)qa->nr_enqueued[q],
		       (unsigned long long)qa->nr_from_queue[q]);
	printf("  cid(cpu): dispatched from fifos + sent direct, since last line\n   ");
	for (cid = 0; cid < nr && cid < QMAP_MAX_CIDS; cid++) {
		uint64_t now = qa->nr_dispatched[cid] + qa->nr_direct[cid];

		printf(" %u(%d):%llu", cid, a->tables->cid_to_cpu[cid],
		       (unsigned long long)(now - last[cid]));
		last[cid] = now;
		if (cid % 8 == 7 && cid + 1 < nr)
			printf("\n   ");
	}
	printf("\n");
	print_idle(a);
	fflush(stdout);
}

static double now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *exit_kind_name(int kind)
{
	switch (kind) {
	case 0: return "none";
	case 1: return "done";
	case 64: return "unregistered from user space";
	case 65: return "unregistered by BPF";
	case 66: return "unregistered by the kernel";
	case 67: return "sysrq";
	case 1024: return "error";
	case 1025: return "error from BPF";
	case 1026: return "watchdog stall";
	default: return "other";
	}
}

/* Runs the scheduler until a signal, the deadline, or the kernel's ejection. */
static bool run(struct qmap_agent *a, double interval, double duration)
{
	uint64_t last[QMAP_MAX_CIDS] = { 0 };
	double start = now_secs(), next = start + interval, t;

	while (!stop_signal) {
		usleep(50000);
		if (a->exit_info->exited)
			return true;
		t = now_secs();
		if (t >= next) {
			print_stats(a, last, t - start);
			next += interval;
		}
		if (duration > 0 && t - start >= duration)
			break;
	}
	return false;
}

int main(int argc, char **argv)
{
	struct qmap_agent a = { 0 };
	double interval = 2, duration = 0;
	char obj_path[PATH_MAX] = "";
	const char *truth_path = NULL;
	struct bpf_object *obj;
	struct bpf_link *link = NULL;
	struct bpf_map *ops;
	struct qmap_state *st;
	bool check = false, ejected;
	int hotplug_cpu = -1;
	double t0;
	void *qa_ptr;
	int opt, err;

	while ((opt = getopt(argc, argv, "i:d:b:ct:s:H:Nvh")) != -1) {
		switch (opt) {
		case 'i': interval = atof(optarg); break;
		case 'd': duration = atof(optarg); break;
		case 'b': snprintf(obj_path, sizeof(obj_path), "%s", optarg); break;
		case 'c': check = true; break;
		case 't': truth_path = optarg; break;
		case 's': a.shard_size = strtoul(optarg, NULL, 0); break;
		case 'H': hotplug_cpu = atoi(optarg); break;
		case 'N': a.no_hotplug_ops = true; break;
		case 'v': qmap_verbose = true; break;
		case 'h': usage(stdout, argv[0]); return 0;
		default: usage(stderr, argv[0]); return 2;
		}
	}
	if (interval <= 0)
		interval = 2;
	if (!obj_path[0])
		default_bpf_obj(obj_path, sizeof(obj_path), argv[0]);
	/* a line at a time: a test harness waits for "enabled on" in a log */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	if (check_kernel_layout(&a))
		return 1;
	if (a.shard_size && !a.kernel_73) {
		printf("SKIP: -s %u: a 7.2 kernel has no cid_shard_size\n", a.shard_size);
		return 77;
	}
	if (predict_map(&a))
		return 1;

	obj = bpf_object__open_file(obj_path, NULL);
	if (!obj) {
		fprintf(stderr, "qmap_cid: cannot open %s: %s\n", obj_path, strerror(errno));
		return 1;
	}
	if (qmap_verbose)
		want_verifier_stats(obj);
	if (a.no_hotplug_ops &&
	    drop_hotplug_ops(obj, bpf_object__find_map_by_name(obj, "qmap_cid_ops"))) {
		fprintf(stderr, "qmap_cid: -N: cannot find the hotplug ops in %s\n", obj_path);
		return 1;
	}
	if (a.shard_size) {
		ops = bpf_object__find_map_by_name(obj, "qmap_cid_ops");
		err = ops ? set_shard_size(obj, ops, a.shard_size) : -ENOENT;
		if (err) {
			fprintf(stderr, "qmap_cid: -s: cannot set cid_shard_size in %s: %s (build "
				"it against a 7.3 kernel's BTF)\n", obj_path, strerror(-err));
			return 1;
		}
	}
	t0 = now_secs();
	err = bpf_object__load(obj);
	if (qmap_verbose) {
		printf("qmap_cid: loaded (verified) in %.1fs\n", now_secs() - t0);
		print_verifier_stats(obj);
	}
	if (err) {
		fprintf(stderr, "qmap_cid: loading %s failed: %s (run with -v for the verifier log)\n",
			obj_path, strerror(-err));
		return 1;
	}
	st = map_memory(obj, ".bss", sizeof(*st));
	if (st) {
		a.tables = &st->tables;
		a.exit_info = &st->exit_info;
	}
	ops = bpf_object__find_map_by_name(obj, "qmap_cid_ops");
	if (!a.tables || !ops || scx_arena_view_from_map(&a.view,
			bpf_object__find_map_by_name(obj, "arena"), NULL)) {
		fprintf(stderr, "qmap_cid: %s lacks the expected maps\n", obj_path);
		return 1;
	}

	link = bpf_map__attach_struct_ops(ops);
	if (!link) {
		err = -errno;
		fprintf(stderr, "qmap_cid: attaching failed: %s (another scheduler loaded? "
			"see dmesg)\n", strerror(-err));
		return 1;
	}
	printf("qmap_cid: enabled on a %s kernel, %u cids (%u online), %u cpu ids\n",
	       a.kernel_73 ? "7.3+" : "7.2", a.tables->nr_cids, a.tables->nr_online_cids,
	       a.tables->nr_cpu_ids);
	if (scx_arena_ptr(&a.view, a.tables->qa_addr, sizeof(struct qmap_arena), &qa_ptr)) {
		fprintf(stderr, "qmap_cid: the arena state is not where BPF says: %s\n",
			scxcmask_errmsg());
		bpf_link__destroy(link);
		return 1;
	}
	a.qa = qa_ptr;

	if (check) {
		if (truth_path && !(a.truth = fopen(truth_path, "w")))
			fprintf(stderr, "qmap_cid: cannot write %s: %s\n", truth_path, strerror(errno));
		qmap_truth_begin(&a);
		qmap_check_tables(&a);
		qmap_check_set_cmask(&a);
		qmap_check_mainline(&a);
		qmap_truth_end(&a);
		if (hotplug_cpu >= 0)
			qmap_check_hotplug(&a, hotplug_cpu);
	}
	ejected = run(&a, interval, duration);
	if (check && !ejected)
		qmap_visit_online_cpus(&a);
	if (!ejected) {
		bpf_link__destroy(link);
		link = NULL;
	}
	if (check && !ejected) {
		qmap_check_dispatch(&a);
		qmap_check(&a, a.exit_info->exited && a.exit_info->kind < 1024,
			   "unloaded cleanly (exit kind %d)", a.exit_info->kind);
	}
	if (a.exit_info->exited)
		printf("qmap_cid: kernel exit: %s (kind %d, code %lld)%s%s%s%s\n",
		       exit_kind_name(a.exit_info->kind), a.exit_info->kind,
		       (long long)a.exit_info->exit_code,
		       a.exit_info->reason[0] ? ": " : "", a.exit_info->reason,
		       a.exit_info->msg[0] ? ": " : "", a.exit_info->msg);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	if (check) {
		if (ejected && !a.no_hotplug_ops)
			qmap_check(&a, false, "the kernel ejected the scheduler");
		printf("%u passed, %u failed\n", a.passed, a.failed);
	}
	scx_cid_map_free(a.map);
	if (a.no_hotplug_ops)
		return check && !a.failed ? 0 : 1;
	return (check && a.failed) || ejected ? 1 : 0;
}
