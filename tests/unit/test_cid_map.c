// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The cid map's API: argument and lookup errors, options, and the override
 * form (validation in the kernel's order, each error naming the first
 * offending entry; map -> to_override -> from_override round trips).
 */
#define _GNU_SOURCE
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/cid.h>
#include "cid_expect.h"

static char srcdir[2048];

/* A minimal tree: cpu/possible, cpu/online and cpu0 only; everything else falls back. */
static struct scx_cid_map *tiny_map(const char *possible, const char *online, char *tmp, size_t len)
{
	struct scx_cid_map *m = NULL;
	int err;

	ck_assert(!cid_test_tmpdir(tmp, len));
	ck_assert_int_eq(cid_test_sh("d='%s/sys/devices/system/cpu'; mkdir -p \"$d/cpu0\" && "
				     "echo '%s' >\"$d/possible\" && echo '%s' >\"$d/online\"",
				     tmp, possible, online), 0);
	err = scx_cid_map_new(&m, tmp);
	ck_assert_msg(!err, "%d %s", err, scxcmask_errmsg());
	return m;
}

static void synthetic_tree(const char *name, char *tmp, size_t len)
{
	ck_assert(!cid_test_tmpdir(tmp, len));
	ck_assert_int_eq(cid_test_sh("sh '%s/tests/fixtures/make-synthetic.sh' "
				     "'%s/tests/fixtures/synthetic/%s.fixture' '%s'",
				     srcdir, srcdir, name, tmp), 0);
}

static struct scx_cid_map *map_of(const char *tmp, uint32_t gen)
{
	SCX_CID_MAP_OPTS(opts, .gen = gen);
	struct scx_cid_map *m = NULL;
	int err = scx_cid_map_new_opts(&m, tmp, &opts);

	ck_assert_msg(!err, "%d %s", err, scxcmask_errmsg());
	return m;
}

static struct scx_cid_map *synthetic_map(const char *name, uint32_t gen, char *tmp, size_t len)
{
	synthetic_tree(name, tmp, len);
	return map_of(tmp, gen);
}

static void rmtree(const char *tmp)
{
	cid_test_sh("rm -rf '%s'", tmp);
}

#define ck_assert_errmsg(needle) \
	ck_assert_msg(strstr(scxcmask_errmsg(), needle), "message '%s' lacks '%s'", \
		      scxcmask_errmsg(), needle)

START_TEST(test_lookup_errors)
{
	char tmp[512];
	struct scx_cid_map *m = tiny_map("0-1,3", "0-1", tmp, sizeof(tmp));
	struct scx_cid_topo t;
	uint32_t a, b;

	ck_assert_uint_eq(scx_cid_map_nr_cpu_ids(m), 4);
	ck_assert_uint_eq(scx_cid_map_nr_cids(m), 3);
	ck_assert_uint_eq(scx_cid_map_nr_online_cids(m), 2);
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, 3), 2);
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, 2), -ENOENT);
	ck_assert_errmsg("cpu 2");
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, -1), -EINVAL);
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, 4), -EINVAL);
	ck_assert_int_eq(scx_cid_map_cid_to_cpu(m, 3), -EINVAL);
	ck_assert_int_eq(scx_cid_map_cid_to_cpu(m, -1), -EINVAL);
	ck_assert_int_eq(scx_cid_map_cid_to_cpu(m, 2), 3);
	ck_assert_int_eq(scx_cid_map_topo(m, 3, &t), -EINVAL);
	ck_assert_int_eq(scx_cid_map_topo(m, 0, NULL), -EINVAL);
	ck_assert_int_eq(scx_cid_map_topo(m, 2, &t), 0);
	ck_assert_int_eq(t.core_cid, -1);	/* tail */
	ck_assert_int_eq(t.shard_cid, 2);
	ck_assert_uint_eq(scx_cid_map_nr_shards(m), 2);
	ck_assert_int_eq(scx_cid_map_shard(m, 1, &a, &b), 0);
	ck_assert_uint_eq(a, 2);
	ck_assert_uint_eq(b, 1);
	ck_assert_int_eq(scx_cid_map_shard(m, 2, &a, &b), -EINVAL);
	scx_cid_map_free(m);
	rmtree(tmp);

	ck_assert_uint_eq(scx_cid_map_nr_cids(NULL), 0);
	ck_assert_int_eq(scx_cid_map_cpu_to_cid(NULL, 0), -EINVAL);
	ck_assert_int_eq(scx_cid_map_new(NULL, "/"), -EINVAL);
	scx_cid_map_free(NULL);
}
END_TEST

