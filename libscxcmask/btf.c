// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel layout check.  The expected layout is taken from this
 * library's own struct scx_cmask (offsetof, sizeof), so the check and the
 * header cannot drift apart; the kernel's side comes from its BTF.
 */
#include "config.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <scxcmask/btf.h>
#include <scxcmask/cid.h>
#include <scxcmask/cmask.h>
#include "internal.h"
#ifdef HAVE_LIBBPF
#include <stdlib.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_read.h"
#endif

#define VMLINUX_BTF	"/sys/kernel/btf/vmlinux"

/* Appends to a bounded buffer; the text is simply cut when it is full. */
struct textbuf {
	char *p;
	size_t len, used;
};

static void __attribute__((format(printf, 2, 3))) tb_add(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!tb->p || tb->used + 1 >= tb->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(tb->p + tb->used, tb->len - tb->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		tb->used += (size_t)n < tb->len - tb->used ? (size_t)n : tb->len - tb->used - 1;
}

static void write_gen(struct textbuf *tb, const struct scx_btf_report *r)
{
	if (r->gen != SCX_CID_GEN_UNKNOWN_NEWER) {
		tb_add(tb, "generation:       %s (struct scx_cid_topo is %u bytes)\n",
		       scx_cid_gen_str(r->gen), r->topo_size);
		return;
	}
	if (!r->topo_size) {
		tb_add(tb, "generation:       unknown-newer (no struct scx_cid_topo)\n");
		return;
	}
	tb_add(tb, "generation:       unknown-newer (struct scx_cid_topo is %u bytes, and not the 7.2 or 7.3 layout%s)\n",
	       r->topo_size,
	       r->topo_size == SCX_CID_TOPO_SIZE_7_4 ?
	       "; 40 bytes is the size of the provisional 7.4 layout with cluster fields, which no kernel has confirmed" : "");
}

static void write_report(const char *path, const struct scx_btf_report *r, int ret,
			 char *msg, size_t msglen)
{
	struct textbuf tb = { .p = msg, .len = msglen };

	if (!msg || !msglen)
		return;
	msg[0] = '\0';
	if (ret < 0) {
		tb_add(&tb, "error: %s\n", scxcmask_errmsg());
		return;
	}
	tb_add(&tb, "BTF:              %s\n", path);
	tb_add(&tb, "sched_ext:        %s\n", r->has_sched_ext ? "yes" : "no");
	tb_add(&tb, "cid support:      %s\n",
	       r->has_cid ? "yes (struct sched_ext_ops_cid)" : "no (no struct sched_ext_ops_cid)");
	if (r->has_cid)
		write_gen(&tb, r);
	if (!r->has_cmask)
		tb_add(&tb, "struct scx_cmask: absent\n");
	else if (r->cmask_ok)
		tb_add(&tb, "struct scx_cmask: matches libscxcmask (layout %d: base@0 nr_cids@4 alloc_words@8 bits[]@16, %u bytes)\n",
		       SCX_CMASK_LAYOUT_VERSION, r->cmask_size);
	else
		tb_add(&tb, "struct scx_cmask: MISMATCH: %s\n", r->mismatch);
	tb_add(&tb, "verdict:          %s\n",
	       ret == 0 ? "OK: this kernel and libscxcmask share the cmask layout" :
	       !r->has_cid ? "NO CID SUPPORT: not a sched_ext cid kernel (7.2+)" :
	       "MISMATCH: do not share cmasks between this kernel and libscxcmask");
}

SCXCMASK_API int scx_cmask_check_btf(const char *btf_path, char *msg, size_t msglen)
{
	SCX_BTF_REPORT(r);
	int ret = scx_cmask_check_btf_report(btf_path, &r);

	write_report(btf_path ? btf_path : VMLINUX_BTF, &r, ret, msg, msglen);
	return ret;
}

#define scx_btf_report__last_field mismatch

static int check_report_arg(struct scx_btf_report *r)
{
	if (!r)
		return scxcmask__fail(-EINVAL, "BTF check: NULL report");
	/* the library fills every field it knows: @sz must hold them all */
	if (!OPTS_VALID(r, scx_btf_report, mismatch))
		return -EINVAL;
	/* a newer caller's zero tail stays as it is */
	memset((char *)r + sizeof(r->sz), 0,
	       scxcmask__offsetofend(struct scx_btf_report, mismatch) - sizeof(r->sz));
	return 0;
}

#ifndef HAVE_LIBBPF
SCXCMASK_API int scx_cmask_check_btf_report(const char *btf_path, struct scx_btf_report *r)
{
	int err = check_report_arg(r);

	if (err)
		return err;
	return scxcmask__fail(-EOPNOTSUPP,
			      "BTF check: libscxcmask was built without libbpf, so it cannot read %s",
			      btf_path ? btf_path : VMLINUX_BTF);
}
#else

/* One member of struct scx_cmask as the library lays it out. */
struct want_member {
	const char *name;
	uint32_t bit_off;
	uint32_t int_size;	/* bytes of the integer, or of the array element */
	bool flex_array;	/* a flexible array of that integer */
	const char *spelling;
};

static const struct want_member want[] = {
	{ "base", offsetof(struct scx_cmask, base) * 8,
	  sizeof(((struct scx_cmask *)0)->base), false, "u32" },
	{ "nr_cids", offsetof(struct scx_cmask, nr_cids) * 8,
	  sizeof(((struct scx_cmask *)0)->nr_cids), false, "u32" },
	{ "alloc_words", offsetof(struct scx_cmask, alloc_words) * 8,
	  sizeof(((struct scx_cmask *)0)->alloc_words), false, "u32" },
	{ "bits", offsetof(struct scx_cmask, bits) * 8,
	  sizeof(((struct scx_cmask *)0)->bits[0]), true, "u64[]" },
};

#define NR_WANT (sizeof(want) / sizeof(want[0]))

/* Follows typedefs and qualifiers to the type that has a shape. */
static const struct btf_type *skip_mods(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth;

	for (depth = 0; t && depth < 32; depth++) {
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			t = btf__type_by_id(btf, t->type);
			break;
		default:
			return t;
		}
	}
	return NULL;
}

