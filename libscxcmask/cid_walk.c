// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel's cid assignment (docs/ABI.md 6.2): online cpus grouped node ->
 * LLC -> SMT core -> ascending cpu, each level intersected with what is
 * left of its parent, then the rest of the possible cpus in a tail.
 *
 * The provisional 7.4 walk (sched_ext for-7.4, "sched_ext: cid: Represent
 * clusters explicitly" v3, implemented from its description: no such
 * kernel boots here) puts a cluster level between LLC and core.  A cluster
 * is "inclusive": the first remaining cpu's topology_cluster_cpumask()
 * together with its SMT siblings, intersected with what is left of the
 * LLC, so a core with no wider cluster is a cluster by itself and a
 * cluster over two LLCs or two nodes becomes one unit per part.  Cores are
 * then taken inside the cluster.  Shards keep their 7.3 layout per LLC and
 * their cut before a core, so a shard boundary may fall inside a cluster.  The
 * checks that make the kernel refuse a topology (its WARN_ON_ONCE paths)
 * are errors here too, so a prediction never invents a layout.
 */
#include <errno.h>
#include <stdlib.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"

struct walk {
	struct cid_input *in;
	struct scx_cid_map *map;
	uint64_t *to_walk, *node, *llc, *cluster, *core;	/* scratch masks, nw words each */
	bool shards, clusters;
	uint32_t shard_size;
	uint32_t next_cid;
	int32_t node_idx, llc_idx, cluster_idx, core_idx;	/* next index of each kind */
	struct scx_cid_topo cur;		/* fields of the unit being filled */
	struct cid_shard_state shard;
};

static void open_shard(struct walk *w)
{
	w->cur.shard_cid = (int32_t)w->next_cid;
	w->cur.shard_idx = (int32_t)w->map->nr_shards;
	w->map->shard_base[w->map->nr_shards++] = w->next_cid;
}

static void assign(struct walk *w, uint32_t cpu, const struct scx_cid_topo *topo)
{
	uint32_t cid = w->next_cid++;

	w->map->cid_to_cpu[cid] = (int32_t)cpu;
	w->map->cpu_to_cid[cpu] = (int32_t)cid;
	w->map->topo[cid] = *topo;
}

/* The core of @lcpu inside @parent (the LLC's, or in 7.4 the cluster's, remaining cpus). */
static void walk_core(struct walk *w, uint32_t lcpu, uint64_t *parent)
{
	uint32_t nw = w->in->nw;

	scxcmask__cpubits_and(w->core, parent, scxcmask__cid_input_sibling(w->in, lcpu), nw);
	w->cur.core_cid = (int32_t)w->next_cid;
	w->cur.core_idx = w->core_idx++;
	if (w->shards && scxcmask__cid_shard_add_core(&w->shard, scxcmask__cpubits_weight(w->core, nw)))
		open_shard(w);
	scxcmask__cpubits_for_each(cpu, w->core, nw)
		assign(w, (uint32_t)cpu, &w->cur);
	scxcmask__cpubits_andnot(parent, w->core, nw);
	scxcmask__cpubits_andnot(w->llc, w->core, nw);
	scxcmask__cpubits_andnot(w->node, w->core, nw);
	scxcmask__cpubits_andnot(w->to_walk, w->core, nw);
}

/* 7.4: the cluster of @ccpu, (cluster mask | SMT siblings) & remaining LLC. */
static int walk_cluster(struct walk *w, uint32_t ccpu)
{
	uint32_t nw = w->in->nw;
	int err = 0, lcpu;
	const uint64_t *mask = scxcmask__cid_input_cluster_mask(w->in, ccpu, &err);

	if (!mask)
		return err;
	for (uint32_t i = 0; i < nw; i++)
		w->cluster[i] = (mask[i] | scxcmask__cid_input_sibling(w->in, ccpu)[i]) & w->llc[i];
	w->cur.cluster_cid = (int32_t)w->next_cid;
	w->cur.cluster_idx = w->cluster_idx++;
	while ((lcpu = scxcmask__cpubits_first(w->cluster, nw)) >= 0)
		walk_core(w, (uint32_t)lcpu, w->cluster);
	return 0;
}

