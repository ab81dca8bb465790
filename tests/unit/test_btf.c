// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel layout check against synthetic BTF: each test builds the BTF
 * of a kernel (7.2, 7.3, the RFC layout, broken layouts, no sched_ext)
 * with libbpf's writer, saves it as a raw BTF file and checks the verdict.
 * The real Debian kernels are checked by tests/unit/btf-debian.sh.
 */
#include "config.h"
#include <check.h>
#include "check_run.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scxcmask/scxcmask.h>
#ifdef HAVE_LIBBPF
#include <bpf/btf.h>
#endif

/* SCXCMASK_BTF_TEST_DIR keeps the files there (tests/unit/check-cmd.sh uses them). */
static char tmpdir_buf[] = "/tmp/scxcmask-btf-XXXXXX";
static const char *tmpdir = tmpdir_buf;

static const char *tmp_path(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	return path;
}

static const char *write_file(const char *name, const void *data, size_t len)
{
	const char *path = tmp_path(name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(missing_file)
{
	SCX_BTF_REPORT(r);
	char msg[256];
	int err = scx_cmask_check_btf_report(tmp_path("does-not-exist"), &r);

#ifdef HAVE_LIBBPF
	ck_assert_int_eq(err, -ENOENT);
#else
	ck_assert_int_eq(err, -EOPNOTSUPP);
#endif
	ck_assert_int_eq(scx_cmask_check_btf(tmp_path("does-not-exist"), msg, sizeof(msg)), err);
	ck_assert_ptr_nonnull(strstr(msg, "does-not-exist"));
	ck_assert(!r.has_cid && !r.cmask_ok);
}
END_TEST

START_TEST(not_btf)
{
	static const char text[] = "this is not BTF, nor an ELF file\n";
	const char *path = write_file("text", text, sizeof(text));
	char msg[256];
	int err = scx_cmask_check_btf(path, msg, sizeof(msg));

#ifdef HAVE_LIBBPF
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "not a BTF file"));
	/* BTF magic, then garbage: libbpf itself refuses it */
	path = write_file("bad-btf", "\x9f\xeb\x01\x00garbage", 11);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "not readable as BTF"));
	/* an ELF header and nothing else */
	path = write_file("bad-elf", "\x7f" "ELF\x02\x01\x01", 7);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, sizeof(msg)), -EINVAL);
	/* empty */
	path = write_file("empty", "", 0);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, sizeof(msg)), -EINVAL);
#else
	ck_assert_int_eq(err, -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(msg, "without libbpf"));
#endif
	ck_assert_str_ne(scxcmask_errmsg(), "");
}
END_TEST

START_TEST(report_size_checked)
{
	struct scx_btf_report r = { .sz = 8 };

	ck_assert_int_eq(scx_cmask_check_btf_report(NULL, &r), -EINVAL);
	ck_assert_int_eq(scx_cmask_check_btf_report(NULL, NULL), -EINVAL);
	ck_assert_str_eq(scx_btf_cid_gen_str(SCX_BTF_CID_7_2), "7.2");
	ck_assert_str_eq(scx_btf_cid_gen_str(SCX_BTF_CID_7_3), "7.3");
	ck_assert_str_eq(scx_btf_cid_gen_str(SCX_BTF_CID_NONE), "none");
	ck_assert_str_eq(scx_btf_cid_gen_str(12345), "unknown");
}
END_TEST

#ifdef HAVE_LIBBPF

/* Integer types spelled as the kernel spells them: u32 -> __u32 -> unsigned int. */
struct ids {
	int u32, u64, s32, u16;
};

static struct ids add_ints(struct btf *b)
{
	struct ids t;

