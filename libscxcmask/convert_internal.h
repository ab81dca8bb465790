/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Pieces shared by the text parsers and formatters (cpulist.c, hexmask.c,
 * cidlist.c) and the map conversions (convert.c).  Private to the library.
 *
 * Bitmaps here are arrays of uint64_t seen through an offset: bit b lives
 * in bit (b - off) % 64 of words[(b - off) / 64].  A plain bitmap has off
 * 0; a cmask's words have off = (base / 64) * 64, its grid origin.
 */
#ifndef SCXCMASK_CONVERT_INTERNAL_H
#define SCXCMASK_CONVERT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ bitmaps */

static inline size_t scxcmask__nr_words(uint64_t nbits)
{
	return (size_t)((nbits + 63) / 64);
}

/* Sets bits [from, to) (to > from) of @words seen through @off. */
void scxcmask__set_range(uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

/*
 * Lowest set bit in [from, to) of @words seen through @off, or @to.
 * Reads each word once.
 */
uint64_t scxcmask__find_set(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

/* Lowest clear bit in [from, to), or @to. */
uint64_t scxcmask__find_clear(const uint64_t *words, uint64_t off, uint64_t from, uint64_t to);

/* ------------------------------------------------------------ text */

/* The kernel's isspace(): ASCII white space and Latin-1's NBSP (0xa0). */
static inline bool scxcmask__kspace(char c)
{
	unsigned char u = (unsigned char)c;

	return u == ' ' || (u >= '\t' && u <= '\r') || u == 0xa0;
}

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
 * only checks.  @what names the text in messages ("cpulist").
 *
 * Return: 0, or -EINVAL, -ERANGE, -EOVERFLOW with a positioned message.
 */
int scxcmask__scan_list(const char *what, const char *str, uint32_t lo, uint32_t hi,
			scxcmask__region_fn fn, void *ctx);

/*
 * Checks the whole list, then clears @bits and sets its bits: the body of
 * scx_bitmap_parse_list() with @what naming the text in messages.
 */
int scxcmask__parse_list(const char *what, uint64_t *bits, uint32_t nbits, const char *str);

/* Sets the bits of region @r in @words seen through @off. */
void scxcmask__set_region(uint64_t *words, uint64_t off, const struct scxcmask__region *r);

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
int scxcmask__scan_hex(const char *what, const char *str, uint32_t nbits,
		       scxcmask__chunk_fn fn, void *ctx);

/* scx_bitmap_parse_hex() with @what naming the text in messages. */
int scxcmask__parse_hex(const char *what, uint64_t *bits, uint32_t nbits, const char *str);

/* Writes the kernel's %*pb of the first @nbits bits of @bits. */
void scxcmask__out_hexmask(struct scxcmask__out *o, const uint64_t *bits, uint32_t nbits);

#endif /* SCXCMASK_CONVERT_INTERNAL_H */
