// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Concurrency across the boundary (issue 12, item 4): BPF programs on every
 * cpu (a syscall program run from a thread pinned to each cpu) and agent
 * threads (libscxcmask on this process's mapping of the same arena, one
 * pinned to each cpu too) write the same mask words at the same time.  Each
 * owner has its own cids, interleaved so that every word holds cids of all
 * owners, and flips them round after round, checking before each write that
 * its cid still holds what it left there.
 *
 * - With the atomic forms (scx_cmask_set/clear on both sides) no update may
 *   be lost: no owner ever finds its cid changed, and at the end every cid
 *   is exactly as its owner left it.
 * - With the _nonatomic forms updates must get lost (the documentation's
 *   warning); a run that loses none is repeated up to RACE_TRIES times
 *   before the test fails with "could not demonstrate losses".
 *
 * Each run lasts RACE_SECS seconds (default 2).  Needs root, arenas and at
 * least 2 cpus (else exit 77).  Parallel vCPUs are needed to see losses: a
 * guest under single-threaded TCG switches vCPUs only between translation
 * blocks, which makes every read-modify-write atomic.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/cmask.h>
#include "race.h"
#include "arena_probe.h"
#include "race_native.skel.h"

#define RACE_TRIES	3
#define RACE_MAX_CPUS	64
#define ROUNDS_PER_RUN	64

struct owner {
	pthread_t thread;
	int bpf;		/* BPF owner (else an agent thread) */
	int cpu;
	uint32_t id;
	uint32_t round;		/* rounds done */
	uint64_t writes, lost;
	uint32_t errors, wrong_cpu;
	int run_errno;
};

static struct race_native *skel;
static struct scx_cmask *mask;
static uint32_t nr_owners;
static int atomic_run;
static volatile int stop;
static int on_cpu_flag = 1;	/* BPF_F_TEST_RUN_ON_CPU, until the kernel refuses it */
static pthread_barrier_t start_line;

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *bpf_owner(void *arg)
{
	struct owner *o = arg;
	int fd = bpf_program__fd(skel->progs.race_run);

	pin(o->cpu);
	pthread_barrier_wait(&start_line);
	while (!stop) {
		struct race_ctx ctx = {
			.mask = (uint64_t)(uintptr_t)mask, .owner = o->id, .nr_owners = nr_owners,
			.atomic = atomic_run, .rounds = ROUNDS_PER_RUN, .round = o->round,
		};
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = &ctx, .ctx_size_in = sizeof(ctx));

		if (__atomic_load_n(&on_cpu_flag, __ATOMIC_RELAXED)) {
			opts.flags = BPF_F_TEST_RUN_ON_CPU;
			opts.cpu = o->cpu;
		}
		if (bpf_prog_test_run_opts(fd, &opts)) {
			/* syscall programs may not take the flag: the pinned thread suffices */
			if (errno == EINVAL && opts.flags) {
				__atomic_store_n(&on_cpu_flag, 0, __ATOMIC_RELAXED);
				continue;
			}
			o->run_errno = errno;
			break;
		}
		o->round = ctx.round;
		o->writes += ctx.writes;
		o->lost += ctx.lost;
		o->errors += ctx.errors;
		if (ctx.cpu != (uint32_t)o->cpu)
			o->wrong_cpu++;
		if (ctx.errors)
			break;
	}
	return NULL;
}

static void *agent_owner(void *arg)
{
	struct owner *o = arg;
	uint32_t c, k, r;
	int want, err;

	pin(o->cpu);
	pthread_barrier_wait(&start_line);
	for (r = 1; !stop; r++) {
		for (k = 0, c = RACE_BASE + o->id; c < RACE_BASE + RACE_NR_CIDS; c += nr_owners, k++) {
			want = RACE_WANT(r, k);
			if (scx_cmask_test(c, mask) != !want)
				o->lost++;
			if (atomic_run)
				err = want ? scx_cmask_set(c, mask) : scx_cmask_clear(c, mask);
			else
				err = want ? scx_cmask_set_nonatomic(c, mask) :
					     scx_cmask_clear_nonatomic(c, mask);
			if (err)
				o->errors++;
			o->writes++;
		}
		o->round = r;
	}
	return NULL;
}

struct result {
	uint64_t writes, bpf_writes, lost_seen, lost_final;
	uint32_t errors, wrong_cpu;
	int run_errno;
};

static void run(struct owner *owners, unsigned int secs, struct result *res)
{
	struct timespec ts = { .tv_sec = secs };
	uint32_t i, c, k;

	memset(res, 0, sizeof(*res));
	/* round 0: every owner's k-th cid holds RACE_WANT(0, k) */
	scx_cmask_init(mask, RACE_BASE, RACE_NR_CIDS);
	for (i = 0; i < nr_owners; i++) {
		owners[i].round = 0;
		owners[i].writes = owners[i].lost = 0;
		owners[i].errors = owners[i].wrong_cpu = 0;
		owners[i].run_errno = 0;
		for (k = 0, c = RACE_BASE + i; c < RACE_BASE + RACE_NR_CIDS; c += nr_owners, k++)
			if (RACE_WANT(0, k))
				scx_cmask_set(c, mask);
	}
	stop = 0;
	pthread_barrier_init(&start_line, NULL, nr_owners + 1);
	for (i = 0; i < nr_owners; i++)
		pthread_create(&owners[i].thread, NULL, owners[i].bpf ? bpf_owner : agent_owner,
			       &owners[i]);
	pthread_barrier_wait(&start_line);
	nanosleep(&ts, NULL);
	stop = 1;
	for (i = 0; i < nr_owners; i++)
		pthread_join(owners[i].thread, NULL);
	pthread_barrier_destroy(&start_line);

	for (i = 0; i < nr_owners; i++) {
		struct owner *o = &owners[i];

		res->writes += o->writes;
		if (o->bpf)
			res->bpf_writes += o->writes;
		res->lost_seen += o->lost;
		res->errors += o->errors;
		res->wrong_cpu += o->wrong_cpu;
		if (o->run_errno)
			res->run_errno = o->run_errno;
		for (k = 0, c = RACE_BASE + i; c < RACE_BASE + RACE_NR_CIDS; c += nr_owners, k++)
			if (scx_cmask_test(c, mask) != RACE_WANT(o->round, k))
				res->lost_final++;
	}
}

