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

SCXCMASK_BEGIN_DECLS

/* Kernel generations of sched_ext cid support, told apart by BTF. */
enum scx_btf_cid_gen {
	SCX_BTF_CID_NONE = 0,		/* no struct sched_ext_ops_cid */
	SCX_BTF_CID_UNKNOWN = 1,	/* cid support, scx_cid_topo of another size */
	SCX_BTF_CID_7_2 = 0x0702,	/* scx_cid_topo is 24 bytes */
	SCX_BTF_CID_7_3 = 0x0703,	/* 32 bytes: shard_cid, shard_idx */
};

/**
 * struct scx_btf_report - what scx_cmask_check_btf_report() found
 * @sz: sizeof(struct scx_btf_report), set by the caller
 * @has_sched_ext: the kernel has sched_ext (struct sched_ext_ops)
 * @has_cid: the kernel has cid-form schedulers (struct sched_ext_ops_cid)
 * @has_cmask: the kernel defines struct scx_cmask
 * @cmask_ok: struct scx_cmask matches this library's layout field by field
 * @gen: enum scx_btf_cid_gen
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
 * Return: 0 when the kernel has cid support and its struct scx_cmask
 * matches; 1 when the BTF was read but cid support is missing or the
 * layout differs (@r says which); a negative errno when the BTF cannot be
 * read (-ENOENT, -EINVAL for a file that is not BTF, -EOPNOTSUPP without
 * libbpf), with scxcmask_errmsg() saying why.
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

/**
 * scx_btf_cid_gen_str() - "7.2", "7.3", "none" or "unknown"
 */
SCXCMASK_API const char *scx_btf_cid_gen_str(uint32_t gen);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_BTF_H */
