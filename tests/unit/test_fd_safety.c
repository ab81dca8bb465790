// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Every public entry point that opens files leaves the descriptor table
 * exactly as it found it, on every path: success, a missing root, a root
 * too long for PATH_MAX, missing or damaged files, and running out of
 * descriptors (EMFILE).  The table is compared through /proc/self/fd, fd
 * by fd with the open file's device and inode, and fd 0 holds a sentinel
 * file throughout: in a daemon fd 0 is often some reused descriptor (a
 * BPF map, a socket), and closing it is silent damage.  (Defect 1 of
 * issue 9: a root of 5000 characters made scx_cid_map_new() close fd 0.)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <scxcmask/scxcmask.h>
#include "robust_testlib.h"
#include "sysfs_tree.h"

#define MAX_FDS 1024

struct fd_id {
	int fd;
	dev_t dev;
	ino_t ino;
};

struct fd_table {
	int n;
	struct fd_id e[MAX_FDS];
};

static char tmp[PATH_MAX];
static struct stat sentinel;

static int by_fd(const void *a, const void *b)
{
	return ((const struct fd_id *)a)->fd - ((const struct fd_id *)b)->fd;
}

/*
 * The open descriptors, but for the one listing them, sorted.  Those at
 * or above the soft limit are a tool's, not the program's: valgrind keeps
 * its own there, out of the client's reach.
 */
static void snapshot(struct fd_table *t)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	struct rlimit lim;

	if (getrlimit(RLIMIT_NOFILE, &lim))
		lim.rlim_cur = RLIM_INFINITY;

	if (!d) {
		perror("/proc/self/fd");
		exit(99);
	}
	t->n = 0;
	while ((de = readdir(d))) {
		struct stat st;
		int fd;

		if (de->d_name[0] == '.')
			continue;
		fd = atoi(de->d_name);
		if (fd == dirfd(d) || (rlim_t)fd >= lim.rlim_cur || fstat(fd, &st) || t->n == MAX_FDS)
			continue;
		t->e[t->n++] = (struct fd_id){ .fd = fd, .dev = st.st_dev, .ino = st.st_ino };
	}
	closedir(d);
	qsort(t->e, (size_t)t->n, sizeof(t->e[0]), by_fd);
}

/* Empty when equal; otherwise the first difference. */
static const char *table_diff(const struct fd_table *a, const struct fd_table *b)
{
	static char why[128];
	int i;

	for (i = 0; i < a->n && i < b->n; i++)
		if (a->e[i].fd != b->e[i].fd || a->e[i].dev != b->e[i].dev ||
		    a->e[i].ino != b->e[i].ino)
			break;
	if (i == a->n && i == b->n)
		return "";
	if (i < a->n && (i >= b->n || a->e[i].fd < b->e[i].fd))
		snprintf(why, sizeof(why), "fd %d was closed", a->e[i].fd);
	else if (i < b->n && (i >= a->n || b->e[i].fd < a->e[i].fd))
		snprintf(why, sizeof(why), "fd %d was left open", b->e[i].fd);
	else
		snprintf(why, sizeof(why), "fd %d now holds another file", a->e[i].fd);
	return why;
}

static int sentinel_intact(void)
{
	struct stat st;

	return fstat(0, &st) == 0 && st.st_dev == sentinel.st_dev && st.st_ino == sentinel.st_ino;
}

/* One call of an entry point, the table compared around it. */
struct call {
	const char *what;
	int (*fn)(const struct call *c);
	const char *arg;
	int want;		/* expected return; 1: any negative errno, 2: anything */
};

static int run(const struct call *c)
{
	struct fd_table before, after;
	const char *diff;
	int ret;

	snapshot(&before);
	ret = c->fn(c);
	snapshot(&after);
	diff = table_diff(&before, &after);
	check(!*diff && sentinel_intact() &&
	      (c->want == 2 || (c->want == 1 ? ret < 0 : ret == c->want)),
	      "%s: returned %d (%s), descriptors %s, fd 0 %s", c->what, ret,
	      ret < 0 ? scxcmask_errmsg() : "ok", *diff ? diff : "unchanged",
	      sentinel_intact() ? "intact" : "CLOSED or replaced");
	return ret;
}

static int map_new(const struct call *c)
{
	struct scx_cid_map *map = NULL;
	int err = scx_cid_map_new(&map, c->arg);

	scx_cid_map_free(map);
	return err;
}

static int map_new_opts(const struct call *c)
{
	SCX_CID_MAP_OPTS(opts, .gen = SCX_CID_GEN_7_2, .shard_size = 4);
	struct scx_cid_map *map = NULL;
	int err = scx_cid_map_new_opts(&map, c->arg, &opts);

	scx_cid_map_free(map);
	return err;
}