START_TEST(test_opts)
{
	struct {
		struct scx_cid_map_opts o;
		uint64_t future;
	} big = { { .sz = sizeof(big), .gen = SCX_CID_GEN_7_3 }, 1 };
	SCX_CID_MAP_OPTS(bad_gen, .gen = 9);
	SCX_CID_MAP_OPTS(none_gen, .gen = SCX_CID_GEN_NONE);
	SCX_CID_MAP_OPTS(newer_gen, .gen = SCX_CID_GEN_UNKNOWN_NEWER);
	SCX_CID_MAP_OPTS(gen74, .gen = SCX_CID_GEN_7_4);
	struct scx_cid_map *m = NULL;

	ck_assert_int_eq(scx_cid_map_new_opts(&m, "/nonexistent", &bad_gen), -EINVAL);
	ck_assert_errmsg("gen");
	/* report-only generations are not walks */
	ck_assert_int_eq(scx_cid_map_new_opts(&m, "/nonexistent", &none_gen), -EINVAL);
	ck_assert_errmsg("(none)");
	ck_assert_int_eq(scx_cid_map_new_opts(&m, "/nonexistent", &newer_gen), -EINVAL);
	ck_assert_errmsg("(unknown-newer)");
	/* 7.4 passes the options check: the tree is what fails */
	ck_assert_int_eq(scx_cid_map_new_opts(&m, "/nonexistent", &gen74), -ENOENT);
	ck_assert_int_eq(scx_cid_map_new_opts(&m, "/nonexistent", &big.o), -EINVAL);
	ck_assert_errmsg("unknown non-zero field at offset 16");
	ck_assert_int_eq(scx_cid_map_new(&m, "/nonexistent"), -ENOENT);
	ck_assert_errmsg("/nonexistent/sys/devices/system: no such directory");
	ck_assert_ptr_null(m);
}
END_TEST

START_TEST(test_gen72_has_no_shards)
{
	char tmp[512];
	struct scx_cid_map *m = synthetic_map("two-sockets", SCX_CID_GEN_7_2, tmp, sizeof(tmp));
	struct scx_cid_topo t;

	ck_assert_uint_eq(scx_cid_map_nr_shards(m), 0);
	ck_assert_int_eq(scx_cid_map_topo(m, 5, &t), 0);
	ck_assert_int_eq(t.node_idx, 1);
	ck_assert_int_eq(t.shard_cid, -1);
	ck_assert_int_eq(t.shard_idx, -1);
	scx_cid_map_free(m);
	rmtree(tmp);
}
END_TEST

/* base: possible 0-3,5-7 (cpu 4 is not possible), 7 cids */
static struct scx_cid_map *override_base(char *tmp, size_t len)
{
	return tiny_map("0-3,5-7", "0-3,5-7", tmp, len);
}

static int try_override(const struct scx_cid_map *base, const int32_t *c2c, size_t n,
			const int32_t *starts, size_t ns)
{
	struct scx_cid_map *m = NULL;
	int err = scx_cid_map_from_override(&m, base, c2c, n, starts, ns);

	ck_assert(err ? m == NULL : m != NULL);
	scx_cid_map_free(m);
	return err;
}