static void report(const char *name, const struct result *r)
{
	printf("  %-10s %9" PRIu64 " writes (%" PRIu64 " BPF, %" PRIu64 " agent), %" PRIu64
	       " lost updates seen, %" PRIu64 " cids not as their owner left them\n", name,
	       r->writes, r->bpf_writes, r->writes - r->bpf_writes, r->lost_seen, r->lost_final);
}

int main(void)
{
	struct owner owners[2 * RACE_MAX_CPUS];
	unsigned int passed = 0, failed = 0, secs = 2, try;
	int cpus[RACE_MAX_CPUS], c;
	long ncpu = 0;
	cpu_set_t allowed;
	const char *env = getenv("RACE_SECS");
	struct result res;
	char why[256];
	size_t size;
	uint32_t i;

	if (env && atoi(env) > 0)
		secs = (unsigned int)atoi(env);
	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	/* the cpus this process may run on (not necessarily 0..n-1) */
	if (sched_getaffinity(0, sizeof(allowed), &allowed)) {
		printf("FAIL: sched_getaffinity: %s\n0 passed, 1 failed\n", strerror(errno));
		return 1;
	}
	for (c = 0; c < CPU_SETSIZE && ncpu < RACE_MAX_CPUS; c++)
		if (CPU_ISSET(c, &allowed))
			cpus[ncpu++] = c;
	if (ncpu < 2) {
		printf("SKIP: needs at least 2 cpus to run on (has %ld)\n", ncpu);
		return 77;
	}
	skel = race_native__open_and_load();
	if (!skel) {
		printf("FAIL: the program did not load (%s)\n0 passed, 1 failed\n", strerror(errno));
		return 1;
	}
	mask = (struct scx_cmask *)((uint8_t *)bpf_map__initial_value(skel->maps.arena, &size) +
				    RACE_MASK_OFF);
	/* owners 0, 2, 4... are BPF programs, 1, 3, 5... agent threads; one of each per cpu */
	nr_owners = (uint32_t)(2 * ncpu);
	for (i = 0; i < nr_owners; i++)
		owners[i] = (struct owner){ .bpf = !(i & 1), .cpu = cpus[i / 2], .id = i };
	printf("race: %u owners (%ld BPF programs, %ld agent threads, one of each per cpu), "
	       "%u cids in %u words, %u s per run\n", nr_owners, ncpu, ncpu, RACE_NR_CIDS,
	       RACE_NR_CIDS / 64, secs);

	atomic_run = 1;
	run(owners, secs, &res);
	report("atomic", &res);
	printf("  BPF programs run %s\n", on_cpu_flag ? "with BPF_F_TEST_RUN_ON_CPU" :
	       "from pinned threads (this kernel refuses BPF_F_TEST_RUN_ON_CPU for syscall programs)");
	if (res.run_errno || res.errors || res.wrong_cpu) {
		printf("FAIL atomic: %s%s, %u helper errors or cut rounds, %u runs on the wrong cpu\n",
		       res.run_errno ? "bpf_prog_test_run: " : "no run error",
		       res.run_errno ? strerror(res.run_errno) : "", res.errors, res.wrong_cpu);
		failed++;
	} else {
		passed++;
	}
	if (res.lost_seen || res.lost_final) {
		printf("FAIL atomic: %" PRIu64 " lost updates seen, %" PRIu64 " cids wrong at the end\n",
		       res.lost_seen, res.lost_final);
		failed++;
	} else {
		passed++;
	}
	/* both sides must really have run, at the same time as each other */
	if (res.bpf_writes < 50000 || res.writes - res.bpf_writes < 50000) {
		printf("FAIL atomic: only %" PRIu64 " BPF and %" PRIu64 " agent writes: an owner hardly ran\n",
		       res.bpf_writes, res.writes - res.bpf_writes);
		failed++;
	} else {
		passed++;
	}

	atomic_run = 0;
	for (try = 1; try <= RACE_TRIES; try++) {
		run(owners, secs, &res);
		report("nonatomic", &res);
		if (res.run_errno || res.errors || res.lost_seen || res.lost_final)
			break;
	}
	if (res.run_errno || res.errors) {
		printf("FAIL nonatomic: run error (%s), %u helper errors or cut rounds\n",
		       res.run_errno ? strerror(res.run_errno) : "none", res.errors);
		failed++;
	} else if (!res.lost_seen && !res.lost_final) {
		printf("FAIL nonatomic: could not demonstrate losses in %u runs of %u s\n",
		       RACE_TRIES, secs);
		failed++;
	} else {
		printf("  nonatomic forms lost updates as documented (%" PRIu64 " seen, %" PRIu64
		       " at the end, try %u)\n", res.lost_seen, res.lost_final, try);
		passed++;
	}
	race_native__destroy(skel);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
