// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask map: the kernel's cid layout predicted from sysfs, as a tree for
 * a person or as JSON for a program; scxcmask override: the same layout as
 * the arrays scx_bpf_cid_override() takes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include <scxcmask/cid.h>
#include "commands.h"
#include "map_view.h"

enum out_form { OUT_TEXT, OUT_JSON, OUT_C, OUT_SVG };

struct map_args {
	const char *sysfs;
	const char *btf;	/* --btf: the generation of that kernel */
	enum out_form form;
	uint32_t shard_size;
	uint32_t gen;		/* SCX_CID_GEN_DEFAULT unless --gen or --btf */
	uint32_t btf_source;	/* with --btf: how its generation was found */
	const char *svg_file;	/* --svg FILE; NULL: stdout */
};

static int parse_gen(const char *s, uint32_t *gen)
{
	static const uint32_t gens[] = { SCX_CID_GEN_7_2, SCX_CID_GEN_7_3, SCX_CID_GEN_7_4 };

	for (size_t i = 0; i < sizeof(gens) / sizeof(gens[0]); i++) {
		if (!strcmp(s, scx_cid_gen_str(gens[i]))) {
			*gen = gens[i];
			return 0;
		}
	}
	return -1;
}

/*
 * The options map and override share; --c only for override.  EXIT_OK
 * with @a filled, EXIT_USAGE after the message, or -1 after --help.
 */
static int parse_map_args(const char *cmd, int argc, char **argv, struct map_args *a,
			  bool allow_c)
{
	static const char shortopts[] = ":h";
	static const struct option opts[] = {
		{ "sysfs", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "c", no_argument, NULL, 'c' },
		{ "shard-size", required_argument, NULL, 'n' },
		{ "gen", required_argument, NULL, 'g' },
		{ "btf", required_argument, NULL, 'b' },
		{ "svg", optional_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	*a = (struct map_args){ .form = OUT_TEXT, .gen = SCX_CID_GEN_DEFAULT };
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			a->sysfs = optarg;
			break;
		case 'j':
			a->form = OUT_JSON;
			break;
		case 'S':
			if (allow_c)
				return tool_usage_error(cmd, "unknown option '--svg'");
			a->form = OUT_SVG;
			/* --svg FILE as well as --svg=FILE: map takes no operands */
			if (!optarg && optind < argc && argv[optind][0] != '-')
				optarg = argv[optind++];
			a->svg_file = optarg;
			break;
		case 'c':
			if (!allow_c)
				return tool_usage_error(cmd, "unknown option '--c'");
			a->form = OUT_C;
			break;
		case 'n':
			if (tool_parse_u32(optarg, &a->shard_size))
				return tool_usage_error(cmd, "--shard-size wants a number, not '%s'", optarg);
			break;
		case 'g':
			if (parse_gen(optarg, &a->gen))
				return tool_usage_error(cmd, "--gen wants 7.2, 7.3 or 7.4 (provisional), not '%s'", optarg);
			break;
		case 'b':
			a->btf = optarg;
			break;
		case 'h':
			tool_help(cmd);
			return -1;
		default:
			return tool_getopt_error(cmd, opt, argv, opts);
		}
	}
	if (optind < argc)
		return tool_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (a->btf && a->gen != SCX_CID_GEN_DEFAULT)
		return tool_usage_error(cmd, "--gen and --btf both name the generation: give one");
	return EXIT_OK;
}

static int load(const char *cmd, struct map_args *a, struct scx_cid_map **map)
{
	if (a->btf && scx_cid_gen_of_kernel(a->btf, &a->gen, &a->btf_source))
		return tool_error(EXIT_FAIL, cmd, "%s", scxcmask_errmsg());
	{
		SCX_CID_MAP_OPTS(opts, .shard_size = a->shard_size, .gen = a->gen);

		return tool_load_map(cmd, a->sysfs, &opts, map);
	}
}