START_TEST(test_override_validation)
{
	char tmp[512];
	struct scx_cid_map *base = override_base(tmp, sizeof(tmp));
	int32_t good[8] = { 6, 5, 4, 3, -1, 2, 1, 0 }, c2c[8];
	int32_t s_ok[] = { 0, 3 }, s_first[] = { 1, 3 }, s_flat[] = { 0, 3, 3 }, s_past[] = { 0, 7 };

	ck_assert_int_eq(try_override(base, good, 8, s_ok, 2), 0);
	ck_assert_int_eq(try_override(base, good, 8, NULL, 0), 0);
	/* the entry of a cpu that is not possible is ignored */
	memcpy(c2c, good, sizeof(c2c));
	c2c[4] = 99;
	ck_assert_int_eq(try_override(base, c2c, 8, s_ok, 2), 0);
	/* wrong size comes first, before any other problem */
	c2c[0] = 2;
	ck_assert_int_eq(try_override(base, c2c, 7, s_ok, 2), -EINVAL);
	ck_assert_errmsg("7 entries, expected nr_cpu_ids = 8");
	/* duplicate: named at the second cpu holding it */
	ck_assert_int_eq(try_override(base, c2c, 8, s_ok, 2), -EINVAL);
	ck_assert_errmsg("cpu_to_cid[5] = 2: cid 2 is already cpu 0's");
	memcpy(c2c, good, sizeof(c2c));
	c2c[1] = 6;
	ck_assert_int_eq(try_override(base, c2c, 8, NULL, 0), -EINVAL);
	ck_assert_errmsg("cpu_to_cid[1] = 6: cid 6 is already cpu 0's");
	/* out of range */
	memcpy(c2c, good, sizeof(c2c));
	c2c[2] = 7;
	ck_assert_int_eq(try_override(base, c2c, 8, NULL, 0), -EINVAL);
	ck_assert_errmsg("cpu_to_cid[2] = 7");
	/* a possible cpu without a cid */
	memcpy(c2c, good, sizeof(c2c));
	c2c[6] = -1;
	ck_assert_int_eq(try_override(base, c2c, 8, NULL, 0), -EINVAL);
	ck_assert_errmsg("cpu_to_cid[6] = -1");
	/* shard starts: checked before the cpu table, as the kernel does */
	ck_assert_int_eq(try_override(base, c2c, 8, s_first, 2), -EINVAL);
	ck_assert_errmsg("shard_start[0] = 1");
	ck_assert_int_eq(try_override(base, good, 8, s_flat, 3), -EINVAL);
	ck_assert_errmsg("shard_start[2] = 3");
	ck_assert_int_eq(try_override(base, good, 8, s_past, 2), -EINVAL);
	ck_assert_errmsg("shard_start[1] = 7");
	ck_assert_int_eq(try_override(base, good, 8, s_ok, 0), -EINVAL);
	ck_assert_errmsg("empty");
	ck_assert_int_eq(try_override(base, NULL, 8, NULL, 0), -EINVAL);
	scx_cid_map_free(base);
	rmtree(tmp);
}
END_TEST

START_TEST(test_override_span)
{
	char tmp[512];
	struct scx_cid_map *base = tiny_map("0-1099", "0", tmp, sizeof(tmp));
	int32_t *c2c = malloc(1100 * sizeof(*c2c));
	int32_t wide[] = { 0, 600 }, last[] = { 0, 512 }, ok[] = { 0, 512, 1024 };

	for (int i = 0; i < 1100; i++)
		c2c[i] = i;
	ck_assert_int_eq(try_override(base, c2c, 1100, wide, 2), -EINVAL);
	ck_assert_errmsg("shard 0 spans 600 cids");
	ck_assert_int_eq(try_override(base, c2c, 1100, last, 2), -EINVAL);
	ck_assert_errmsg("last shard 1 spans 588 cids");
	ck_assert_int_eq(try_override(base, c2c, 1100, wide, 1), -EINVAL);
	ck_assert_errmsg("last shard 0 spans 1100 cids");
	ck_assert_int_eq(try_override(base, c2c, 1100, ok, 3), 0);
	/* 7.2 has no shards, hence no span limit */
	ck_assert_int_eq(try_override(base, c2c, 1100, NULL, 0), 0);
	free(c2c);
	scx_cid_map_free(base);
	rmtree(tmp);
}
END_TEST

