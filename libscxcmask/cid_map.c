// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * struct scx_cid_map: building one from sysfs, and the lookups that mirror
 * scx_bpf_cpu_to_cid(), scx_bpf_cid_to_cpu() and scx_bpf_cid_topo().
 */
#include <errno.h>
#include <stdlib.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"

struct scx_cid_map *scx_cid_map_alloc(uint32_t nr_cpu_ids, uint32_t nr_cids)
{
	struct scx_cid_map *map = calloc(1, sizeof(*map));
	uint32_t nw = cpubits_words(nr_cpu_ids);

	if (!map)
		return NULL;
	map->nr_cpu_ids = nr_cpu_ids;
	map->nr_cids = nr_cids;
	map->cpu_to_cid = malloc(nr_cpu_ids * sizeof(*map->cpu_to_cid));
	map->cid_to_cpu = calloc(nr_cids ? nr_cids : 1, sizeof(*map->cid_to_cpu));
	map->topo = calloc(nr_cids ? nr_cids : 1, sizeof(*map->topo));
	map->shard_base = calloc(nr_cids + 1, sizeof(*map->shard_base));
	map->possible = calloc(nw ? nw : 1, sizeof(uint64_t));
	map->online = calloc(nw ? nw : 1, sizeof(uint64_t));
	if (!map->cpu_to_cid || !map->cid_to_cpu || !map->topo || !map->shard_base ||
	    !map->possible || !map->online) {
		scx_cid_map_free(map);
		return NULL;
	}
	for (uint32_t c = 0; c < nr_cpu_ids; c++)
		map->cpu_to_cid[c] = -1;
	return map;
}

SCXCMASK_API void scx_cid_map_free(struct scx_cid_map *map)
{
	if (!map)
		return;
	free(map->cpu_to_cid);
	free(map->cid_to_cpu);
	free(map->topo);
	free(map->shard_base);
	free(map->possible);
	free(map->online);
	free(map);
}

static int check_opts(const struct scx_cid_map_opts *opts, uint32_t *gen, uint32_t *shard_size)
{
	*gen = SCX_CID_GEN_7_3;
	*shard_size = 0;
	if (!opts)
		return 0;
	if (opts->sz < sizeof(size_t))
		return scxcmask__fail(-EINVAL, "scx_cid_map_opts.sz is %zu, too small", opts->sz);
	/* fields past what this library knows must be zero (newer caller) */
	for (size_t i = sizeof(*opts); i < opts->sz; i++)
		if (((const unsigned char *)opts)[i])
			return scxcmask__fail(-EINVAL, "scx_cid_map_opts: unknown field at byte %zu is set", i);
	if (opts->sz >= offsetof(struct scx_cid_map_opts, shard_size) + sizeof(uint32_t))
		*shard_size = opts->shard_size;
	if (opts->sz >= offsetof(struct scx_cid_map_opts, gen) + sizeof(uint32_t))
		*gen = opts->gen;
	if (*gen != SCX_CID_GEN_7_3 && *gen != SCX_CID_GEN_7_2)
		return scxcmask__fail(-EINVAL, "scx_cid_map_opts.gen %u is not a known kernel generation", *gen);
	return 0;
}

SCXCMASK_API int scx_cid_map_new_opts(struct scx_cid_map **out, const char *sysfs_root,
				      const struct scx_cid_map_opts *opts)
{
	struct cid_input in;
	uint32_t gen, shard_size;
	int err;

	if (!out)
		return scxcmask__fail(-EINVAL, "scx_cid_map_new: out is NULL");
	err = check_opts(opts, &gen, &shard_size);
	if (err)
		return err;
	err = cid_input_read(&in, sysfs_root);
	if (!err)
		err = cid_walk(&in, gen, shard_size, out);
	cid_input_free(&in);
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
	scxcmask__clear_error();
	return 1;
}
