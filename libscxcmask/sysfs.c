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
#include "cpubits.h"
#include "internal.h"
#include "sysfs.h"

#define SYSFS_SUBDIR "/sys/devices/system"

int scx_sysfs_open(struct scx_sysfs *fs, const char *root)
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
	fs->buf = malloc(SCX_SYSFS_FILE_MAX + 1);
	if (!fs->dir || !fs->buf) {
		scx_sysfs_close(fs);
		return scxcmask__fail(-ENOMEM, "out of memory opening sysfs root '%s'", root);
	}
	memcpy(fs->dir, root, rlen);
	memcpy(fs->dir + rlen, SYSFS_SUBDIR, sizeof(SYSFS_SUBDIR));
	/* paths resolve from here: fewer components for the kernel to walk */
	fs->dirfd = open(fs->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->dirfd < 0) {
		int err = errno;

		scx_sysfs_close(fs);
		if (err == ENOENT || err == ENOTDIR)
			return scxcmask__fail(-ENOENT, "%.*s%s: no such directory", (int)rlen, root,
					      SYSFS_SUBDIR);
		return scxcmask__fail(-err, "%.*s%s: %s", (int)rlen, root, SYSFS_SUBDIR, strerror(err));
	}
	return 0;
}

void scx_sysfs_close(struct scx_sysfs *fs)
{
	if (fs->dirfd >= 0)
		close(fs->dirfd);
	free(fs->dir);
	free(fs->buf);
	fs->dirfd = -1;
	fs->dir = NULL;
	fs->buf = NULL;
}

static int sysfs_path(const struct scx_sysfs *fs, const char *rel, char *path)
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

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reads at most SCX_SYSFS_FILE_MAX bytes of @fd; one more means too long. */
static int read_bounded(int fd, char *buf, const char *path)
{
	size_t total = 0;

	while (total <= SCX_SYSFS_FILE_MAX) {
		size_t want = SCX_SYSFS_FILE_MAX + 1 - total;
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
	return scxcmask__fail(-EFBIG, "%s: longer than %u bytes", path, SCX_SYSFS_FILE_MAX);
}

int scx_sysfs_read(struct scx_sysfs *fs, const char *rel)
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
	while (len > 0 && is_space(fs->buf[len - 1]))
		len--;
	fs->buf[len] = '\0';
	return len;
}

bool scx_sysfs_exists(const struct scx_sysfs *fs, const char *rel)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", fs->dir, rel);

	return n > 0 && n < PATH_MAX && faccessat(fs->dirfd, rel, F_OK, 0) == 0;
}

bool scx_sysfs_lexists(const struct scx_sysfs *fs, const char *rel)
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

int scx_sysfs_read_mask(struct scx_sysfs *fs, const char *rel, uint64_t *bits, uint32_t nbits)
{
	char what[PATH_MAX];
	int len = scx_sysfs_read(fs, rel);

	if (len < 0)
		return len;
	snprintf(what, sizeof(what), "%s/%s", fs->dir, rel);
	if (is_list_file(rel))
		return scx_sysfs_parse_cpulist(fs->buf, (size_t)len, bits, nbits, what);
	return scx_sysfs_parse_hexmask(fs->buf, (size_t)len, bits, nbits, what);
}

/* Parses a decimal id below SCX_SYSFS_MAX_CPUS at s[*pos]. */
static int parse_id(const char *s, size_t len, size_t *pos, uint32_t *out, const char *what)
{
	size_t i = *pos;
	uint32_t v = 0;

	if (i >= len || s[i] < '0' || s[i] > '9')
		return scxcmask__fail(-EINVAL, "%s: expected a number at offset %zu", what, i);
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (uint32_t)(s[i] - '0');
		if (v >= SCX_SYSFS_MAX_CPUS)
			return scxcmask__fail(-ERANGE, "%s: number at offset %zu is %u or more",
					      what, *pos, SCX_SYSFS_MAX_CPUS);
	}
	*pos = i;
	*out = v;
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && is_space(s[i]))
		i++;
	return i;
}

