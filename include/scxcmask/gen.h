/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Kernel generations of sched_ext cid support: one enum for the map options
 * (which kernel's walk to predict, <scxcmask/cid.h>) and for the BTF report
 * (which kernel a BTF file describes, <scxcmask/btf.h>), so that a report's
 * generation can be handed to the map as it is.
 *
 * A generation is numbered (major << 8) | minor of the first kernel release
 * that has it, so generations compare as kernel versions do and a later
 * one slots in without renumbering.  What changed in each:
 *  - 7.2: cids; struct scx_cid_topo is 24 bytes (core, LLC, node);
 *  - 7.3: shards; the struct is 32 bytes (shard_cid, shard_idx appended);
 *  - 7.4 (PROVISIONAL): a cluster level in the walk, node -> LLC ->
 *    cluster -> core -> cpu; the struct is 40 bytes (cluster_cid,
 *    cluster_idx appended).  Modelled from the patch queued in sched_ext's
 *    for-7.4 tree ("sched_ext: cid: Represent clusters explicitly" v3); no
 *    7.4 kernel has been booted to check it, and the BTF check does not
 *    call any kernel 7.4 (see SCX_CID_GEN_UNKNOWN_NEWER).
 */
#ifndef SCXCMASK_GEN_H
#define SCXCMASK_GEN_H

#include <stdint.h>
#include <scxcmask/common.h>

SCXCMASK_BEGIN_DECLS

/**
 * enum scx_cid_gen - a kernel generation of sched_ext cid support
 * @SCX_CID_GEN_DEFAULT: map options only: let the map decide (see
 *	scx_cid_gen_of_kernel()); never a map's or a report's generation
 * @SCX_CID_GEN_NONE: BTF report only: the kernel has no cid support
 * @SCX_CID_GEN_7_2: cids, 24-byte struct scx_cid_topo
 * @SCX_CID_GEN_7_3: shards, 32-byte struct scx_cid_topo (newest released)
 * @SCX_CID_GEN_7_4: PROVISIONAL: clusters, 40-byte struct scx_cid_topo;
 *	never reported by the BTF check, only asked for
 * @SCX_CID_GEN_UNKNOWN_NEWER: BTF report only: cid support whose struct
 *	scx_cid_topo is none this library knows (a newer kernel, or a patched
 *	one), so its walk cannot be predicted
 *
 * Values are (major << 8) | minor: gen >= SCX_CID_GEN_7_3 means "has
 * shards"; SCX_CID_GEN_UNKNOWN_NEWER sorts above every known generation.
 */
enum scx_cid_gen {
	SCX_CID_GEN_DEFAULT = 0,
	SCX_CID_GEN_NONE = 1,
	SCX_CID_GEN_7_2 = 0x0702,
	SCX_CID_GEN_7_3 = 0x0703,
	SCX_CID_GEN_7_4 = 0x0704,
	SCX_CID_GEN_UNKNOWN_NEWER = 0xffff,
};

/* What SCX_CID_GEN_DEFAULT means when the kernel cannot be asked. */
#define SCX_CID_GEN_NEWEST_RELEASED SCX_CID_GEN_7_3

/**
 * enum scx_cid_gen_source - why a map models the generation it does
 * @SCX_CID_GEN_SRC_CALLER: the caller asked for it (map options, or the
 *	form of an override: with shards 7.3, without 7.2)
 * @SCX_CID_GEN_SRC_BTF: the running kernel's BTF names it
 * @SCX_CID_GEN_SRC_CAPTURE: assumed: the tree is a capture (sysfs_root
 *	given), there is no kernel to ask; the newest released generation
 * @SCX_CID_GEN_SRC_NO_SCHED_EXT: assumed: the running kernel has no
 *	sched_ext; the newest released generation
 * @SCX_CID_GEN_SRC_NO_CID: assumed: the running kernel has sched_ext but
 *	no cid support (before 7.2); the newest released generation
 * @SCX_CID_GEN_SRC_NO_BTF: assumed: the running kernel's BTF cannot be
 *	read (no /sys/kernel/btf/vmlinux, no permission, or a library built
 *	without libbpf); the newest released generation
 *
 * The assumed cases predict for the kernel a cid-form scheduler would most
 * likely meet: none of them can run one, so no answer is more right.
 */
enum scx_cid_gen_source {
	SCX_CID_GEN_SRC_CALLER = 1,
	SCX_CID_GEN_SRC_BTF,
	SCX_CID_GEN_SRC_CAPTURE,
	SCX_CID_GEN_SRC_NO_SCHED_EXT,
	SCX_CID_GEN_SRC_NO_CID,
	SCX_CID_GEN_SRC_NO_BTF,
};

/**
 * scx_cid_gen_str() - the name of a generation
 * @gen: enum scx_cid_gen
 *
 * Return: "7.2", "7.3", "7.4" (callers showing it to a person should add
 * that it is provisional), "default", "none", "unknown-newer", or
 * "invalid" for any other value.
 */
SCXCMASK_API const char *scx_cid_gen_str(uint32_t gen);

/**
 * scx_cid_gen_source_str() - a phrase saying why a generation was chosen
 * @source: enum scx_cid_gen_source
 *
 * Return: for example "the running kernel's BTF" or "assumed: the running
 * kernel has no sched_ext"; "unknown" for any other value.
 */
SCXCMASK_API const char *scx_cid_gen_source_str(uint32_t source);

/**
 * scx_cid_gen_of_kernel() - the generation SCX_CID_GEN_DEFAULT stands for
 * @btf_path: NULL for the running kernel (/sys/kernel/btf/vmlinux), or a
 *	kernel's BTF file (raw, or an ELF vmlinux)
 * @gen: receives a generation a map can model (7.2, 7.3), or
 *	SCX_CID_GEN_UNKNOWN_NEWER on -EOPNOTSUPP
 * @source: receives enum scx_cid_gen_source (NULL: not wanted)
 *
 * The generation comes from the BTF check (scx_cmask_check_btf_report());
 * where it names none, SCX_CID_GEN_NEWEST_RELEASED is assumed and @source
 * says why: no sched_ext, no cid support, or (only with @btf_path NULL) no
 * readable BTF.  A BTF whose struct scx_cid_topo is unknown (for example a
 * 40-byte one with cluster fields) is an error, not a guess: predicting
 * the 7.3 walk for it would give the wrong cids.  The running kernel's
 * BTF (some 5 MB) is parsed once per process and its answer kept, since
 * the kernel cannot change under a running process; a file named by
 * @btf_path is read at every call.
 *
 * Return: 0; -EOPNOTSUPP for an unknown-newer kernel, with scxcmask_errmsg()
 * naming its struct scx_cid_topo and how to ask for a generation instead;
 * with @btf_path set, the BTF check's error when the file cannot be read.
 */
SCXCMASK_API int scx_cid_gen_of_kernel(const char *btf_path, uint32_t *gen, uint32_t *source);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_GEN_H */
