/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Layout rules of struct scx_cmask that the BPF side and the agent must
 * agree on.  Compiled by the userspace compiler and by clang -target bpf;
 * it depends on no system header so that it can follow any vmlinux.h.
 *
 * The kernel's definition (kernel/sched/ext/types.h, 7.2+):
 *
 *	struct scx_cmask {
 *		u32 base;		offset 0: first cid of the window
 *		u32 nr_cids;		offset 4: window length
 *		u32 alloc_words;	offset 8: u64 words of storage in bits[]
 *					offset 12: 4 bytes of padding
 *		u64 bits[];		offset 16
 *	};
 *
 * Cid c lives in bit (c & 63) of bits[c / 64 - base / 64]: every cmask sits
 * on one global 64-cid grid, so masks with different bases combine word by
 * word without shifting.
 */
#ifndef SCXCMASK_CMASK_DEFS_H
#define SCXCMASK_CMASK_DEFS_H

/*
 * Version of the cmask memory layout (not of this library).  It changes only
 * if the kernel changes struct scx_cmask; scx_cmask_check_btf() compares the
 * running kernel against the layout this number names.
 */
#define SCX_CMASK_LAYOUT_VERSION	1

/* Offset of bits[] and size of the header, on every ABI. */
#define SCX_CMASK_HDR_SIZE		16

/*
 * Words of storage a window of @nr_cids cids needs, the kernel's
 * SCX_CMASK_NR_WORDS() bit for bit: the extra word absorbs a base that is
 * not a multiple of 64, and the 64-bit sum keeps nr_cids near 2^32 from
 * wrapping to a small (and wrongly passing) capacity.
 */
#define SCX_CMASK_NR_WORDS(nr_cids) \
	((__UINT32_TYPE__)(((__UINT64_TYPE__)(nr_cids) + 63) / 64 + 1))

/* Bytes of a cmask whose storage holds @alloc_cids cids. */
#define SCX_CMASK_SIZE(alloc_cids) \
	((__SIZE_TYPE__)SCX_CMASK_HDR_SIZE + 8 * (__SIZE_TYPE__)SCX_CMASK_NR_WORDS(alloc_cids))

/*
 * The kernel caps NR_CPUS at 8192 (BUILD_BUG_ON in scx_cid_init()), so no
 * kernel-made cmask is wider.  BPF programs bound every word loop by
 * SCX_CMASK_MAX_WORDS; raise both together to use wider masks in BPF.
 */
#ifndef SCX_CMASK_MAX_CIDS
#define SCX_CMASK_MAX_CIDS		8192
#endif
#ifndef SCX_CMASK_MAX_WORDS
#define SCX_CMASK_MAX_WORDS		SCX_CMASK_NR_WORDS(SCX_CMASK_MAX_CIDS)
#endif

/* 7.3: shard size when ops.cid_shard_size is 0, and its upper cap. */
#define SCX_CID_SHARD_SIZE_DFL		24
#define SCX_CID_SHARD_MAX_CPUS		512

#endif /* SCXCMASK_CMASK_DEFS_H */
