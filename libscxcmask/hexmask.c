// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel's hex mask syntax ("000f,ff000fff"), as sysfs cpumap files
 * print it (%*pb) and bitmap_parse() reads it.
 *
 * Groups are numbered from the right (the last group holds bits 0-31),
 * so the text is read backwards, one group at a time, as the kernel does;
 * reading the same way also reproduces its treatment of a ninth
 * character (see scx_bitmap_parse_hex() in <scxcmask/convert.h>).
 */
#include <string.h>
#include <scxcmask/convert.h>
#include "convert_internal.h"
#include "internal.h"

struct hex_walk {
	const char *what;
	const char *str;
	size_t n;		/* characters before the first newline or NUL */
	uint32_t nbits;
	uint64_t max_groups;
	unsigned int flags;	/* SCXCMASK__TEXT_* */
};

static int hex_fail(const struct hex_walk *w, int err, size_t at, const char *msg)
{
	char q[SCXCMASK__QUOTE_LEN];

	return scxcmask__fail(err, "%s \"%s\": %s at offset %zu", w->what,
			      scxcmask__quote(q, sizeof(q), w->str), msg, at);
}

/*
 * Reads the group that ends at str[*i] (inclusive) backwards into *@val
 * and leaves *i before it.  After 8 digits the group must end: a 9th hex
 * digit overflows; any other character is dropped with the group, as the
 * kernel's reader does (an error for a sysfs file: nothing is skipped there).
 */
static int take_group(const struct hex_walk *w, ptrdiff_t *i, uint32_t *val)
{
	unsigned int digits = 0;
	uint32_t v = 0;
	int d;

	for (;;) {
		d = scxcmask__hex_digit(w->str[*i]);
		if (d < 0)
			return hex_fail(w, -EINVAL, (size_t)*i, "not a hex digit");
		v |= (uint32_t)d << (4 * digits++);
		(*i)--;
		if (*i < 0 || scxcmask__is_sep(w->str[*i]))
			break;
		if (digits == 8) {
			if (scxcmask__hex_digit(w->str[*i]) >= 0)
				return hex_fail(w, -EOVERFLOW, (size_t)*i,
						"more than 8 digits in a group");
			if (w->flags & SCXCMASK__TEXT_SYSFS)
				return hex_fail(w, -EINVAL, (size_t)*i,
						"not a hex digit or ',' before an 8-digit group");
			(*i)--;
			break;
		}
	}
	*val = v;
	return 0;
}

/* Bits of the top group at or above nbits must be clear. */
static int check_top(const struct hex_walk *w, uint32_t top, size_t at)
{
	unsigned int rem = w->nbits % 32;

	if (rem && (top >> rem))
		return hex_fail(w, -EOVERFLOW, at, "bits past the limit set in the group");
	return 0;
}

static int walk(const struct hex_walk *w, scxcmask__chunk_fn fn, void *ctx)
{
	ptrdiff_t i = (ptrdiff_t)w->n - 1;
	uint64_t idx = 0;
	uint32_t val = 0;
	size_t at;
	int err;

	for (;; idx++) {
		while (i >= 0 && scxcmask__is_sep(w->str[i]))
			i--;
		if (i < 0)
			return 0;
		if (idx >= w->max_groups)
			return hex_fail(w, -EOVERFLOW, (size_t)i,
					"more groups than the limit holds");
		at = (size_t)i;
		err = take_group(w, &i, &val);
		if (!err && idx + 1 == w->max_groups)
			err = check_top(w, val, at);
		if (err)
			return err;
		if (fn)
			fn(ctx, (uint32_t)idx, val);
	}
}

/* The text ends at its first newline; a sysfs file's must end there too. */
static int check_after_newline(const struct hex_walk *w)
{
	size_t i = w->n;

	if (!(w->flags & SCXCMASK__TEXT_SYSFS) || w->str[i] != '\n')
		return 0;
	while (scxcmask__kspace(w->str[i]))
		i++;
	if (w->str[i])
		return hex_fail(w, -EINVAL, i, "text after the newline that ends the mask");
	return 0;
}

int scxcmask__scan_hex(const char *what, const char *str, uint32_t nbits, unsigned int flags,
		       scxcmask__chunk_fn fn, void *ctx)
{
	struct hex_walk w = { .what = what, .str = str, .nbits = nbits, .flags = flags };
	int err;

	if (!str)
		return scxcmask__fail(-EINVAL, "%s: NULL string", what);
	w.n = strcspn(str, "\n");
	err = check_after_newline(&w);
	if (err)
		return err;
	w.max_groups = ((uint64_t)nbits + 31) / 32;
	err = walk(&w, NULL, NULL);
	if (err || !fn)
		return err;
	return walk(&w, fn, ctx);
}

void scxcmask__sink_group(void *ctx, uint32_t idx, uint32_t val)
{
	const struct scxcmask__bits_sink *s = ctx;
	uint64_t first = (uint64_t)idx * 32;

	if (first >= s->limit)
		return;
	if (s->limit - first < 32)
		val &= (1u << (s->limit - first)) - 1;
	s->words[idx / 2] |= (uint64_t)val << (32 * (idx % 2));
}

int scxcmask__parse_hex(const char *what, uint64_t *bits, uint32_t nbits, const char *str)
{
	struct scxcmask__bits_sink sink = { .words = bits, .off = 0, .limit = nbits };
	int err;

	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "%s: NULL bitmap", what);
	err = scxcmask__scan_hex(what, str, nbits, 0, NULL, NULL);
	if (err)
		return err;
	if (nbits)
		memset(bits, 0, scxcmask__nr_words(nbits) * sizeof(*bits));
	return scxcmask__scan_hex(what, str, nbits, 0, scxcmask__sink_group, &sink);
}

SCXCMASK_API int scx_bitmap_parse_hex(uint64_t *bits, uint32_t nbits, const char *str)
{
	return scxcmask__parse_hex("hex mask", bits, nbits, str);
}

/* Group @idx (bits 32 * idx ...) of @bits, masked to nbits. */
static uint32_t get_group(const uint64_t *bits, uint32_t nbits, uint32_t idx)
{
	uint32_t v = (uint32_t)(bits[idx / 2] >> (32 * (idx % 2)));
	uint64_t first = (uint64_t)idx * 32;

	if (nbits - first < 32)
		v &= (1u << (nbits - first)) - 1;
	return v;
}

void scxcmask__out_hexmask(struct scxcmask__out *o, const uint64_t *bits, uint32_t nbits)
{
	uint32_t groups = (uint32_t)(((uint64_t)nbits + 31) / 32), g;
	/* the first group prints only the digits its bits need */
	unsigned int top_digits = (nbits - (groups ? groups - 1 : 0) * 32 + 3) / 4;

	for (g = groups; g-- > 0;) {
		if (g != groups - 1)
			scxcmask__out_char(o, ',');
		scxcmask__out_hex(o, get_group(bits, nbits, g), g == groups - 1 ? top_digits : 8);
	}
}

SCXCMASK_API int scx_bitmap_format_hex(char *buf, size_t len, const uint64_t *bits,
				       uint32_t nbits)
{
	struct scxcmask__out o = { .buf = buf, .len = len };
	int err = scxcmask__out_check("hex mask", buf, len);

	if (err)
		return err;
	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "hex mask: NULL bitmap");
	scxcmask__out_hexmask(&o, bits, nbits);
	return scxcmask__out_finish(&o, "hex mask");
}