static int map_new_bad_opts(const struct call *c)
{
	SCX_CID_MAP_OPTS(opts, .gen = 99);
	struct scx_cid_map *map = NULL;

	return scx_cid_map_new_opts(&map, c->arg, &opts);
}

static int btf_check(const struct call *c)
{
	char msg[512];

	return scx_cmask_check_btf(c->arg, msg, sizeof(msg));
}

static int btf_report(const struct call *c)
{
	SCX_BTF_REPORT(r);

	return scx_cmask_check_btf_report(c->arg, &r);
}

static int gen_of_kernel(const struct call *c)
{
	uint32_t gen, source;

	return scx_cid_gen_of_kernel(c->arg, &gen, &source);
}

/* @name inside the scratch directory; strdup'd, lives as long as the test. */
static char *owned[64];
static int nowned;

static char *path_in(const char *name)
{
	char p[PATH_MAX], *s;

	if (t_path(p, "%s/%s", tmp, name) || nowned == 64 || !(s = strdup(p)))
		exit(99);
	return owned[nowned++] = s;
}

/* A tree named @name, then @file under its sys/devices/system replaced by @text. */
static const char *tree(const char *name, const struct t_tree *t, const char *file,
			const char *text)
{
	char *root = path_in(name), p[PATH_MAX];

	if (mkdir(root, 0755) || t_tree_make(root, t)) {
		perror(root);
		exit(99);
	}
	if (file) {
		if (t_path(p, "%s/sys/devices/system/%s", root, file))
			exit(99);
		remove(p);
		if (text && t_tree_write(p, text)) {
			perror(p);
			exit(99);
		}
	}
	return root;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(99);
	}
}

/*
 * Runs @fn on @arg with the descriptor limit just above the open ones,
 * then one more each time: each run fails at a later open, until one
 * succeeds (or fails otherwise).  At least one run must have met EMFILE,
 * or the limit never bit.
 */
static void emfile_runs(const char *what, int (*fn)(const struct call *), const char *arg,
			bool require)
{
	struct fd_table t;
	struct rlimit old, lim;
	int emfile = 0, top;
	char name[128];

	int fill[MAX_FDS], nfill = 0;

	snapshot(&t);
	top = t.n ? t.e[t.n - 1].fd : 0;
	/*
	 * The limit caps descriptor numbers, and new ones take the lowest
	 * free number: fill every hole below the highest open one first, so
	 * that the library has exactly @extra descriptors left.
	 */
	for (;;) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (fd < 0 || fd > top || nfill == MAX_FDS) {
			if (fd >= 0)
				close(fd);
			break;
		}
		fill[nfill++] = fd;
	}
	if (getrlimit(RLIMIT_NOFILE, &old)) {
		perror("getrlimit");
		exit(99);
	}
	for (int extra = 0; extra < 8; extra++) {
		/* @extra descriptors free: top + 1 .. top + extra */
		lim = old;
		lim.rlim_cur = (rlim_t)(top + 1 + extra);
		snprintf(name, sizeof(name), "%s, descriptor limit %llu", what,
			 (unsigned long long)lim.rlim_cur);
		/* the snapshot needs one descriptor: run() takes it before the limit */
		{
			struct call c = { name, fn, arg, 2 };
			struct fd_table before, after;
			const char *diff;
			int ret;

			snapshot(&before);
			if (setrlimit(RLIMIT_NOFILE, &lim)) {
				perror("setrlimit");
				exit(99);
			}
			ret = c.fn(&c);
			setrlimit(RLIMIT_NOFILE, &old);
			snapshot(&after);
			diff = table_diff(&before, &after);
			if (ret == -EMFILE)
				emfile++;
			check(!*diff && sentinel_intact(), "%s: returned %d (%s), descriptors %s", name,
			      ret, ret < 0 ? scxcmask_errmsg() : "ok", *diff ? diff : "unchanged");
			/* enough descriptors once: more change nothing */
			if (ret != -EMFILE)
				break;
		}
	}
	while (nfill)
		close(fill[--nfill]);
	if (require)
		check(emfile > 0, "%s: EMFILE was met in %d runs", what, emfile);
	else
		printf("%s: EMFILE met in %d runs (not required: no libbpf)\n", what, emfile);
}

