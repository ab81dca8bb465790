/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The kernel's cpu <-> cid assignment, predicted from sysfs.
 *
 * When a cid-form scheduler is enabled, the kernel numbers the cpus it
 * walks: online cpus with a NUMA node first, grouped node -> last-level
 * cache -> SMT core -> ascending cpu (with a cluster level between LLC and
 * core in the provisional 7.4), then every other possible cpu (the offline
 * ones, and online ones without a node) in a tail with no topology
 * (docs/ABI.md 6, "The cid map").  struct scx_cid_map computes the same
 * tables from a sysfs tree before the scheduler loads, or takes them from a
 * scheduler's own override table, and answers the kfuncs' questions
 * (scx_bpf_cpu_to_cid(), scx_bpf_cid_to_cpu(), scx_bpf_cid_topo()) in the
 * agent.
 *
 * Which map is valid when: the kernel builds its tables when a root
 * scheduler is enabled and keeps them until the next enable.  cpu hotplug
 * never renumbers (ops.cid_offline/cid_online get the enable-time cid, or a
 * scheduler without them is ejected to be restarted), so an agent converts
 * with the map it predicted before the enable and re-predicts only for the
 * next one; scx_cid_map_matches() checks a map against the kernel's answers.
 *
 * Counts: nr_cpu_ids is the highest possible cpu + 1; nr_cids is the number
 * of possible cpus (cids are [0, nr_cids)); nr_online_cids is the number of
 * online cpus.  When every online cpu has a node (the normal case) they hold
 * cids [0, nr_online_cids).  An online cpu without a node is not walked:
 * it lands in the tail, among the offline cpus in ascending cpu order, so
 * its cid may be nr_online_cids or above, and then a cid below
 * nr_online_cids belongs to an offline cpu.  The walked cpus hold
 * [0, number walked), each with node_idx >= 0 in scx_cid_map_topo().
 *
 * Reading sysfs: the map reads cpu/possible, cpu/online, the cpuN/nodeM
 * links, node/nodeM/cpulist, the SMT sibling lists and the last cache
 * leaf's shared_cpu_list under <root>/sys/devices/system.  A file a
 * captured tree lacks has one documented answer, the one the kernel gives
 * without that information (no node/ directory: one node; no cache/: the
 * LLC is the node; ...); contradictions the kernel refuses and damaged
 * files are errors naming the file, never a guess.  Every rule:
 * docs/ABI.md 6.3 ("Reading sysfs: the inputs and every fallback"); the
 * walk itself is docs/ABI.md 6.2, shards 6.4, override validation 6.5.
 */
#ifndef SCXCMASK_CID_H
#define SCXCMASK_CID_H

#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
#include <scxcmask/gen.h>	/* enum scx_cid_gen */
#include <scxcmask/cmask_defs.h>	/* SCX_CID_SHARD_SIZE_DFL, SCX_CID_SHARD_MAX_CPUS */

SCXCMASK_BEGIN_DECLS

struct scx_cid_map;

/**
 * struct scx_cid_topo - where a cid sits, as scx_bpf_cid_topo() reports it
 * @core_cid: first cid of the cid's SMT core
 * @core_idx: index of that core, dense in walk order from 0
 * @llc_cid: first cid of the cid's last-level cache unit (split by node)
 * @llc_idx: index of that LLC unit
 * @node_cid: first cid of the cid's NUMA node
 * @node_idx: index of that node in walk order (not the node id)
 * @shard_cid: first cid of the cid's shard (7.3)
 * @shard_idx: index of that shard (7.3)
 * @cluster_cid: first cid of the cid's cluster (7.4, provisional)
 * @cluster_idx: index of that cluster, dense in walk order (7.4, provisional)
 *
 * The kernel's struct grows at its tail, one generation at a time: 24
 * bytes in 7.2 (up to @node_idx), 32 in 7.3 (the shard fields), 40 in the
 * provisional 7.4 (the cluster fields).  scx_bpf_cid_topo(cid, out,
 * out__sz) copies min(out__sz, the kernel's size) bytes and fills the rest
 * of @out with -1, so a buffer of this struct is right on every one of
 * them, and a map holds -1 in the fields its generation lacks.  Fields are
 * -1 where the kernel has no value: tail cids have no core, LLC, node or
 * cluster (only 7.3+ shard fields); a 7.4 cluster is never missing for a
 * walked cid, since a core without a wider cluster is a cluster by itself.
 */
