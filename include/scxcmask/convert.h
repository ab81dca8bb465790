/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Conversions between cmasks and the forms people and other programs use
 * for cpu sets: cpulist strings ("0-3,8-11"), sysfs hex masks
 * ("000f,ff000fff"), glibc cpu_set_t, raw uint64_t bitmaps, and cid lists.
 *
 * Two layers:
 * - Text <-> plain bitmaps, no map needed (scx_bitmap_*): the kernel's
 *   list and hex syntaxes on an array of uint64_t where bit i is bit
 *   (i % 64) of word i / 64, for bits [0, nbits).
 * - cmask <-> cpus through a struct scx_cid_map (scx_cmask_from_*,
 *   scx_cmask_to_*), and cid lists on a cmask's own window.
 *
 * Conventions of this header:
 * - The destination comes first.
 * - Parsers accept exactly what the kernel's bitmap_parselist() and
 *   bitmap_parse() accept for the same bit count, and fail with the same
 *   errno: -EINVAL (malformed), -ERANGE (a number past the limit),
 *   -EOVERFLOW (a number wider than 32 bits, or a hex mask wider than the
 *   limit).  scxcmask_errmsg() names the character offset of the problem,
 *   e.g. 'cpulist "0-3,x7": expected a number at offset 4'.
 * - Nothing is half-written: on failure the destination is untouched; on
 *   success its whole bit range (or cmask window) is rewritten.  This
 *   holds for sources another thread or BPF rewrites meanwhile (a cmask
 *   in an arena) too: each header field and word of a source is read
 *   once, and the result is the conversion of the values read.
 * - Formatters return the string length (not counting the NUL).  With
 *   buf == NULL and len == 0 they only measure, as snprintf(NULL, 0, ...)
 *   does.  A buffer that is too small is an error, not a truncation: they
 *   return -ENOSPC, leave "" in @buf (when len > 0) and name the size
 *   needed in scxcmask_errmsg().
 *
 * Kernel list syntax (bitmap_parselist(), used for cpulists and cidlists):
 * regions separated by commas or whitespace; a region is "a", "a-b",
 * "a-b:used/group" (from a, the first @used of every @group bits, up to b:
 * "0-9:2/5" is 0,1,5,6) or "all" (any case; "all:used/group" too).  "N"
 * stands for the last bit (nbits - 1) wherever a number may appear.
 * Leading, repeated and trailing separators are fine; the empty string is
 * the empty set.  Rejected: reversed ranges ("3-1"), a group of 0, used >
 * group, signs, "0x", and anything not in this grammar.  The text ends at
 * a NUL or at a newline that ends a region (as the kernel, "1\n2" is {1}
 * while "1 \n2" is {1,2}).  Whitespace is the kernel's: space, \t, \n, \v,
 * \f, \r and the byte 0xa0.
 *
 * Kernel hex syntax (bitmap_parse(), the format of sysfs cpumap files):
 * groups of at most 8 hex digits (either case) separated by commas or
 * whitespace; the last group is bits 0-31, the one before bits 32-63, and
 * so on; a short group is zero-extended ("f,1" is bits 0 and 32-35).  At
 * most ceil(nbits / 32) groups, and no bit at or above nbits may be set
 * (-EOVERFLOW).  Empty groups (",", "1,,5") count for nothing.  The text
 * ends at the first newline or NUL.  "0x" is no prefix: as in the kernel,
 * a 9th character before 8 digits is skipped when it is not a hex digit,
 * so "0x0000000f" reads as 0xf while "0xf" is rejected.
 */
#ifndef SCXCMASK_CONVERT_H
#define SCXCMASK_CONVERT_H

#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
#include <scxcmask/cmask.h>
#include <scxcmask/cid.h>

SCXCMASK_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Plain bitmaps and text (no map)                                     */
/* ------------------------------------------------------------------ */

