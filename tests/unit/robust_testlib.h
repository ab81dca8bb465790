/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The verdicts of the issue-9 robustness tests (test_fd_safety,
 * test_size_bounds, test_source_race): plain programs, not Check suites,
 * because each needs control Check's forking runner would take away (the
 * descriptor table, guard-page mappings, threads).  One "ok:"/"FAIL:" line
 * per check, a "N passed, N failed" summary for the log, and the map of
 * a generated sysfs tree they convert with.
 */
#ifndef SCXCMASK_ROBUST_TESTLIB_H
#define SCXCMASK_ROBUST_TESTLIB_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <scxcmask/scxcmask.h>
#include "sysfs_tree.h"

static int t_passed, t_failed;

/* Counts and prints one check: "ok: <what>" or "FAIL: <what>". */
__attribute__((format(printf, 2, 3)))
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		t_passed++;
	else
		t_failed++;
}

/* Prints the summary; the exit status for main(): 1 if any check failed. */
static inline int t_summary(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed ? 1 : 0;
}

/*
 * The map of the generated tree @t, read from a temporary directory named
 * after @name and removed again.  Exits 99 (a hard error: the test could
 * not be set up) when the tree or the map cannot be made.
 */
static inline struct scx_cid_map *t_tree_map(const struct t_tree *t, const char *name)
{
	struct scx_cid_map *map;
	char dir[PATH_MAX];
	int err;

	if (t_tree_tmpdir(dir, sizeof(dir), name) || t_tree_make(dir, t)) {
		perror("sysfs tree");
		exit(99);
	}
	err = scx_cid_map_new(&map, dir);
	t_tree_remove(dir);
	if (err) {
		fprintf(stderr, "map: %s\n", scxcmask_errmsg());
		exit(99);
	}
	return map;
}

#endif