struct scx_cid_topo {
	int32_t core_cid;
	int32_t core_idx;
	int32_t llc_cid;
	int32_t llc_idx;
	int32_t node_cid;
	int32_t node_idx;
	int32_t shard_cid;
	int32_t shard_idx;
	int32_t cluster_cid;
	int32_t cluster_idx;
};

/* An initializer for "no topology": every field -1. */
#define SCX_CID_TOPO_NONE { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 }

/* Bytes of struct scx_cid_topo the kernel of each generation copies. */
#define SCX_CID_TOPO_SIZE_7_2 24u
#define SCX_CID_TOPO_SIZE_7_3 32u
#define SCX_CID_TOPO_SIZE_7_4 40u

/**
 * struct scx_cid_map_opts - options of scx_cid_map_new_opts()
 * @sz: sizeof(struct scx_cid_map_opts), for forward compatibility
 * @shard_size: cids per shard, as sched_ext_ops.cid_shard_size: 0 means
 *	SCX_CID_SHARD_SIZE_DFL (24); values above SCX_CID_SHARD_MAX_CPUS (512)
 *	are capped, as the kernel does
 * @gen: kernel generation to model (enum scx_cid_gen): SCX_CID_GEN_7_2,
 *	SCX_CID_GEN_7_3, SCX_CID_GEN_7_4 (PROVISIONAL: the cluster walk of
 *	the patch queued for 7.4, unchecked against a kernel), or
 *	SCX_CID_GEN_DEFAULT (0): for the running system (sysfs_root NULL) the
 *	generation its BTF names, see scx_cid_gen_of_kernel(); for a captured
 *	tree, or a kernel whose BTF names none, SCX_CID_GEN_NEWEST_RELEASED
 *
 * Declare with SCX_CID_MAP_OPTS(name, .field = value, ...) so that @sz is
 * right and every other byte is zero.  @sz must cover @shard_size; a
 * field past a shorter @sz reads as 0; a larger @sz (a newer header) is
 * accepted when every byte past @gen is zero.
 */
struct scx_cid_map_opts {
	size_t sz;
	uint32_t shard_size;
	uint32_t gen;
	size_t :0;
};

#define SCX_CID_MAP_OPTS(name, ...)						\
	SCXCMASK__DECLARE_OPTS(scx_cid_map_opts, name,			\
			       .sz = sizeof(struct scx_cid_map_opts), __VA_ARGS__)

/**
 * scx_cid_map_new() - predict the kernel's cid tables from sysfs
 * @out: receives the map, to be freed with scx_cid_map_free()
 * @sysfs_root: NULL for the running system; otherwise a directory holding
 *	a captured tree as sys/devices/system/{cpu,node}/...
 *
 * Same as scx_cid_map_new_opts() with default options: shard size 24, and
 * the generation of SCX_CID_GEN_DEFAULT (the running kernel's for
 * @sysfs_root NULL, else 7.3; scx_cid_map_gen() says which and why).
 *
 * Return: 0; a negative errno (-ENOENT, -EINVAL, -ENOMEM, ...) with
 * scxcmask_errmsg() naming the file and what was wrong in it;
 * -EOPNOTSUPP when @sysfs_root is NULL and the running kernel's cid
 * generation is unknown-newer (ask for a generation with
 * scx_cid_map_new_opts() to model one anyway).
 */
SCXCMASK_API int scx_cid_map_new(struct scx_cid_map **out, const char *sysfs_root);

/**
 * scx_cid_map_new_opts() - scx_cid_map_new() with options
 * @out: receives the map, to be freed with scx_cid_map_free()
 * @sysfs_root: as for scx_cid_map_new()
 * @opts: NULL for the defaults; otherwise declared with SCX_CID_MAP_OPTS()
 *
 * Return: as scx_cid_map_new(); also -EINVAL for an unknown @opts->gen or
 * a set field this version of the library does not know.
 */