/**
 * scx_bitmap_parse_list() - parse the kernel's list syntax into a bitmap
 * @bits: ceil(@nbits / 64) words, all rewritten on success
 * @nbits: the limit: numbers must be below it and "N" is @nbits - 1, as
 *	the kernel's nmaskbits (pass nr_cpu_ids for a cpulist)
 * @str: NUL-terminated text, e.g. "0-3,8-11\n" or "100-2000:2/25"
 *
 * Return: 0; -EINVAL (malformed), -ERANGE (past @nbits) or -EOVERFLOW (a
 * number above 2^32 - 1), with the offset in scxcmask_errmsg(); -EINVAL if
 * @bits or @str is NULL.  @bits is untouched on failure.
 */
SCXCMASK_API int scx_bitmap_parse_list(uint64_t *bits, uint32_t nbits, const char *str);

/**
 * scx_bitmap_format_list() - the kernel's "%*pbl" of a bitmap: "0-3,8-11"
 * @buf: destination, or NULL with @len 0 to measure
 * @len: bytes at @buf
 * @bits: ceil(@nbits / 64) words; bits at and above @nbits are ignored
 * @nbits: number of bits
 *
 * Runs of two or more bits print as "a-b", single bits as "a", separated
 * by commas, without a trailing newline; an empty bitmap prints "".
 *
 * Return: the length of the text; -ENOSPC if @len cannot hold it and its
 * NUL; -EINVAL if @bits is NULL (and @nbits is not 0), or @buf is NULL
 * with a @len; -EOVERFLOW if the length exceeds INT_MAX.
 */
SCXCMASK_API int scx_bitmap_format_list(char *buf, size_t len, const uint64_t *bits,
					uint32_t nbits);

/**
 * scx_bitmap_parse_hex() - parse the kernel's comma-grouped hex mask
 * @bits: ceil(@nbits / 64) words, all rewritten on success
 * @nbits: the limit (the kernel's nmaskbits)
 * @str: NUL-terminated text, e.g. "000f,ff000fff\n"
 *
 * Return: 0; -EINVAL (a character that is no hex digit), -EOVERFLOW (a
 * group of more than 8 digits, too many groups, or a bit at or above
 * @nbits), with the offset in scxcmask_errmsg().  @bits is untouched on
 * failure.
 */
SCXCMASK_API int scx_bitmap_parse_hex(uint64_t *bits, uint32_t nbits, const char *str);

/**
 * scx_bitmap_format_hex() - the kernel's "%*pb" of a bitmap: "000f,ff000fff"
 * @buf: destination, or NULL with @len 0 to measure
 * @len: bytes at @buf
 * @bits: ceil(@nbits / 64) words
 * @nbits: number of bits; 0 prints ""
 *
 * ceil(@nbits / 32) groups of 8 lowercase, zero-padded hex digits, the
 * most significant first, separated by commas; the first group has only
 * the digits its bits need (nbits 36 -> "f,ffffffff").  This is what
 * sysfs cpumap files hold, without their newline.
 *
 * Return: as scx_bitmap_format_list().
 */
SCXCMASK_API int scx_bitmap_format_hex(char *buf, size_t len, const uint64_t *bits,
				       uint32_t nbits);

/* ------------------------------------------------------------------ */
/* cid lists: the cids of a cmask's window as text                     */
/* ------------------------------------------------------------------ */

/**
 * scx_cmask_parse_cidlist() - set @dst's window to the cids of a list
 * @dst: a valid cmask; its window [base, base + nr_cids) is rewritten
 * @str: list syntax (see the top of this file) naming cids
 *
 * Cids are absolute, as everywhere: the limit is the window's end, "N" is
 * its last cid, and "all" means the window, [base, end) (which is the
 * kernel's "all" when base is 0).  A cid below base is out of range too.
 *
 * Return: 0; -EINVAL, -ERANGE, -EOVERFLOW as scx_bitmap_parse_list();
 * -EINVAL if @dst is invalid.  @dst is untouched on failure.
 */
SCXCMASK_API int scx_cmask_parse_cidlist(struct scx_cmask *dst, const char *str);

