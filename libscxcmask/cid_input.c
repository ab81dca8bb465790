// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The kernel's topology inputs, read from sysfs, with the fallbacks
 * captured trees need.  Every fallback is listed in docs/ABI.md 6.3, and
 * each one is what the kernel itself does, or sees, when the information
 * is absent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "cid_internal.h"
#include "cpubits.h"
#include "internal.h"


static int fail_nomem(void)
{
	return scxcmask__fail(-ENOMEM, "out of memory reading the cpu topology");
}

/* cpu/possible, or (old kernels without it) every cpuN directory. */
static int read_possible(struct cid_input *in, uint64_t *bits)
{
	int err = scxcmask__sysfs_read_mask(&in->fs, "cpu/possible", bits, SCXCMASK__MAX_CPUS);

	if (err == -ENOENT) {
		err = scxcmask__sysfs_list_ids(&in->fs, "cpu", "cpu", bits, SCXCMASK__MAX_CPUS, NULL);
		if (err == -ENOENT)
			return scxcmask__fail(-ENOENT, "%s/cpu: no such directory", in->fs.dir);
	}
	if (err < 0)
		return err;
	if (scxcmask__cpubits_first(bits, SCXCMASK__CPU_WORDS) < 0)
		return scxcmask__fail(-ENOENT, "%s/cpu: no possible cpu (empty 'possible', no cpuN)",
				      in->fs.dir);
	return 0;
}

/*
 * cpu/online, or (old kernels) each cpuN/online, where a missing file means
 * online: the boot cpu often cannot be offlined and has none.
 */
static int read_online(struct cid_input *in)
{
	char rel[64];
	int err = scxcmask__sysfs_read_mask(&in->fs, "cpu/online", in->online, in->nr_cpu_ids);

	if (err != -ENOENT) {
		if (err)
			return err;
		scxcmask__cpubits_and(in->online, in->online, in->possible, in->nw);
		return 0;
	}
	scxcmask__cpubits_zero(in->online, in->nw);
	scxcmask__cpubits_for_each(cpu, in->possible, in->nw) {
		int len;

		snprintf(rel, sizeof(rel), "cpu/cpu%d/online", cpu);
		len = scxcmask__sysfs_read(&in->fs, rel);
		if (len == -ENOENT || (len == 1 && in->fs.buf[0] == '1')) {
			scxcmask__cpubits_set(in->online, (uint32_t)cpu);
			continue;
		}
		if (len < 0)
			return len;
		if (len != 1 || in->fs.buf[0] != '0')
			return scxcmask__fail(-EINVAL, "%s/%s: expected 0 or 1", in->fs.dir, rel);
	}
	return 0;
}

/* The SMT sibling mask; a cpu without topology files is its own core. */
static int read_sibling(struct cid_input *in, uint32_t cpu)
{
	static const char *const names[] = {
		"thread_siblings_list", "core_cpus_list", "thread_siblings", "core_cpus",
	};
	uint64_t *row = in->sibling + (size_t)cpu * in->nw;
	char rel[96];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int err;

		snprintf(rel, sizeof(rel), "cpu/cpu%u/topology/%s", cpu, names[i]);
		err = scxcmask__sysfs_read_mask(&in->fs, rel, row, in->nr_cpu_ids);
		if (err == -ENOENT)
			continue;
		if (err)
			return err;
		if (!scxcmask__cpubits_test(row, cpu))
			return scxcmask__fail(-EINVAL, "%s/%s: does not list cpu %u itself",
					      in->fs.dir, rel, cpu);
		return 0;
	}
	scxcmask__cpubits_zero(row, in->nw);
	scxcmask__cpubits_set(row, cpu);
	return 0;
}

/* The node whose cpulist lists @cpu first, among node directories; -1 if none. */
static int32_t node_listing(struct cid_input *in, uint32_t cpu)
{
	scxcmask__cpubits_for_each(n, in->node_dirs, SCXCMASK__CPU_WORDS) {
		const uint64_t *mask;
		int err = 0;

		if ((uint32_t)n >= in->nr_node_ids)
			break;
		mask = scxcmask__cid_input_node_mask(in, (int32_t)n, &err);
		if (mask && scxcmask__cpubits_test(mask, cpu))
			return (int32_t)n;
	}
	return -1;
}

