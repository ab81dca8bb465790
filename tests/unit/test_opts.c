// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * One options convention for every opts and report struct of the
 * interface (scx_cid_map_opts, scx_arena_view_opts, scx_btf_report): for
 * each, a too-small sz is refused, a larger sz from a "newer caller" is
 * accepted when its tail is zero and refused (naming the offset) when it
 * is not, a field past a short sz reads as zero, and the declaring macro
 * leaves every byte but the named fields zero, padding included.
 *
 * A struct larger than the library's is built as the library's struct
 * followed by a 16-byte "newer" tail, inside a union with a byte array,
 * so that any byte can be set.
 */
#include "config.h"
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include <scxcmask/arena.h>
#include <scxcmask/btf.h>

#define END_OF(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#define TAIL 16

/* ------------------------------------------------------------ the three callers */

/* Each runs the public function on @opts and says whether @opts passed. */
typedef int (*call_fn)(void *opts);

static int call_cid_map(void *opts)
{
	struct scx_cid_map *m = NULL;
	/* valid options reach the sysfs read, which fails with ENOENT here */
	int err = scx_cid_map_new_opts(&m, "/nonexistent-scxcmask-root", opts);

	ck_assert_ptr_null(m);
	return err;
}

static char arena_buf[8192];
static struct scx_arena_view last_view;

static int call_arena(void *opts)
{
	return scx_arena_view_init(&last_view, arena_buf, sizeof(arena_buf), opts);
}

static int call_btf(void *opts)
{
	/* valid reports reach the file, which does not exist */
	return scx_cmask_check_btf_report("/nonexistent-scxcmask.btf", opts);
}

struct opts_type {
	const char *name;	/* as the message must name it */
	size_t size;		/* sizeof */
	size_t min_sz;		/* the end of the first field the library needs */
	size_t known;		/* the end of the last field */
	call_fn call;
	int accepted;		/* what call() returns for valid options */
};

static const struct opts_type types[] = {
	{ "scx_cid_map_opts", sizeof(struct scx_cid_map_opts),
	  END_OF(struct scx_cid_map_opts, shard_size), END_OF(struct scx_cid_map_opts, gen),
	  call_cid_map, -ENOENT },
	{ "scx_arena_view_opts", sizeof(struct scx_arena_view_opts),
	  END_OF(struct scx_arena_view_opts, vm_start), END_OF(struct scx_arena_view_opts, flags),
	  call_arena, 0 },
	{ "scx_btf_report", sizeof(struct scx_btf_report),
	  END_OF(struct scx_btf_report, mismatch), END_OF(struct scx_btf_report, mismatch),
#ifdef HAVE_LIBBPF
	  call_btf, -ENOENT },
#else
	  call_btf, -EOPNOTSUPP },
#endif
};

#define NR_TYPES (sizeof(types) / sizeof(types[0]))

/* Big enough for any of them and a newer caller's tail. */
union any_opts {
	size_t sz;
	unsigned char b[512];
};

static void fresh(union any_opts *o, size_t sz)
{
	memset(o, 0, sizeof(*o));
	o->sz = sz;
}

static void assert_msg_has(const char *what, const char *needle)
{
	ck_assert_msg(strstr(scxcmask_errmsg(), needle), "%s: message \"%s\" lacks \"%s\"", what,
		      scxcmask_errmsg(), needle);
}

/* ------------------------------------------------------------ rules */

START_TEST(test_too_small)
{
	const struct opts_type *t = &types[_i];
	union any_opts o;
	size_t bad[] = { 0, sizeof(size_t), t->min_sz - 1 };

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		fresh(&o, bad[k]);
		ck_assert_int_eq(t->call(&o), -EINVAL);
		assert_msg_has(t->name, t->name);
		assert_msg_has(t->name, "too small");
	}
	fresh(&o, t->min_sz);
	ck_assert_int_eq(t->call(&o), t->accepted);
}
END_TEST

START_TEST(test_larger_zero_tail)
{
	const struct opts_type *t = &types[_i];
	union any_opts o;

	fresh(&o, t->size + TAIL);
	ck_assert_int_eq(t->call(&o), t->accepted);
	ck_assert_msg(!strstr(scxcmask_errmsg(), t->name), "%s: accepted, yet \"%s\"", t->name,
		      scxcmask_errmsg());
	/* and the library wrote nothing past its own fields */
	for (size_t i = t->known; i < t->size + TAIL; i++)
		ck_assert_msg(o.b[i] == 0, "%s: byte %zu written", t->name, i);
	ck_assert_uint_eq(o.sz, t->size + TAIL);
}
END_TEST

START_TEST(test_larger_nonzero_tail)
{
	const struct opts_type *t = &types[_i];
	char want[64];
	union any_opts o;

	/* every byte past the last known field, padding first, one at a time */
	for (size_t at = t->known; at < t->size + TAIL; at++) {
		fresh(&o, t->size + TAIL);
		o.b[at] = 0x40;
		ck_assert_int_eq(t->call(&o), -EINVAL);
		snprintf(want, sizeof(want), "unknown non-zero field at offset %zu", at);
		assert_msg_has(t->name, want);
		assert_msg_has(t->name, t->name);
	}
}
END_TEST

