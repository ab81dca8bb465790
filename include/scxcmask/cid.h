/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The kernel's cpu <-> cid assignment, predicted from sysfs.
 *
 * When a cid-form scheduler is enabled, the kernel numbers the cpus it
 * walks: online cpus first, grouped node -> last-level cache -> SMT core ->
 * ascending cpu, then every other possible cpu in a tail with no topology
 * (docs/ABI.md, "cid assignment").  struct scx_cid_map computes the same
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
 * online cpus, which hold cids [0, nr_online_cids).
 *
 * Reading sysfs (ABI.md 5.4).  The map reads, under
 * <root>/sys/devices/system: cpu/possible, cpu/online, cpuN/nodeM links,
 * node/nodeM/cpulist, cpuN/topology/thread_siblings_list and
 * cpuN/cache/indexK/shared_cpu_list for the highest K.  Captured trees lack
 * some of these; each gap has one documented answer:
 *  - no cpu/possible (old kernels): the possible cpus are the cpuN
 *    directories;
 *  - no cpu/online: a possible cpu is online unless its cpuN/online says 0
 *    (the boot cpu usually has no such file);
 *  - no node/nodeM directory at all (kernel without NUMA): every cpu is on
 *    node 0, which holds every cpu;
 *  - a cpu without a nodeM link: its node is the lowest node whose cpulist
 *    (or cpumap) lists it; if none does, it has no node and, as in the
 *    kernel, lands in the tail with topology -1 although online.  Kernels
 *    link all cpus or none, so when the first online cpu has no link the
 *    others are not looked for;
 *  - a nodeM link whose node/nodeM directory is missing (dangling), or a
 *    node directory with neither cpulist nor cpumap: that node holds the
 *    cpus that link to it;
 *  - several nodeM links in one cpu directory: the one whose node lists
 *    the cpu, else the lowest M;
 *  - node/nodeM/cpumap (hex) when cpulist is absent; likewise
 *    shared_cpu_map for shared_cpu_list, and thread_siblings_list, then
 *    core_cpus_list, thread_siblings, core_cpus for the SMT siblings;
 *  - no cpuN/cache directory, or no indexK in it, or a last leaf whose
 *    shared_cpu_map does not list the cpu itself (old ia64 kernels print
 *    an all-zero L3 map): the LLC is the cpu's node mask, which is what the
 *    kernel does without cacheinfo;
 *  - no cpuN/topology files: the cpu is a core by itself;
 *  - trailing NUL bytes and whitespace in any file are ignored.
 * Contradictions the kernel refuses (WARN and -EINVAL in scx_cid_init()) are
 * errors here too: a cpu whose node's cpulist does not contain it, a
 * sibling mask that does not contain its own cpu.  Damaged files (garbage,
 * ids of 8192 or more, over 64 KiB, directories or symlink loops where a
 * file should be) are errors naming the file and offset; never a guess.
 */
#ifndef SCXCMASK_CID_H
#define SCXCMASK_CID_H

#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
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
 *
 * Fields are -1 where the kernel has no value: cids in the tail have no
 * core, LLC or node; a 7.2 kernel has no shard fields (its struct is 24
 * bytes long and ends at @node_idx) and a 7.2 map holds -1 there, which is
 * also what a 7.2 kernel with the out__sz argument writes past its 24 bytes.
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
};

/* Which kernel generation's tables to compute. */
enum scx_cid_gen {
	SCX_CID_GEN_7_3 = 0,	/* with shards (default) */
	SCX_CID_GEN_7_2 = 1,	/* no shards: shard fields are -1 */
};

/**
 * struct scx_cid_map_opts - options of scx_cid_map_new_opts()
 * @sz: sizeof(struct scx_cid_map_opts), for forward compatibility
 * @shard_size: cids per shard, as sched_ext_ops.cid_shard_size: 0 means
 *	SCX_CID_SHARD_SIZE_DFL (24); values above SCX_CID_SHARD_MAX_CPUS (512)
 *	are capped, as the kernel does
 * @gen: kernel generation to model (enum scx_cid_gen)
 *
 * Declare with SCX_CID_MAP_OPTS(name, .field = value, ...) so that @sz is
 * right and unnamed fields are zero.
 */
struct scx_cid_map_opts {
	size_t sz;
	uint32_t shard_size;
	uint32_t gen;
};

#define SCX_CID_MAP_OPTS(name, ...)						\
	struct scx_cid_map_opts name = {					\
		.sz = sizeof(struct scx_cid_map_opts), __VA_ARGS__		\
	}

/**
 * scx_cid_map_new() - predict the kernel's cid tables from sysfs
 * @out: receives the map, to be freed with scx_cid_map_free()
 * @sysfs_root: NULL for the running system; otherwise a directory holding
 *	a captured tree as sys/devices/system/{cpu,node}/...
 *
 * Same as scx_cid_map_new_opts() with default options (7.3, shard size 24).
 *
 * Return: 0; a negative errno (-ENOENT, -EINVAL, -ENOMEM, ...) with
 * scxcmask_errmsg() naming the file and what was wrong in it.
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
 * gives back @map's cpu_to_cid, cid_to_cpu and shards.
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