SCXCMASK_API int scx_cid_map_new_opts(struct scx_cid_map **out, const char *sysfs_root,
				      const struct scx_cid_map_opts *opts);

/**
 * scx_cid_map_free() - release a map; NULL is a no-op
 */
SCXCMASK_API void scx_cid_map_free(struct scx_cid_map *map);

/** scx_cid_map_nr_cids() - number of cids (possible cpus); 0 for NULL */
SCXCMASK_API uint32_t scx_cid_map_nr_cids(const struct scx_cid_map *map);

/** scx_cid_map_nr_online_cids() - number of online cpus at prediction time */
SCXCMASK_API uint32_t scx_cid_map_nr_online_cids(const struct scx_cid_map *map);

/** scx_cid_map_nr_cpu_ids() - highest possible cpu + 1 */
SCXCMASK_API uint32_t scx_cid_map_nr_cpu_ids(const struct scx_cid_map *map);

/**
 * scx_cid_map_cpu_to_cid() - the cid of @cpu
 *
 * Return: the cid; -ENOENT if @cpu is below nr_cpu_ids but not possible
 * (the kernel's table holds -1 there); -EINVAL if @cpu is negative, not
 * below nr_cpu_ids, or @map is NULL.
 */
SCXCMASK_API int scx_cid_map_cpu_to_cid(const struct scx_cid_map *map, int cpu);

/**
 * scx_cid_map_cid_to_cpu() - the cpu holding @cid
 *
 * Return: the cpu; -EINVAL if @cid is not in [0, nr_cids) or @map is NULL.
 */
SCXCMASK_API int scx_cid_map_cid_to_cpu(const struct scx_cid_map *map, int cid);

/**
 * scx_cid_map_topo() - the topology of @cid, as scx_bpf_cid_topo() fills it
 *
 * Return: 0, or -EINVAL if @cid is not in [0, nr_cids) or an argument is NULL.
 */
SCXCMASK_API int scx_cid_map_topo(const struct scx_cid_map *map, uint32_t cid,
				  struct scx_cid_topo *out);

/**
 * scx_cid_map_gen() - the kernel generation @map models
 * @map: any map
 * @source: NULL, or receives enum scx_cid_gen_source: asked for, read from
 *	the running kernel's BTF, or assumed (and why)
 *
 * Return: an enum scx_cid_gen (7.2, 7.3 or 7.4, never
 * SCX_CID_GEN_DEFAULT); SCX_CID_GEN_NONE for a NULL @map.
 */
SCXCMASK_API uint32_t scx_cid_map_gen(const struct scx_cid_map *map, uint32_t *source);

/** scx_cid_map_nr_shards() - number of shards (7.3); 0 for a 7.2 map */
SCXCMASK_API uint32_t scx_cid_map_nr_shards(const struct scx_cid_map *map);

/**
 * scx_cid_map_shard() - cid range of shard @idx: [*@base_cid, *@base_cid + *@nr_cids)
 *
 * Return: 0, or -EINVAL if @idx is not below scx_cid_map_nr_shards().
 */
SCXCMASK_API int scx_cid_map_shard(const struct scx_cid_map *map, uint32_t idx,
				   uint32_t *base_cid, uint32_t *nr_cids);

