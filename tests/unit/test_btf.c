// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel layout check against synthetic BTF: each test builds the BTF
 * of a kernel (7.2, 7.3, the provisional 7.4 and other unknown-newer
 * topologies, the RFC layout, broken layouts, no sched_ext)
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
#include <sys/stat.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
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
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_7_2), "7.2");
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_7_3), "7.3");
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_7_4), "7.4");
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_NONE), "none");
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_DEFAULT), "default");
	ck_assert_str_eq(scx_cid_gen_str(SCX_CID_GEN_UNKNOWN_NEWER), "unknown-newer");
	ck_assert_str_eq(scx_cid_gen_str(12345), "invalid");
	ck_assert_str_eq(scx_cid_gen_source_str(SCX_CID_GEN_SRC_BTF), "the running kernel's BTF");
	ck_assert_ptr_nonnull(strstr(scx_cid_gen_source_str(SCX_CID_GEN_SRC_NO_SCHED_EXT),
				     "no sched_ext"));
	ck_assert_str_eq(scx_cid_gen_source_str(0), "unknown");
	/* generations order as kernel versions */
	ck_assert(SCX_CID_GEN_NONE < SCX_CID_GEN_7_2 && SCX_CID_GEN_7_2 < SCX_CID_GEN_7_3 &&
		  SCX_CID_GEN_7_3 < SCX_CID_GEN_7_4 && SCX_CID_GEN_7_4 < SCX_CID_GEN_UNKNOWN_NEWER);
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

static const char *const topo_names[] = { "core_cid", "core_idx", "llc_cid", "llc_idx",
					  "node_cid", "node_idx", "shard_cid", "shard_idx",
					  "cluster_cid", "cluster_idx" };

/* The first @n s32 members of scx_cid_topo: 6 is 7.2, 8 is 7.3, 10 is 7.4's. */
static void add_topo_n(struct btf *b, struct ids t, int n)
{
	struct field f[10];
	int i;

	for (i = 0; i < n; i++)
		f[i] = (struct field){ topo_names[i], t.s32, 32 * i };
	add_struct(b, "scx_cid_topo", 4 * n, f, n);
}

static void add_topo(struct btf *b, struct ids t, bool shards)
{
	add_topo_n(b, t, shards ? 8 : 6);
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
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_7_2);
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
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_7_3);
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
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_NONE);
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

/*
 * cid support with a struct scx_cid_topo this library does not know: the
 * 40-byte one of the provisional 7.4 (cluster fields), and other sizes and
 * member sets, are all unknown-newer, never 7.3.
 */
START_TEST(unknown_generation)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b = new_btf(&t);
	struct field one[] = { { "core_cid", t.s32, 0 } };

	add_ops(b, t, true);
	add_topo_n(b, t, 10);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "7.4-clusters", &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_UNKNOWN_NEWER);
	ck_assert_uint_eq(r.topo_size, 40);
	ck_assert(r.cmask_ok);
	ck_assert_msg(strstr(msg, "generation:       unknown-newer (struct scx_cid_topo is 40 bytes"),
		      "%s", msg);
	ck_assert_ptr_nonnull(strstr(msg, "provisional 7.4"));

	/* 40 bytes, one member */
	b = new_btf(&t);
	add_ops(b, t, true);
	add_struct(b, "scx_cid_topo", 40, one, 1);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "7.x", &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_UNKNOWN_NEWER);
	ck_assert_uint_eq(r.topo_size, 40);
}
END_TEST

