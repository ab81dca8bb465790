// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * struct scx_cid_map: building one from sysfs, and the lookups that mirror
 * scx_bpf_cpu_to_cid(), scx_bpf_cid_to_cpu() and scx_bpf_cid_topo().
 */
#include <errno.h>
#include <stddef.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"

/* the struct is the newest generation's: every older kernel copies a prefix */
_Static_assert(sizeof(struct scx_cid_topo) == SCX_CID_TOPO_SIZE_7_4 &&
	       offsetof(struct scx_cid_topo, shard_cid) == SCX_CID_TOPO_SIZE_7_2 &&
	       offsetof(struct scx_cid_topo, cluster_cid) == SCX_CID_TOPO_SIZE_7_3,
	       "struct scx_cid_topo must grow only at its tail");

#define scx_cid_map_opts__last_field gen

static int check_opts(const struct scx_cid_map_opts *opts, uint32_t *gen, uint32_t *shard_size)
{
	if (!OPTS_VALID(opts, scx_cid_map_opts, shard_size))
		return -EINVAL;
	*shard_size = OPTS_GET(opts, shard_size, 0);
	*gen = OPTS_GET(opts, gen, SCX_CID_GEN_DEFAULT);
	if (*gen != SCX_CID_GEN_DEFAULT && !scxcmask__cid_gen_walkable(*gen))
		return scxcmask__fail(-EINVAL, "scx_cid_map_opts.gen 0x%x (%s) is not a generation a map can model (0, 0x0702, 0x0703, 0x0704)",
				      *gen, scx_cid_gen_str(*gen));
	return 0;
}

/*
 * SCX_CID_GEN_DEFAULT: the running kernel's generation when the tree is the
 * running system's, the newest released one for a capture (its kernel is
 * not here to ask).
 */
static int resolve_gen(const char *sysfs_root, uint32_t *gen, uint32_t *source)
{
	if (*gen != SCX_CID_GEN_DEFAULT) {
		*source = SCX_CID_GEN_SRC_CALLER;
		return 0;
	}
	if (sysfs_root) {
		*gen = SCX_CID_GEN_NEWEST_RELEASED;
		*source = SCX_CID_GEN_SRC_CAPTURE;
		return 0;
	}
	return scx_cid_gen_of_kernel(NULL, gen, source);
}

SCXCMASK_API int scx_cid_map_new_opts(struct scx_cid_map **out, const char *sysfs_root,
				      const struct scx_cid_map_opts *opts)
{
	struct cid_input in;
	uint32_t gen, shard_size, source;
	int err;

	if (!out)
		return scxcmask__fail(-EINVAL, "scx_cid_map_new: out is NULL");
	err = check_opts(opts, &gen, &shard_size);
	if (!err)
		err = resolve_gen(sysfs_root, &gen, &source);
	if (err)
		return err;
	err = scxcmask__cid_input_read(&in, sysfs_root);
	if (!err)
		err = scxcmask__cid_walk(&in, gen, shard_size, out);
	scxcmask__cid_input_free(&in);
	if (!err)
		(*out)->gen_source = source;
	return err;
}

SCXCMASK_API int scx_cid_map_new(struct scx_cid_map **out, const char *sysfs_root)
{
	return scx_cid_map_new_opts(out, sysfs_root, NULL);
}

SCXCMASK_API uint32_t scx_cid_map_nr_cids(const struct scx_cid_map *map)
{
	return map ? map->nr_cids : 0;
}

SCXCMASK_API uint32_t scx_cid_map_nr_online_cids(const struct scx_cid_map *map)
{
	return map ? map->nr_online_cids : 0;
}

SCXCMASK_API uint32_t scx_cid_map_nr_cpu_ids(const struct scx_cid_map *map)
{
	return map ? map->nr_cpu_ids : 0;
}

