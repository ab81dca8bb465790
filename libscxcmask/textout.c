// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Output side of the text formats: a bounded writer that always counts
 * (so that one pass both writes and measures), numbers without printf,
 * the run writer behind every list formatter, and input quoting for
 * error messages.
 */
#include <limits.h>
#include <stdio.h>
#include "convert_internal.h"
#include "internal.h"

void scxcmask__out_char(struct scxcmask__out *o, char c)
{
	if (o->n + 1 < o->len)
		o->buf[o->n] = c;
	o->n++;
}

void scxcmask__out_u32(struct scxcmask__out *o, uint32_t v)
{
	char digits[10];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		scxcmask__out_char(o, digits[--n]);
}

void scxcmask__out_hex(struct scxcmask__out *o, uint32_t v, unsigned int digits)
{
	static const char hex[] = "0123456789abcdef";

	while (digits--)
		scxcmask__out_char(o, hex[(v >> (4 * digits)) & 0xf]);
}

int scxcmask__out_check(const char *what, const char *buf, size_t len)
{
	if (!buf && len)
		return scxcmask__fail(-EINVAL, "%s: NULL buffer of %zu bytes", what, len);
	return 0;
}

int scxcmask__out_finish(struct scxcmask__out *o, const char *what)
{
	if (o->n > INT_MAX) {
		if (o->len)
			o->buf[0] = '\0';
		return scxcmask__fail(-EOVERFLOW, "%s: %llu characters do not fit in an int",
				      what, (unsigned long long)o->n);
	}
	if (!o->buf)
		return (int)o->n;
	if (o->n >= o->len) {
		if (o->len)
			o->buf[0] = '\0';
		return scxcmask__fail(-ENOSPC, "%s: needs %llu bytes with its NUL, the buffer has %zu",
				      what, (unsigned long long)o->n + 1, o->len);
	}
	o->buf[o->n] = '\0';
	return (int)o->n;
}

void scxcmask__out_runs(struct scxcmask__out *o, const uint64_t *words, uint64_t off,
			uint64_t from, uint64_t to)
{
	uint64_t a = scxcmask__find_set(words, off, from, to), b;
	bool first = true;

	while (a < to) {
		b = scxcmask__find_clear(words, off, a + 1, to);
		if (!first)
			scxcmask__out_char(o, ',');
		first = false;
		/* bit numbers are u32 here: every window and limit is */
		scxcmask__out_u32(o, (uint32_t)a);
		if (b - a > 1) {
			scxcmask__out_char(o, '-');
			scxcmask__out_u32(o, (uint32_t)(b - 1));
		}
		a = scxcmask__find_set(words, off, b, to);
	}
}

const char *scxcmask__quote(char *dst, size_t len, const char *str)
{
	static const char more[] = "...";
	size_t n = 0, room = len - sizeof(more) - 4;	/* 4: longest escape */
	const unsigned char *p;

	if (!str)
		return "(null)";
	for (p = (const unsigned char *)str; *p && n < room; p++) {
		if (*p == '\n' || *p == '\t')
			n += (size_t)snprintf(dst + n, len - n, "\\%c", *p == '\n' ? 'n' : 't');
		else if (*p == '"' || *p == '\\')
			n += (size_t)snprintf(dst + n, len - n, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			n += (size_t)snprintf(dst + n, len - n, "\\x%02x", *p);
		else
			dst[n++] = (char)*p;
	}
	dst[n] = '\0';
	if (*p)
		snprintf(dst + n, len - n, "%s", more);
	return dst;
}