/* How the map's generation was chosen, for a person. */
static void print_gen_reason(const struct scx_cid_map *map, const struct map_args *a)
{
	uint32_t source;

	scx_cid_map_gen(map, &source);
	if (!a->btf) {
		printf("%s", scx_cid_gen_source_str(source));
		return;
	}
	printf("from %s", a->btf);
	if (a->btf_source == SCX_CID_GEN_SRC_NO_SCHED_EXT)
		printf(", a kernel without sched_ext: %s assumed",
		       scx_cid_gen_str(SCX_CID_GEN_NEWEST_RELEASED));
	else if (a->btf_source == SCX_CID_GEN_SRC_NO_CID)
		printf(", a kernel without cids: %s assumed",
		       scx_cid_gen_str(SCX_CID_GEN_NEWEST_RELEASED));
}

static void print_int_array(const char *key, const int32_t *v, uint32_t n, const char *tail)
{
	printf("  \"%s\": [", key);
	for (uint32_t i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", v[i]);
	printf("]%s\n", tail);
}

/*
 * JSON with the keys truth.json has, plus "gen" (and "provisional" for
 * 7.4).  Topo objects have eight fields up to 7.3 (a 7.2 map holds -1 in
 * the shard fields, as a 7.2 kernel writes past its 24-byte struct) and
 * ten in 7.4, with the cluster fields.
 */
static void print_map_json(const struct scx_cid_map *map)
{
	uint32_t gen = scx_cid_map_gen(map, NULL);
	uint32_t ncpu = scx_cid_map_nr_cpu_ids(map), ncid = scx_cid_map_nr_cids(map);
	int32_t *c2c = malloc(ncpu * sizeof(*c2c)), *d2c = malloc(ncid * sizeof(*d2c));

	if (!c2c || !d2c) {
		free(c2c);
		free(d2c);
		tool_error(EXIT_FAIL, "map", "out of memory");
		exit(EXIT_FAIL);
	}
	for (uint32_t c = 0; c < ncpu; c++) {
		int cid = scx_cid_map_cpu_to_cid(map, (int)c);

		c2c[c] = cid < 0 ? -1 : cid;
	}
	for (uint32_t c = 0; c < ncid; c++)
		d2c[c] = scx_cid_map_cid_to_cpu(map, (int)c);
	printf("{\n  \"gen\": \"%s\",\n", scx_cid_gen_str(gen));
	if (gen == SCX_CID_GEN_7_4)
		printf("  \"provisional\": true,\n");
	printf("  \"nr_cpu_ids\": %u,\n  \"nr_cids\": %u,\n  \"nr_online_cids\": %u,\n",
	       ncpu, ncid, scx_cid_map_nr_online_cids(map));
	print_int_array("cpu_to_cid", c2c, ncpu, ",");
	print_int_array("cid_to_cpu", d2c, ncid, ",");
	printf("  \"topo\": [\n");
	for (uint32_t c = 0; c < ncid; c++) {
		struct scx_cid_topo t;

		scx_cid_map_topo(map, c, &t);
		printf("    {\"core_cid\": %d, \"core_idx\": %d, \"llc_cid\": %d, \"llc_idx\": %d, "
		       "\"node_cid\": %d, \"node_idx\": %d, \"shard_cid\": %d, \"shard_idx\": %d",
		       t.core_cid, t.core_idx, t.llc_cid, t.llc_idx, t.node_cid, t.node_idx,
		       t.shard_cid, t.shard_idx);
		if (gen >= SCX_CID_GEN_7_4)
			printf(", \"cluster_cid\": %d, \"cluster_idx\": %d", t.cluster_cid,
			       t.cluster_idx);
		printf("}%s\n", c + 1 < ncid ? "," : "");
	}
	printf("  ]\n}\n");
	free(c2c);
	free(d2c);
}

/* Prints "cids a-b" for the cids [first, end). */
static void print_cid_range(uint32_t first, uint32_t end)
{
	if (end - first == 1)
		printf("cid %u", first);
	else
		printf("cids %u-%u", first, end - 1);
}

static void print_core(const struct scx_cid_map *map, uint32_t first, uint32_t end)
{
	struct scx_cid_topo t;

	scx_cid_map_topo(map, first, &t);
	printf("      core %d:", t.core_idx);
	for (uint32_t c = first; c < end; c++)
		printf(" cpu %d = cid %u%s", scx_cid_map_cid_to_cpu(map, (int)c), c,
		       c + 1 < end ? "," : "");
	if (t.shard_idx >= 0 && t.shard_cid == (int32_t)first)
		printf("   [shard %d starts]", t.shard_idx);
	printf("\n");
}

/* Tail cids, in runs where cpu and cid both step by one. */
static void print_tail(const struct scx_cid_map *map, uint32_t first)
{
	uint32_t n = scx_cid_map_nr_cids(map);

	if (first >= n)
		return;
	printf("tail (possible but not walked: offline, or no node), no topology:\n");
	for (uint32_t c = first; c < n;) {
		int cpu = scx_cid_map_cid_to_cpu(map, (int)c);
		uint32_t end = c + 1;

		while (end < n && scx_cid_map_cid_to_cpu(map, (int)end) == cpu + (int)(end - c))
			end++;
		if (end - c == 1)
			printf("  cpu %d = cid %u\n", cpu, c);
		else
			printf("  cpus %d-%d = cids %u-%u\n", cpu, cpu + (int)(end - c) - 1, c, end - 1);
		c = end;
	}
}

/* The cores of cids [c, end), at the core's indentation. */
static void print_cores(const struct scx_cid_map *map, uint32_t c, uint32_t end)
{
	while (c < end) {
		uint32_t core_end = tool_unit_end(map, c, end, TOOL_UNIT_CORE);

		print_core(map, c, core_end);
		c = core_end;
	}
}

/* 7.4: the clusters of cids [c, end), then their cores. */
static void print_clusters(const struct scx_cid_map *map, uint32_t c, uint32_t end)
{
	while (c < end) {
		uint32_t cl_end = tool_unit_end(map, c, end, TOOL_UNIT_CLUSTER);
		struct scx_cid_topo t;

		scx_cid_map_topo(map, c, &t);
		printf("    cluster %d: ", t.cluster_idx);
		print_cid_range(c, cl_end);
		printf("\n");
		print_cores(map, c, cl_end);
		c = cl_end;
	}
}

static void print_map_tree(const struct scx_cid_map *map, const struct map_args *a)
{
	uint32_t n = scx_cid_map_nr_cids(map), c = 0, gen = scx_cid_map_gen(map, NULL);

	printf("%u possible cpus (nr_cpu_ids %u), %u online; kernel %s%s (",
	       n, scx_cid_map_nr_cpu_ids(map), scx_cid_map_nr_online_cids(map),
	       scx_cid_gen_str(gen), gen == SCX_CID_GEN_7_4 ? " PROVISIONAL" : "");
	print_gen_reason(map, a);
	printf("), %u shards\n", scx_cid_map_nr_shards(map));
	if (gen == SCX_CID_GEN_7_4)
		printf("7.4 is provisional: the cluster walk (node -> llc -> cluster -> core) of the patch queued for 7.4, not checked against a 7.4 kernel\n");
	while (c < n) {
		struct scx_cid_topo t;
		uint32_t node_end;

		scx_cid_map_topo(map, c, &t);
		if (t.node_idx < 0)
			break;
		node_end = tool_unit_end(map, c, n, TOOL_UNIT_NODE);
		printf("node %d: ", t.node_idx);
		print_cid_range(c, node_end);
		printf("\n");
		while (c < node_end) {
			uint32_t llc_end = tool_unit_end(map, c, node_end, TOOL_UNIT_LLC);

			scx_cid_map_topo(map, c, &t);
			printf("  llc %d: ", t.llc_idx);
			print_cid_range(c, llc_end);
			printf("\n");
			if (gen >= SCX_CID_GEN_7_4)
				print_clusters(map, c, llc_end);
			else
				print_cores(map, c, llc_end);
			c = llc_end;
		}
	}
	print_tail(map, c);
}

/* The picture, to --svg's file or to stdout. */
static int write_svg(const struct map_args *a, const struct scx_cid_map *map)
{
	FILE *f = a->svg_file ? fopen(a->svg_file, "w") : stdout;
	uint32_t gen = scx_cid_map_gen(map, NULL);
	char name[32];
	int err;

	if (!f)
		return tool_error(EXIT_FAIL, "map", "cannot create '%s': %m", a->svg_file);
	snprintf(name, sizeof(name), "%s%s", scx_cid_gen_str(gen),
		 gen == SCX_CID_GEN_7_4 ? " (provisional)" : "");
	err = tool_map_svg(f, map, name);
	if (f == stdout)	/* main() checks and reports what reached stdout */
		return err ? tool_error(EXIT_FAIL, "map", "cannot build the SVG: %m") : EXIT_OK;
	if (fclose(f) || err)
		return tool_error(EXIT_FAIL, "map", "cannot write the SVG to '%s': %m", a->svg_file);
	return EXIT_OK;
}

int cmd_map(int argc, char **argv)
{
	struct scx_cid_map *map;
	struct map_args a;
	int st = parse_map_args("map", argc, argv, &a, false);

	if (st)
		return st < 0 ? EXIT_OK : st;
	st = load("map", &a, &map);
	if (st)
		return st;
	if (a.form == OUT_SVG) {
		st = write_svg(&a, map);
		scx_cid_map_free(map);
		return st;
	}
	if (a.form == OUT_JSON)
		print_map_json(map);
	else
		print_map_tree(map, &a);
	scx_cid_map_free(map);
	return EXIT_OK;	/* main() reports a failed write */
}

static void print_override(const int32_t *c2c, uint32_t ncpu, const int32_t *starts,
			   uint32_t nshards, enum out_form form)
{
	if (form == OUT_JSON) {
		printf("{\n");
		print_int_array("cpu_to_cid", c2c, ncpu, ",");
		print_int_array("shard_start", starts, nshards, "");
		printf("}\n");
		return;
	}
	if (form == OUT_C) {
		printf("/*\n * For scx_bpf_cid_override().  Not const: the kernel rejects .rodata.\n"
		       " * 7.2: (cpu_to_cid, sizeof(cpu_to_cid)) from ops.init().\n"
		       " * 7.3: from ops.init_cids(), with shard_start; 7.3-rc7 takes arena\n"
		       " * pointers and element counts, so copy these into the arena first.\n */\n");
		printf("#define SCX_OVERRIDE_NR_CPU_IDS %u\n#define SCX_OVERRIDE_NR_SHARDS %u\n", ncpu, nshards);
		printf("s32 override_cpu_to_cid[%u] = {", ncpu);
		for (uint32_t i = 0; i < ncpu; i++)
			printf("%s%d", i % 16 ? ", " : (i ? ",\n\t" : "\n\t"), c2c[i]);
		printf("\n};\n");
		if (nshards) {
			printf("s32 override_shard_start[%u] = {", nshards);
			for (uint32_t i = 0; i < nshards; i++)
				printf("%s%d", i % 16 ? ", " : (i ? ",\n\t" : "\n\t"), starts[i]);
			printf("\n};\n");
		}
		return;
	}
	printf("cpu_to_cid (%u entries, -1: not a possible cpu):", ncpu);
	for (uint32_t i = 0; i < ncpu; i++)
		printf(" %d", c2c[i]);
	printf("\nshard_start (%u entries%s):", nshards, nshards ? "" : ", 7.2 has no shards");
	for (uint32_t i = 0; i < nshards; i++)
		printf(" %d", starts[i]);
	printf("\n");
}

int cmd_override(int argc, char **argv)
{
	struct scx_cid_map *map;
	struct map_args a;
	uint32_t ncpu, nshards;
	int32_t *c2c, *starts;
	int st = parse_map_args("override", argc, argv, &a, true);

	if (st)
		return st < 0 ? EXIT_OK : st;
	st = load("override", &a, &map);
	if (st)
		return st;
	ncpu = scx_cid_map_nr_cpu_ids(map);
	nshards = scx_cid_map_nr_shards(map);
	c2c = malloc(ncpu * sizeof(*c2c));
	starts = malloc((nshards ? nshards : 1) * sizeof(*starts));
	if (!c2c || !starts || scx_cid_map_to_override(map, c2c, ncpu, starts, nshards)) {
		st = tool_error(EXIT_FAIL, "override", "cannot build the arrays: %s",
				c2c && starts ? scxcmask_errmsg() : "out of memory");
	} else {
		print_override(c2c, ncpu, starts, nshards, a.form);
	}
	free(c2c);
	free(starts);
	scx_cid_map_free(map);
	return st;	/* main() reports a failed write */
}
