// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The BPF cmask helpers side by side with upstream's cid.bpf.h
 * (tests/bpf/bench_upstream.bpf.c, opened from beside this program): for
 * each operation, size (64, 1024, 8192 cids) and base (0, 37), the two
 * programs run in turn RUNS times on the same masks; the best loop of
 * each, minus an empty loop's, per call.  Also each program's verifier
 * processed instructions and JIT size (the whole timed program: the
 * helper inlined into a bpf_for loop).  Not a test; `make bench-bpf`
 * runs it in a 7.3 guest when the host refuses arenas.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <scxcmask/cmask.h>
#include "bench.h"
#include "arena_probe.h"

#define RUNS	7

enum setup { DENSE, DISJOINT, SUBSET, SAME, LAST_ONLY, HALF };

struct op {
	const char *name;
	enum setup setup;
	int cid;	/* 0: the base; 1: the middle cid; 2: the end (wrap from the top) */
};

static const struct op ops[] = {
	{ "and", DENSE, 0 }, { "or", DENSE, 0 }, { "copy", DENSE, 0 }, { "andnot", DENSE, 0 },
	{ "weight", DENSE, 0 }, { "intersects", DISJOINT, 0 }, { "subset", SUBSET, 0 },
	{ "equal", SAME, 0 }, { "next_set", LAST_ONLY, 0 },
	/* round robin from the middle: the set cid is below it, so both halves are scanned */
	{ "next_set_wrap", LAST_ONLY, 3 }, { "next_and_set_wrap", LAST_ONLY, 3 },
	{ "test", DENSE, 1 }, { "set", DENSE, 1 }, { "test_and_set", DENSE, 1 },
	{ "test_and_clear", DENSE, 1 }, { "for_each", HALF, 0 },
};

static uint64_t seed = 88172645463325252ull;

static uint64_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static void setup_masks(struct scx_cmask *a, struct scx_cmask *b, uint32_t base, uint32_t nr,
			enum setup s)
{
	scx_cmask_init(a, base, nr);
	scx_cmask_init(b, base, nr);
	for (uint32_t w = 0; w < a->alloc_words; w++) {
		switch (s) {
		case DENSE: case HALF: a->bits[w] = rnd(); b->bits[w] = rnd(); break;
		case DISJOINT: a->bits[w] = 0x5555555555555555ull; b->bits[w] = ~a->bits[w]; break;
		case SUBSET: a->bits[w] = rnd(); b->bits[w] = ~0ull; break;
		case SAME: a->bits[w] = b->bits[w] = rnd(); break;
		default: a->bits[w] = b->bits[w] = 0; break;
		}
	}
	if (s == LAST_ONLY) {
		/* the lowest cid only: a search from the middle wraps and scans all */
		scx_cmask_set(base, a);
		scx_cmask_set(base, b);
	}
	/* padding zero, as both libraries leave it */
	scx_cmask_and(a, a);
	scx_cmask_and(b, b);
}

struct prog {
	int fd;
	uint32_t verified, jited;
};

static int prog_find(struct bpf_object *obj, const char *name, struct prog *p)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	struct bpf_program *prog;
	char full[80];

	snprintf(full, sizeof(full), "bench_%s", name);
	prog = bpf_object__find_program_by_name(obj, full);
	if (!prog)
		return -ENOENT;
	p->fd = bpf_program__fd(prog);
	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(p->fd, &info, &len))
		return -errno;
	p->verified = info.verified_insns;
	p->jited = info.jited_prog_len;
	return 0;
}

static int run_once(const struct prog *p, struct bench_ctx *ctx, double *ns)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof(*ctx));
	int err = bpf_prog_test_run_opts(p->fd, &opts);

	if (err)
		return err;
	*ns = (double)ctx->ns;
	return 0;
}

