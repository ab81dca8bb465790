// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask cids: a cpulist as cids, and as the cmask the kernel would hand
 * to ops.set_cmask() for that affinity; scxcmask cpus: a cid list back as
 * cpus.  Output is "key value" lines, one fact per line, for people and
 * scripts alike.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include "commands.h"

struct convert_args {
	const char *sysfs;
	const char *list;
	unsigned int flags;
};

/* EXIT_OK with @a filled, EXIT_USAGE after the message, or -1 after --help. */
static int parse_convert_args(const char *cmd, int argc, char **argv, struct convert_args *a,
			      bool allow_skip)
{
	static const char shortopts[] = ":h";
	static const struct option opts[] = {
		{ "sysfs", required_argument, NULL, 's' },
		{ "skip-unmapped", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	*a = (struct convert_args){ 0 };
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			a->sysfs = optarg;
			break;
		case 'u':
			if (!allow_skip)
				return tool_usage_error(cmd, "unknown option '--skip-unmapped'");
			a->flags |= SCX_CONVERT_SKIP_UNMAPPED;
			break;
		case 'h':
			tool_help(cmd);
			return -1;
		default:
			return tool_getopt_error(cmd, opt, argv, opts);
		}
	}
	if (optind >= argc)
		return tool_usage_error(cmd, "missing the %s argument",
					allow_skip ? "CPULIST" : "CIDLIST");
	a->list = argv[optind++];
	if (optind < argc)
		return tool_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return EXIT_OK;
}

/* Formats with @fmt into a buffer of the measured size and prints "key text". */
static int print_list(const char *cmd, const char *key,
		      int (*fmt)(char *, size_t, const struct scx_cid_map *,
				 const struct scx_cmask *),
		      const struct scx_cid_map *map, const struct scx_cmask *m)
{
	int n = fmt(NULL, 0, map, m);
	char *buf;

	if (n < 0)
		return tool_error(EXIT_FAIL, cmd, "%s", scxcmask_errmsg());
	buf = malloc((size_t)n + 1);
	if (!buf)
		return tool_error(EXIT_FAIL, cmd, "out of memory");
	if (fmt(buf, (size_t)n + 1, map, m) < 0) {
		free(buf);
		return tool_error(EXIT_FAIL, cmd, "%s", scxcmask_errmsg());
	}
	printf("%s %s\n", key, buf);
	free(buf);
	return EXIT_OK;
}

static int format_cids(char *buf, size_t len, const struct scx_cid_map *map,
		       const struct scx_cmask *m)
{
	(void)map;
	return scx_cmask_format_cidlist(buf, len, m);
}

static void print_words(const struct scx_cmask *m)
{
	printf("base %" PRIu32 "\nnr_cids %" PRIu32 "\nalloc_words %" PRIu32 "\nwords",
	       m->base, m->nr_cids, m->alloc_words);
	for (uint32_t w = 0; w < m->alloc_words; w++)
		printf(" 0x%" PRIx64, m->bits[w]);
	putchar('\n');
}

/* Loads the map and a kernel-form cmask for it. */
static int setup(const char *cmd, const struct convert_args *a, struct scx_cid_map **map,
		 struct scx_cmask **m)
{
	int status = tool_load_map(cmd, a->sysfs, NULL, map);

	if (status != EXIT_OK)
		return status;
	if (scx_cmask_alloc_for_map(m, *map)) {
		scx_cid_map_free(*map);
		return tool_error(EXIT_FAIL, cmd, "%s", scxcmask_errmsg());
	}
	return EXIT_OK;
}

int cmd_cids(int argc, char **argv)
{
	struct scx_cid_map *map;
	struct scx_cmask *m;
	struct convert_args a;
	int status = parse_convert_args("cids", argc, argv, &a, true);

	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	status = setup("cids", &a, &map, &m);
	if (status != EXIT_OK)
		return status;
	if (scx_cmask_from_cpulist(m, map, a.list, a.flags))
		status = tool_error(EXIT_FAIL, "cids", "%s", scxcmask_errmsg());
	else
		status = print_list("cids", "cids", format_cids, map, m);
	if (status == EXIT_OK)
		print_words(m);
	scx_cmask_free(m);
	scx_cid_map_free(map);
	return status;
}

int cmd_cpus(int argc, char **argv)
{
	struct scx_cid_map *map;
	struct scx_cmask *m;
	struct convert_args a;
	int status = parse_convert_args("cpus", argc, argv, &a, false);

	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	status = setup("cpus", &a, &map, &m);
	if (status != EXIT_OK)
		return status;
	if (scx_cmask_parse_cidlist(m, a.list))
		status = tool_error(EXIT_FAIL, "cpus", "%s", scxcmask_errmsg());
	else
		status = print_list("cpus", "cpus", scx_cmask_to_cpulist, map, m);
	scx_cmask_free(m);
	scx_cid_map_free(map);
	return status;
}