/* The 7.2 and 7.3 sizes with another member set are not those generations. */
START_TEST(known_size_other_members)
{
	SCX_BTF_REPORT(r);
	char msg[1024];
	struct ids t;
	struct btf *b;
	int i;

	for (i = 0; i < 4; i++) {
		struct field f[8];
		int n = i < 2 ? 8 : 6, k;

		b = new_btf(&t);
		add_ops(b, t, true);
		for (k = 0; k < n; k++)
			f[k] = (struct field){ topo_names[k], t.s32, 32 * k };
		if (i == 0)	/* 32 bytes: cluster fields where the shard ones are */
			f[6].name = "cluster_cid", f[7].name = "cluster_idx";
		else if (i == 1)	/* 32 bytes: the shard fields swapped */
			f[6].name = "shard_idx", f[7].name = "shard_cid";
		else if (i == 2)	/* 24 bytes: a u64 where two s32 were */
			f[4] = (struct field){ "node", t.u64, 128 }, n = 5;
		else		/* 24 bytes: a u16 member */
			f[5].type = t.u16;
		add_struct(b, "scx_cid_topo", i < 2 ? 32 : 24, f, n);
		add_cmask(b, t);
		ck_assert_int_eq(check_btf(b, "odd-topo", &r, msg, sizeof(msg)), 0);
		ck_assert_msg(r.gen == SCX_CID_GEN_UNKNOWN_NEWER, "case %d: gen 0x%x", i, r.gen);
		ck_assert_ptr_nonnull(strstr(msg, "unknown-newer"));
	}
	/* cid support without struct scx_cid_topo at all */
	b = new_btf(&t);
	add_ops(b, t, true);
	add_cmask(b, t);
	ck_assert_int_eq(check_btf(b, "no-topo", &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.gen, SCX_CID_GEN_UNKNOWN_NEWER);
	ck_assert_uint_eq(r.topo_size, 0);
	ck_assert_ptr_nonnull(strstr(msg, "unknown-newer (no struct scx_cid_topo)"));
}
END_TEST

/* Saves @b under @name (no check run). */
static const char *save_btf(struct btf *b, const char *name)
{
	uint32_t size;
	const void *raw = btf__raw_data(b, &size);
	const char *path;

	ck_assert_ptr_nonnull(raw);
	path = write_file(name, raw, size);
	btf__free(b);
	return path;
}

/* What SCX_CID_GEN_DEFAULT becomes for each kind of kernel. */
START_TEST(gen_of_kernel)
{
	static char path[256];
	uint32_t gen, src;
	struct ids t;
	struct btf *b;

	b = new_btf(&t);
	add_ops(b, t, true);
	add_topo(b, t, false);
	add_cmask(b, t);
	ck_assert_int_eq(scx_cid_gen_of_kernel(save_btf(b, "k72"), &gen, &src), 0);
	ck_assert_uint_eq(gen, SCX_CID_GEN_7_2);
	ck_assert_uint_eq(src, SCX_CID_GEN_SRC_BTF);

	b = new_btf(&t);
	add_ops(b, t, true);
	add_topo(b, t, true);
	add_cmask(b, t);
	ck_assert_int_eq(scx_cid_gen_of_kernel(save_btf(b, "k73"), &gen, NULL), 0);
	ck_assert_uint_eq(gen, SCX_CID_GEN_7_3);

	b = new_btf(&t);
	add_ops(b, t, true);
	add_topo_n(b, t, 10);
	add_cmask(b, t);
	snprintf(path, sizeof(path), "%s", save_btf(b, "k74"));
	gen = 0;
	ck_assert_int_eq(scx_cid_gen_of_kernel(path, &gen, &src), -EOPNOTSUPP);
	ck_assert_uint_eq(gen, SCX_CID_GEN_UNKNOWN_NEWER);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "40 bytes"));
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "scx_cid_map_opts.gen"));
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), path));

	/* no sched_ext, and sched_ext without cids: the newest released one, said so */
	b = new_btf(&t);
	ck_assert_int_eq(scx_cid_gen_of_kernel(save_btf(b, "k-plain"), &gen, &src), 0);
	ck_assert_uint_eq(gen, SCX_CID_GEN_NEWEST_RELEASED);
	ck_assert_uint_eq(src, SCX_CID_GEN_SRC_NO_SCHED_EXT);
	b = new_btf(&t);
	add_ops(b, t, false);
	ck_assert_int_eq(scx_cid_gen_of_kernel(save_btf(b, "k612"), &gen, &src), 0);
	ck_assert_uint_eq(gen, SCX_CID_GEN_NEWEST_RELEASED);
	ck_assert_uint_eq(src, SCX_CID_GEN_SRC_NO_CID);

	/* a named file that is not there is an error, not an assumption */
	ck_assert_int_eq(scx_cid_gen_of_kernel(tmp_path("nope"), &gen, &src), -ENOENT);
	ck_assert_int_eq(scx_cid_gen_of_kernel(NULL, NULL, NULL), -EINVAL);

	/* the running kernel: a known generation, assumed with a reason, or refused */
	{
		int err = scx_cid_gen_of_kernel(NULL, &gen, &src);

		ck_assert_msg(err == 0 || err == -EOPNOTSUPP, "%d %s", err, scxcmask_errmsg());
		uint32_t gen2 = 0, src2 = 0;

		if (!err)
			ck_assert(gen == SCX_CID_GEN_7_2 || gen == SCX_CID_GEN_7_3);
		ck_assert(src >= SCX_CID_GEN_SRC_BTF && src <= SCX_CID_GEN_SRC_NO_BTF);
		/* the second answer comes from the per-process cache: the same */
		ck_assert_int_eq(scx_cid_gen_of_kernel(NULL, &gen2, &src2), err);
		ck_assert_uint_eq(gen2, gen);
		ck_assert_uint_eq(src2, src);
	}
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