	t.u32 = btf__add_typedef(b, "u32", btf__add_typedef(b, "__u32",
				 btf__add_int(b, "unsigned int", 4, 0)));
	t.u64 = btf__add_typedef(b, "u64", btf__add_typedef(b, "__u64",
				 btf__add_int(b, "long long unsigned int", 8, 0)));
	t.s32 = btf__add_typedef(b, "s32", btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	t.u16 = btf__add_int(b, "short unsigned int", 2, 0);
	ck_assert(t.u32 > 0 && t.u64 > 0 && t.s32 > 0 && t.u16 > 0);
	return t;
}

struct field {
	const char *name;
	int type;
	unsigned int bit_off;
};

static void add_struct(struct btf *b, const char *name, unsigned int size,
		       const struct field *f, int n)
{
	int i;

	ck_assert_int_gt(btf__add_struct(b, name, size), 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(btf__add_field(b, f[i].name, f[i].type, f[i].bit_off, 0), 0);
}

static void add_ops(struct btf *b, struct ids t, bool cid)
{
	struct field f[] = { { "dispatch_max_batch", t.u32, 0 } };

	add_struct(b, "sched_ext_ops", 8, f, 1);
	if (cid)
		add_struct(b, "sched_ext_ops_cid", 8, f, 1);
}

static void add_topo(struct btf *b, struct ids t, bool shards)
{
	static const char *const names[] = { "core_cid", "core_idx", "llc_cid", "llc_idx",
					     "node_cid", "node_idx", "shard_cid", "shard_idx" };
	struct field f[8];
	int i, n = shards ? 8 : 6;

	for (i = 0; i < n; i++)
		f[i] = (struct field){ names[i], t.s32, 32 * i };
	add_struct(b, "scx_cid_topo", 4 * n, f, n);
}

/* The kernel's struct scx_cmask (7.2.13 and 7.3-rc7 alike). */
static void add_cmask(struct btf *b, struct ids t)
{
	struct field f[] = {
		{ "base", t.u32, 0 },
		{ "nr_cids", t.u32, 32 },
		{ "alloc_words", t.u32, 64 },
		{ "bits", btf__add_array(b, t.u32, t.u64, 0), 128 },
	};

	add_struct(b, "scx_cmask", 16, f, 4);
}

/* Saves @b as a raw BTF file, frees it, and runs the check on the file. */
static int check_btf(struct btf *b, const char *name, struct scx_btf_report *r, char *msg,
		     size_t len)
{
	uint32_t size;
	const void *raw = btf__raw_data(b, &size);
	const char *path;
	int ret;

	ck_assert_ptr_nonnull(raw);
	path = write_file(name, raw, size);
	btf__free(b);
	ret = scx_cmask_check_btf_report(path, r);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, len), ret);
	return ret;
}

static struct btf *new_btf(struct ids *t)
{
	struct btf *b = btf__new_empty();

	ck_assert_ptr_nonnull(b);
	*t = add_ints(b);
	return b;
}

START_TEST(kernel_7_2)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);

	add_ops(b, t, true);
	add_topo(b, t, false);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "7.2", &r, msg, sizeof(msg)), 0);
	ck_assert(r.has_sched_ext && r.has_cid && r.has_cmask && r.cmask_ok);
	ck_assert_uint_eq(r.gen, SCX_BTF_CID_7_2);
	ck_assert_uint_eq(r.topo_size, 24);
	ck_assert_uint_eq(r.cmask_size, 16);
	ck_assert_str_eq(r.mismatch, "");
	ck_assert_ptr_nonnull(strstr(msg, "generation:       7.2"));
	ck_assert_ptr_nonnull(strstr(msg, "verdict:          OK"));
}
END_TEST

START_TEST(kernel_7_3)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);

	add_ops(b, t, true);
	add_topo(b, t, true);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "7.3", &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.gen, SCX_BTF_CID_7_3);
	ck_assert_uint_eq(r.topo_size, 32);
	ck_assert(r.cmask_ok);
	ck_assert_ptr_nonnull(strstr(msg, "7.3 (struct scx_cid_topo is 32 bytes)"));
}
END_TEST

/* The RFC layout {u32 base; u32 nr_bits; u64 bits[];}: bits at offset 8. */
START_TEST(rfc_layout)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);
	struct field f[] = {
		{ "base", t.u32, 0 },
		{ "nr_bits", t.u32, 32 },
		{ "bits", btf__add_array(b, t.u32, t.u64, 0), 64 },
	};

	add_ops(b, t, true);
	add_topo(b, t, false);
	add_struct(b, "scx_cmask", 8, f, 3);
	ck_assert_int_eq(check_btf(b, "rfc", &r, msg, sizeof(msg)), 1);
	ck_assert(r.has_cid && r.has_cmask && !r.cmask_ok);
	ck_assert_uint_eq(r.cmask_size, 8);
	ck_assert_ptr_nonnull(strstr(r.mismatch, "member 1 is 'nr_bits' at offset 4"));
	ck_assert_ptr_nonnull(strstr(r.mismatch, "'nr_cids'"));
	ck_assert_ptr_nonnull(strstr(r.mismatch, "RFC"));
	ck_assert_ptr_nonnull(strstr(msg, "MISMATCH"));
}
END_TEST

