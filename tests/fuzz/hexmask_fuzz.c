// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target: the kernel hex mask syntax (scx_bitmap_parse_hex).
 * Parameter a is the bit limit (0-4096).  Properties: a failure names an
 * offset and leaves the bitmap alone; a success has no bit at or above the
 * limit, and format -> parse round trips as hex and as list.
 */
#include "parse_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct fuzz_bitmaps b;
	char *text;
	int err, n;

	fuzz_split(data, size, &in);
	fuzz_bitmaps_new(&in, 0x5a, &b);

	err = scx_bitmap_parse_hex(b.bits, b.nbits, in.text);
	if (err) {
		fuzz_check_failure(err, &in);
		fuzz_check_untouched(&b, 0x5a);
		goto out;
	}
	fuzz_check_padding(&b);

	text = fuzz_format(scx_bitmap_format_hex, b.bits, b.nbits);
	FUZZ_ASSERT(scx_bitmap_parse_hex(b.back, b.nbits, text) == 0);
	FUZZ_ASSERT(memcmp(b.bits, b.back, b.bytes) == 0);
	/* the canonical form is its own fixed point */
	n = (int)strlen(text);
	FUZZ_ASSERT(scx_bitmap_format_hex(text, (size_t)n + 1, b.back, b.nbits) == n);
	free(text);

	text = fuzz_format(scx_bitmap_format_list, b.bits, b.nbits);
	memset(b.back, 0xff, b.bytes);
	FUZZ_ASSERT(scx_bitmap_parse_list(b.back, b.nbits, text) == 0);
	FUZZ_ASSERT(memcmp(b.bits, b.back, b.bytes) == 0);
	free(text);
out:
	fuzz_bitmaps_free(&b);
	free(in.text);
	return 0;
}
