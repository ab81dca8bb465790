// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * cid lists: the list syntax applied to a cmask's own window.  Cids are
 * absolute; the window [base, end) is the range a list may name, so "all"
 * is the window and "N" its last cid.
 */
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
	scxcmask__zero(dst);
	sink.words = dst->bits;
	sink.off = (uint64_t)w.wbase * 64;
	sink.limit = w.end;
	return scxcmask__scan_list("cidlist", str, w.base, w.end, 0, scxcmask__sink_region, &sink);
}

SCXCMASK_API int scx_cmask_format_cidlist(char *buf, size_t len, const struct scx_cmask *src)
{
	struct scxcmask__out o = { .buf = buf, .len = len };
	struct scxcmask__win w;
	int err = scxcmask__out_check("cidlist", buf, len);

	if (err)
		return err;
	if (!scxcmask__window(src, &w) && w.end > w.base)
		scxcmask__out_runs(&o, src->bits, (uint64_t)w.wbase * 64, w.base, w.end);
	return scxcmask__out_finish(&o, "cidlist");
}