/* Describes a type for a message: "int 'unsigned int' (4 bytes, unsigned)". */
static void describe(const struct btf *btf, const struct btf_type *t, char *buf, size_t len)
{
	const char *name;

	if (!t) {
		snprintf(buf, len, "an unresolvable type");
		return;
	}
	name = btf__name_by_offset(btf, t->name_off);
	if (btf_is_int(t))
		snprintf(buf, len, "int '%s' (%u bytes, %s)", name ? name : "?", t->size,
			 btf_int_encoding(t) & BTF_INT_SIGNED ? "signed" : "unsigned");
	else if (btf_is_array(t))
		snprintf(buf, len, "an array of %u", btf_array(t)->nelems);
	else
		snprintf(buf, len, "a type of BTF kind %u named '%s'", btf_kind(t),
			 name && *name ? name : "");
}

/* Whether @t is an unsigned integer of @size bytes (no bitfield encoding). */
static bool is_uint(const struct btf_type *t, uint32_t size)
{
	return t && btf_is_int(t) && t->size == size && !(btf_int_encoding(t) & BTF_INT_SIGNED) &&
	       btf_int_offset(t) == 0 && btf_int_bits(t) == size * 8;
}

static int check_member_type(const struct btf *btf, const struct btf_member *m,
			     const struct want_member *w, char *why, size_t len)
{
	const struct btf_type *t = skip_mods(btf, m->type), *elem;
	char desc[96];

	if (!w->flex_array) {
		if (is_uint(t, w->int_size))
			return 0;
		describe(btf, t, desc, sizeof(desc));
		snprintf(why, len, "member '%s' is %s; the library has %s", w->name, desc, w->spelling);
		return 1;
	}
	if (!t || !btf_is_array(t)) {
		describe(btf, t, desc, sizeof(desc));
		snprintf(why, len, "member '%s' is %s; the library has a flexible array %s", w->name,
			 desc, w->spelling);
		return 1;
	}
	if (btf_array(t)->nelems) {
		snprintf(why, len, "member '%s' is an array of %u; the library has a flexible array %s",
			 w->name, btf_array(t)->nelems, w->spelling);
		return 1;
	}
	elem = skip_mods(btf, btf_array(t)->type);
	if (!is_uint(elem, w->int_size)) {
		describe(btf, elem, desc, sizeof(desc));
		snprintf(why, len, "member '%s' is an array of %s; the library has %s", w->name, desc,
			 w->spelling);
		return 1;
	}
	return 0;
}