SCXCMASK_API int scx_cid_map_cpu_to_cid(const struct scx_cid_map *map, int cpu)
{
	if (!map)
		return scxcmask__fail(-EINVAL, "scx_cid_map_cpu_to_cid: map is NULL");
	if (cpu < 0 || (uint32_t)cpu >= map->nr_cpu_ids)
		return scxcmask__fail(-EINVAL, "cpu %d is not below nr_cpu_ids %u", cpu,
				      map->nr_cpu_ids);
	if (map->cpu_to_cid[cpu] < 0)
		return scxcmask__fail(-ENOENT, "cpu %d is not a possible cpu: it has no cid", cpu);
	return map->cpu_to_cid[cpu];
}

SCXCMASK_API int scx_cid_map_cid_to_cpu(const struct scx_cid_map *map, int cid)
{
	if (!map)
		return scxcmask__fail(-EINVAL, "scx_cid_map_cid_to_cpu: map is NULL");
	if (cid < 0 || (uint32_t)cid >= map->nr_cids)
		return scxcmask__fail(-EINVAL, "cid %d is not below nr_cids %u", cid, map->nr_cids);
	return map->cid_to_cpu[cid];
}

SCXCMASK_API int scx_cid_map_topo(const struct scx_cid_map *map, uint32_t cid,
				  struct scx_cid_topo *out)
{
	if (!map || !out)
		return scxcmask__fail(-EINVAL, "scx_cid_map_topo: NULL argument");
	if (cid >= map->nr_cids)
		return scxcmask__fail(-EINVAL, "cid %u is not below nr_cids %u", cid, map->nr_cids);
	*out = map->topo[cid];
	return 0;
}

SCXCMASK_API uint32_t scx_cid_map_gen(const struct scx_cid_map *map, uint32_t *source)
{
	if (source)
		*source = map ? map->gen_source : 0;
	return map ? map->gen : SCX_CID_GEN_NONE;
}

SCXCMASK_API uint32_t scx_cid_map_nr_shards(const struct scx_cid_map *map)
{
	return map ? map->nr_shards : 0;
}

SCXCMASK_API int scx_cid_map_shard(const struct scx_cid_map *map, uint32_t idx,
				   uint32_t *base_cid, uint32_t *nr_cids)
{
	if (!map || !base_cid || !nr_cids)
		return scxcmask__fail(-EINVAL, "scx_cid_map_shard: NULL argument");
	if (idx >= map->nr_shards)
		return scxcmask__fail(-EINVAL, "shard %u is not below nr_shards %u", idx,
				      map->nr_shards);
	*base_cid = map->shard_base[idx];
	*nr_cids = map->shard_base[idx + 1] - map->shard_base[idx];
	return 0;
}

/*
 * The kernel keeps the tables it built at enable until the next enable;
 * hotplug does not renumber.  So an agent's map is right exactly when it
 * equals the kernel's own cid -> cpu answers, whatever sysfs says now.
 */
SCXCMASK_API int scx_cid_map_matches(const struct scx_cid_map *map, const int32_t *cid_to_cpu,
				     size_t nr)
{
	if (!map)
		return scxcmask__fail(-EINVAL, "scx_cid_map_matches: map is NULL");
	if (!cid_to_cpu && nr)
		return scxcmask__fail(-EINVAL, "scx_cid_map_matches: cid_to_cpu is NULL");
	if (nr != map->nr_cids) {
		scxcmask__fail(0, "the kernel has %zu cids, the map %u", nr, map->nr_cids);
		return 0;
	}
	for (size_t cid = 0; cid < nr; cid++)
		if (cid_to_cpu[cid] != map->cid_to_cpu[cid]) {
			scxcmask__fail(0, "cid %zu: the kernel has cpu %d, the map cpu %d", cid,
				       cid_to_cpu[cid], map->cid_to_cpu[cid]);
			return 0;
		}
	return 1;	/* success leaves scxcmask_errmsg() alone, as everywhere */
}