static void check_round_trip(const struct scx_cid_map *m)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(m), ns = scx_cid_map_nr_shards(m);
	int32_t *c2c = malloc(ncpu * sizeof(*c2c)), starts[64];
	struct scx_cid_map *r = NULL;

	ck_assert_int_eq(scx_cid_map_to_override(m, c2c, ncpu - 1, starts, 64), -ENOSPC);
	if (ns)
		ck_assert_int_eq(scx_cid_map_to_override(m, c2c, ncpu, starts, ns - 1), -ENOSPC);
	ck_assert_int_eq(scx_cid_map_to_override(m, c2c, ncpu, starts, 64), 0);
	ck_assert_int_eq(scx_cid_map_from_override(&r, m, c2c, ncpu, ns ? starts : NULL, ns), 0);
	ck_assert_uint_eq(scx_cid_map_nr_cids(r), scx_cid_map_nr_cids(m));
	ck_assert_uint_eq(scx_cid_map_nr_shards(r), ns);
	for (uint32_t c = 0; c < ncpu; c++)
		ck_assert_int_eq(scx_cid_map_cpu_to_cid(r, (int)c), scx_cid_map_cpu_to_cid(m, (int)c));
	for (uint32_t c = 0; c < scx_cid_map_nr_cids(m); c++) {
		struct scx_cid_topo a, b;

		ck_assert_int_eq(scx_cid_map_cid_to_cpu(r, (int)c), scx_cid_map_cid_to_cpu(m, (int)c));
		scx_cid_map_topo(m, c, &a);
		scx_cid_map_topo(r, c, &b);
		ck_assert_int_eq(b.core_cid, -1);
		ck_assert_int_eq(b.llc_idx, -1);
		ck_assert_int_eq(b.node_idx, -1);
		ck_assert_int_eq(b.shard_cid, a.shard_cid);
		ck_assert_int_eq(b.shard_idx, a.shard_idx);
	}
	scx_cid_map_free(r);
	free(c2c);
}

START_TEST(test_round_trip)
{
	static const char *const names[] = { "smt-far", "shards-small", "offline-middle" };
	char tmp[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		synthetic_tree(names[i], tmp, sizeof(tmp));
		static const uint32_t gens[] = { SCX_CID_GEN_7_2, SCX_CID_GEN_7_3, SCX_CID_GEN_7_4 };

		for (size_t g = 0; g < sizeof(gens) / sizeof(gens[0]); g++) {
			struct scx_cid_map *m = map_of(tmp, gens[g]);

			check_round_trip(m);
			scx_cid_map_free(m);
		}
		rmtree(tmp);
	}
}
END_TEST

/* Which generation a map models, and why. */
START_TEST(test_gen_source)
{
	char tmp[512];
	uint32_t src = 0, kgen = 0, ksrc = 0;
	struct scx_cid_map *m = NULL;
	int kerr;

	synthetic_tree("smt-far", tmp, sizeof(tmp));
	/* a capture: no kernel to ask, the newest released generation */
	ck_assert_int_eq(scx_cid_map_new(&m, tmp), 0);
	ck_assert_uint_eq(scx_cid_map_gen(m, &src), SCX_CID_GEN_NEWEST_RELEASED);
	ck_assert_uint_eq(src, SCX_CID_GEN_SRC_CAPTURE);
	scx_cid_map_free(m);
	m = map_of(tmp, SCX_CID_GEN_7_4);
	ck_assert_uint_eq(scx_cid_map_gen(m, &src), SCX_CID_GEN_7_4);
	ck_assert_uint_eq(src, SCX_CID_GEN_SRC_CALLER);
	ck_assert_uint_eq(scx_cid_map_gen(m, NULL), SCX_CID_GEN_7_4);
	scx_cid_map_free(m);
	rmtree(tmp);
	ck_assert_uint_eq(scx_cid_map_gen(NULL, &src), SCX_CID_GEN_NONE);
	ck_assert_uint_eq(src, 0);

	/* this machine: the map follows scx_cid_gen_of_kernel(), refusal included */
	kerr = scx_cid_gen_of_kernel(NULL, &kgen, &ksrc);
	m = NULL;
	if (kerr == -EOPNOTSUPP) {
		ck_assert_int_eq(scx_cid_map_new(&m, NULL), -EOPNOTSUPP);
		ck_assert_errmsg("scx_cid_map_opts.gen");
		ck_assert_ptr_null(m);
		return;
	}
	ck_assert_int_eq(kerr, 0);
	if (scx_cid_map_new(&m, NULL)) {
		fprintf(stderr, "this machine's sysfs is not readable (%s): running-system case not run\n",
			scxcmask_errmsg());
		return;
	}
	ck_assert_uint_eq(scx_cid_map_gen(m, &src), kgen);
	ck_assert_uint_eq(src, ksrc);
	scx_cid_map_free(m);
}
END_TEST