static bool has_member(const struct btf_type *t, const struct btf *btf, const char *name)
{
	const struct btf_member *m = btf_members(t);
	uint16_t i;

	for (i = 0; i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(btf, m[i].name_off) ?: "", name))
			return true;
	return false;
}

/* Compares struct scx_cmask with the library's, member by member, in order. */
static bool cmask_matches(const struct btf *btf, const struct btf_type *t, char *why, size_t len)
{
	const struct btf_member *m = btf_members(t);
	uint16_t vlen = btf_vlen(t), i;
	size_t n;

	for (i = 0; i < NR_WANT; i++) {
		const struct want_member *w = &want[i];
		const char *name;

		if (i >= vlen) {
			snprintf(why, len, "no member '%s' (the kernel's struct has %u members)",
				 w->name, vlen);
			goto hint;
		}
		name = btf__name_by_offset(btf, m[i].name_off) ?: "";
		if (strcmp(name, w->name)) {
			snprintf(why, len,
				 "member %u is '%s' at offset %u; the library has '%s' at offset %u",
				 i, name, btf_member_bit_offset(t, i) / 8, w->name, w->bit_off / 8);
			goto hint;
		}
		if (btf_member_bit_offset(t, i) != w->bit_off || btf_member_bitfield_size(t, i)) {
			snprintf(why, len, "member '%s' is at bit offset %u%s; the library has it at byte offset %u",
				 w->name, btf_member_bit_offset(t, i),
				 btf_member_bitfield_size(t, i) ? " (a bitfield)" : "", w->bit_off / 8);
			goto hint;
		}
		if (check_member_type(btf, &m[i], w, why, len))
			return false;
	}
	if (vlen > NR_WANT) {
		snprintf(why, len, "extra member '%s' at offset %u after bits[]",
			 btf__name_by_offset(btf, m[NR_WANT].name_off) ?: "",
			 btf_member_bit_offset(t, NR_WANT) / 8);
		return false;
	}
	if (t->size != sizeof(struct scx_cmask)) {
		snprintf(why, len, "the kernel's struct is %u bytes; the library's is %zu", t->size,
			 sizeof(struct scx_cmask));
		return false;
	}
	return true;
hint:
	if (has_member(t, btf, "nr_bits") && !has_member(t, btf, "alloc_words")) {
		n = strlen(why);
		snprintf(why + n, len - n, " (the obsolete RFC layout {u32 base; u32 nr_bits; u64 bits[];})");
	}
	return false;
}

static const struct btf_type *find_struct(const struct btf *btf, const char *name)
{
	int id = btf__find_by_name_kind(btf, name, BTF_KIND_STRUCT);

	return id > 0 ? btf__type_by_id(btf, id) : NULL;
}

/* The members of struct scx_cid_topo, in order, 4 bytes each. */
static const char *const topo_members[] = {
	"core_cid", "core_idx", "llc_cid", "llc_idx", "node_cid", "node_idx",
	"shard_cid", "shard_idx", "cluster_cid", "cluster_idx",
};

/*
 * Whether @t is exactly the first @n members of the library's struct
 * scx_cid_topo: that size, those names in that order at 4-byte steps, each
 * a 32-bit integer, and nothing more.  Anything else is a layout this
 * library has not seen, whatever its size.
 */