static int walk_llc(struct walk *w, uint32_t ncpu)
{
	uint32_t nw = w->in->nw;
	int err = 0, lcpu;
	const uint64_t *mask = scxcmask__cid_input_llc_mask(w->in, ncpu, &err);

	if (!mask)
		return err;
	scxcmask__cpubits_and(w->llc, w->node, mask, nw);
	if (!scxcmask__cpubits_test(w->llc, ncpu))
		return scxcmask__fail(-EINVAL, "%s/cpu/cpu%u: its LLC mask does not contain it (the kernel refuses this topology)",
				      w->in->fs.dir, ncpu);
	w->cur.llc_cid = (int32_t)w->next_cid;
	w->cur.llc_idx = w->llc_idx++;
	if (w->shards) {
		scxcmask__cid_shard_begin_llc(&w->shard, w->in, w->llc, w->shard_size);
		open_shard(w);
	}
	while ((lcpu = scxcmask__cpubits_first(w->llc, nw)) >= 0) {
		if (!w->clusters) {
			walk_core(w, (uint32_t)lcpu, w->llc);
			continue;
		}
		err = walk_cluster(w, (uint32_t)lcpu);
		if (err)
			return err;
	}
	return 0;
}

static int walk_node(struct walk *w, uint32_t cpu, int32_t nid)
{
	uint32_t nw = w->in->nw;
	int err = 0, ncpu;
	const uint64_t *mask = scxcmask__cid_input_node_mask(w->in, nid, &err);

	if (!mask)
		return err;
	scxcmask__cpubits_and(w->node, w->to_walk, mask, nw);
	if (!scxcmask__cpubits_test(w->node, cpu))
		return scxcmask__fail(-EINVAL, "%s: cpu %u is on node %d but node%d's cpu list does not contain it (the kernel refuses this topology)",
				      w->in->fs.dir, cpu, nid, nid);
	w->cur.node_cid = (int32_t)w->next_cid;
	w->cur.node_idx = w->node_idx++;
	while ((ncpu = scxcmask__cpubits_first(w->node, nw)) >= 0) {
		err = walk_llc(w, (uint32_t)ncpu);
		if (err)
			return err;
	}
	return 0;
}

/* Possible cpus without a cid, ascending, packed into shards of the cap. */
static void walk_tail(struct walk *w)
{
	struct scx_cid_topo neg = SCX_CID_TOPO_NONE;
	uint32_t cap = scxcmask__cid_shard_cap(w->shard_size), in_shard = cap;

	scxcmask__cpubits_for_each(cpu, w->in->possible, w->in->nw) {
		if (w->map->cpu_to_cid[cpu] >= 0)
			continue;
		if (w->shards && in_shard >= cap) {
			open_shard(w);
			neg.shard_cid = w->cur.shard_cid;
			neg.shard_idx = w->cur.shard_idx;
			in_shard = 0;
		}
		in_shard++;
		assign(w, (uint32_t)cpu, &neg);
	}
}

static int walk_online(struct walk *w)
{
	int cpu, err;

	scxcmask__cpubits_copy(w->to_walk, w->in->online, w->in->nw);
	while ((cpu = scxcmask__cpubits_first(w->to_walk, w->in->nw)) >= 0) {
		int32_t nid = w->in->cpu_node[cpu];

		if (nid < 0) {
			/* no node: the kernel leaves it to the tail */
			scxcmask__cpubits_clear(w->to_walk, (uint32_t)cpu);
			continue;
		}
		err = walk_node(w, (uint32_t)cpu, nid);
		if (err)
			return err;
	}
	return 0;
}

int scxcmask__cid_walk(struct cid_input *in, uint32_t gen, uint32_t shard_size, struct scx_cid_map **out)
{
	uint32_t nw = in->nw, nr_cids = scxcmask__cpubits_weight(in->possible, nw);
	struct walk w = {
		.in = in,
		.shards = gen >= SCX_CID_GEN_7_3,
		.clusters = gen >= SCX_CID_GEN_7_4,
		.shard_size = shard_size ? shard_size : SCX_CID_SHARD_SIZE_DFL,
		.cur = SCX_CID_TOPO_NONE,
	};
	uint64_t *scratch = calloc((size_t)nw * 5, sizeof(uint64_t));
	int err;

	w.map = scxcmask__cid_map_alloc(in->nr_cpu_ids, nr_cids);
	if (!scratch || !w.map) {
		free(scratch);
		scx_cid_map_free(w.map);
		return scxcmask__fail(-ENOMEM, "out of memory building the cid map");
	}
	w.to_walk = scratch;
	w.node = scratch + nw;
	w.llc = scratch + 2 * nw;
	w.cluster = scratch + 3 * nw;
	w.core = scratch + 4 * nw;
	w.map->gen = gen;
	scxcmask__cpubits_copy(w.map->possible, in->possible, nw);
	scxcmask__cpubits_copy(w.map->online, in->online, nw);
	err = walk_online(&w);
	if (!err) {
		/* num_online_cpus(), even if a node-less online cpu sits in the tail */
		w.map->nr_online_cids = scxcmask__cpubits_weight(in->online, nw);
		walk_tail(&w);
		w.map->shard_base[w.map->nr_shards] = w.next_cid;
	}
	free(scratch);
	if (err) {
		scx_cid_map_free(w.map);
		return err;
	}
	*out = w.map;
	return 0;
}
