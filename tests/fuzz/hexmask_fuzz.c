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
	uint32_t nbits;
	size_t bytes;
	uint64_t *bits, *back;
	char *text;
	int err, n;

	fuzz_split(data, size, &in);
	nbits = in.a % 4097;
	bytes = ((nbits + 63) / 64) * 8;
	bits = malloc(bytes ? bytes : 1);
	back = malloc(bytes ? bytes : 1);
	FUZZ_ASSERT(bits && back);
	memset(bits, 0x5a, bytes);

	err = scx_bitmap_parse_hex(bits, nbits, in.text);
	if (err) {
		fuzz_check_failure(err, &in);
		for (size_t i = 0; i < bytes; i++)
			FUZZ_ASSERT(((uint8_t *)bits)[i] == 0x5a);
		goto out;
	}
	if (nbits % 64)
		FUZZ_ASSERT(bits[nbits / 64] >> (nbits % 64) == 0);

	n = scx_bitmap_format_hex(NULL, 0, bits, nbits);
	FUZZ_ASSERT(n >= 0);
	text = malloc((size_t)n + 1);
	FUZZ_ASSERT(text && scx_bitmap_format_hex(text, (size_t)n + 1, bits, nbits) == n);
	FUZZ_ASSERT(scx_bitmap_parse_hex(back, nbits, text) == 0);
	FUZZ_ASSERT(memcmp(bits, back, bytes) == 0);
	/* the canonical form is its own fixed point */
	FUZZ_ASSERT(scx_bitmap_format_hex(text, (size_t)n + 1, back, nbits) == n);
	free(text);

	n = scx_bitmap_format_list(NULL, 0, bits, nbits);
	FUZZ_ASSERT(n >= 0);
	text = malloc((size_t)n + 1);
	FUZZ_ASSERT(text && scx_bitmap_format_list(text, (size_t)n + 1, bits, nbits) == n);
	memset(back, 0xff, bytes);
	FUZZ_ASSERT(scx_bitmap_parse_list(back, nbits, text) == 0);
	FUZZ_ASSERT(memcmp(bits, back, bytes) == 0);
	free(text);
out:
	free(back);
	free(bits);
	free(in.text);
	return 0;
}