/*
 * The nodeM entry of cpuN (a symlink, possibly dangling); -1 if none.  The
 * node whose cpulist lists the cpu is tried first with one lstat, since
 * listing every cpu directory is the slowest part of reading a tree.
 */
static int read_node_link(struct cid_input *in, uint32_t cpu, int32_t *nid)
{
	uint64_t ids[SCXCMASK__CPU_WORDS];
	int32_t guess = node_listing(in, cpu);
	char rel[64];
	int n;

	if (guess >= 0) {
		snprintf(rel, sizeof(rel), "cpu/cpu%u/node%d", cpu, guess);
		if (scxcmask__sysfs_lexists(&in->fs, rel)) {
			*nid = guess;
			return 0;
		}
	}
	snprintf(rel, sizeof(rel), "cpu/cpu%u", cpu);
	n = scxcmask__sysfs_list_ids(&in->fs, rel, "node", ids, SCXCMASK__MAX_CPUS, NULL);
	if (n == -ENOENT || n == 0) {
		*nid = -1;
		return 0;
	}
	if (n < 0)
		return n;
	/* a cpu has one node link; if a capture shows more, take the lowest */
	*nid = scxcmask__cpubits_first(ids, SCXCMASK__CPU_WORDS);
	return 0;
}

/* Reads node/nodeM's cpulist or cpumap; 1 if found, 0 if it has neither. */
static int read_node_file(struct cid_input *in, int32_t nid, uint64_t *mask)
{
	char rel[64];
	int err;

	snprintf(rel, sizeof(rel), "node/node%d/cpulist", nid);
	err = scxcmask__sysfs_read_mask(&in->fs, rel, mask, in->nr_cpu_ids);
	if (err == -ENOENT) {
		snprintf(rel, sizeof(rel), "node/node%d/cpumap", nid);
		err = scxcmask__sysfs_read_mask(&in->fs, rel, mask, in->nr_cpu_ids);
	}
	if (err == -ENOENT)
		return 0;
	return err < 0 ? err : 1;
}

const uint64_t *scxcmask__cid_input_node_mask(struct cid_input *in, int32_t nid, int *err)
{
	uint64_t *mask;
	int found;

	if (nid < 0 || (uint32_t)nid >= in->nr_node_ids) {
		*err = scxcmask__fail(-EINVAL, "node %d out of range", nid);
		return NULL;
	}
	if (in->node_mask[nid])
		return in->node_mask[nid];
	mask = calloc(in->nw, sizeof(*mask));
	if (!mask) {
		*err = fail_nomem();
		return NULL;
	}
	if (!in->numa) {
		/* no NUMA: the kernel's single node holds every cpu */
		scxcmask__cpubits_copy(mask, in->possible, in->nw);
		found = 1;
	} else if (scxcmask__cpubits_test(in->node_nofile, (uint32_t)nid)) {
		/*
		 * Looked for once already: every cpu asks about every node
		 * while the links are read, and reopening the two files each
		 * time made reading such a tree quadratic.
		 */
		found = 0;
	} else {
		found = read_node_file(in, nid, mask);
		if (!found)
			scxcmask__cpubits_set(in->node_nofile, (uint32_t)nid);
	}
	if (found < 0) {
		free(mask);
		*err = found;
		return NULL;
	}
	if (!found && !in->nodes_known) {
		/* asked while still reading the links: not known yet */
		free(mask);
		return in->no_cpus;
	}
	if (!found) {
		/* node directory missing (dangling cpuN/nodeM link) or empty:
		 * the node holds the cpus that link to it */
		for (uint32_t c = 0; c < in->nr_cpu_ids; c++)
			if (in->cpu_node[c] == nid)
				scxcmask__cpubits_set(mask, c);
	}
	in->node_mask[nid] = mask;
	return mask;
}