/*
 * Without cluster files every core is a cluster by itself, so the 7.4 walk
 * is the 7.3 one with cluster fields equal to the core fields (and -1 in
 * the tail).  Holds for every synthetic tree without cluster lines.
 */
START_TEST(test_gen74_without_clusters)
{
	static const char *const names[] = {
		"smt-adjacent", "smt-far", "two-sockets", "llc-spans-nodes", "interleaved-nodes",
		"possible-gt-online", "offline-middle", "no-cache", "missing-topology", "shards-small",
	};
	char tmp[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct scx_cid_map *m3, *m4;

		synthetic_tree(names[i], tmp, sizeof(tmp));
		m3 = map_of(tmp, SCX_CID_GEN_7_3);
		m4 = map_of(tmp, SCX_CID_GEN_7_4);
		ck_assert_uint_eq(scx_cid_map_nr_shards(m3), scx_cid_map_nr_shards(m4));
		for (uint32_t c = 0; c < scx_cid_map_nr_cids(m3); c++) {
			struct scx_cid_topo a, b;

			ck_assert_int_eq(scx_cid_map_cid_to_cpu(m3, (int)c), scx_cid_map_cid_to_cpu(m4, (int)c));
			scx_cid_map_topo(m3, c, &a);
			scx_cid_map_topo(m4, c, &b);
			ck_assert_msg(a.cluster_cid == -1 && a.cluster_idx == -1, "%s: 7.3 cid %u has a cluster", names[i], c);
			ck_assert_msg(b.cluster_cid == b.core_cid && b.cluster_idx == b.core_idx,
				      "%s: cid %u: cluster %d/%d, core %d/%d", names[i], c, b.cluster_cid,
				      b.cluster_idx, b.core_cid, b.core_idx);
			b.cluster_cid = b.cluster_idx = -1;
			ck_assert_msg(!memcmp(&a, &b, sizeof(a)), "%s: cid %u differs", names[i], c);
		}
		scx_cid_map_free(m3);
		scx_cid_map_free(m4);
		rmtree(tmp);
	}
}
END_TEST

/*
 * One node, one LLC and 600 cpus in SMT cores of @threads threads each.
 * The kernel never splits a core between shards, so a core of more than
 * SCX_CID_SHARD_MAX_CPUS (512) threads makes a shard that wide, which its
 * own scx_bpf_cid_override() refuses.
 */
static struct scx_cid_map *wide_core_map(unsigned int threads, char *tmp, size_t len)
{
	ck_assert(!cid_test_tmpdir(tmp, len));
	ck_assert_int_eq(cid_test_sh("d='%s/sys/devices/system/cpu'; t=%u; mkdir -p \"$d\" && "
				     "echo 0-599 >\"$d/possible\" && echo 0-599 >\"$d/online\" && "
				     "c=0; while [ $c -lt 600 ]; do f=$((c / t * t)); "
				     "mkdir -p \"$d/cpu$c/topology\" && "
				     "echo \"$f-$((f + t - 1))\" >\"$d/cpu$c/topology/thread_siblings_list\"; "
				     "c=$((c + 1)); done", tmp, threads), 0);
	return map_of(tmp, SCX_CID_GEN_7_3);
}