int main(void)
{
	struct t_tree good = { .ncpu = 8, .smt = true, .nnodes = 2, .links = true };
	struct t_tree flat = { .ncpu = 4 };
	char longroot[5001], *sent;
	static const unsigned char raw_btf_magic[] = { 0x9f, 0xeb, 1, 0, 24, 0, 0, 0, 0xff, 0xff };
	int fd;

	if (t_tree_tmpdir(tmp, sizeof(tmp), "fd-safety")) {
		perror("mkdtemp");
		return 99;
	}
	/* fd 0: a sentinel file whose identity is checked after every call */
	sent = path_in("sentinel");
	write_file(sent, "sentinel\n", 9);
	fd = open(sent, O_RDONLY);
	if (fd < 0 || dup2(fd, 0) != 0 || fstat(0, &sentinel)) {
		perror("sentinel on fd 0");
		return 99;
	}
	close(fd);

	memset(longroot, 'a', sizeof(longroot) - 1);
	longroot[0] = '/';
	longroot[sizeof(longroot) - 1] = '\0';

	const struct call calls[] = {
		{ "map, generated tree (success)", map_new, tree("good", &good, NULL, NULL), 0 },
		{ "map, tree without SMT or nodes (success)", map_new, tree("flat", &flat, NULL, NULL), 0 },
		{ "map_opts 7.2, generated tree (success)", map_new_opts, path_in("good"), 0 },
		{ "map_opts, unknown gen", map_new_bad_opts, path_in("good"), -EINVAL },
		{ "map, root of 5000 characters", map_new, longroot, -ENAMETOOLONG },
		{ "map, missing root", map_new, path_in("nowhere"), -ENOENT },
		{ "map, root is a file", map_new, sent, -ENOENT },
		{ "map, root without sys/", map_new, tmp, -ENOENT },
		{ "map, no possible file and no cpuN", map_new,
		  tree("nocpus", &(struct t_tree){ .ncpu = 0 }, NULL, NULL), 1 },
		{ "map, garbage cpu/possible", map_new,
		  tree("badposs", &flat, "cpu/possible", "zz\n"), -EINVAL },
		{ "map, garbage cpu/online", map_new,
		  tree("badonl", &flat, "cpu/online", "0-3,x\n"), -EINVAL },
		{ "map, sibling list without its cpu", map_new,
		  tree("badsib", &good, "cpu/cpu5/topology/thread_siblings_list", "0\n"), -EINVAL },
		{ "map, garbage node cpulist", map_new,
		  tree("badnode", &good, "node/node1/cpulist", "q\n"), -EINVAL },
		{ "btf, missing file", btf_check, path_in("nofile"), -ENOENT },
		{ "btf, a directory", btf_check, tmp, 1 },
		{ "btf, empty file", btf_check, path_in("empty"), -EINVAL },
		{ "btf, text file", btf_check, sent, -EINVAL },
		{ "btf, BTF magic then garbage", btf_check, path_in("fakebtf"), 1 },
		{ "btf report, ELF magic then garbage", btf_report, path_in("fakeelf"), 1 },
		{ "gen_of_kernel, missing file", gen_of_kernel, path_in("nofile"), -ENOENT },
		{ "gen_of_kernel, a directory", gen_of_kernel, tmp, 1 },
		{ "gen_of_kernel, empty file", gen_of_kernel, path_in("empty"), 1 },
		{ "gen_of_kernel, BTF magic then garbage", gen_of_kernel, path_in("fakebtf"), 1 },
		{ "gen_of_kernel, ELF magic then garbage", gen_of_kernel, path_in("fakeelf"), 1 },
		{ "btf, the running kernel's (any result)", btf_check, NULL, 2 },
		{ "map, the running system (any result)", map_new, NULL, 2 },
	};

	/* cpu/possible as a directory, a file the tree cannot do without */
	{
		const char *r = tree("dirposs", &flat, "cpu/possible", NULL);
		char p[PATH_MAX];

		if (t_path(p, "%s/sys/devices/system/cpu/possible", r) || mkdir(p, 0755))
			exit(99);
	}
	write_file(path_in("empty"), "", 0);
	write_file(path_in("fakebtf"), raw_btf_magic, sizeof(raw_btf_magic));
	write_file(path_in("fakeelf"), "\x7f" "ELF\x02\x01\x01garbage", 14);

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		run(&calls[i]);
	run(&(struct call){ "map, cpu/possible is a directory", map_new, path_in("dirposs"), 1 });

	emfile_runs("map, generated tree", map_new, path_in("good"), true);
	emfile_runs("gen_of_kernel, BTF magic then garbage", gen_of_kernel, path_in("fakebtf"),
		    scx_cmask_check_btf(NULL, NULL, 0) != -EOPNOTSUPP);
	/* without libbpf the check opens nothing: EMFILE cannot happen */
	emfile_runs("btf, the running kernel's", btf_check, NULL,
		    scx_cmask_check_btf(NULL, NULL, 0) != -EOPNOTSUPP);

	t_tree_remove(tmp);
	while (nowned)
		free(owned[--nowned]);
	return t_summary();
}