int main(int argc, char **argv)
{
	static const uint32_t sizes[] = { 64, 1024, 8192 };
	static const uint32_t bases[] = { 0, 37 };
	char path[4096], why[256];
	struct bpf_object *obj;
	struct bpf_map *map;
	struct utsname u;
	uint8_t *arena;
	size_t size;

	if (argc > 1) {
		snprintf(path, sizeof(path), "%s", argv[1]);
	} else {
		char self[4096];

		snprintf(self, sizeof(self), "%s", argv[0]);
		snprintf(path, sizeof(path), "%s/bench_upstream.bpf.o", dirname(self));
	}
	if (access(path, R_OK)) {
		printf("SKIP: %s: %s (made by `make tests/bpf/bench_upstream.bpf.o`, which fetches "
		       "linux-source-7.3)\n", path, strerror(errno));
		return 77;
	}
	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj)) {
		printf("FAIL: cannot load %s: %s\n", path, strerror(errno));
		return 1;
	}
	map = bpf_object__find_map_by_name(obj, "arena");
	arena = map ? bpf_map__initial_value(map, &size) : NULL;
	if (!arena) {
		printf("FAIL: arena not mapped\n");
		return 1;
	}
	struct scx_cmask *a = (struct scx_cmask *)(arena + 4096);
	struct scx_cmask *b = (struct scx_cmask *)(arena + 8192);

	uname(&u);
	printf("BPF cmask helpers: libscxcmask (lib) against upstream cid.bpf.h (up), kernel %s %s\n",
	       u.release, u.machine);
	printf("ns per call: best of %d interleaved loops minus an empty loop; verifier: "
	       "processed instructions of the timed program; JIT: bytes\n\n", RUNS);
	printf("| %-17s | %5s | %4s | %8s | %8s | %6s | %7s | %7s | %6s | %6s |\n", "operation",
	       "cids", "base", "lib ns", "up ns", "lib/up", "lib ver", "up ver", "lib JIT",
	       "up JIT");
	printf("|-------------------|------:|-----:|---------:|---------:|-------:|--------:|"
	       "--------:|-------:|-------:|\n");
	for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		for (size_t bi = 0; bi < sizeof(bases) / sizeof(bases[0]); bi++) {
			uint32_t nr = sizes[si], base = bases[bi];
			uint32_t iters = nr >= 8192 ? 1000 : nr >= 1024 ? 5000 : 20000;
			struct bench_ctx ctx = {
				.a = (uint64_t)(uintptr_t)a, .b = (uint64_t)(uintptr_t)b,
				.iters = iters,
			};
			struct prog empty;
			double e = 1e30, t;

			setup_masks(a, b, base, nr, DENSE);
			if (prog_find(obj, "empty", &empty)) {
				printf("FAIL: bench_empty missing\n");
				return 1;
			}
			for (int r = 0; r < RUNS; r++)
				if (!run_once(&empty, &ctx, &t) && t < e)
					e = t;
			for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
				char upname[64];
				struct prog lib, up;
				double bl = 1e30, bu = 1e30;

				snprintf(upname, sizeof(upname), "up_%s", ops[i].name);
				if (prog_find(obj, ops[i].name, &lib) || prog_find(obj, upname, &up)) {
					printf("FAIL: bench_%s or bench_%s missing\n", ops[i].name, upname);
					return 1;
				}
				ctx.cid = ops[i].cid == 1 ? base + nr / 2 :
					  ops[i].cid == 3 ? base + nr / 2 : base;
				for (int r = 0; r < RUNS; r++) {
					setup_masks(a, b, base, nr, ops[i].setup);
					if (run_once(&lib, &ctx, &t)) {
						printf("FAIL: bench_%s: %s\n", ops[i].name, strerror(errno));
						return 1;
					}
					if (t < bl)
						bl = t;
					setup_masks(a, b, base, nr, ops[i].setup);
					if (run_once(&up, &ctx, &t)) {
						printf("FAIL: bench_%s: %s\n", upname, strerror(errno));
						return 1;
					}
					if (t < bu)
						bu = t;
				}
				bl = (bl - e) / iters;
				bu = (bu - e) / iters;
				printf("| %-17s | %5u | %4u | %8.1f | %8.1f | %5.2fx | %7u | %7u | %6u | %6u |\n",
				       ops[i].name, nr, base, bl, bu, bu > 0 ? bl / bu : 0.0, lib.verified,
				       up.verified, lib.jited, up.jited);
				fflush(stdout);
			}
			printf("| %-17s | %5u | %4u | %8.1f | %8s | %6s | %7u | %7s | %6u | %6s |\n",
			       "(empty loop)", nr, base, e / iters, "", "", empty.verified, "",
			       empty.jited, "");
		}
	}
	bpf_object__close(obj);
	return 0;
}
