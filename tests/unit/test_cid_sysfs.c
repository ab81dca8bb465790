// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The sysfs reader's syntax: sysfs masks go through the library's one list
 * and hex parsers (the kernel's syntax) with the sysfs rules on top
 * (nothing dropped silently, no "N"/"all"/patterns, ids past the possible
 * cpus ignored below the NR_CPUS cap).  Each case writes one file of a
 * one-cpu tree and checks the map's verdict, its errno, and that the
 * message names the file, the rule and the offset.
 */
#define _GNU_SOURCE
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scxcmask/cid.h>
#include "cid_expect.h"

struct sysfs_case {
	const char *file;	/* under sys/devices/system/cpu/ */
	const char *data;
	size_t len;		/* 0: strlen(data) */
	int err;		/* 0: the map builds */
	const char *msg[2];	/* substrings of the message besides the file name */
};

#define SIB "cpu0/topology/thread_siblings"
#define SIBL "cpu0/topology/thread_siblings_list"

static const struct sysfs_case cases[] = {
	/* lists */
	{ "possible", "0\n1", 0, -EINVAL, { "text after the newline", "offset 2" } },
	{ "possible", "N", 0, -EINVAL, { "\"N\" in a sysfs file", "offset 0" } },
	{ "possible", "all", 0, -EINVAL, { "\"all\" in a sysfs file", "offset 0" } },
	{ "possible", "0-7:2/4", 0, -EINVAL, { "pattern", "offset 3" } },
	{ "possible", "0-8192", 0, -ERANGE, { "past the limit", "offset 2" } },
	{ "possible", "0-x", 0, -EINVAL, { "expected a number", "offset 2" } },
	{ "possible", "3-1", 0, -EINVAL, { "reversed range", "offset 0" } },
	{ "possible", "99999999999", 0, -EOVERFLOW, { "32 bits", "offset 0" } },
	{ "possible", "0,", 0, 0, { NULL } },			/* the kernel's separators */
	{ "possible", "0\n\0\0", 4, 0, { NULL } },		/* a capture's trailing NULs */
	{ "possible", " 0 \t\n\n", 0, 0, { NULL } },
	{ SIBL, "0,5000", 0, 0, { NULL } },			/* past nr_cpu_ids: ignored */
	{ SIBL, "0,8192", 0, -ERANGE, { "past the limit", "offset 2" } },
	/* hex masks */
	{ SIB, "1\n2", 0, -EINVAL, { "text after the newline", "offset 2" } },
	{ SIB, "x00000001", 0, -EINVAL, { "before an 8-digit group", "offset 0" } },
	{ SIB, "000000001", 0, -EOVERFLOW, { "more than 8 digits", "offset 0" } },
	{ SIB, "0000000g", 0, -EINVAL, { "not a hex digit", "offset 7" } },
	{ SIB, "00000001,00000001", 0, 0, { NULL } },		/* bit 32: past nr_cpu_ids */
	{ SIB, "1,", 0, 0, { NULL } },
};

#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

static void write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

START_TEST(test_case)
{
	const struct sysfs_case *c = &cases[_i];
	struct scx_cid_map *m = NULL;
	char tmp[256], path[512];
	int err;

	ck_assert(!cid_test_tmpdir(tmp, sizeof(tmp)));
	ck_assert_int_eq(cid_test_sh("d='%s/sys/devices/system/cpu'; mkdir -p \"$d/cpu0/topology\" && "
				     "echo 0 >\"$d/possible\" && echo 0 >\"$d/online\"", tmp), 0);
	snprintf(path, sizeof(path), "%s/sys/devices/system/cpu/%s", tmp, c->file);
	write_file(path, c->data, c->len ? c->len : strlen(c->data));
	err = scx_cid_map_new(&m, tmp);
	ck_assert_msg(err == c->err, "%s \"%s\": %d (%s), want %d", c->file, c->data, err,
		      scxcmask_errmsg(), c->err);
	if (err) {
		ck_assert_ptr_null(m);
		ck_assert_msg(strstr(scxcmask_errmsg(), path), "message \"%s\" lacks the path %s",
			      scxcmask_errmsg(), path);
		for (int k = 0; k < 2 && c->msg[k]; k++)
			ck_assert_msg(strstr(scxcmask_errmsg(), c->msg[k]),
				      "%s \"%s\": message \"%s\" lacks \"%s\"", c->file, c->data,
				      scxcmask_errmsg(), c->msg[k]);
	} else {
		ck_assert_uint_eq(scx_cid_map_nr_cpu_ids(m), 1);
		ck_assert_int_eq(scx_cid_map_cpu_to_cid(m, 0), 0);
		scx_cid_map_free(m);
	}
	cid_test_sh("rm -rf '%s'", tmp);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cid_sysfs");
	TCase *tc = tcase_create("syntax");

	tcase_add_loop_test(tc, test_case, 0, (int)NR_CASES);
	suite_add_tcase(s, tc);
	return t_run_suite(s);
}
