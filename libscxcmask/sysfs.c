// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Reading a sysfs tree without trusting it: every read is bounded, every
 * number is range-checked, and every failure names the file.  Captured
 * trees come from old kernels and odd tools (see tests/fixtures/realsysfs),
 * and a damaged tree must give an error, never a crash.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "convert_internal.h"
#include "cpubits.h"
#include "internal.h"
#include "sysfs.h"

#define SYSFS_SUBDIR "/sys/devices/system"

int scxcmask__sysfs_open(struct scxcmask__sysfs *fs, const char *root)
{
	size_t rlen;

	/* before any return: a failed open leaves nothing for close() to release */
	fs->dirfd = -1;
	fs->dir = NULL;
	fs->buf = NULL;
	if (!root || !*root)
		root = "";
	rlen = strlen(root);
	while (rlen > 1 && root[rlen - 1] == '/')
		rlen--;
	if (rlen == 1 && root[0] == '/')
		rlen = 0;
	if (rlen + sizeof(SYSFS_SUBDIR) > PATH_MAX)
		return scxcmask__fail(-ENAMETOOLONG, "sysfs root '%s' is too long", root);
	fs->dirlen = rlen + sizeof(SYSFS_SUBDIR) - 1;
	fs->dir = malloc(fs->dirlen + 1);
	fs->buf = malloc(SCXCMASK__SYSFS_FILE_MAX + 1);
	if (!fs->dir || !fs->buf) {
		scxcmask__sysfs_close(fs);
		return scxcmask__fail(-ENOMEM, "out of memory opening sysfs root '%s'", root);
	}
	memcpy(fs->dir, root, rlen);
	memcpy(fs->dir + rlen, SYSFS_SUBDIR, sizeof(SYSFS_SUBDIR));
	/* paths resolve from here: fewer components for the kernel to walk */
	fs->dirfd = open(fs->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->dirfd < 0) {
		int err = errno;

		scxcmask__sysfs_close(fs);
		if (err == ENOENT || err == ENOTDIR)
			return scxcmask__fail(-ENOENT, "%.*s%s: no such directory", (int)rlen, root,
					      SYSFS_SUBDIR);
		return scxcmask__fail(-err, "%.*s%s: %s", (int)rlen, root, SYSFS_SUBDIR, strerror(err));
	}
	return 0;
}

void scxcmask__sysfs_close(struct scxcmask__sysfs *fs)
{
	if (fs->dirfd >= 0)
		close(fs->dirfd);
	free(fs->dir);
	free(fs->buf);
	fs->dirfd = -1;
	fs->dir = NULL;
	fs->buf = NULL;
}

static int sysfs_path(const struct scxcmask__sysfs *fs, const char *rel, char *path)
{
	int n = snprintf(path, PATH_MAX, "%s/%s", fs->dir, rel);

	if (n < 0 || n >= PATH_MAX)
		return scxcmask__fail(-ENAMETOOLONG, "path %s/%s is too long", fs->dir, rel);
	return 0;
}

static int open_failure(int err, const char *path)
{
	switch (err) {
	case ENOENT:
		return -ENOENT;
	case ELOOP:
		return scxcmask__fail(-ELOOP, "%s: symbolic link loop", path);
	default:
		return scxcmask__fail(-err, "%s: cannot open: %s", path, strerror(err));
	}
}

/* Reads at most SCXCMASK__SYSFS_FILE_MAX bytes of @fd; one more means too long. */
static int read_bounded(int fd, char *buf, const char *path)
{
	size_t total = 0;

	while (total <= SCXCMASK__SYSFS_FILE_MAX) {
		size_t want = SCXCMASK__SYSFS_FILE_MAX + 1 - total;
		ssize_t n = read(fd, buf + total, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EISDIR)
			return scxcmask__fail(-EISDIR, "%s: is a directory, expected a file", path);
		if (n < 0)
			return scxcmask__fail(-errno, "%s: read failed: %s", path, strerror(errno));
		total += (size_t)n;
		/* a short read of a regular or sysfs file is its end: no extra read */
		if (n == 0 || (size_t)n < want)
			return (int)total;
	}
	return scxcmask__fail(-EFBIG, "%s: longer than %u bytes", path, SCXCMASK__SYSFS_FILE_MAX);
}

