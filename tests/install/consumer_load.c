// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Loads consumer.bpf.o through its bpftool skeleton, runs its syscall
 * program once, and checks the cmask it built with the userspace library:
 * the BPF headers and the agent library of one installed copy agree.
 * Needs root and a kernel with BPF arenas; otherwise prints SKIP and exits
 * 77.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/scxcmask.h>
#include "consumer.skel.h"

#define ARENA_MAP_TYPE 33

static int passed, failed;

static void expect(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

/* Whether this kernel creates arena maps for us at all. */
static int arena_probe(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_MMAPABLE);
	int fd = bpf_map_create(ARENA_MAP_TYPE, "probe", 0, 0, 1, &opts);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int no_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

static void check_mask(struct consumer *skel)
{
	const struct scx_cmask *m = (const struct scx_cmask *)&skel->arena->storage[1];

	expect(skel->data->init_ret == 0, "BPF scx_cmask_init() returned 0");
	expect(scx_cmask_valid(m) == 0, "the BPF-built mask is valid for the library");
	expect(m->base == 3 && m->nr_cids == 250, "header written by BPF: base 3, 250 cids");
	expect(scx_cmask_weight(m) == 3 && skel->data->weight == 3, "weight 3 on both sides");
	expect(scx_cmask_first_set(m) == 3 && skel->data->first == 3, "first set cid 3 on both sides");
	expect(scx_cmask_end(m) == skel->data->end, "same end sentinel on both sides");
	expect(scx_cmask_test(200, m) && scx_cmask_test(252, m) && !scx_cmask_test(64, m),
	       "the library sees the cids BPF set and cleared");
}

int main(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	struct consumer *skel;
	int err;

	if (geteuid() != 0) {
		printf("SKIP: loading BPF programs needs root\n");
		return 77;
	}
	err = arena_probe();
	if (err) {
		printf("SKIP: this kernel creates no BPF arena map (%s)\n", strerror(-err));
		return 77;
	}
	libbpf_set_print(no_print);
	skel = consumer__open_and_load();
	expect(skel != NULL, "the skeleton opens and loads (verifier accepts the installed BPF headers)");
	if (!skel)
		goto out;
	err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.build), &run);
	expect(err == 0 && run.retval == 0, "the syscall program runs");
	if (!err)
		check_mask(skel);
	consumer__destroy(skel);
out:
	printf("BPF consumer: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
