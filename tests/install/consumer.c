// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * A program of another project: built against an installed libscxcmask
 * with nothing but `pkg-config scxcmask`, linked dynamically and statically
 * by tests/install/consumers.sh.  It checks that the headers and the
 * library it finds belong together and that the basic operations work.
 */
#include <stdio.h>
#include <string.h>
#include <scxcmask/scxcmask.h>

static int passed, failed;

static void expect(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("FAIL: %s\n", what);
	}
}

static void check_version(void)
{
	expect(strcmp(scxcmask_version(), SCXCMASK_VERSION_STRING) == 0,
	       "runtime version string equals the headers' SCXCMASK_VERSION_STRING");
	expect(scxcmask_version_number() == SCXCMASK_VERSION,
	       "runtime version number equals the headers' SCXCMASK_VERSION");
}

static void check_cmask(void)
{
	SCX_CMASK_STORAGE(256) s;
	struct scx_cmask *m = &s.mask, *n;
	uint32_t cid, sum = 0;

	expect(scx_cmask_init(m, 3, 250) == 0, "scx_cmask_init(3, 250)");
	expect(scx_cmask_set(3, m) == 0 && scx_cmask_set(100, m) == 0 &&
	       scx_cmask_set(252, m) == 0, "scx_cmask_set inside the window");
	expect(scx_cmask_set(253, m) < 0, "scx_cmask_set past the window fails");
	expect(scx_cmask_weight(m) == 3, "weight 3");
	scx_cmask_for_each(cid, m)
		sum += cid;
	expect(sum == 3 + 100 + 252, "scx_cmask_for_each visits the set cids");

	n = scx_cmask_alloc(64, 128);
	expect(n != NULL, "scx_cmask_alloc");
	if (!n)
		return;
	expect(scx_cmask_fill(n) == 0 && scx_cmask_weight(n) == 128, "fill a 128-cid window");
	expect(scx_cmask_and(n, m) == 0 && scx_cmask_weight(n) == 1 &&
	       scx_cmask_first_set(n) == 100, "and keeps the common cid only");
	scx_cmask_free(n);
}

static void check_convert(void)
{
	uint64_t bits[2] = { 0, 0 };
	char text[32];

	expect(scx_bitmap_parse_list(bits, 128, "0-3,8,100-101") == 0 &&
	       bits[0] == 0x10f && bits[1] == 3ull << 36, "scx_bitmap_parse_list");
	expect(scx_bitmap_format_list(text, sizeof(text), bits, 128) == 13 &&
	       strcmp(text, "0-3,8,100-101") == 0, "scx_bitmap_format_list round trip");
	expect(scx_bitmap_parse_list(bits, 128, "0-3,x") < 0 && strstr(scxcmask_errmsg(), "offset"),
	       "a malformed list fails, and the message names the offset");
}

static void check_errmsg(void)
{
	expect(scx_cmask_init_alloc(NULL, 0, 1, 1) < 0, "init of NULL fails");
	expect(scxcmask_errmsg() != NULL, "scxcmask_errmsg() is never NULL");
}

int main(void)
{
	check_version();
	check_cmask();
	check_convert();
	check_errmsg();
	printf("consumer (libscxcmask %s): %d passed, %d failed\n", scxcmask_version(), passed, failed);
	return failed ? 1 : 0;
}