int scxcmask__sysfs_read(struct scxcmask__sysfs *fs, const char *rel)
{
	char path[PATH_MAX];
	int fd, err, len;

	err = sysfs_path(fs, rel, path);
	if (err)
		return err;
	/*
	 * No fstat() (a map reads hundreds of files): a directory fails the
	 * read with EISDIR, O_NONBLOCK keeps a planted fifo or tty from
	 * blocking, and the size bound stops endless devices.
	 */
	fd = openat(fs->dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return open_failure(errno, path);
	len = read_bounded(fd, fs->buf, path);
	err = len < 0 ? len : 0;
	close(fd);
	if (err)
		return err;
	/* captures may end in "\n\0": a live kernel never prints a NUL */
	len = (int)strnlen(fs->buf, (size_t)len);
	while (len > 0 && scxcmask__kspace(fs->buf[len - 1]))
		len--;
	fs->buf[len] = '\0';
	return len;
}

bool scxcmask__sysfs_exists(const struct scxcmask__sysfs *fs, const char *rel)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", fs->dir, rel);

	return n > 0 && n < PATH_MAX && faccessat(fs->dirfd, rel, F_OK, 0) == 0;
}

bool scxcmask__sysfs_lexists(const struct scxcmask__sysfs *fs, const char *rel)
{
	char path[PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/%s", fs->dir, rel);

	return n > 0 && n < PATH_MAX && fstatat(fs->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_list_file(const char *rel)
{
	return ends_with(rel, "list") || ends_with(rel, "possible") || ends_with(rel, "online") ||
	       ends_with(rel, "present") || ends_with(rel, "offline");
}

/*
 * One parser family: a sysfs mask is read by the kernel-syntax parsers of
 * cpulist.c and hexmask.c, with their sysfs rules (SCXCMASK__TEXT_SYSFS),
 * against the kernel's NR_CPUS cap; bits the caller has no room for (at or
 * above @nbits) are dropped by the sink.
 */
int scxcmask__sysfs_read_mask(struct scxcmask__sysfs *fs, const char *rel, uint64_t *bits, uint32_t nbits)
{
	struct scxcmask__bits_sink sink = { .words = bits, .off = 0, .limit = nbits };
	char what[PATH_MAX];
	int len = scxcmask__sysfs_read(fs, rel);

	if (len < 0)
		return len;
	snprintf(what, sizeof(what), "%s/%s", fs->dir, rel);
	scxcmask__cpubits_zero(bits, (uint32_t)scxcmask__nr_words(nbits));
	if (is_list_file(rel))
		return scxcmask__scan_list(what, fs->buf, 0, SCXCMASK__MAX_CPUS, SCXCMASK__TEXT_SYSFS,
					   scxcmask__sink_region, &sink);
	return scxcmask__scan_hex(what, fs->buf, SCXCMASK__MAX_CPUS, SCXCMASK__TEXT_SYSFS,
				  scxcmask__sink_group, &sink);
}

static int parse_entry_id(const char *name, const char *prefix, uint32_t *id)
{
	size_t plen = strlen(prefix);
	const char *p = name + plen;
	uint64_t v = 0;

	if (strncmp(name, prefix, plen) || !*p || (p[0] == '0' && p[1]))
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (uint64_t)(*p - '0');
		if (v >= SCXCMASK__MAX_CPUS)
			return -ERANGE;
	}
	*id = (uint32_t)v;
	return 1;
}

int scxcmask__sysfs_list_ids(const struct scxcmask__sysfs *fs, const char *rel, const char *prefix,
		       uint64_t *bits, uint32_t nbits, int *max)
{
	char path[PATH_MAX];
	struct dirent *de;
	int err, fd, count = 0, top = -1;
	DIR *d;

	err = sysfs_path(fs, rel, path);
	if (err)
		return err;
	fd = openat(fs->dirfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return open_failure(errno, path);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return scxcmask__fail(-ENOMEM, "%s: cannot list", path);
	}
	scxcmask__cpubits_zero(bits, (uint32_t)scxcmask__nr_words(nbits));
	while ((de = readdir(d))) {
		uint32_t id;
		int r = parse_entry_id(de->d_name, prefix, &id);

		if (r < 0) {
			closedir(d);
			return scxcmask__fail(-ERANGE, "%s/%s: id is %u or more", path, de->d_name,
					      SCXCMASK__MAX_CPUS);
		}
		if (!r)
			continue;
		count++;
		if ((int)id > top)
			top = (int)id;
		if (id < nbits)
			scxcmask__cpubits_set(bits, id);
	}
	closedir(d);
	if (max)
		*max = top;
	return count;
}
