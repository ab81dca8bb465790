// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target: the kernel list syntax (scx_bitmap_parse_list).  Parameter a
 * is the bit limit (0-4096).  Properties: a failure names an offset in the
 * text and leaves the bitmap alone; a success clears the padding, and
 * format -> parse gives the same bits back, as list and as hex mask; a
 * trailing newline (as sysfs prints) changes nothing.
 */
#include "parse_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct fuzz_bitmaps b;
	char *list, *hex, *nl;
	int err;

	fuzz_split(data, size, &in);
	fuzz_bitmaps_new(&in, 0xa5, &b);

	err = scx_bitmap_parse_list(b.bits, b.nbits, in.text);
	if (err) {
		fuzz_check_failure(err, &in);
		fuzz_check_untouched(&b, 0xa5);
		goto out;
	}
	fuzz_check_padding(&b);

	list = fuzz_format(scx_bitmap_format_list, b.bits, b.nbits);
	FUZZ_ASSERT(scx_bitmap_parse_list(b.back, b.nbits, list) == 0);
	FUZZ_ASSERT(memcmp(b.bits, b.back, b.bytes) == 0);
	hex = fuzz_format(scx_bitmap_format_hex, b.bits, b.nbits);
	memset(b.back, 0, b.bytes);
	FUZZ_ASSERT(scx_bitmap_parse_hex(b.back, b.nbits, hex) == 0);
	FUZZ_ASSERT(memcmp(b.bits, b.back, b.bytes) == 0);

	/* sysfs's trailing newline */
	nl = malloc(in.len + 2);
	FUZZ_ASSERT(nl);
	memcpy(nl, in.text, in.len);
	memcpy(nl + in.len, "\n", 2);
	FUZZ_ASSERT(scx_bitmap_parse_list(b.back, b.nbits, nl) == 0);
	FUZZ_ASSERT(memcmp(b.bits, b.back, b.bytes) == 0);
	free(nl);
	free(hex);
	free(list);
out:
	fuzz_bitmaps_free(&b);
	free(in.text);
	return 0;
}