/**
 * scx_cid_map_from_override() - the tables a scx_bpf_cid_override() call makes
 * @out: receives the new map
 * @base: the machine's map, for its possible cpus and nr_cpu_ids
 * @cpu_to_cid: nr_cpu_ids entries; entries of cpus that are not possible
 *	are ignored, as the kernel ignores them
 * @nr_entries: number of entries in @cpu_to_cid; must equal nr_cpu_ids
 * @shard_start: first cid of each shard (7.3), ascending from 0; NULL for
 *	a 7.2 override (no shards)
 * @nr_shards: entries in @shard_start
 *
 * Validates as the kernel does: every possible cpu needs a distinct cid in
 * [0, nr_cids); shards start at 0, ascend strictly, stay below nr_cids and
 * span at most SCX_CID_SHARD_MAX_CPUS cids.  Checks run in the kernel's
 * order (entry count, shard starts, then possible cpus ascending), so the
 * entry named is the one the kernel would name.  The result has topology -1
 * except for the shard fields; with @shard_start NULL it is a 7.2 map (no
 * shards at all).  nr_online_cids is @base's.
 *
 * Return: 0; -EINVAL with scxcmask_errmsg() naming the first offending
 * entry (for example "cpu_to_cid[5] = 3 duplicates cpu 2's cid").
 */
SCXCMASK_API int scx_cid_map_from_override(struct scx_cid_map **out,
					   const struct scx_cid_map *base,
					   const int32_t *cpu_to_cid, size_t nr_entries,
					   const int32_t *shard_start, size_t nr_shards);

/**
 * scx_cid_map_to_override() - the arrays that make the kernel adopt @map
 * @map: any map
 * @cpu_to_cid: receives nr_cpu_ids entries (-1 for cpus that are not possible)
 * @nr_entries: room in @cpu_to_cid
 * @shard_start: receives scx_cid_map_nr_shards() entries (none for a
 *	7.2 map), or NULL
 * @nr_shards: room in @shard_start
 *
 * Passing the results to scx_cid_map_from_override() with the same machine
 * gives back @map's cpu_to_cid, cid_to_cpu and shards, with one exception
 * that the kernel shares: its walk never splits an SMT core between
 * shards, so a core of more than SCX_CID_SHARD_MAX_CPUS (512) threads
 * makes a shard that wide, and the shard_start written for it is refused
 * (-EINVAL) by scx_cid_map_from_override() as by the kernel's
 * scx_bpf_cid_override().  The arrays still describe @map exactly; only
 * such a map fails the round trip, and @cpu_to_cid alone (a 7.2 override,
 * no shards) still passes.
 *
 * Return: 0, or -ENOSPC if an array is too small (nothing is written).
 */
SCXCMASK_API int scx_cid_map_to_override(const struct scx_cid_map *map,
					 int32_t *cpu_to_cid, size_t nr_entries,
					 int32_t *shard_start, size_t nr_shards);

/**
 * scx_cid_map_matches() - is @map the table the kernel is using?
 * @map: the agent's map (typically predicted from sysfs before attaching)
 * @cid_to_cpu: the kernel's own answers, as the scheduler recorded them
 *	from scx_bpf_cid_to_cpu() for cids [0, scx_bpf_nr_cids())
 * @nr: entries in @cid_to_cpu (scx_bpf_nr_cids())
 *
 * Which map is valid when: the kernel builds its cid tables when a root
 * scheduler is enabled and keeps them until the next enable.  cpu hotplug
 * does not renumber: a cpu going offline keeps its cid (the scheduler hears
 * of it through ops.cid_offline(cid), and on 7.3 the scx_bpf_online_cmask()
 * bit of that cid clears), so the map predicted before the enable stays the
 * one to convert with, while a map predicted from sysfs after the event
 * would differ.  Only the next enable (the scheduler restarted) uses the
 * new sysfs state; re-predict then.  A scheduler without ops.cid_online /
 * ops.cid_offline is ejected on hotplug with SCX_ECODE_ACT_RESTART, so its
 * agent re-predicts when it restarts it.  Compare with the kernel's
 * answers, not with sysfs, to know.
 *
 * Return: 1 if @nr equals the map's nr_cids and every entry equals the
 * map's cid_to_cpu; 0 otherwise, with scxcmask_errmsg() naming the first
 * difference ("cid 5: the kernel has cpu 7, the map cpu 3"); -EINVAL if
 * @map is NULL, or @cid_to_cpu is NULL while @nr is not 0.
 */
SCXCMASK_API int scx_cid_map_matches(const struct scx_cid_map *map, const int32_t *cid_to_cpu,
				     size_t nr);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_CID_H */