/* The tail padding counts even when sz is exactly sizeof (an old caller). */
START_TEST(test_padding_counts)
{
	const struct opts_type *t = &types[_i];
	union any_opts o;

	if (t->known == t->size)
		return;	/* no padding in this type on this ABI */
	fresh(&o, t->size);
	o.b[t->size - 1] = 1;
	ck_assert_int_eq(t->call(&o), -EINVAL);
	assert_msg_has(t->name, "unknown non-zero field");
}
END_TEST

/* ------------------------------------------------------------ short sz */

START_TEST(test_short_sz_reads_zero)
{
	union any_opts o;

	/* gen lies past sz: its junk is not read, so the default (7.3) holds */
	fresh(&o, END_OF(struct scx_cid_map_opts, shard_size));
	((struct scx_cid_map_opts *)&o)->gen = 99;
	ck_assert_int_eq(call_cid_map(&o), -ENOENT);
	fresh(&o, sizeof(struct scx_cid_map_opts));
	((struct scx_cid_map_opts *)&o)->gen = 99;
	ck_assert_int_eq(call_cid_map(&o), -EINVAL);
	assert_msg_has("gen", "gen 0x63");

	/* flags past sz: an unknown flag there is not seen */
	fresh(&o, END_OF(struct scx_arena_view_opts, vm_start));
	((struct scx_arena_view_opts *)&o)->flags = 0x80;
	ck_assert_int_eq(call_arena(&o), 0);
	ck_assert_uint_eq(last_view.flags, 0);
	fresh(&o, sizeof(struct scx_arena_view_opts));
	((struct scx_arena_view_opts *)&o)->flags = 0x80;
	ck_assert_int_eq(call_arena(&o), -EINVAL);
	assert_msg_has("flags", "unknown flags 0x80");
}
END_TEST

/* ------------------------------------------------------------ macros */

/* Leaves junk where the next call's frame will be. */
static void __attribute__((noinline)) dirty_stack(void)
{
	volatile unsigned char junk[8192];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = 0xa5;
}

/* Bytes of @p in [from, to) that are not zero. */
static size_t nonzero(const void *p, size_t from, size_t to)
{
	const unsigned char *b = p;
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		n += b[i] != 0;
	return n;
}

static size_t __attribute__((noinline)) arena_macro(void)
{
	SCX_ARENA_VIEW_OPTS(o, .flags = SCX_ARENA_ZERO_IS_OFFSET0);

	ck_assert_uint_eq(o.sz, sizeof(o));
	ck_assert_uint_eq(o.flags, SCX_ARENA_ZERO_IS_OFFSET0);
	ck_assert_int_eq(call_arena(&o), 0);
	return nonzero(&o, sizeof(o.sz), offsetof(struct scx_arena_view_opts, flags)) +
	       nonzero(&o, END_OF(struct scx_arena_view_opts, flags), sizeof(o));
}

static size_t __attribute__((noinline)) cid_map_macro(void)
{
	SCX_CID_MAP_OPTS(o, .gen = SCX_CID_GEN_7_2);

	ck_assert_uint_eq(o.sz, sizeof(o));
	ck_assert_uint_eq(o.gen, SCX_CID_GEN_7_2);
	ck_assert_int_eq(call_cid_map(&o), -ENOENT);
	return nonzero(&o, sizeof(o.sz), offsetof(struct scx_cid_map_opts, gen)) +
	       nonzero(&o, END_OF(struct scx_cid_map_opts, gen), sizeof(o));
}

static size_t __attribute__((noinline)) btf_macro(void)
{
	SCX_BTF_REPORT(r);

	ck_assert_uint_eq(r.sz, sizeof(r));
	return nonzero(&r, sizeof(r.sz), sizeof(r));
}

START_TEST(test_macros_zero_everything)
{
	for (int round = 0; round < 4; round++) {
		dirty_stack();
		ck_assert_uint_eq(arena_macro(), 0);
		dirty_stack();
		ck_assert_uint_eq(cid_map_macro(), 0);
		dirty_stack();
		ck_assert_uint_eq(btf_macro(), 0);
	}
}
END_TEST

static Suite *opts_suite(void)
{
	Suite *s = suite_create("opts");
	TCase *tc = tcase_create("convention");

	tcase_add_loop_test(tc, test_too_small, 0, (int)NR_TYPES);
	tcase_add_loop_test(tc, test_larger_zero_tail, 0, (int)NR_TYPES);
	tcase_add_loop_test(tc, test_larger_nonzero_tail, 0, (int)NR_TYPES);
	tcase_add_loop_test(tc, test_padding_counts, 0, (int)NR_TYPES);
	tcase_add_test(tc, test_short_sz_reads_zero);
	tcase_add_test(tc, test_macros_zero_everything);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(opts_suite());
}
