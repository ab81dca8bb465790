// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Fuzz target: the kernel list syntax (scx_bitmap_parse_list).  Parameter a
 * is the bit limit (0-4096).  Properties: a failure names an offset in the
 * text and leaves the bitmap alone; a success clears the padding, and
 * format -> parse gives the same bits back, as list and as hex mask; a
 * trailing newline (as sysfs prints) changes nothing.
 */
#include "parse_fuzz.h"

static char *format_list(const uint64_t *bits, uint32_t nbits)
{
	int n = scx_bitmap_format_list(NULL, 0, bits, nbits);
	char *s;

	FUZZ_ASSERT(n >= 0);
	s = malloc((size_t)n + 1);
	FUZZ_ASSERT(s && scx_bitmap_format_list(s, (size_t)n + 1, bits, nbits) == n);
	FUZZ_ASSERT(strlen(s) == (size_t)n);
	return s;
}

static char *format_hex(const uint64_t *bits, uint32_t nbits)
{
	int n = scx_bitmap_format_hex(NULL, 0, bits, nbits);
	char *s;

	FUZZ_ASSERT(n >= 0);
	s = malloc((size_t)n + 1);
	FUZZ_ASSERT(s && scx_bitmap_format_hex(s, (size_t)n + 1, bits, nbits) == n);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	uint32_t nbits;
	size_t bytes;
	uint64_t *bits, *back;
	char *list, *hex, *nl;
	int err;

	fuzz_split(data, size, &in);
	nbits = in.a % 4097;
	bytes = ((nbits + 63) / 64) * 8;
	bits = malloc(bytes ? bytes : 1);
	back = malloc(bytes ? bytes : 1);
	FUZZ_ASSERT(bits && back);
	memset(bits, 0xa5, bytes);

	err = scx_bitmap_parse_list(bits, nbits, in.text);
	if (err) {
		fuzz_check_failure(err, &in);
		for (size_t i = 0; i < bytes; i++)
			FUZZ_ASSERT(((uint8_t *)bits)[i] == 0xa5);
		goto out;
	}
	if (nbits % 64)
		FUZZ_ASSERT(bits[nbits / 64] >> (nbits % 64) == 0);

	list = format_list(bits, nbits);
	FUZZ_ASSERT(scx_bitmap_parse_list(back, nbits, list) == 0);
	FUZZ_ASSERT(memcmp(bits, back, bytes) == 0);
	hex = format_hex(bits, nbits);
	memset(back, 0, bytes);
	FUZZ_ASSERT(scx_bitmap_parse_hex(back, nbits, hex) == 0);
	FUZZ_ASSERT(memcmp(bits, back, bytes) == 0);

	/* sysfs's trailing newline */
	nl = malloc(in.len + 2);
	FUZZ_ASSERT(nl);
	memcpy(nl, in.text, in.len);
	memcpy(nl + in.len, "\n", 2);
	FUZZ_ASSERT(scx_bitmap_parse_list(back, nbits, nl) == 0);
	FUZZ_ASSERT(memcmp(bits, back, bytes) == 0);
	free(nl);
	free(hex);
	free(list);
out:
	free(back);
	free(bits);
	free(in.text);
	return 0;
}
