// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Kernel generations: their names, and the one a map models by default,
 * decided from the running kernel's BTF.
 */
#include <errno.h>
#include <scxcmask/btf.h>
#include <scxcmask/gen.h>
#include "internal.h"

SCXCMASK_API const char *scx_cid_gen_str(uint32_t gen)
{
	switch (gen) {
	case SCX_CID_GEN_DEFAULT:
		return "default";
	case SCX_CID_GEN_NONE:
		return "none";
	case SCX_CID_GEN_7_2:
		return "7.2";
	case SCX_CID_GEN_7_3:
		return "7.3";
	case SCX_CID_GEN_7_4:
		return "7.4";
	case SCX_CID_GEN_UNKNOWN_NEWER:
		return "unknown-newer";
	default:
		return "invalid";
	}
}

SCXCMASK_API const char *scx_cid_gen_source_str(uint32_t source)
{
	switch (source) {
	case SCX_CID_GEN_SRC_CALLER:
		return "asked for";
	case SCX_CID_GEN_SRC_BTF:
		return "the running kernel's BTF";
	case SCX_CID_GEN_SRC_CAPTURE:
		return "assumed: a captured tree, no kernel to ask";
	case SCX_CID_GEN_SRC_NO_SCHED_EXT:
		return "assumed: the running kernel has no sched_ext";
	case SCX_CID_GEN_SRC_NO_CID:
		return "assumed: the running kernel's sched_ext has no cids (before 7.2)";
	case SCX_CID_GEN_SRC_NO_BTF:
		return "assumed: the running kernel's BTF cannot be read";
	default:
		return "unknown";
	}
}

SCXCMASK_API int scx_cid_gen_of_kernel(const char *btf_path, uint32_t *gen, uint32_t *source)
{
	SCX_BTF_REPORT(r);
	uint32_t src;
	int err;

	if (!gen)
		return scxcmask__fail(-EINVAL, "scx_cid_gen_of_kernel: gen is NULL");
	err = scx_cmask_check_btf_report(btf_path, &r);
	if (err < 0 && btf_path)
		return err;
	if (err < 0) {
		/* no BTF to ask (a kernel without CONFIG_DEBUG_INFO_BTF, no
		 * permission, no libbpf): such a kernel cannot load a cid-form
		 * scheduler's BPF either */
		src = SCX_CID_GEN_SRC_NO_BTF;
		*gen = SCX_CID_GEN_NEWEST_RELEASED;
	} else if (r.gen == SCX_CID_GEN_UNKNOWN_NEWER) {
		*gen = SCX_CID_GEN_UNKNOWN_NEWER;
		if (source)
			*source = SCX_CID_GEN_SRC_BTF;
		return scxcmask__fail(-EOPNOTSUPP,
				      "%s: cid kernel of a generation this library does not know (struct scx_cid_topo is %u bytes%s); its cid walk cannot be predicted: ask for a generation in scx_cid_map_opts.gen (7.4 is the provisional cluster walk)",
				      btf_path ? btf_path : "/sys/kernel/btf/vmlinux", r.topo_size,
				      r.topo_size ? "" : ", or absent");
	} else if (r.gen == SCX_CID_GEN_7_2 || r.gen == SCX_CID_GEN_7_3) {
		src = SCX_CID_GEN_SRC_BTF;
		*gen = r.gen;
	} else {
		src = r.has_sched_ext ? SCX_CID_GEN_SRC_NO_CID : SCX_CID_GEN_SRC_NO_SCHED_EXT;
		*gen = SCX_CID_GEN_NEWEST_RELEASED;
	}
	if (source)
		*source = src;
	return 0;
}
