// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The sysfs reader against damaged trees: real and synthetic fixtures with
 * one file at a time truncated, filled with garbage, given huge numbers,
 * removed, replaced by a directory, a symlink loop, a fifo or a file past
 * the size bound.  Each build must give a consistent map or an error with
 * a message; never a crash (Check runs each test in a child) and, under the
 * sanitizer stage or valgrind, never a leak.  The mutations are drawn from
 * a fixed seed (SCXCMASK_DAMAGE_SEED overrides it, SCXCMASK_DAMAGE_ROUNDS
 * the count) so a failure reproduces.
 */
#define _GNU_SOURCE
#include <check.h>
#include "check_run.h"
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <scxcmask/cid.h>
#include "cid_expect.h"

#define MAX_PATHS 8192

static char srcdir[2048];
static char *paths[MAX_PATHS];
static int nr_paths;
static uint64_t rng;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static int collect(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if ((flag == FTW_F || flag == FTW_SL || flag == FTW_SLN) && nr_paths < MAX_PATHS)
		paths[nr_paths++] = strdup(path);
	return 0;
}

static void write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Replaces @path by one kind of damage; returns its name. */
static const char *damage(const char *path)
{
	static const char *const numbers[] = {
		"99999999999999999999999", "0-4294967295", "8192", "7-3", "0-3,", ",", "-1",
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,"
		"ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff,ffffffff",
		"123456789", "0x1f", "1 2", "0-1:1/2", "\n\n\n", "0-7\0garbage",
	};
	char buf[256];
	size_t len;

	if (unlink(path) != 0)
		ck_assert_msg(errno == ENOENT, "cannot remove %s: %s", path, strerror(errno));
	switch (next_rand() % 8) {
	case 0:
		write_file(path, "", 0);
		return "empty";
	case 1:
		len = 1 + next_rand() % sizeof(buf);
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)next_rand();
		write_file(path, buf, len);
		return "garbage";
	case 2: {
		const char *s = numbers[next_rand() % (sizeof(numbers) / sizeof(numbers[0]))];

		write_file(path, s, strlen(s) + (s[0] == '0' && s[1] == '-' && s[3] == '\0'));
		return "bad number";
	}
	case 3:
		return "missing";
	case 4:
		ck_assert_int_eq(mkdir(path, 0755), 0);
		return "directory";
	case 5:
		ck_assert_int_eq(symlink(strrchr(path, '/') + 1, path), 0);
		return "symlink loop";
	case 6:
		ck_assert_int_eq(mkfifo(path, 0644), 0);
		return "fifo";
	default: {
		char *big = malloc(70000);

		memset(big, '1', 70000);
		write_file(path, big, 70000);
		free(big);
		return "too long";
	}
	}
}

/* A built map must be self-consistent. */
static void check_consistent(const struct scx_cid_map *m)
{
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(m), ncid = scx_cid_map_nr_cids(m);

	ck_assert_uint_le(ncid, ncpu);
	ck_assert_uint_le(scx_cid_map_nr_online_cids(m), ncid);
	for (uint32_t c = 0; c < ncid; c++) {
		int cpu = scx_cid_map_cid_to_cpu(m, (int)c);

		ck_assert_int_ge(cpu, 0);
		ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, cpu), (int)c);
	}
}

/* What a path was before the damage, to put it back. */
struct saved {
	bool link;
	char *data;
	ssize_t len;
};

static void save(const char *path, struct saved *sv)
{
	struct stat st;
	int fd;

	ck_assert_int_eq(lstat(path, &st), 0);
	sv->link = S_ISLNK(st.st_mode);
	sv->data = malloc((size_t)st.st_size + 4096);
	if (sv->link) {
		sv->len = readlink(path, sv->data, (size_t)st.st_size + 4095);
	} else {
		fd = open(path, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		sv->len = read(fd, sv->data, (size_t)st.st_size + 4095);
		close(fd);
	}
	ck_assert_int_ge(sv->len, 0);
}

static void restore(const char *path, struct saved *sv)
{
	if (unlink(path) != 0)
		ck_assert_msg(rmdir(path) == 0 || errno == ENOENT, "%s: %s", path, strerror(errno));
	if (sv->link) {
		sv->data[sv->len] = '\0';
		ck_assert_int_eq(symlink(sv->data, path), 0);
	} else {
		write_file(path, sv->data, (size_t)sv->len);
	}
	free(sv->data);
}

/* @rounds times: damage one path of @orig, build its map, put the path back. */
static void damage_rounds(const char *orig, int rounds)
{
	nr_paths = 0;
	nftw(orig, collect, 16, FTW_PHYS);
	ck_assert_int_gt(nr_paths, 0);
	for (int r = 0; r < rounds; r++) {
		const char *victim = paths[next_rand() % (uint32_t)nr_paths], *what;
		struct scx_cid_map *m = NULL;
		struct saved sv;
		int err;

		save(victim, &sv);
		what = damage(victim);
		err = scx_cid_map_new(&m, orig);
		restore(victim, &sv);
		if (err) {
			ck_assert_msg(err < 0, "positive return %d", err);
			ck_assert_msg(scxcmask_errmsg()[0], "%s (%s): error %d without a message",
				      victim, what, err);
			ck_assert_ptr_null(m);
		} else {
			check_consistent(m);
			scx_cid_map_free(m);
		}
	}
	for (int i = 0; i < nr_paths; i++)
		free(paths[i]);
}

static int rounds(void)
{
	const char *s = getenv("SCXCMASK_DAMAGE_ROUNDS");

	return s && atoi(s) > 0 ? atoi(s) : 150;
}

static void seed(unsigned salt)
{
	const char *s = getenv("SCXCMASK_DAMAGE_SEED");

	rng = (s ? strtoull(s, NULL, 0) : 0x5c3c3a5cULL) * 2654435761ULL + salt + 1;
}

START_TEST(test_damage_real)
{
	static const char *const trees[] = {
		"8em64t-2s2ca2c-buggynuma", "offline-cpu0-node0", "16ia64-8n2s",
		"fakecpuid1f-64intel64-2p4d2n2c2t",
	};
	char tmp[512], orig[600];

	seed((unsigned)_i);
	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	snprintf(orig, sizeof(orig), "%s/orig", tmp);
	ck_assert_int_eq(cid_test_sh("mkdir -p '%s' && tar -xzf '%s/tests/fixtures/realsysfs/%s.tar.gz' -C '%s'",
				     orig, srcdir, trees[_i], orig), 0);
	damage_rounds(orig, rounds());
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

START_TEST(test_damage_synthetic)
{
	static const char *const fixtures[] = { "two-sockets", "dangling-node", "old-kernel" };
	char tmp[512], orig[600];

	seed(100u + (unsigned)_i);
	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	snprintf(orig, sizeof(orig), "%s/orig", tmp);
	ck_assert_int_eq(cid_test_sh("sh '%s/tests/fixtures/make-synthetic.sh' "
				     "'%s/tests/fixtures/synthetic/%s.fixture' '%s'",
				     srcdir, srcdir, fixtures[_i], orig), 0);
	damage_rounds(orig, rounds());
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

int main(void)
{
	const char *top = getenv("top_srcdir");
	Suite *s = suite_create("cid_damage");
	TCase *tc = tcase_create("damage");

	snprintf(srcdir, sizeof(srcdir), "%s", top && *top ? top : ".");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_damage_real, 0, 4);
	tcase_add_loop_test(tc, test_damage_synthetic, 0, 3);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