/* The 7.3 kernel's BTF, raw, in a new buffer of *@size bytes. */
static void *btf_7_3(uint32_t *size)
{
	struct ids t;
	struct btf *b = new_btf(&t);
	const void *raw;
	void *copy;

	add_ops(b, t, true);
	add_topo(b, t, true);
	add_cmask(b, t);
	raw = btf__raw_data(b, size);
	ck_assert_ptr_nonnull(raw);
	copy = malloc(*size);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, raw, *size);
	btf__free(b);
	return copy;
}

static void put(unsigned char *p, unsigned int n, uint64_t v, bool msb)
{
	for (unsigned int i = 0; i < n; i++)
		p[msb ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/*
 * An ELF file holding @btf as its .BTF section: header, .BTF, the section
 * name table, then three section headers (null, .BTF, .shstrtab).  64- or
 * 32-bit, either byte order, as vmlinux files of other architectures are.
 */
static size_t make_elf(unsigned char *out, const void *btf, uint32_t btf_size, bool is64, bool msb)
{
	static const char names[] = "\0.shstrtab\0.BTF";	/* .BTF at 11 */
	size_t eh = is64 ? 64 : 52, sh = is64 ? 64 : 40, w = is64 ? 8 : 4;
	size_t btf_off = eh, str_off = btf_off + btf_size, sh_off = (str_off + sizeof(names) + 7) & ~7ul;
	unsigned char *h;

	memset(out, 0, sh_off + 3 * sh);
	memcpy(out, "\x7f" "ELF", 4);
	out[4] = is64 ? 2 : 1;
	out[5] = msb ? 2 : 1;
	out[6] = 1;
	put(out + 16, 2, 1, msb);				/* ET_REL */
	put(out + 18, 2, is64 ? 62 : 3, msb);			/* e_machine */
	put(out + 20, 4, 1, msb);				/* e_version */
	put(out + 24 + 2 * w, w, sh_off, msb);			/* e_shoff */
	put(out + eh - 6, 2, sh, msb);				/* e_shentsize */
	put(out + eh - 4, 2, 3, msb);				/* e_shnum */
	put(out + eh - 2, 2, 2, msb);				/* e_shstrndx */
	memcpy(out + btf_off, btf, btf_size);
	memcpy(out + str_off, names, sizeof(names));
	for (int i = 1; i < 3; i++) {
		h = out + sh_off + i * sh;
		put(h, 4, i == 1 ? 11 : 1, msb);		/* sh_name */
		put(h + 4, 4, i == 1 ? 1 : 3, msb);		/* PROGBITS, STRTAB */
		put(h + 8 + 2 * w, w, i == 1 ? btf_off : str_off, msb);	/* sh_offset */
		put(h + 8 + 3 * w, w, i == 1 ? btf_size : sizeof(names), msb);	/* sh_size */
	}
	return sh_off + 3 * sh;
}

/* The .BTF section of ELF files is found in memory, for every class and byte order. */
START_TEST(elf_in_memory)
{
	uint32_t size;
	void *btf = btf_7_3(&size);
	unsigned char *elf = malloc(size + 512);
	SCX_BTF_REPORT(r);
	char msg[512];
	size_t n;

	ck_assert_ptr_nonnull(elf);
	for (int v = 0; v < 4; v++) {
		n = make_elf(elf, btf, size, v & 1, v & 2);
		ck_assert_int_eq(scx_cmask_check_btf_report(write_file("elf", elf, n), &r), 0);
		ck_assert_uint_eq(r.gen, SCX_CID_GEN_7_3);
		/* cut anywhere before the end of the section headers: an error, never a crash */
		for (size_t cut = 4; cut < n; cut += cut < 80 ? 1 : 37) {
			int err = scx_cmask_check_btf(write_file("elf-cut", elf, cut), msg, sizeof(msg));

			ck_assert_msg(err == -EINVAL, "cut at %zu of %zu: %d %s", cut, n, err, msg);
		}
	}
	/* no .BTF section */
	n = make_elf(elf, btf, size, true, false);
	memcpy(elf + 64 + size + 11, ".XYZ", 4);
	ck_assert_int_eq(scx_cmask_check_btf(write_file("elf-nobtf", elf, n), msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "without a .BTF section"));
	free(elf);
	free(btf);
}
END_TEST

static int counted_prints;

static int counting_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	counted_prints++;
	return 0;
}

/*
 * libbpf warns about a malformed BTF (a type referring to a type that does
 * not exist) through its print callback: the check silences it for the
 * parse, and puts the caller's callback back.
 */
START_TEST(libbpf_quiet)
{
	static const unsigned char bad[] = {
		0x9f, 0xeb, 1, 0, 24, 0, 0, 0,	/* magic, version, flags, hdr_len */
		0, 0, 0, 0, 12, 0, 0, 0,	/* type_off, type_len */
		12, 0, 0, 0, 5, 0, 0, 0,	/* str_off, str_len */
		1, 0, 0, 0, 0, 0, 0, 2,		/* name "abc", kind PTR ... */
		77, 0, 0, 0,			/* ... to type 77, which is not there */
		0, 'a', 'b', 'c', 0,
	};
	const char *path = write_file("dangling", bad, sizeof(bad));
	libbpf_print_fn_t prev = libbpf_set_print(counting_print);
	struct btf *b;

	/* the file does make libbpf print when libbpf itself parses it */
	b = btf__parse(path, NULL);
	ck_assert_ptr_null(b);
	ck_assert_int_gt(counted_prints, 0);
	counted_prints = 0;
	ck_assert_int_eq(scx_cmask_check_btf(path, NULL, 0), -EINVAL);
	ck_assert_int_eq(counted_prints, 0);
	ck_assert_ptr_nonnull(strstr(scxcmask_errmsg(), "dangling: not readable as BTF"));
	ck_assert_ptr_eq(libbpf_set_print(prev), counting_print);
}
END_TEST

/* A file over the cap is refused before it is read; a directory or a device is no BTF file. */
START_TEST(refused_files)
{
	const char *path = write_file("huge", "\x9f\xeb\x01\x00", 4);
	char msg[512];

	ck_assert_int_eq(truncate(path, (64 << 20) + 1), 0);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, sizeof(msg)), -EFBIG);
	ck_assert_ptr_nonnull(strstr(msg, "more than the 64 MiB"));
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(scx_cmask_check_btf(tmpdir, msg, sizeof(msg)), -EISDIR);
	ck_assert_int_eq(scx_cmask_check_btf("/dev/null", msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "not a regular file or a pipe (a character device)"));
}
END_TEST

/* A FIFO with no writer is empty: an error at once, not a wait for a writer. */
START_TEST(fifo_without_writer)
{
	const char *path = tmp_path("fifo");
	char msg[512];

	unlink(path);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(scx_cmask_check_btf(path, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "empty"));
	ck_assert_int_eq(unlink(path), 0);
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
	tcase_add_test(tc, known_size_other_members);
	tcase_add_test(tc, gen_of_kernel);
	tcase_add_test(tc, short_message_buffer);
	tcase_add_test(tc, running_kernel);
	suite_add_tcase(s, tc);
	tc = tcase_create("reading");
	tcase_add_test(tc, elf_in_memory);
	tcase_add_test(tc, libbpf_quiet);
	tcase_add_test(tc, refused_files);
	tcase_add_test(tc, fifo_without_writer);
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
