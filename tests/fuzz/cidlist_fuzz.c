// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target: cid lists on a cmask window (scx_cmask_parse_cidlist).
 * Parameters: a is the window's base (0-65535), b its length (0-4096).
 * Properties: a failure names an offset and leaves the mask byte for byte
 * as it was; a success sets only cids of the window, and format -> parse
 * gives an equal mask.
 */
#include "parse_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct scx_cmask *m, *back, *before;
	uint32_t nr;
	size_t msize;
	char *text;
	int err, n;

	fuzz_split(data, size, &in);
	nr = in.b % 4097;
	m = scx_cmask_alloc(in.a, nr);
	back = scx_cmask_alloc(in.a, nr);
	msize = scx_cmask_size(nr);
	before = malloc(msize);
	FUZZ_ASSERT(m && back && before);
	scx_cmask_fill(m);
	memcpy(before, m, msize);

	err = scx_cmask_parse_cidlist(m, in.text);
	if (err) {
		fuzz_check_failure(err, &in);
		FUZZ_ASSERT(memcmp(m, before, msize) == 0);
		goto out;
	}
	/* padding (bits outside the window) stays clear */
	if (nr) {
		FUZZ_ASSERT((m->bits[0] & ((1ull << (in.a % 64)) - 1)) == 0);
		FUZZ_ASSERT(scx_cmask_weight(m) <= nr);
	}

	n = scx_cmask_format_cidlist(NULL, 0, m);
	FUZZ_ASSERT(n >= 0);
	text = malloc((size_t)n + 1);
	FUZZ_ASSERT(text && scx_cmask_format_cidlist(text, (size_t)n + 1, m) == n);
	FUZZ_ASSERT(scx_cmask_parse_cidlist(back, text) == 0);
	FUZZ_ASSERT(scx_cmask_equal(m, back));
	FUZZ_ASSERT(memcmp(m->bits, back->bits, 8 * (size_t)m->alloc_words) == 0);
	free(text);
out:
	free(before);
	scx_cmask_free(back);
	scx_cmask_free(m);
	free(in.text);
	return 0;
}
