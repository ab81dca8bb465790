// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The cid map against fixtures: every kernel truth in
 * tests/fixtures/cidtruth (cpu_to_cid, cid_to_cpu and topo exactly: six
 * fields for 7.2, eight for 7.3), every hand-worked synthetic tree in
 * tests/fixtures/synthetic, and the hand-worked tables of real machines'
 * trees in tests/fixtures/realsysfs (*.expected-GEN, beside the tarball).
 */
#define _GNU_SOURCE
#include <check.h>
#include "check_run.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/cid.h>
#include "cid_expect.h"

#define MAX_CASES 64

static char srcdir[2048];
static char cases[MAX_CASES][256];
static int nr_cases;

static void check_map(const char *root, const char *expect_path)
{
	static struct cid_expect e;
	struct scx_cid_map *m = NULL;
	char why[512];
	int err;

	ck_assert_msg(!cid_expect_load(expect_path, &e, why, sizeof(why)), "%s", why);
	{
		SCX_CID_MAP_OPTS(opts, .gen = e.gen, .shard_size = e.shard_size);

		err = scx_cid_map_new_opts(&m, root, &opts);
	}
	ck_assert_msg(!err, "%s: %d %s", expect_path, err, scxcmask_errmsg());
	err = cid_expect_compare(&e, m, why, sizeof(why));
	scx_cid_map_free(m);
	ck_assert_msg(!err, "%s: %s", expect_path, why);
}

START_TEST(test_cidtruth)
{
	static const char *const names[] = { "smp2", "s2c2", "c4t2", "c4t2-73" };
	char tmp[512], path[4096];

	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	ck_assert_int_eq(cid_test_sh("tar -xzf '%s/tests/fixtures/cidtruth/%s/sysfs.tar.gz' -C '%s'",
				     srcdir, names[_i], tmp), 0);
	snprintf(path, sizeof(path), "%s/tests/fixtures/cidtruth/%s/expected.txt", srcdir, names[_i]);
	check_map(tmp, path);
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

START_TEST(test_synthetic)
{
	char tmp[512], path[4096];

	snprintf(path, sizeof(path), "%s/tests/fixtures/synthetic/%s", srcdir, cases[_i]);
	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	ck_assert_int_eq(cid_test_sh("sh '%s/tests/fixtures/make-synthetic.sh' '%s' '%s'", srcdir,
				     path, tmp), 0);
	check_map(tmp, path);
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

/* Real captures with tables worked out by hand: NAME.expected-GEN beside NAME.tar.gz. */
static const char *const real_cases[] = {
	"128arm-2pa2n8cluster4co.expected-7.3",
	"128arm-2pa2n8cluster4co.expected-7.4",
};

START_TEST(test_realsysfs)
{
	char tmp[512], path[4096], tarball[256];
	const char *dot = strstr(real_cases[_i], ".expected-");

	snprintf(tarball, sizeof(tarball), "%.*s.tar.gz", (int)(dot - real_cases[_i]), real_cases[_i]);
	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	ck_assert_int_eq(cid_test_sh("tar -xzf '%s/tests/fixtures/realsysfs/%s' -C '%s'", srcdir,
				     tarball, tmp), 0);
	snprintf(path, sizeof(path), "%s/tests/fixtures/realsysfs/%s", srcdir, real_cases[_i]);
	check_map(tmp, path);
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

/* The fixtures the issue requires must all be there. */
START_TEST(test_synthetic_coverage)
{
	static const char *const required[] = {
		"smt-adjacent", "smt-far", "two-sockets", "llc-spans-nodes", "interleaved-nodes",
		"possible-gt-online", "offline-middle", "no-cache", "no-node-dir", "missing-topology",
		"cluster-split-node", "cluster-split-shard",
	};

	for (size_t r = 0; r < sizeof(required) / sizeof(required[0]); r++) {
		int found = 0;

		for (int i = 0; i < nr_cases; i++)
			found |= !strncmp(cases[i], required[r], strlen(required[r])) &&
				 !strcmp(cases[i] + strlen(required[r]), ".fixture");
		ck_assert_msg(found, "no synthetic fixture %s", required[r]);
	}
}
END_TEST

static void find_cases(void)
{
	char dir[4096];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/fixtures/synthetic", srcdir);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) && nr_cases < MAX_CASES) {
		size_t n = strlen(de->d_name);

		if (n > 8 && n < sizeof(cases[0]) && !strcmp(de->d_name + n - 8, ".fixture"))
			strcpy(cases[nr_cases++], de->d_name);
	}
	closedir(d);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	Suite *s = suite_create("cid_fixtures");
	TCase *tc = tcase_create("fixtures");

	snprintf(srcdir, sizeof(srcdir), "%s", top && *top ? top : ".");
	find_cases();
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cidtruth, 0, 4);
	tcase_add_loop_test(tc, test_synthetic, 0, nr_cases);
	tcase_add_loop_test(tc, test_realsysfs, 0, sizeof(real_cases) / sizeof(real_cases[0]));
	tcase_add_test(tc, test_synthetic_coverage);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
