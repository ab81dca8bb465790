// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The files scx_cid_map_new() opens must grow linearly with the tree: on
 * trees of N cpus and N node directories without cpulist or cpumap (the
 * documented fallback: each node holds the cpus linking to it), going
 * from N = 256 to N = 2048 may multiply the count by at most 8.  Counts
 * opens, not time (open_count.c, preloaded by sysfs-complexity.sh).
 * Before the fix every cpu reopened both files of every node: 64x.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <scxcmask/scxcmask.h>
#include "sysfs_tree.h"

static unsigned long (*opens)(void);
static int passed, failed;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

/* Files opened by one scx_cid_map_new() on a generated tree; 0 on error. */
static unsigned long map_opens(unsigned int n, bool links)
{
	struct t_tree t = { .ncpu = n, .nnodes = n, .links = links };
	struct scx_cid_map *map = NULL;
	unsigned long before, count = 0;
	char dir[PATH_MAX];
	int err;

	if (t_tree_tmpdir(dir, sizeof(dir), "complexity") || t_tree_make(dir, &t)) {
		perror("cannot write the sysfs tree");
		return 0;
	}
	before = opens();
	err = scx_cid_map_new(&map, dir);
	count = opens() - before;
	if (err) {
		fprintf(stderr, "scx_cid_map_new(%u cpus): %s\n", n, scxcmask_errmsg());
		count = 0;
	} else if (scx_cid_map_nr_cids(map) != n || scx_cid_map_nr_online_cids(map) != n) {
		fprintf(stderr, "%u cpus: the map has %u cids, %u online\n", n,
			scx_cid_map_nr_cids(map), scx_cid_map_nr_online_cids(map));
		count = 0;
	}
	scx_cid_map_free(map);
	t_tree_remove(dir);
	printf("%u cpus, %u empty node directories%s: %lu files opened\n", n, n,
	       links ? " (cpuN/nodeM links)" : " (no links)", count);
	return count;
}

int main(void)
{
	char what[160];

	*(void **)&opens = dlsym(RTLD_DEFAULT, "scxcmask_test_opens");
	if (!opens) {
		fprintf(stderr, "open_count.so is not preloaded: run sysfs-complexity.sh\n");
		return 1;
	}
	for (int links = 0; links < 2; links++) {
		unsigned long small = map_opens(256, links), big = map_opens(2048, links);

		snprintf(what, sizeof(what), "%s: %lu -> %lu opens, %.2fx (limit 8x)",
			 links ? "links" : "no links", small, big, small ? (double)big / small : 0);
		check(small && big && big <= 8 * small, what);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
