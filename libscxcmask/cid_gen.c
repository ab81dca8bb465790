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

/*
 * The running kernel's answer, once per process: parsing its BTF (about
 * 5 MB) costs more than the walk, and the kernel does not change under a
 * running process.  Packed as valid << 31 | topo_size << 16 | source << 12
 * | gen, so one atomic word holds it; two threads racing both compute the
 * same value.
 */
static uint32_t running_cache;
_Static_assert(SCX_CID_GEN_7_4 <= 0xfff, "a generation does not fit the cache word");

static int unknown_newer(const char *path, uint32_t topo_size)
{
	return scxcmask__fail(-EOPNOTSUPP,
			      "%s: cid kernel of a generation this library does not know (struct scx_cid_topo is %u bytes%s); its cid walk cannot be predicted: ask for a generation in scx_cid_map_opts.gen (7.4 is the provisional cluster walk)",
			      path, topo_size, topo_size ? "" : ", or absent");
}

static int classify_kernel(const char *btf_path, uint32_t *gen, uint32_t *src, uint32_t *topo_size)
{
	SCX_BTF_REPORT(r);
	int err = scx_cmask_check_btf_report(btf_path, &r);

	*topo_size = r.topo_size;
	if (err < 0 && btf_path)
		return err;
	if (err < 0) {
		/* no BTF to ask (a kernel without CONFIG_DEBUG_INFO_BTF, no
		 * permission, no libbpf): such a kernel cannot load a cid-form
		 * scheduler's BPF either */
		*src = SCX_CID_GEN_SRC_NO_BTF;
		*gen = SCX_CID_GEN_NEWEST_RELEASED;
	} else if (r.gen == SCX_CID_GEN_UNKNOWN_NEWER || r.gen == SCX_CID_GEN_7_2 ||
		   r.gen == SCX_CID_GEN_7_3) {
		*src = SCX_CID_GEN_SRC_BTF;
		*gen = r.gen;
	} else {
		*src = r.has_sched_ext ? SCX_CID_GEN_SRC_NO_CID : SCX_CID_GEN_SRC_NO_SCHED_EXT;
		*gen = SCX_CID_GEN_NEWEST_RELEASED;
	}
	return 0;
}

SCXCMASK_API int scx_cid_gen_of_kernel(const char *btf_path, uint32_t *gen, uint32_t *source)
{
	uint32_t g, src, topo_size, c;
	int err;

	if (!gen)
		return scxcmask__fail(-EINVAL, "scx_cid_gen_of_kernel: gen is NULL");
	c = btf_path ? 0 : __atomic_load_n(&running_cache, __ATOMIC_RELAXED);
	if (c >> 31) {
		g = c & 0xfff ? c & 0xfff : SCX_CID_GEN_UNKNOWN_NEWER;
		src = (c >> 12) & 0xf;
		topo_size = (c >> 16) & 0x7fff;
	} else {
		err = classify_kernel(btf_path, &g, &src, &topo_size);
		if (err)
			return err;
		if (!btf_path)
			__atomic_store_n(&running_cache,
					 1u << 31 | (topo_size & 0x7fff) << 16 | src << 12 |
					 (g == SCX_CID_GEN_UNKNOWN_NEWER ? 0 : g),
					 __ATOMIC_RELAXED);
	}
	*gen = g;
	if (source)
		*source = src;
	if (g == SCX_CID_GEN_UNKNOWN_NEWER)
		return unknown_newer(btf_path ? btf_path : "/sys/kernel/btf/vmlinux", topo_size);
	return 0;
}
