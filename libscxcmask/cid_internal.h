/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The cid map's representation, shared by the files that build it (walk,
 * shards, override) and the one that answers lookups.  Internal.
 */
#ifndef SCXCMASK_CID_INTERNAL_H
#define SCXCMASK_CID_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <scxcmask/cid.h>
#include "sysfs.h"

/* Words of a bitmap of every cpu the reader accepts. */
#define SCXCMASK__CPU_WORDS (SCXCMASK__MAX_CPUS / 64)

/*
 * The limits derive from SCX_CMASK_MAX_CIDS alone: a cmask of every cpu
 * needs at most SCX_CMASK_MAX_WORDS words, one more than the cpu bitmap
 * (the word a base that is not a multiple of 64 adds), as the kernel ties
 * its cmask word count to NR_CPUS.
 */
_Static_assert(SCXCMASK__MAX_CPUS % 64 == 0, "the cpu limit is a whole number of words");
_Static_assert(SCX_CMASK_MAX_WORDS == SCXCMASK__CPU_WORDS + 1,
	       "SCX_CMASK_MAX_WORDS and the cpu bitmaps must follow SCX_CMASK_MAX_CIDS together");

struct scx_cid_map {
	uint32_t nr_cpu_ids;
	uint32_t nr_cids;
	uint32_t nr_online_cids;
	uint32_t nr_shards;
	uint32_t gen;			/* enum scx_cid_gen: 7.2, 7.3 or 7.4 */
	uint32_t gen_source;		/* enum scx_cid_gen_source */
	int32_t *cpu_to_cid;		/* nr_cpu_ids entries, -1: not possible */
	int32_t *cid_to_cpu;		/* nr_cids entries */
	struct scx_cid_topo *topo;	/* nr_cids entries */
	uint32_t *shard_base;		/* nr_shards + 1: shard i is [base[i], base[i + 1]) */
	uint64_t *possible;		/* nr_cpu_ids bits */
	uint64_t *online;		/* nr_cpu_ids bits (override maps copy the base's) */
};

/*
 * The lookups' tables read directly, for per-cpu loops (convert.c): -1
 * for a cpu or cid out of range or unmapped, and no message, so that a
 * loop that skips such cpus neither pays for a vsnprintf per cpu nor
 * overwrites scxcmask_errmsg() on success.
 */
static inline int32_t scxcmask__map_cpu_cid(const struct scx_cid_map *map, uint64_t cpu)
{
	return cpu < map->nr_cpu_ids ? map->cpu_to_cid[cpu] : -1;
}

static inline int32_t scxcmask__map_cid_cpu(const struct scx_cid_map *map, uint64_t cid)
{
	return cid < map->nr_cids ? map->cid_to_cpu[cid] : -1;
}

/*
 * Allocates a map with every table sized and cpu_to_cid prefilled with -1
 * (cid_tables.c, with scx_cid_map_free()).
 */
struct scx_cid_map *scxcmask__cid_map_alloc(uint32_t nr_cpu_ids, uint32_t nr_cids);

/*
 * The kernel's inputs to the walk, read from a sysfs tree: the possible and
 * online sets, cpu_to_node(), cpumask_of_node(), the LLC (last cache leaf)
 * and SMT sibling masks.  Masks are nw words (nr_cpu_ids bits).
 */
struct cid_input {
	struct scxcmask__sysfs fs;
	uint32_t nr_cpu_ids;
	uint32_t nw;
	uint64_t *possible;
	uint64_t *online;
	int32_t *cpu_node;		/* per cpu; -1: no node (the walk puts it in the tail) */
	uint64_t *sibling;		/* row per cpu, valid for online cpus */
	uint64_t *llc;			/* row per cpu, read on first use */
	uint8_t *llc_read;		/* per cpu: llc row valid */
	uint64_t node_dirs[SCXCMASK__MAX_CPUS / 64];	/* node/nodeM directories */
	uint64_t **node_mask;		/* per node id, read on first use */
	uint64_t node_nofile[SCXCMASK__MAX_CPUS / 64];	/* looked for: no cpulist, no cpumap */
	uint32_t nr_node_ids;		/* highest node id seen + 1 */
	bool numa;			/* node/ lists nodeM directories */
	bool nodes_known;		/* cpu_node[] complete: derived node masks valid */
	uint64_t *no_cpus;		/* an empty mask */
	uint32_t nr_llc_fallbacks;	/* cpus whose LLC became their node */
	uint64_t *cluster;		/* 7.4: row per cpu, read on first use */
	uint8_t *cluster_read;		/* per cpu: cluster row valid */
};

int scxcmask__cid_input_read(struct cid_input *in, const char *sysfs_root);
void scxcmask__cid_input_free(struct cid_input *in);
/* cpumask_of_node(@nid); NULL with a message on error. */
const uint64_t *scxcmask__cid_input_node_mask(struct cid_input *in, int32_t nid, int *err);
/* The last cache leaf's shared_cpu_map of @cpu, or its node's mask. */
const uint64_t *scxcmask__cid_input_llc_mask(struct cid_input *in, uint32_t cpu, int *err);
/*
 * topology_cluster_cpumask(@cpu) (7.4): cluster_cpus_list, else
 * cluster_cpus, else @cpu alone (the kernel's default); the walk widens it
 * with the SMT siblings.  NULL with a message on error.
 */
const uint64_t *scxcmask__cid_input_cluster_mask(struct cid_input *in, uint32_t cpu, int *err);

static inline const uint64_t *scxcmask__cid_input_sibling(const struct cid_input *in, uint32_t cpu)
{
	return in->sibling + (size_t)cpu * in->nw;
}

/* Generations the walk implements (7.2, 7.3, provisional 7.4). */
static inline bool scxcmask__cid_gen_walkable(uint32_t gen)
{
	return gen == SCX_CID_GEN_7_2 || gen == SCX_CID_GEN_7_3 || gen == SCX_CID_GEN_7_4;
}

/*
 * The walk of docs/ABI.md 6.2 over @in: 7.3 shards when @gen >= 7.3, and the
 * provisional 7.4 cluster level (node -> LLC -> cluster -> core) when
 * @gen >= 7.4.
 */
int scxcmask__cid_walk(struct cid_input *in, uint32_t gen, uint32_t shard_size, struct scx_cid_map **out);

/*
 * 7.3 shard layout inside one LLC unit (docs/ABI.md 6.4): how many cores each
 * shard takes, and the decision to close the current shard before a core.
 */
struct cid_shard_state {
	uint32_t cores_per_shard;
	uint32_t nr_large;		/* shards that take one core more */
	uint32_t cap;			/* max cids per shard */
	uint32_t local;			/* shard index inside the LLC */
	uint32_t cores;			/* cores in the current shard */
	uint32_t cids;			/* cids in the current shard */
};

void scxcmask__cid_shard_begin_llc(struct cid_shard_state *st, const struct cid_input *in,
			 const uint64_t *llc_cpus, uint32_t shard_size);
/* Whether a core of @core_cids cids opens a new shard; accounts the core. */
bool scxcmask__cid_shard_add_core(struct cid_shard_state *st, uint32_t core_cids);
uint32_t scxcmask__cid_shard_cap(uint32_t shard_size);

#endif /* SCXCMASK_CID_INTERNAL_H */
