// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * arena_agent: a BPF program and its agent sharing cmasks in a BPF arena,
 * on any kernel with arenas (6.9+; sched_ext is not needed).
 *
 * The BPF side (arena_agent.bpf.c) allocates an idle, a busy and a picked
 * cmask in the arena and updates them as cpus go busy and idle; this agent
 * finds them through the addresses the BPF side published, checks every
 * header before trusting it (<scxcmask/arena.h>), and prints each as a cid
 * list and, through this machine's cid map (<scxcmask/cid.h>), as a cpu
 * list.  Needs root; prints why and exits 77 when it cannot run.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/scxcmask.h>
#include "arena_agent.h"
#include "arena_agent.skel.h"

#define ROUNDS		4
#define EVENTS		6

static int skip(const char *why)
{
	printf("SKIP: %s\n", why);
	return 77;
}

/* 0 when this process can load arena programs; else why not in @why */
static int can_run(char *why, size_t len)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_MMAPABLE);
	int fd;

	if (geteuid() != 0) {
		snprintf(why, len, "arena_agent loads BPF programs: run it as root");
		return -1;
	}
	fd = bpf_map_create(33 /* BPF_MAP_TYPE_ARENA */, "probe", 0, 0, 1, &opts);
	if (fd < 0) {
		snprintf(why, len, "this kernel has no BPF arenas (%s); they need Linux 6.9+",
			 strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int run_prog(struct bpf_program *prog, void *ctx, size_t size)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = size);
	int err = bpf_prog_test_run_opts(bpf_program__fd(prog), &opts);

	return err ? err : -(int)opts.retval;
}

/*
 * The cmask at a user-form address the BPF side published, checked: the
 * address must lie in the arena and the header must describe a window
 * whose storage fits in it, whatever the arena holds.
 */
static struct scx_cmask *find_mask(const struct scx_arena_view *v, __u64 addr)
{
	struct scx_cmask *m;
	void *p;

	if (scx_arena_ptr(v, addr, SCX_CMASK_HDR_SIZE, &p) || scx_arena_cmask(v, p, &m)) {
		fprintf(stderr, "arena_agent: bad cmask at %#llx: %s\n", (unsigned long long)addr,
			scxcmask_errmsg());
		return NULL;
	}
	return m;
}

static void print_mask(const char *name, const struct scx_cmask *m, const struct scx_cid_map *map)
{
	char cids[1024], cpus[1024];

	if (scx_cmask_format_cidlist(cids, sizeof(cids), m) < 0)
		snprintf(cids, sizeof(cids), "?");
	if (scx_cmask_to_cpulist(cpus, sizeof(cpus), map, m) < 0)
		snprintf(cpus, sizeof(cpus), "?");
	printf("    %-7s %3u cids {%s}  = cpus {%s}\n", name, scx_cmask_weight(m),
	       cids[0] ? cids : "", cpus[0] ? cpus : "");
}

int main(void)
{
	struct scx_cmask *idle, *busy, *picked;
	struct agent_setup_args setup = { 0 };
	struct agent_step_args step = { .events = EVENTS };
	struct scx_cid_map *map = NULL;
	struct arena_agent *skel;
	struct scx_arena_view v;
	char why[256];
	int err = 1;

	if (can_run(why, sizeof(why)))
		return skip(why);
	if (scx_cid_map_new(&map, NULL)) {
		printf("arena_agent: no cid map of this machine: %s\n", scxcmask_errmsg());
		return 1;
	}
	setup.nr_cids = scx_cid_map_nr_cids(map);
	skel = arena_agent__open_and_load();
	if (!skel) {
		printf("arena_agent: cannot load the BPF programs: %s\n", strerror(errno));
		goto out;
	}
	printf("arena_agent: a BPF program and this agent share cmasks in a BPF arena\n");
	printf("  this machine: %u cpus -> %u cids (cid map predicted from sysfs)\n",
	       scx_cid_map_nr_cpu_ids(map), setup.nr_cids);
	if (run_prog(skel->progs.setup, &setup, sizeof(setup))) {
		printf("arena_agent: the BPF setup failed (%d cids)\n", setup.nr_cids);
		goto out;
	}
	if (scx_arena_view_from_map(&v, skel->maps.arena, NULL)) {
		printf("arena_agent: cannot view the arena: %s\n", scxcmask_errmsg());
		goto out;
	}
	/* the address setup reports leads where the skeleton points */
	{
		void *sp = NULL;

		if (scx_arena_ptr(&v, setup.shared, sizeof(struct agent_shared), &sp) ||
		    sp != (void *)&skel->arena->shared) {
			printf("arena_agent: setup reported the shared struct at %#llx, which is not where the skeleton has it (%s)\n",
			       (unsigned long long)setup.shared, scxcmask_errmsg());
			goto out;
		}
	}
	idle = find_mask(&v, skel->arena->shared.idle);
	busy = find_mask(&v, skel->arena->shared.busy);
	picked = find_mask(&v, skel->arena->shared.picked);
	if (!idle || !busy || !picked)
		goto out;
	printf("  BPF allocated them at arena offsets %#lx, %#lx, %#lx\n",
	       (long)((char *)idle - (char *)v.base), (long)((char *)busy - (char *)v.base),
	       (long)((char *)picked - (char *)v.base));

	for (int r = 1; r <= ROUNDS; r++) {
		if (run_prog(skel->progs.step, &step, sizeof(step))) {
			printf("arena_agent: the BPF step failed\n");
			goto out;
		}
		printf("  after %2u events (last pick: cid %u):\n", skel->arena->shared.rounds,
		       skel->arena->shared.last_pick);
		print_mask("idle", idle, map);
		print_mask("busy", busy, map);
		print_mask("picked", picked, map);	/* in this round */
		/* the agent checks the BPF side's bookkeeping with the same operations */
		if (scx_cmask_intersects(idle, busy) ||
		    scx_cmask_weight(idle) + scx_cmask_weight(busy) != setup.nr_cids) {
			printf("arena_agent: idle and busy do not partition the cids\n");
			goto out;
		}
	}
	printf("  agent check: idle and busy partition the %u cids after every round: ok\n",
	       setup.nr_cids);
	err = 0;
out:
	arena_agent__destroy(skel);
	scx_cid_map_free(map);
	return err;
}
