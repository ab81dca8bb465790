// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * 7.3 shards (docs/ABI.md 6.4): each LLC unit is cut into shards of whole SMT
 * cores, as even in core count as the LLC allows, none over the cap.
 */
#include "cid_internal.h"
#include "cpubits.h"

uint32_t scxcmask__cid_shard_cap(uint32_t shard_size)
{
	return shard_size < SCX_CID_SHARD_MAX_CPUS ? shard_size : SCX_CID_SHARD_MAX_CPUS;
}

static uint32_t div_round_up(uint32_t a, uint32_t b)
{
	return a / b + (a % b != 0);
}

void scxcmask__cid_shard_begin_llc(struct cid_shard_state *st, const struct cid_input *in,
			 const uint64_t *llc_cpus, uint32_t shard_size)
{
	uint32_t nr_cpus = 0, nr_cores = 0, nr_shards;

	scxcmask__cpubits_for_each(cpu, llc_cpus, in->nw) {
		nr_cpus++;
		/* a core is counted at its first cpu of the FULL sibling mask */
		if (scxcmask__cpubits_first(scxcmask__cid_input_sibling(in, (uint32_t)cpu), in->nw) == cpu)
			nr_cores++;
	}
	nr_shards = div_round_up(nr_cpus, shard_size);
	if (nr_shards < 1)
		nr_shards = 1;
	if (nr_shards < div_round_up(nr_cpus, SCX_CID_SHARD_MAX_CPUS))
		nr_shards = div_round_up(nr_cpus, SCX_CID_SHARD_MAX_CPUS);
	*st = (struct cid_shard_state){
		.cores_per_shard = nr_cores / nr_shards,
		.nr_large = nr_cores % nr_shards,
		.cap = scxcmask__cid_shard_cap(shard_size),
	};
}

bool scxcmask__cid_shard_add_core(struct cid_shard_state *st, uint32_t core_cids)
{
	uint32_t max_cores = st->cores_per_shard + (st->local < st->nr_large ? 1 : 0);
	bool split = st->cores &&
		     (st->cores >= max_cores || st->cids + core_cids > st->cap);

	if (split) {
		st->local++;
		st->cores = 0;
		st->cids = 0;
	}
	st->cores++;
	st->cids += core_cids;
	return split;
}