int scx_sysfs_parse_cpulist(const char *s, size_t len, uint64_t *bits, uint32_t nbits,
			    const char *what)
{
	size_t i = skip_spaces(s, len, 0);

	cpubits_zero(bits, cpubits_words(nbits));
	while (i < len) {
		uint32_t lo, hi;
		size_t at = i;
		int err = parse_id(s, len, &i, &lo, what);

		if (err)
			return err;
		hi = lo;
		if (i < len && s[i] == '-') {
			i++;
			err = parse_id(s, len, &i, &hi, what);
			if (err)
				return err;
			if (hi < lo)
				return scxcmask__fail(-EINVAL, "%s: range at offset %zu ends before it starts",
						      what, at);
		}
		for (uint32_t c = lo; c <= hi && c < nbits; c++)
			cpubits_set(bits, c);
		i = skip_spaces(s, len, i);
		if (i == len)
			break;
		if (s[i] != ',')
			return scxcmask__fail(-EINVAL, "%s: unexpected '%c' at offset %zu", what,
					      s[i] >= ' ' && s[i] < 127 ? s[i] : '?', i);
		i = skip_spaces(s, len, i + 1);
		if (i == len)
			return scxcmask__fail(-EINVAL, "%s: list ends with ','", what);
	}
	return 0;
}

/* Ors the 32-bit group at bit offset @shift into @bits. */
static int put_group(uint64_t *bits, uint32_t nbits, uint64_t shift, uint32_t v,
		     const char *what, size_t at)
{
	for (uint32_t b = 0; b < 32; b++) {
		uint64_t id = shift + b;

		if (!(v >> b & 1))
			continue;
		if (id >= SCX_SYSFS_MAX_CPUS)
			return scxcmask__fail(-ERANGE, "%s: group at offset %zu sets bit %llu, past %u",
					      what, at, (unsigned long long)id, SCX_SYSFS_MAX_CPUS);
		if (id < nbits)
			cpubits_set(bits, (uint32_t)id);
	}
	return 0;
}

int scx_sysfs_parse_hexmask(const char *s, size_t len, uint64_t *bits, uint32_t nbits,
			    const char *what)
{
	size_t start = skip_spaces(s, len, 0), end = len, i;
	uint64_t shift = 0;

	cpubits_zero(bits, cpubits_words(nbits));
	while (end > start && is_space(s[end - 1]))
		end--;
	if (start == end)
		return 0;
	/* the last group holds bits 0-31: walk the groups right to left */
	i = end;
	for (;;) {
		size_t gend = i, gstart = i;
		uint32_t v = 0;
		int err;

		while (gstart > start && s[gstart - 1] != ',')
			gstart--;
		if (gend == gstart || gend - gstart > 8)
			return scxcmask__fail(-EINVAL, "%s: hex group at offset %zu has %zu digits, expected 1 to 8",
					      what, gstart, gend - gstart);
		for (size_t k = gstart; k < gend; k++) {
			int d = scxcmask__hex_digit(s[k]);

			if (d < 0)
				return scxcmask__fail(-EINVAL, "%s: unexpected '%c' at offset %zu", what,
						      s[k] >= ' ' && s[k] < 127 ? s[k] : '?', k);
			v = v << 4 | (uint32_t)d;
		}
		err = put_group(bits, nbits, shift, v, what, gstart);
		if (err)
			return err;
		if (gstart == start)
			return 0;
		i = gstart - 1;
		shift += 32;
	}
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
		if (v >= SCX_SYSFS_MAX_CPUS)
			return -ERANGE;
	}
	*id = (uint32_t)v;
	return 1;
}

int scx_sysfs_list_ids(const struct scx_sysfs *fs, const char *rel, const char *prefix,
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
	cpubits_zero(bits, cpubits_words(nbits));
	while ((de = readdir(d))) {
		uint32_t id;
		int r = parse_entry_id(de->d_name, prefix, &id);

		if (r < 0) {
			closedir(d);
			return scxcmask__fail(-ERANGE, "%s/%s: id is %u or more", path, de->d_name,
					      SCX_SYSFS_MAX_CPUS);
		}
		if (!r)
			continue;
		count++;
		if ((int)id > top)
			top = (int)id;
		if (id < nbits)
			cpubits_set(bits, id);
	}
	closedir(d);
	if (max)
		*max = top;
	return count;
}