static int read_nodes(struct cid_input *in)
{
	int max_dir = -1, n, err, first = scxcmask__cpubits_first(in->online, in->nw);
	bool links = true;

	n = scxcmask__sysfs_list_ids(&in->fs, "node", "node", in->node_dirs, SCXCMASK__MAX_CPUS, &max_dir);
	if (n < 0 && n != -ENOENT)
		return n;
	in->numa = n > 0;
	/* room for any node id a link may name: ids are below SCXCMASK__MAX_CPUS */
	in->nr_node_ids = in->numa ? SCXCMASK__MAX_CPUS : 1;
	in->node_mask = calloc(in->nr_node_ids, sizeof(*in->node_mask));
	if (!in->node_mask)
		return fail_nomem();
	/* node files first: a damaged one is an error, whoever reads it */
	scxcmask__cpubits_for_each(nid, in->node_dirs, SCXCMASK__CPU_WORDS) {
		if (!in->numa)
			break;
		err = 0;
		if (!scxcmask__cid_input_node_mask(in, (int32_t)nid, &err) && err)
			return err;
	}
	scxcmask__cpubits_for_each(cpu, in->online, in->nw) {
		if (!in->numa) {
			in->cpu_node[cpu] = 0;
			continue;
		}
		/*
		 * Kernels either link every cpu to its node or none (before
		 * 2.6.2x): if the first cpu has no link, do not look for
		 * the others' (listing each cpu directory is costly).
		 */
		err = links ? read_node_link(in, (uint32_t)cpu, &in->cpu_node[cpu]) : 0;
		if (err)
			return err;
		if (cpu == first && in->cpu_node[cpu] < 0)
			links = false;
		/* no link: the lowest node whose cpulist lists it, if any */
		if (in->cpu_node[cpu] < 0)
			in->cpu_node[cpu] = node_listing(in, (uint32_t)cpu);
	}
	in->nodes_known = true;
	return 0;
}

static int read_llc_leaf(struct cid_input *in, uint32_t cpu, int leaf, uint64_t *row)
{
	char rel[96];
	int err;

	snprintf(rel, sizeof(rel), "cpu/cpu%u/cache/index%d/shared_cpu_list", cpu, leaf);
	err = scxcmask__sysfs_read_mask(&in->fs, rel, row, in->nr_cpu_ids);
	if (err == -ENOENT) {
		snprintf(rel, sizeof(rel), "cpu/cpu%u/cache/index%d/shared_cpu_map", cpu, leaf);
		err = scxcmask__sysfs_read_mask(&in->fs, rel, row, in->nr_cpu_ids);
	}
	if (err == -ENOENT)
		return scxcmask__fail(-ENOENT, "%s/cpu/cpu%u/cache/index%d: neither shared_cpu_list nor shared_cpu_map",
				      in->fs.dir, cpu, leaf);
	return err;
}

const uint64_t *scxcmask__cid_input_llc_mask(struct cid_input *in, uint32_t cpu, int *err)
{
	uint64_t ids[SCXCMASK__CPU_WORDS], *row = in->llc + (size_t)cpu * in->nw;
	char rel[64];
	int n, leaf = -1;

	if (in->llc_read[cpu])
		return row;
	snprintf(rel, sizeof(rel), "cpu/cpu%u/cache", cpu);
	n = scxcmask__sysfs_list_ids(&in->fs, rel, "index", ids, SCXCMASK__MAX_CPUS, &leaf);
	if (n < 0 && n != -ENOENT) {
		*err = n;
		return NULL;
	}
	if (n > 0) {
		*err = read_llc_leaf(in, cpu, leaf, row);
		if (*err)
			return NULL;
	}
	/*
	 * No cacheinfo: the kernel uses the node mask (and warns).  A last
	 * leaf that does not list its own cpu (old ia64 kernels print an
	 * all-zero L3 map) is no usable cacheinfo either.
	 */
	if (n <= 0 || !scxcmask__cpubits_test(row, cpu)) {
		const uint64_t *mask = scxcmask__cid_input_node_mask(in, in->cpu_node[cpu], err);

		if (!mask)
			return NULL;
		in->nr_llc_fallbacks++;
		scxcmask__cpubits_copy(row, mask, in->nw);
	}
	in->llc_read[cpu] = 1;
	return row;
}

