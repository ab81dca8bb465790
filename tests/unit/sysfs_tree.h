/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Generated sysfs trees for the tests that need many cpus or a broken
 * tree, without a fixture per shape: @root/sys/devices/system with
 * cpu/possible, cpu/online and cpuN directories, and optionally SMT pairs
 * and empty node directories.
 */
#ifndef SCXCMASK_SYSFS_TREE_H
#define SCXCMASK_SYSFS_TREE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct t_tree {
	unsigned int ncpu;	/* cpus 0 .. ncpu - 1, all possible and online */
	bool smt;		/* cpu i and i + ncpu / 2 are SMT siblings (ncpu even) */
	unsigned int nnodes;	/* node/node0 .. : directories without cpulist or cpumap */
	bool links;		/* cpuN/nodeM -> ../../node/nodeM, M = N % nnodes */
};

/* snprintf() into a PATH_MAX buffer; -1 when the path does not fit. */
__attribute__((format(printf, 2, 3)))
static inline int t_path(char *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(p, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? -1 : 0;
}

static inline int t_tree_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* mkdir -p @dir/sys/devices/system/cpu */
static inline int t_tree_mkdirs(const char *root)
{
	static const char *const parts[] = { "/sys", "/sys/devices", "/sys/devices/system",
					     "/sys/devices/system/cpu" };
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", root, parts[i]);
		if (mkdir(p, 0755) && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* Writes the tree @t describes under @root (an existing directory). */
static inline int t_tree_make(const char *root, const struct t_tree *t)
{
	char p[PATH_MAX], v[64];
	unsigned int half = t->ncpu / 2;

	if (t_tree_mkdirs(root))
		return -1;
	/* no cpus: no possible or online file either (an old kernel's empty cpu/) */
	snprintf(v, sizeof(v), "0-%u\n", t->ncpu - 1);
	if (t->ncpu && t_path(p, "%s/sys/devices/system/cpu/possible", root))
		return -1;
	if (t->ncpu && t_tree_write(p, v))
		return -1;
	if (t->ncpu && t_path(p, "%s/sys/devices/system/cpu/online", root))
		return -1;
	if (t->ncpu && t_tree_write(p, v))
		return -1;
	if (t->nnodes) {
		if (t_path(p, "%s/sys/devices/system/node", root))
			return -1;
		if (mkdir(p, 0755))
			return -1;
	}
	for (unsigned int n = 0; n < t->nnodes; n++) {
		if (t_path(p, "%s/sys/devices/system/node/node%u", root, n))
			return -1;
		if (mkdir(p, 0755))
			return -1;
	}
	for (unsigned int c = 0; c < t->ncpu; c++) {
		if (t_path(p, "%s/sys/devices/system/cpu/cpu%u", root, c))
			return -1;
		if (mkdir(p, 0755))
			return -1;
		if (t->links && t->nnodes) {
			char target[64];

			snprintf(target, sizeof(target), "../../node/node%u", c % t->nnodes);
			if (t_path(p, "%s/sys/devices/system/cpu/cpu%u/node%u", root, c,
				 c % t->nnodes))
				return -1;
			if (symlink(target, p))
				return -1;
		}
		if (t->smt) {
			unsigned int lo = c < half ? c : c - half;

			if (t_path(p, "%s/sys/devices/system/cpu/cpu%u/topology", root, c))
				return -1;
			if (mkdir(p, 0755))
				return -1;
			if (t_path(p, "%s/sys/devices/system/cpu/cpu%u/topology/thread_siblings_list", root, c))
				return -1;
			snprintf(v, sizeof(v), "%u,%u\n", lo, lo + half);
			if (t_tree_write(p, v))
				return -1;
		}
	}
	return 0;
}

/* A fresh directory under $TMPDIR (or /tmp) in @out; -1 on failure. */
static inline int t_tree_tmpdir(char *out, size_t len, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(out, len, "%s/scxcmask-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	return mkdtemp(out) ? 0 : -1;
}

static inline int t_tree_rm_one(const char *path, const struct stat *st, int flag,
				struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* rm -rf @root */
static inline void t_tree_remove(const char *root)
{
	nftw(root, t_tree_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif /* SCXCMASK_SYSFS_TREE_H */
