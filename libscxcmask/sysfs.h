/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Bounded reads of a sysfs tree (the live /sys or a captured copy), and the
 * two cpumask forms sysfs prints: cpulists ("0-3,8") and comma-grouped hex
 * masks ("000000ff,0000000f"), parsed by the library's one list and hex
 * parsers (cpulist.c, hexmask.c) with their sysfs rules (SCXCMASK__TEXT_SYSFS
 * in convert_internal.h).  Internal to libscxcmask.
 *
 * Tolerates what real captures contain: trailing NUL bytes, trailing
 * whitespace and newlines, dangling symlinks.  Rejects with a message naming
 * the file (and the character offset for parse errors): directories or
 * devices where a file should be, symlink loops, files longer than
 * SCXCMASK__SYSFS_FILE_MAX, numbers past SCXCMASK__MAX_CPUS, garbage.
 */
#ifndef SCXCMASK_SYSFS_H
#define SCXCMASK_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <scxcmask/cmask_defs.h>

/*
 * Cpu ids the reader accepts: the one limit of the tree, SCX_CMASK_MAX_CIDS
 * (the kernel builds cids only with NR_CPUS <= 8192, BUILD_BUG_ON in
 * cid.c), so that every cpu it reads has a cid a cmask can hold.
 */
#define SCXCMASK__MAX_CPUS ((uint32_t)SCX_CMASK_MAX_CIDS)
/* A cpulist of 8192 cpus listed one by one is under 40 KiB. */
#define SCXCMASK__SYSFS_FILE_MAX 65536u

struct scxcmask__sysfs {
	char *dir;		/* ".../sys/devices/system", for messages */
	int dirfd;		/* that directory, where reads start */
	char *buf;		/* SCXCMASK__SYSFS_FILE_MAX + 1 bytes, reused by every read */
	size_t dirlen;
};

/*
 * @root NULL means "/"; the tree read is @root/sys/devices/system.  Sets
 * every field first (dirfd -1), so scxcmask__sysfs_close() is safe after any
 * return, and a failure leaves nothing open.
 */
int scxcmask__sysfs_open(struct scxcmask__sysfs *fs, const char *root);
void scxcmask__sysfs_close(struct scxcmask__sysfs *fs);

/*
 * Reads @rel (relative to sys/devices/system) into fs->buf, cut at the first
 * NUL and stripped of trailing whitespace.  Returns the length, -ENOENT
 * (without recording a message) when the file does not exist, or another
 * negative errno with a message.
 */
int scxcmask__sysfs_read(struct scxcmask__sysfs *fs, const char *rel);

/* Whether @rel exists (following symlinks). */
bool scxcmask__sysfs_exists(const struct scxcmask__sysfs *fs, const char *rel);
/* Whether @rel exists itself (a dangling symlink counts). */
bool scxcmask__sysfs_lexists(const struct scxcmask__sysfs *fs, const char *rel);

/*
 * Reads the mask file @rel into @bits (@nbits bits, zeroed first): a cpulist
 * when the name ends in "list", "possible", "online", "present" or
 * "offline"; a hex mask otherwise ("map", "cpumap", "thread_siblings").
 * Ids at or above @nbits are ignored (they cannot be possible cpus); ids at
 * or above SCXCMASK__MAX_CPUS are an error.  -ENOENT as scxcmask__sysfs_read();
 * a syntax error is the parsers' -EINVAL, -ERANGE or -EOVERFLOW with the
 * file, its text and the offset in the message.
 */
int scxcmask__sysfs_read_mask(struct scxcmask__sysfs *fs, const char *rel, uint64_t *bits, uint32_t nbits);

/*
 * Sets in @bits (@nbits bits, zeroed first) each N for which directory
 * @rel has an entry named @prefix followed by decimal N and nothing else.
 * Returns the number of such entries, -ENOENT when @rel does not exist, or
 * another negative errno with a message.  If @max is not NULL it receives
 * the largest N found (-1 for none), even past @nbits.
 */
int scxcmask__sysfs_list_ids(const struct scxcmask__sysfs *fs, const char *rel, const char *prefix,
		       uint64_t *bits, uint32_t nbits, int *max);

#endif /* SCXCMASK_SYSFS_H */