/*
 * The 7.4 cluster mask.  Kernels print it as cluster_cpus_list and
 * cluster_cpus only where the architecture defines a cluster level (arm64,
 * x86 since 5.16); elsewhere topology_cluster_cpumask() is the cpu alone,
 * and so is it here.  Rows are allocated on first use: only a 7.4 walk
 * asks.
 */
const uint64_t *scxcmask__cid_input_cluster_mask(struct cid_input *in, uint32_t cpu, int *err)
{
	static const char *const names[] = { "cluster_cpus_list", "cluster_cpus" };
	uint64_t *row;
	char rel[96];

	if (!in->cluster) {
		in->cluster = calloc((size_t)in->nr_cpu_ids * in->nw, sizeof(uint64_t));
		in->cluster_read = calloc(in->nr_cpu_ids, 1);
		if (!in->cluster || !in->cluster_read) {
			*err = fail_nomem();
			return NULL;
		}
	}
	row = in->cluster + (size_t)cpu * in->nw;
	if (in->cluster_read[cpu])
		return row;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(rel, sizeof(rel), "cpu/cpu%u/topology/%s", cpu, names[i]);
		*err = scxcmask__sysfs_read_mask(&in->fs, rel, row, in->nr_cpu_ids);
		if (*err == -ENOENT)
			continue;
		if (*err)
			return NULL;
		in->cluster_read[cpu] = 1;
		return row;
	}
	*err = 0;
	scxcmask__cpubits_zero(row, in->nw);
	scxcmask__cpubits_set(row, cpu);
	in->cluster_read[cpu] = 1;
	return row;
}

static int alloc_input(struct cid_input *in)
{
	size_t rows = (size_t)in->nr_cpu_ids * in->nw;

	in->online = calloc(in->nw, sizeof(uint64_t));
	in->cpu_node = malloc(in->nr_cpu_ids * sizeof(int32_t));
	in->sibling = calloc(rows, sizeof(uint64_t));
	in->llc = calloc(rows, sizeof(uint64_t));
	in->llc_read = calloc(in->nr_cpu_ids, 1);
	in->no_cpus = calloc(in->nw, sizeof(uint64_t));
	if (!in->no_cpus || !in->online || !in->cpu_node || !in->sibling || !in->llc || !in->llc_read)
		return fail_nomem();
	for (uint32_t c = 0; c < in->nr_cpu_ids; c++)
		in->cpu_node[c] = -1;
	return 0;
}

int scxcmask__cid_input_read(struct cid_input *in, const char *sysfs_root)
{
	uint64_t possible[SCXCMASK__CPU_WORDS];
	int err;

	/* fd 0 is a descriptor like any other: scxcmask__cid_input_free() must not close it */
	*in = (struct cid_input){ .fs.dirfd = -1 };
	err = scxcmask__sysfs_open(&in->fs, sysfs_root);
	if (err)
		return err;
	err = read_possible(in, possible);
	if (err)
		return err;
	in->nr_cpu_ids = (uint32_t)scxcmask__cpubits_last(possible, SCXCMASK__CPU_WORDS) + 1;
	in->nw = (uint32_t)scxcmask__nr_words(in->nr_cpu_ids);
	in->possible = malloc(in->nw * sizeof(uint64_t));
	if (!in->possible)
		return fail_nomem();
	scxcmask__cpubits_copy(in->possible, possible, in->nw);
	err = alloc_input(in);
	if (!err)
		err = read_online(in);
	if (!err)
		err = read_nodes(in);
	scxcmask__cpubits_for_each(cpu, in->online, in->nw) {
		if (err)
			break;
		err = read_sibling(in, (uint32_t)cpu);
	}
	return err;
}

void scxcmask__cid_input_free(struct cid_input *in)
{
	if (in->node_mask)
		for (uint32_t n = 0; n < in->nr_node_ids; n++)
			free(in->node_mask[n]);
	free(in->node_mask);
	free(in->possible);
	free(in->online);
	free(in->cpu_node);
	free(in->sibling);
	free(in->llc);
	free(in->llc_read);
	free(in->no_cpus);
	free(in->cluster);
	free(in->cluster_read);
	scxcmask__sysfs_close(&in->fs);
}
