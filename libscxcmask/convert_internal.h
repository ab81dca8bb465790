/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Pieces shared by the text parsers and formatters (cpulist.c, hexmask.c,
 * cidlist.c, textout.c), the sysfs reader (sysfs.c) and the map
 * conversions (convert.c).  Private to the library.  Bitmaps are those of
 * cpubits.h, seen through an offset.
 */
#ifndef SCXCMASK_CONVERT_INTERNAL_H
#define SCXCMASK_CONVERT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpubits.h"
#include "internal.h"

/* ------------------------------------------------------------ scanners */

/*
 * Flags of scxcmask__scan_list() and scxcmask__scan_hex().
 *
 * SCXCMASK__TEXT_SYSFS: the text is a sysfs file's (sysfs.c); the syntax
 * stays the kernel's, with two rules more.  Nothing is dropped silently:
 * text after a newline, or a character before a full 8-digit hex group,
 * which the kernel's parsers skip, is an error.  And a list holds only
 * numbers and ranges: "N", "all" and "a-b:u/g" name bits through the
 * caller's limit, not the file's width, and the kernel never prints them.
 */
#define SCXCMASK__TEXT_SYSFS	(1u << 0)

/*
 * Where a scanner's regions or groups land: @words seen through @off;
 * bits at or above @limit are dropped (a sysfs mask may be wider than the
 * possible cpus; the other callers' checks keep every bit below it).
 */
struct scxcmask__bits_sink {
	uint64_t *words;
	uint64_t off;
	uint64_t limit;
};

/* ------------------------------------------------------------ text */

/* What separates regions of a list and groups of a hex mask. */
static inline bool scxcmask__is_sep(char c)
{
	return scxcmask__kspace(c) || c == ',';
}

/* ------------------------------------------------------------ list syntax */

/*
 * One region of a list, "start-end:used/group": from @start, the first
 * @used bits of every @group, up to @end inclusive.  A region without a
 * pattern has used == group == end + 1, as in the kernel (so that a bare
 * 4294967295 fails as a zero group, -EINVAL, as there).
 */
struct scxcmask__region {
	uint32_t start;
	uint32_t end;
	uint32_t used;
	uint32_t group;
};

typedef void (*scxcmask__region_fn)(void *ctx, const struct scxcmask__region *r);

/*
 * Walks the list @str (kernel bitmap_parselist() syntax) whose numbers must
 * lie in [lo, hi): "N" is hi - 1 and "all" is [lo, hi - 1].  Calls @fn for
 * each region once the whole text is known to be good; with @fn NULL it
 * only checks.  @what names the text in messages ("cpulist", a file's
 * path); @flags are SCXCMASK__TEXT_*.
 *
 * Return: 0, or -EINVAL, -ERANGE, -EOVERFLOW with a positioned message.
 */
int scxcmask__scan_list(const char *what, const char *str, uint32_t lo, uint32_t hi,
			unsigned int flags, scxcmask__region_fn fn, void *ctx);

/*
 * Checks the whole list, then clears @bits and sets its bits: the body of
 * scx_bitmap_parse_list() with @what naming the text in messages.
 */
int scxcmask__parse_list(const char *what, uint64_t *bits, uint32_t nbits, const char *str);

/* Sets the bits of region @r in @words seen through @off. */
void scxcmask__set_region(uint64_t *words, uint64_t off, const struct scxcmask__region *r);

/* A scxcmask__region_fn: sets region @r in the struct scxcmask__bits_sink @ctx. */
void scxcmask__sink_region(void *ctx, const struct scxcmask__region *r);

/* ------------------------------------------------------------ output */

/*
 * A formatter's output: writes while there is room, counts always.  The
 * last byte of the buffer is kept for the NUL.
 */
struct scxcmask__out {
	char *buf;
	size_t len;
	uint64_t n;	/* characters produced so far */
};

void scxcmask__out_char(struct scxcmask__out *o, char c);
void scxcmask__out_u32(struct scxcmask__out *o, uint32_t v);
void scxcmask__out_hex(struct scxcmask__out *o, uint32_t v, unsigned int digits);

/* Checks the buffer arguments of a formatter; 0 or -EINVAL. */
int scxcmask__out_check(const char *what, const char *buf, size_t len);

/*
 * Ends the text: NUL-terminates it and returns its length, or fails with
 * -ENOSPC (leaving "") or -EOVERFLOW (longer than INT_MAX).
 */
int scxcmask__out_finish(struct scxcmask__out *o, const char *what);

/*
 * Writes "a-b,c,..." for the set bits in [from, to) of @words seen through
 * @off: the kernel's %*pbl.
 */
void scxcmask__out_runs(struct scxcmask__out *o, const uint64_t *words, uint64_t off,
			uint64_t from, uint64_t to);

/*
 * @str as a C literal for messages: escaped, cut to a readable length.
 * Returns @dst.
 */
const char *scxcmask__quote(char *dst, size_t len, const char *str);
#define SCXCMASK__QUOTE_LEN 80

/* ------------------------------------------------------------ hex syntax */

typedef void (*scxcmask__chunk_fn)(void *ctx, uint32_t idx, uint32_t val);

/*
 * Walks the hex mask @str (kernel bitmap_parse() syntax) of @nbits bits,
 * calling @fn for each 32-bit group, least significant first, once the
 * whole text is known to be good (@fn NULL: only check).  Groups that
 * the text does not name are zero and not reported.
 */
int scxcmask__scan_hex(const char *what, const char *str, uint32_t nbits, unsigned int flags,
		       scxcmask__chunk_fn fn, void *ctx);

/*
 * A scxcmask__chunk_fn: ors group @idx into the struct scxcmask__bits_sink
 * @ctx (whose @off must be 0), dropping bits at or above its limit.
 */
void scxcmask__sink_group(void *ctx, uint32_t idx, uint32_t val);

/* scx_bitmap_parse_hex() with @what naming the text in messages. */
int scxcmask__parse_hex(const char *what, uint64_t *bits, uint32_t nbits, const char *str);

/* Writes the kernel's %*pb of the first @nbits bits of @bits. */
void scxcmask__out_hexmask(struct scxcmask__out *o, const uint64_t *bits, uint32_t nbits);

#endif /* SCXCMASK_CONVERT_INTERNAL_H */