/* nr_cids but no alloc_words: bits at offset 8, as before "Track bits[] storage size". */
START_TEST(missing_alloc_words)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);
	struct field f[] = {
		{ "base", t.u32, 0 },
		{ "nr_cids", t.u32, 32 },
		{ "bits", btf__add_array(b, t.u32, t.u64, 0), 64 },
	};

	add_ops(b, t, true);
	add_topo(b, t, false);
	add_struct(b, "scx_cmask", 8, f, 3);
	ck_assert_int_eq(check_btf(b, "no-alloc", &r, msg, sizeof(msg)), 1);
	ck_assert_ptr_nonnull(strstr(r.mismatch, "member 2 is 'bits' at offset 8"));
	ck_assert_ptr_nonnull(strstr(r.mismatch, "'alloc_words' at offset 8"));
	ck_assert_ptr_null(strstr(r.mismatch, "RFC"));
}
END_TEST

START_TEST(wrong_bits_type)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);
	struct field f[] = {
		{ "base", t.u32, 0 },
		{ "nr_cids", t.u32, 32 },
		{ "alloc_words", t.u32, 64 },
		{ "bits", btf__add_array(b, t.u32, t.u32, 0), 128 },
	};

	add_ops(b, t, true);
	add_topo(b, t, true);
	add_struct(b, "scx_cmask", 16, f, 4);
	ck_assert_int_eq(check_btf(b, "bits-u32", &r, msg, sizeof(msg)), 1);
	ck_assert_ptr_nonnull(strstr(r.mismatch, "member 'bits' is an array of int 'unsigned int' (4 bytes"));
}
END_TEST

/* Every other way a member can differ. */
START_TEST(other_mismatches)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b;
	int i;
	struct {
		const char *what, *expect;
		struct field f[5];
		int n;
		unsigned int size;
	} cases[5];

	for (i = 0; i < 5; i++) {
		b = new_btf(&t);
		add_ops(b, t, true);
		add_topo(b, t, false);
		cases[0] = (typeof(cases[0])){ "signed base", "member 'base' is int 'int' (4 bytes, signed)",
			{ { "base", t.s32, 0 }, { "nr_cids", t.u32, 32 }, { "alloc_words", t.u32, 64 },
			  { "bits", btf__add_array(b, t.u32, t.u64, 0), 128 } }, 4, 16 };
		cases[1] = (typeof(cases[1])){ "u16 nr_cids", "member 'nr_cids' is int 'short unsigned int' (2 bytes",
			{ { "base", t.u32, 0 }, { "nr_cids", t.u16, 32 }, { "alloc_words", t.u32, 64 },
			  { "bits", btf__add_array(b, t.u32, t.u64, 0), 128 } }, 4, 16 };
		cases[2] = (typeof(cases[2])){ "fixed bits", "member 'bits' is an array of 4",
			{ { "base", t.u32, 0 }, { "nr_cids", t.u32, 32 }, { "alloc_words", t.u32, 64 },
			  { "bits", btf__add_array(b, t.u32, t.u64, 4), 128 } }, 4, 48 };
		cases[3] = (typeof(cases[3])){ "bits at 12", "member 'bits' is at bit offset 96",
			{ { "base", t.u32, 0 }, { "nr_cids", t.u32, 32 }, { "alloc_words", t.u32, 64 },
			  { "bits", btf__add_array(b, t.u32, t.u64, 0), 96 } }, 4, 12 };
		cases[4] = (typeof(cases[4])){ "extra member", "extra member 'flags' at offset 16",
			{ { "base", t.u32, 0 }, { "nr_cids", t.u32, 32 }, { "alloc_words", t.u32, 64 },
			  { "bits", btf__add_array(b, t.u32, t.u64, 0), 128 }, { "flags", t.u64, 128 } },
			5, 24 };
		add_struct(b, "scx_cmask", cases[i].size, cases[i].f, cases[i].n);
		ck_assert_msg(check_btf(b, cases[i].what, &r, msg, sizeof(msg)) == 1, "%s", cases[i].what);
		ck_assert_msg(strstr(r.mismatch, cases[i].expect), "%s: got '%s'", cases[i].what,
			      r.mismatch);
	}
}
END_TEST