/**
 * scx_cmask_format_cidlist() - the set cids of @src as "0-3,8-11"
 * @buf: destination, or NULL with @len 0 to measure
 * @len: bytes at @buf
 * @src: a cmask; an invalid one (or NULL) prints as empty, as every
 *	reader treats it
 *
 * Return: as scx_bitmap_format_list().
 */
SCXCMASK_API int scx_cmask_format_cidlist(char *buf, size_t len, const struct scx_cmask *src);

/* ------------------------------------------------------------------ */
/* cmask <-> cpus through a cid map                                    */
/* ------------------------------------------------------------------ */

/*
 * Flags of the scx_cmask_from_*() functions.
 *
 * SCX_CONVERT_SKIP_UNMAPPED: skip cpus that have no cid (not possible, or
 * at or above nr_cpu_ids) and cids outside @dst's window instead of
 * failing; this is what the kernel's cpumask-to-cmask conversion does.
 */
#define SCX_CONVERT_SKIP_UNMAPPED	(1u << 0)

/**
 * scx_cmask_alloc_for_map() - a cmask in the form the kernel hands to
 * ops.set_cmask()
 * @out: receives the mask, to be released with scx_cmask_free()
 * @map: the machine's map
 *
 * The mask has base 0, nr_cids = scx_cid_map_nr_cids(@map) (the possible
 * cpus) and alloc_words = SCX_CMASK_NR_WORDS(nr_cids), all words zero:
 * converted into, it holds word for word what the kernel builds for the
 * same cpumask.
 *
 * Return: 0; -EINVAL if an argument is NULL; -ENOMEM.
 */
SCXCMASK_API int scx_cmask_alloc_for_map(struct scx_cmask **out, const struct scx_cid_map *map);

/**
 * scx_cmask_init_for_map() - scx_cmask_alloc_for_map() in caller storage
 * @m: at least scx_cmask_size(scx_cid_map_nr_cids(@map)) bytes
 * @map: the machine's map
 *
 * Return: 0, or -EINVAL if an argument is NULL.
 */
SCXCMASK_API int scx_cmask_init_for_map(struct scx_cmask *m, const struct scx_cid_map *map);

/**
 * scx_cmask_from_cpu_bitmap() - the cids of the cpus set in a raw bitmap
 * @dst: a valid cmask; its window is rewritten (zeroed, then one bit per cpu)
 * @map: the cid map
 * @bits: ceil(@nbits / 64) words; cpu i is bit (i % 64) of word i / 64
 * @nbits: number of cpus in @bits (any count; bits at or above it are ignored)
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED
 *
 * Return: 0; -ENOENT for a set cpu without a cid; -ERANGE for a cid
 * outside @dst's window (neither with SCX_CONVERT_SKIP_UNMAPPED); -EINVAL
 * for an invalid @dst or NULL argument.  @dst is untouched on failure.
 */
SCXCMASK_API int scx_cmask_from_cpu_bitmap(struct scx_cmask *dst, const struct scx_cid_map *map,
					   const uint64_t *bits, uint32_t nbits,
					   unsigned int flags);

/**
 * scx_cmask_to_cpu_bitmap() - the cpus of the cids set in @src, as a raw bitmap
 * @bits: ceil(@nbits / 64) words, all rewritten on success
 * @nbits: number of cpus @bits holds
 * @map: the cid map
 * @src: a cmask (an invalid one is empty)
 *
 * Return: 0; -ENOENT for a set cid the map has no cpu for (at or above
 * nr_cids); -ERANGE for a cpu at or above @nbits.  @bits is untouched on
 * failure.
 */
SCXCMASK_API int scx_cmask_to_cpu_bitmap(uint64_t *bits, uint32_t nbits,
					 const struct scx_cid_map *map,
					 const struct scx_cmask *src);

