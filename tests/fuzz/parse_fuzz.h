/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * What the parser fuzz targets share: the input layout and the checks
 * every failure must pass.
 *
 * An input is two little-endian 16-bit numbers (the targets' parameters,
 * e.g. a bit limit, or a cmask's base and length), then the text.  The
 * text is copied to its own NUL-terminated buffer, so a NUL byte inside
 * ends it early, and ASan sees any read past its end.
 */
#ifndef SCXCMASK_PARSE_FUZZ_H
#define SCXCMASK_PARSE_FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>

struct fuzz_input {
	uint32_t a, b;	/* the two parameters */
	char *text;	/* malloc'd, NUL-terminated */
	size_t len;	/* strlen(text) */
};

static inline void fuzz_split(const uint8_t *data, size_t size, struct fuzz_input *in)
{
	size_t n = size > 4 ? size - 4 : 0;

	in->a = size > 1 ? (uint32_t)(data[0] | data[1] << 8) : 0;
	in->b = size > 3 ? (uint32_t)(data[2] | data[3] << 8) : 0;
	in->text = malloc(n + 1);
	if (!in->text)
		abort();
	if (n)
		memcpy(in->text, data + 4, n);
	in->text[n] = '\0';
	in->len = strlen(in->text);
}

/* A failure must be the parsers' errno and name an offset inside the text. */
static inline void fuzz_check_failure(int err, const struct fuzz_input *in)
{
	const char *msg = scxcmask_errmsg(), *m = NULL, *p;

	/* the last one: the quoted text may itself say "at offset " */
	for (p = strstr(msg, "at offset "); p; p = strstr(p + 1, "at offset "))
		m = p;

	if (err != -EINVAL && err != -ERANGE && err != -EOVERFLOW) {
		fprintf(stderr, "unexpected error %d: %s\n", err, scxcmask_errmsg());
		abort();
	}
	if (!m || strtoul(m + 10, NULL, 10) > in->len) {
		fprintf(stderr, "message without an offset in the text: %s\n", scxcmask_errmsg());
		abort();
	}
}

#define FUZZ_ASSERT(cond)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #cond); \
			abort();						\
		}								\
	} while (0)

/*
 * The bitmap targets' buffers: @bits for the parse under test, filled with
 * @fill so a half-write shows, and @back for round trips.  The bit limit
 * comes from parameter a, 0-4096.
 */
struct fuzz_bitmaps {
	uint32_t nbits;
	size_t bytes;
	uint64_t *bits, *back;
};

static inline void fuzz_bitmaps_new(const struct fuzz_input *in, uint8_t fill,
				    struct fuzz_bitmaps *b)
{
	b->nbits = in->a % 4097;
	b->bytes = ((b->nbits + 63) / 64) * 8;
	b->bits = malloc(b->bytes ? b->bytes : 1);
	b->back = malloc(b->bytes ? b->bytes : 1);
	FUZZ_ASSERT(b->bits && b->back);
	memset(b->bits, fill, b->bytes);
}

static inline void fuzz_bitmaps_free(struct fuzz_bitmaps *b)
{
	free(b->back);
	free(b->bits);
}

/* A failed parse leaves every byte as it was filled. */
static inline void fuzz_check_untouched(const struct fuzz_bitmaps *b, uint8_t fill)
{
	for (size_t i = 0; i < b->bytes; i++)
		FUZZ_ASSERT(((const uint8_t *)b->bits)[i] == fill);
}

/* A successful parse sets nothing at or past the limit. */
static inline void fuzz_check_padding(const struct fuzz_bitmaps *b)
{
	if (b->nbits % 64)
		FUZZ_ASSERT(b->bits[b->nbits / 64] >> (b->nbits % 64) == 0);
}

/*
 * @fmt's text for @bits, malloc'd: measured first, then written, and the
 * two calls must agree on the length.
 */
static inline char *fuzz_format(int (*fmt)(char *, size_t, const uint64_t *, uint32_t),
				const uint64_t *bits, uint32_t nbits)
{
	int n = fmt(NULL, 0, bits, nbits);
	char *s;

	FUZZ_ASSERT(n >= 0);
	s = malloc((size_t)n + 1);
	FUZZ_ASSERT(s && fmt(s, (size_t)n + 1, bits, nbits) == n);
	FUZZ_ASSERT(strlen(s) == (size_t)n);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* SCXCMASK_PARSE_FUZZ_H */