/* A kernel without sched_ext, and one with sched_ext but no cids (6.12 .. 7.1). */
START_TEST(no_cid_support)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);

	ck_assert_int_eq(check_btf(b, "plain", &r, msg, sizeof(msg)), 1);
	ck_assert(!r.has_sched_ext && !r.has_cid && !r.has_cmask && !r.cmask_ok);
	ck_assert_uint_eq(r.gen, SCX_BTF_CID_NONE);
	ck_assert_uint_eq(r.topo_size, 0);
	ck_assert_ptr_nonnull(strstr(r.mismatch, "no struct scx_cmask"));
	ck_assert_ptr_nonnull(strstr(msg, "NO CID SUPPORT"));

	b = new_btf(&t);
	add_ops(b, t, false);
	ck_assert_int_eq(check_btf(b, "scx-6.12", &r, msg, sizeof(msg)), 1);
	ck_assert(r.has_sched_ext && !r.has_cid);
	ck_assert_ptr_nonnull(strstr(msg, "sched_ext:        yes"));
	ck_assert_ptr_nonnull(strstr(msg, "cid support:      no"));
}
END_TEST

/* cid support with an scx_cid_topo of neither known size. */
START_TEST(unknown_generation)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);
	struct field f[] = { { "core_cid", t.s32, 0 } };

	add_ops(b, t, true);
	add_struct(b, "scx_cid_topo", 40, f, 1);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "7.x", &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.gen, SCX_BTF_CID_UNKNOWN);
	ck_assert_uint_eq(r.topo_size, 40);
}
END_TEST

/* The text report is cut, never overrun, and always terminated. */
START_TEST(short_message_buffer)
{
	SCX_BTF_REPORT(r);
	char msg[24];
	struct ids t;
	struct btf *b = new_btf(&t);

	memset(msg, 'x', sizeof(msg));
	add_ops(b, t, true);
	add_topo(b, t, false);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "short", &r, msg, 16), 0);
	ck_assert_uint_eq(strlen(msg), 15);
	ck_assert_int_eq(msg[16], 'x');
	ck_assert_int_eq(scx_cmask_check_btf(tmp_path("short"), NULL, 0), 0);
	msg[0] = 'y';
	ck_assert_int_eq(scx_cmask_check_btf(tmp_path("short"), msg, 0), 0);
	ck_assert_int_eq(msg[0], 'y');
}
END_TEST

/* This machine's kernel: whatever it is, the check reads it and decides. */
START_TEST(running_kernel)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	int ret;

	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		fprintf(stderr, "no /sys/kernel/btf/vmlinux: running-kernel case not run\n");
		return;
	}
	ret = scx_cmask_check_btf(NULL, msg, sizeof(msg));
	ck_assert_msg(ret == 0 || ret == 1, "ret %d: %s", ret, msg);
	ck_assert_ptr_nonnull(strstr(msg, "BTF:              /sys/kernel/btf/vmlinux"));
	ck_assert_int_eq(scx_cmask_check_btf_report(NULL, &r), ret);
	ck_assert_int_eq(ret == 0, r.has_cid && r.cmask_ok);
}
END_TEST
#endif /* HAVE_LIBBPF */

static Suite *btf_suite(void)
{
	Suite *s = suite_create("btf");
	TCase *tc = tcase_create("files");

	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, not_btf);
	tcase_add_test(tc, report_size_checked);
	suite_add_tcase(s, tc);
#ifdef HAVE_LIBBPF
	tc = tcase_create("layouts");
	tcase_add_test(tc, kernel_7_2);
	tcase_add_test(tc, kernel_7_3);
	tcase_add_test(tc, rfc_layout);
	tcase_add_test(tc, missing_alloc_words);
	tcase_add_test(tc, wrong_bits_type);
	tcase_add_test(tc, other_mismatches);
	tcase_add_test(tc, no_cid_support);
	tcase_add_test(tc, unknown_generation);
	tcase_add_test(tc, short_message_buffer);
	tcase_add_test(tc, running_kernel);
	suite_add_tcase(s, tc);
#endif
	return s;
}

static void remove_tmpdir(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void)
{
	const char *keep = getenv("SCXCMASK_BTF_TEST_DIR");
	int ret;

	if (keep && *keep) {
		tmpdir = keep;
	} else if (!mkdtemp(tmpdir_buf)) {
		perror("mkdtemp");
		return EXIT_FAILURE;
	}
	ret = t_run_suite(btf_suite());
	if (!keep || !*keep)
		remove_tmpdir();
	return ret;
}