/**
 * scx_cmask_from_cpuset() - the cids of a glibc cpu set
 * @dst: a valid cmask; its window is rewritten
 * @map: the cid map
 * @set: a cpu set, e.g. from CPU_ALLOC() or sched_getaffinity()
 * @setsize: its size in bytes (CPU_ALLOC_SIZE(n), or sizeof(cpu_set_t));
 *	a multiple of sizeof(__cpu_mask), as the kernel's
 *	sched_getaffinity() requires
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED
 *
 * Return: as scx_cmask_from_cpu_bitmap(); -EINVAL for a @setsize that is
 * not a multiple of sizeof(__cpu_mask) or above 2^29 bytes.
 */
SCXCMASK_API int scx_cmask_from_cpuset(struct scx_cmask *dst, const struct scx_cid_map *map,
				       const cpu_set_t *set, size_t setsize, unsigned int flags);

/**
 * scx_cmask_to_cpuset() - the cpus of @src as a glibc cpu set
 * @set: destination, all @setsize bytes rewritten on success
 * @setsize: its size in bytes, as for scx_cmask_from_cpuset()
 * @map: the cid map
 * @src: a cmask
 *
 * Return: as scx_cmask_to_cpu_bitmap(), with -ERANGE for a cpu the set
 * cannot hold (8 * @setsize or more).
 */
SCXCMASK_API int scx_cmask_to_cpuset(cpu_set_t *set, size_t setsize,
				     const struct scx_cid_map *map, const struct scx_cmask *src);

/**
 * scx_cmask_from_cpulist() - the cids of the cpus in a cpulist string
 * @dst: a valid cmask; its window is rewritten
 * @map: the cid map; its nr_cpu_ids is the list's limit ("N" is
 *	nr_cpu_ids - 1), as the kernel's cpulist_parse() on a kernel with
 *	CONFIG_CPUMASK_OFFSTACK
 * @str: list syntax, e.g. the content of /sys/devices/system/cpu/online
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED (for instance to take "all" on a
 *	machine whose possible cpus have holes)
 *
 * Return: 0; the errors of scx_bitmap_parse_list() with 'cpulist "..."'
 * in the message, then those of scx_cmask_from_cpu_bitmap(); -ENOMEM.
 */
SCXCMASK_API int scx_cmask_from_cpulist(struct scx_cmask *dst, const struct scx_cid_map *map,
					const char *str, unsigned int flags);

/**
 * scx_cmask_to_cpulist() - the cpus of @src as a cpulist: "0-3,8-11"
 * @buf: destination, or NULL with @len 0 to measure
 * @len: bytes at @buf
 * @map: the cid map
 * @src: a cmask
 *
 * Return: the length, as scx_bitmap_format_list(); -ENOENT for a set cid
 * without a cpu; -ENOSPC; -ENOMEM.
 */
SCXCMASK_API int scx_cmask_to_cpulist(char *buf, size_t len, const struct scx_cid_map *map,
				      const struct scx_cmask *src);

/**
 * scx_cmask_from_cpumask_hex() - the cids of the cpus in a sysfs hex mask
 * @dst: a valid cmask; its window is rewritten
 * @map: the cid map; the mask holds nr_cpu_ids bits, as cpumask_parse()
 * @str: hex syntax, e.g. a cache's shared_cpu_map
 * @flags: 0 or SCX_CONVERT_SKIP_UNMAPPED
 *
 * Return: as scx_cmask_from_cpulist(), with the errors of
 * scx_bitmap_parse_hex().
 */
SCXCMASK_API int scx_cmask_from_cpumask_hex(struct scx_cmask *dst,
					    const struct scx_cid_map *map,
					    const char *str, unsigned int flags);

/**
 * scx_cmask_to_cpumask_hex() - the cpus of @src as a sysfs hex mask of
 * nr_cpu_ids bits
 *
 * Return: as scx_cmask_to_cpulist().
 */
SCXCMASK_API int scx_cmask_to_cpumask_hex(char *buf, size_t len, const struct scx_cid_map *map,
					  const struct scx_cmask *src);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_CONVERT_H */
