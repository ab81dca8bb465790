// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cid lists: the list syntax applied to a cmask's own window.  Cids are
 * absolute; the window [base, end) is the range a list may name, so "all"
 * is the window and "N" its last cid.
 */
#include <stdbool.h>
#include <scxcmask/convert.h>
#include "cmask_user.h"
#include "convert_internal.h"
#include "internal.h"

SCXCMASK_API int scx_cmask_parse_cidlist(struct scx_cmask *dst, const char *str)
{
	struct scxcmask__win w;
	struct scxcmask__bits_sink sink;
	int err;

	if (scxcmask__window(dst, &w))
		return scxcmask__fail(-EINVAL, "cidlist: invalid destination cmask");
	err = scxcmask__scan_list("cidlist", str, w.base, w.end, 0, NULL, NULL);
	if (err)
		return err;
	/* with the header read above: BPF may rewrite it meanwhile */
	for (uint32_t i = 0; i < w.nr_used; i++)
		dst->bits[i] = 0;
	sink.words = dst->bits;
	sink.off = (uint64_t)w.wbase * 64;
	sink.limit = w.end;
	return scxcmask__scan_list("cidlist", str, w.base, w.end, 0, scxcmask__sink_region, &sink);
}

/* Writes the run [a, b) of a list: "a" or "a-b", after a comma unless first. */
static void out_run(struct scxcmask__out *o, uint64_t a, uint64_t b, bool *first)
{
	if (!*first)
		scxcmask__out_char(o, ',');
	*first = false;
	scxcmask__out_u32(o, (uint32_t)a);
	if (b - a > 1) {
		scxcmask__out_char(o, '-');
		scxcmask__out_u32(o, (uint32_t)(b - 1));
	}
}

/*
 * The runs of @src's window, reading each word once: a mask in an arena
 * that BPF rewrites meanwhile prints as one value of each word, never as a
 * run whose start and end come from two different reads.
 */
static void out_window_runs(struct scxcmask__out *o, const struct scx_cmask *src,
			    const struct scxcmask__win *w)
{
	uint64_t start = 0;
	bool in_run = false, first = true;

	for (uint32_t k = 0; k < w->nr_used; k++) {
		uint64_t v = ((const volatile uint64_t *)src->bits)[k];
		uint64_t base = ((uint64_t)w->wbase + k) * 64;
		unsigned int p = 0;

		if (k == 0)
			v &= scxcmask__head_bits(w);
		if (k == w->nr_used - 1)
			v &= scxcmask__tail_bits(w);
		while (p < 64) {
			/* the next clear bit ends a run, the next set bit starts one */
			uint64_t rest = (in_run ? ~v : v) >> p;

			if (!rest)
				break;
			p += (unsigned int)__builtin_ctzll(rest);
			if (in_run)
				out_run(o, start, base + p, &first);
			else
				start = base + p;
			in_run = !in_run;
		}
	}
	if (in_run)
		out_run(o, start, w->end, &first);
}

SCXCMASK_API int scx_cmask_format_cidlist(char *buf, size_t len, const struct scx_cmask *src)
{
	struct scxcmask__out o = { .buf = buf, .len = len };
	struct scxcmask__win w;
	int err = scxcmask__out_check("cidlist", buf, len);

	if (err)
		return err;
	if (!scxcmask__window(src, &w) && w.end > w.base)
		out_window_runs(&o, src, &w);
	return scxcmask__out_finish(&o, "cidlist");
}
