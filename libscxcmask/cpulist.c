// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel's list syntax ("0-3,8-11", "100-2000:2/25", "N", "all"),
 * accepted and rejected exactly as bitmap_parselist() does, so that a
 * string behaves the same here and when written to cpuset.cpus.
 *
 * The walk runs twice when it writes: first to check the whole text, then
 * to set bits, so that a bad region late in the text leaves the
 * destination as it was (the kernel's own parser stops half-way).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <scxcmask/convert.h>
#include "convert_internal.h"
#include "internal.h"

/* A region ends at a separator, the NUL, or a newline. */
static bool ends_region(char c)
{
	return scxcmask__is_sep(c) || c == '\0';
}

/* The text ends at a NUL or at a newline right after a region. */
static bool ends_text(char c)
{
	return c == '\0' || c == '\n';
}

struct list_walk {
	const char *what;
	const char *str;
	const char *p;		/* next character */
	uint32_t lo, hi;	/* numbers lie in [lo, hi) */
	unsigned int flags;	/* SCXCMASK__TEXT_* */
};

static int walk_fail(const struct list_walk *w, int err, const char *at, const char *fmt,
		     const char *detail)
{
	char q[SCXCMASK__QUOTE_LEN];

	return scxcmask__fail(err, "%s \"%s\": %s%s at offset %zu", w->what,
			      scxcmask__quote(q, sizeof(q), w->str), fmt, detail,
			      (size_t)(at - w->str));
}

/* A decimal number or "N" (the last bit), as the kernel's bitmap_getnum(). */
static int take_number(struct list_walk *w, uint32_t *num)
{
	const char *start = w->p;
	uint64_t v = 0;
	bool wide = false;

	if (*w->p == 'N') {
		if (w->flags & SCXCMASK__TEXT_SYSFS)
			return walk_fail(w, -EINVAL, start,
					 "\"N\" in a sysfs file (the kernel prints numbers)", "");
		*num = w->hi - 1;
		w->p++;
		return 0;
	}
	if (*w->p < '0' || *w->p > '9')
		return walk_fail(w, -EINVAL, start, "expected a number", "");
	for (; *w->p >= '0' && *w->p <= '9'; w->p++) {
		v = v * 10 + (uint64_t)(*w->p - '0');
		if (v > UINT32_MAX) {
			wide = true;
			v = UINT32_MAX;	/* keep consuming digits, as the kernel */
		}
	}
	if (wide)
		return walk_fail(w, -EOVERFLOW, start, "number does not fit in 32 bits", "");
	*num = (uint32_t)v;
	return 0;
}

static int unexpected(const struct list_walk *w, const char *expected)
{
	char what[32];

	if (*w->p == '\n')
		snprintf(what, sizeof(what), "newline");
	else if ((unsigned char)*w->p < 0x20 || (unsigned char)*w->p >= 0x7f)
		snprintf(what, sizeof(what), "byte 0x%02x", (unsigned char)*w->p);
	else
		snprintf(what, sizeof(what), "'%c'", *w->p);
	return walk_fail(w, -EINVAL, w->p, expected, what);
}

/*
 * Parses one region at w->p.  *@last tells whether the text ends with it.
 * @at_end points at the region's last number, for range messages.
 */
static int take_region(struct list_walk *w, struct scxcmask__region *r, bool *last,
		       const char **at_end)
{
	bool pattern;
	int err;

	*at_end = w->p;
	if (!strncasecmp(w->p, "all", 3)) {
		if (w->flags & SCXCMASK__TEXT_SYSFS)
			return walk_fail(w, -EINVAL, w->p,
					 "\"all\" in a sysfs file (the kernel prints numbers)", "");
		if (w->hi <= w->lo)	/* the kernel's nbits 0 fails the same way */
			return walk_fail(w, -EINVAL, w->p, "\"all\" with an empty limit", "");
		r->start = w->lo;
		r->end = w->hi - 1;
		w->p += 3;
	} else {
		err = take_number(w, &r->start);
		if (err)
			return err;
		r->end = r->start;
		if (*w->p == '-') {
			w->p++;
			*at_end = w->p;
			err = take_number(w, &r->end);
			if (err)
				return err;
		} else if (!ends_region(*w->p)) {
			return unexpected(w, "expected '-', ',' or the end, found ");
		}
	}
	pattern = *w->p == ':';
	if (!pattern) {
		if (!ends_region(*w->p))
			return unexpected(w, "expected ':', ',' or the end, found ");
		r->used = r->group = r->end + 1;
		*last = ends_text(*w->p);
		return 0;
	}
	if (w->flags & SCXCMASK__TEXT_SYSFS)
		return walk_fail(w, -EINVAL, w->p,
				 "a ':' pattern in a sysfs file (the kernel prints ranges)", "");
	w->p++;
	err = take_number(w, &r->used);
	if (err)
		return err;
	if (*w->p != '/')
		return unexpected(w, "expected '/', found ");
	w->p++;
	/*
	 * As in the kernel, what follows the group size is not checked here:
	 * the next region starts right there ("0-9:2/5N" is two regions).
	 */
	*last = false;
	return take_number(w, &r->group);
}

static int check_region(const struct list_walk *w, const struct scxcmask__region *r,
			const char *at, const char *at_end)
{
	char d[80];

	if (r->start > r->end) {
		snprintf(d, sizeof(d), " (%u-%u)", r->start, r->end);
		return walk_fail(w, -EINVAL, at, "reversed range", d);
	}
	if (r->group == 0)
		return walk_fail(w, -EINVAL, at, "group size 0", "");
	if (r->used > r->group) {
		snprintf(d, sizeof(d), " (%u/%u)", r->used, r->group);
		return walk_fail(w, -EINVAL, at, "used bits exceed the group size", d);
	}
	if (r->end >= w->hi) {
		snprintf(d, sizeof(d), " (%u, limit %u)", r->end, w->hi);
		return walk_fail(w, -ERANGE, at_end, "number past the limit", d);
	}
	if (r->start < w->lo) {
		snprintf(d, sizeof(d), " (%u, the first allowed is %u)", r->start, w->lo);
		return walk_fail(w, -ERANGE, at, "number below the window", d);
	}
	return 0;
}

/*
 * The kernel's parser ends the text at a newline after a region; a sysfs
 * file's text (stripped of its trailing white space) must end there too.
 */
static int check_after_newline(const struct list_walk *w)
{
	const char *q = w->p;

	if (!(w->flags & SCXCMASK__TEXT_SYSFS) || *q != '\n')
		return 0;
	while (scxcmask__kspace(*q))
		q++;
	if (*q)
		return walk_fail(w, -EINVAL, q, "text after the newline that ends the list", "");
	return 0;
}

static int walk(struct list_walk *w, scxcmask__region_fn fn, void *ctx)
{
	struct scxcmask__region r;
	const char *at, *at_end;
	bool last = false;
	int err;

	w->p = w->str;
	while (!last) {
		while (scxcmask__is_sep(*w->p))
			w->p++;
		if (*w->p == '\0')
			break;
		at = w->p;
		err = take_region(w, &r, &last, &at_end);
		if (!err)
			err = check_region(w, &r, at, at_end);
		if (err)
			return err;
		if (fn)
			fn(ctx, &r);
	}
	return check_after_newline(w);
}

int scxcmask__scan_list(const char *what, const char *str, uint32_t lo, uint32_t hi,
			unsigned int flags, scxcmask__region_fn fn, void *ctx)
{
	struct list_walk w = { .what = what, .str = str, .lo = lo, .hi = hi, .flags = flags };
	int err;

	if (!str)
		return scxcmask__fail(-EINVAL, "%s: NULL string", what);
	/* an empty window has no last bit: "all" and "N" are out of range */
	if (hi <= lo)
		w.hi = lo;
	err = walk(&w, NULL, NULL);
	if (err || !fn)
		return err;
	return walk(&w, fn, ctx);
}

int scxcmask__parse_list(const char *what, uint64_t *bits, uint32_t nbits, const char *str)
{
	struct scxcmask__bits_sink sink = { .words = bits, .off = 0, .limit = nbits };
	int err;

	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "%s: NULL bitmap", what);
	err = scxcmask__scan_list(what, str, 0, nbits, 0, NULL, NULL);
	if (err)
		return err;
	if (nbits)
		memset(bits, 0, scxcmask__nr_words(nbits) * sizeof(*bits));
	return scxcmask__scan_list(what, str, 0, nbits, 0, scxcmask__sink_region, &sink);
}

SCXCMASK_API int scx_bitmap_parse_list(uint64_t *bits, uint32_t nbits, const char *str)
{
	return scxcmask__parse_list("list", bits, nbits, str);
}

SCXCMASK_API int scx_bitmap_format_list(char *buf, size_t len, const uint64_t *bits,
					uint32_t nbits)
{
	struct scxcmask__out o = { .buf = buf, .len = len };
	int err = scxcmask__out_check("list", buf, len);

	if (err)
		return err;
	if (!bits && nbits)
		return scxcmask__fail(-EINVAL, "list: NULL bitmap");
	if (nbits)
		scxcmask__out_runs(&o, bits, 0, 0, nbits);
	return scxcmask__out_finish(&o, "list");
}