static bool topo_is(const struct btf *btf, const struct btf_type *t, uint16_t n)
{
	const struct btf_member *m = btf_members(t);

	if (t->size != 4u * n || btf_vlen(t) != n)
		return false;
	for (uint16_t i = 0; i < n; i++) {
		const struct btf_type *mt = skip_mods(btf, m[i].type);

		if (strcmp(btf__name_by_offset(btf, m[i].name_off) ?: "", topo_members[i]) ||
		    btf_member_bit_offset(t, i) != 32u * i || btf_member_bitfield_size(t, i) ||
		    !mt || !btf_is_int(mt) || mt->size != 4 || btf_int_bits(mt) != 32 ||
		    btf_int_offset(mt))
			return false;
	}
	return true;
}

static uint32_t topo_gen(const struct btf *btf, const struct btf_type *topo)
{
	if (topo && topo_is(btf, topo, SCX_CID_TOPO_SIZE_7_2 / 4))
		return SCX_CID_GEN_7_2;
	if (topo && topo_is(btf, topo, SCX_CID_TOPO_SIZE_7_3 / 4))
		return SCX_CID_GEN_7_3;
	/* 7.4 is provisional: even its exact layout is not called 7.4 */
	return SCX_CID_GEN_UNKNOWN_NEWER;
}

static void classify(const struct btf *btf, struct scx_btf_report *r)
{
	const struct btf_type *topo = find_struct(btf, "scx_cid_topo");
	const struct btf_type *cm = find_struct(btf, "scx_cmask");

	r->has_sched_ext = find_struct(btf, "sched_ext_ops") != NULL;
	r->has_cid = find_struct(btf, "sched_ext_ops_cid") != NULL;
	r->topo_size = topo ? topo->size : 0;
	r->gen = r->has_cid ? topo_gen(btf, topo) : SCX_CID_GEN_NONE;

	r->has_cmask = cm != NULL;
	if (!cm) {
		if (btf__find_by_name_kind(btf, "scx_cmask", BTF_KIND_UNION) > 0)
			snprintf(r->mismatch, sizeof(r->mismatch), "scx_cmask is a union");
		else
			snprintf(r->mismatch, sizeof(r->mismatch), "the kernel has no struct scx_cmask");
		return;
	}
	r->cmask_size = cm->size;
	r->cmask_ok = cmask_matches(btf, cm, r->mismatch, sizeof(r->mismatch));
	if (r->cmask_ok)
		r->mismatch[0] = '\0';
}

/* libbpf's print callback while it parses: its warnings would reach stderr. */
static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/*
 * The file is read once, into memory (btf_read.c), and libbpf parses that
 * buffer: it never opens the file, so a pipe or FIFO works, and what it
 * would print about a malformed file is silenced; the caller gets one
 * message from scxcmask_errmsg() instead.  libbpf's print callback is
 * process-wide: it is swapped for the parse and restored after it.
 */
static struct btf *parse_btf(const char *path, int *errp)
{
	libbpf_print_fn_t prev;
	struct btf *btf;
	size_t size;
	void *data;
	int err = scxcmask__btf_read(path, &data, &size), saved_errno = errno;

	if (err) {
		*errp = err;
		return NULL;
	}
	prev = libbpf_set_print(quiet_print);
	errno = 0;
	btf = btf__new(data, (uint32_t)size);
	err = errno ? -errno : -EINVAL;
	libbpf_set_print(prev);
	free(data);
	errno = saved_errno;	/* the caller's errno is not ours to change */
	if (!btf)
		*errp = scxcmask__fail(err == -ENOMEM ? err : -EINVAL,
				       "%s: not readable as BTF, raw or in an ELF .BTF section (%s)",
				       path, strerror(-err));
	return btf;
}

SCXCMASK_API int scx_cmask_check_btf_report(const char *btf_path, struct scx_btf_report *r)
{
	const char *path = btf_path ? btf_path : VMLINUX_BTF;
	struct btf *btf;
	int err = check_report_arg(r);

	if (err)
		return err;
	btf = parse_btf(path, &err);
	if (!btf)
		return err;
	classify(btf, r);
	btf__free(btf);
	return r->has_cid && r->cmask_ok ? 0 : 1;
}
#endif /* HAVE_LIBBPF */