START_TEST(test_round_trip_wide_core)
{
	int32_t c2c[600], starts[64];
	struct scx_cid_map *m, *r = NULL;
	uint32_t base, n;
	char tmp[512];

	/* two cores of 300: a shard each, and the round trip holds */
	m = wide_core_map(300, tmp, sizeof(tmp));
	ck_assert_uint_eq(scx_cid_map_nr_shards(m), 2);
	check_round_trip(m);
	scx_cid_map_free(m);
	rmtree(tmp);

	/* one core of 600: one shard of 600 cids, as the kernel's walk makes it ... */
	m = wide_core_map(600, tmp, sizeof(tmp));
	ck_assert_uint_eq(scx_cid_map_nr_shards(m), 1);
	ck_assert_int_eq(scx_cid_map_shard(m, 0, &base, &n), 0);
	ck_assert_uint_eq(n, 600);
	/* ... which to_override writes as it is, and from_override (the kernel) refuses */
	ck_assert_int_eq(scx_cid_map_to_override(m, c2c, 600, starts, 64), 0);
	ck_assert_int_eq(starts[0], 0);
	ck_assert_int_eq(scx_cid_map_from_override(&r, m, c2c, 600, starts, 1), -EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(scxcmask_errmsg(), "last shard 0 spans 600 cids"), "%s", scxcmask_errmsg());
	/* the same cpu_to_cid as a 7.2 override (no shards) is accepted */
	ck_assert_int_eq(scx_cid_map_from_override(&r, m, c2c, 600, NULL, 0), 0);
	scx_cid_map_free(r);
	scx_cid_map_free(m);
	rmtree(tmp);
}
END_TEST

/*
 * scx_cid_map_matches(): the enable-time map still matches the kernel's
 * answers after cpu 1 goes offline, a map re-predicted from the new sysfs
 * does not, and the first difference is named.
 */
START_TEST(test_matches)
{
	char tmp[512], tmp2[512];
	struct scx_cid_map *before = tiny_map("0-3", "0-3", tmp, sizeof(tmp));
	struct scx_cid_map *after = tiny_map("0-3", "0,2-3", tmp2, sizeof(tmp2));
	const int32_t kernel[4] = { 0, 1, 2, 3 };	/* built at enable, all online */
	const int32_t swapped[4] = { 0, 1, 3, 2 };

	ck_assert_int_eq(scx_cid_map_cid_to_cpu(after, 1), 2);
	/* a match is a success: it leaves the last failure's message alone */
	ck_assert_int_eq(scx_cid_map_shard(NULL, 0, NULL, NULL), -EINVAL);
	ck_assert_int_eq(scx_cid_map_matches(before, kernel, 4), 1);
	ck_assert_errmsg("scx_cid_map_shard: NULL argument");
	ck_assert_int_eq(scx_cid_map_matches(after, kernel, 4), 0);
	ck_assert_errmsg("cid 1: the kernel has cpu 1, the map cpu 2");
	ck_assert_int_eq(scx_cid_map_matches(before, swapped, 4), 0);
	ck_assert_errmsg("cid 2: the kernel has cpu 3, the map cpu 2");
	ck_assert_int_eq(scx_cid_map_matches(before, kernel, 3), 0);
	ck_assert_errmsg("the kernel has 3 cids, the map 4");
	ck_assert_int_eq(scx_cid_map_matches(before, NULL, 0), 0);
	ck_assert_int_eq(scx_cid_map_matches(before, NULL, 4), -EINVAL);
	ck_assert_errmsg("cid_to_cpu is NULL");
	ck_assert_int_eq(scx_cid_map_matches(NULL, kernel, 4), -EINVAL);
	ck_assert_errmsg("map is NULL");
	scx_cid_map_free(before);
	scx_cid_map_free(after);
	rmtree(tmp);
	rmtree(tmp2);
}
END_TEST

int main(void)
{
	const char *top = getenv("top_srcdir");
	Suite *s = suite_create("cid_map");
	TCase *tc = tcase_create("api");

	snprintf(srcdir, sizeof(srcdir), "%s", top && *top ? top : ".");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_lookup_errors);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_gen72_has_no_shards);
	tcase_add_test(tc, test_override_validation);
	tcase_add_test(tc, test_override_span);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_gen_source);
	tcase_add_test(tc, test_gen74_without_clusters);
	tcase_add_test(tc, test_round_trip_wide_core);
	tcase_add_test(tc, test_matches);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
