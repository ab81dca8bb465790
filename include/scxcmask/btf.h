/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Does a kernel share this library's cmask layout?  The kernel publishes
 * struct scx_cmask only through its BTF, so the check reads the BTF (the
 * running kernel's, or a file's) and compares it field by field with
 * struct scx_cmask of <scxcmask/cmask.h>.
 *
 * Needs libbpf at build time; a library built without it still has these
 * functions, which then return -EOPNOTSUPP and say so.
 */
#ifndef SCXCMASK_BTF_H
#define SCXCMASK_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
#include <scxcmask/gen.h>	/* enum scx_cid_gen */

SCXCMASK_BEGIN_DECLS

/**
 * struct scx_btf_report - what scx_cmask_check_btf_report() found
 * @sz: sizeof(struct scx_btf_report), set by the caller
 * @has_sched_ext: the kernel has sched_ext (struct sched_ext_ops)
 * @has_cid: the kernel has cid-form schedulers (struct sched_ext_ops_cid)
 * @has_cmask: the kernel defines struct scx_cmask
 * @cmask_ok: struct scx_cmask matches this library's layout field by field
 * @gen: enum scx_cid_gen: SCX_CID_GEN_NONE without cid support;
 *	SCX_CID_GEN_7_2 or SCX_CID_GEN_7_3 when struct scx_cid_topo is
 *	exactly that generation's (size, and every member's name, offset and
 *	32-bit integer type); SCX_CID_GEN_UNKNOWN_NEWER for any other struct
 *	scx_cid_topo, or none (never 7.4: it is provisional, and no kernel
 *	with its 40-byte struct has been checked; the text report of
 *	scx_cmask_check_btf() says when a struct looks like it), so that an
 *	unknown kernel is never taken for a known one; can be passed to
 *	scx_cid_map_opts.gen as it is when it is 7.2 or 7.3
 * @topo_size: sizeof(struct scx_cid_topo), 0 when absent
 * @cmask_size: sizeof(struct scx_cmask) in the kernel, 0 when absent
 * @mismatch: the first difference found, "" when @cmask_ok
 *
 * Declare with SCX_BTF_REPORT(name) so that @sz is right and the rest is
 * zero.  The library fills every field above, so @sz must cover
 * @mismatch; a larger @sz (a newer header) is accepted when every byte
 * past @mismatch is zero, and those bytes are left alone.
 */
struct scx_btf_report {
	size_t sz;
	bool has_sched_ext;
	bool has_cid;
	bool has_cmask;
	bool cmask_ok;
	uint32_t gen;
	uint32_t topo_size;
	uint32_t cmask_size;
	char mismatch[192];
	size_t :0;
};

#define SCX_BTF_REPORT(name) \
	SCXCMASK__DECLARE_OPTS(scx_btf_report, name, .sz = sizeof(struct scx_btf_report))

/**
 * scx_cmask_check_btf_report() - compare a kernel's BTF with this library
 * @btf_path: a raw BTF file (/sys/kernel/btf/vmlinux) or an ELF file with a
 *	.BTF section (vmlinux); NULL means /sys/kernel/btf/vmlinux
 * @r: filled with the findings; its known fields zeroed on error
 *
 * The file may be a regular file or a pipe (/dev/stdin, a FIFO); it is
 * opened without blocking and read once into memory: a FIFO that no
 * program has open for writing reads as empty at once (one that a program
 * holds open is read until that program closes it, as any pipe).  libbpf parses the
 * buffer with its print callback silenced for the parse (the callback is
 * process-wide: it is restored afterwards, and other threads' libbpf
 * messages during the parse are dropped).
 *
 * Return: 0 when the kernel has cid support and its struct scx_cmask
 * matches; 1 when the BTF was read but cid support is missing or the
 * layout differs (@r says which); a negative errno when the BTF cannot be
 * read (-ENOENT; -EISDIR; -EINVAL for a device or socket, an empty file or
 * one that is not BTF, an ELF file without a valid .BTF section; -EFBIG
 * for more than 64 MiB of BTF; -EOPNOTSUPP without libbpf), with
 * scxcmask_errmsg() saying why.
 */
SCXCMASK_API int scx_cmask_check_btf_report(const char *btf_path, struct scx_btf_report *r);

/**
 * scx_cmask_check_btf() - the same check, as a report for a person
 * @btf_path: as for scx_cmask_check_btf_report()
 * @msg: NULL, or a buffer for a few lines of report (cid support, kernel
 *	generation, layout verdict and first mismatch); always terminated
 *	when @msglen > 0, cut short if it does not fit
 * @msglen: bytes at @msg
 *
 * Return: as scx_cmask_check_btf_report(); on error @msg holds the reason.
 */
SCXCMASK_API int scx_cmask_check_btf(const char *btf_path, char *msg, size_t msglen);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_BTF_H */
