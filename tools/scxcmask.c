// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask: the cid layout of a machine, and conversions between cpus and
 * cids, from the command line.  This file only dispatches; each command
 * lives in a cmd_*.c file and is listed once in the table below.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include <scxcmask/cid.h>
#include "commands.h"

static const struct tool_command commands[] = {
	{ "map", cmd_map,
	  "map [--sysfs DIR] [--json|--svg [FILE]] [--shard-size N] [--gen 7.2|7.3|7.4 | --btf FILE]\n"
	  "      the cid layout: node -> LLC -> (7.4: cluster ->) core -> cpus and their cids\n"
	  "      (--svg: as a picture)" },
	{ "override", cmd_override,
	  "override [--sysfs DIR] [--json|--c] [--shard-size N] [--gen 7.2|7.3|7.4 | --btf FILE]\n"
	  "      the arrays a scheduler passes to scx_bpf_cid_override()" },
	{ "cids", cmd_cids,
	  "cids CPULIST [--sysfs DIR] [--skip-unmapped]\n"
	  "      the cids of the cpus, and the cmask the kernel passes to set_cmask" },
	{ "cpus", cmd_cpus,
	  "cpus CIDLIST [--sysfs DIR]\n"
	  "      the cpus of the cids, as a cpulist" },
	{ "check", cmd_check,
	  "check [--btf FILE]\n"
	  "      does the kernel (or FILE's BTF) have cids and the library's cmask layout?" },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: scxcmask COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  scxcmask %s\n", commands[i].usage);
	fprintf(f, "\noptions:\n"
		   "  -h, --help     print this help and exit\n"
		   "  --version      print the library version and exit\n"
		   "\nexit status: 0 success, 1 failure (message on stderr), 2 usage error\n");
}

int tool_error(int status, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "scxcmask: %s%s", cmd ? cmd : "", cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int tool_parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

int tool_load_map(const char *cmd, const char *sysfs, const struct scx_cid_map_opts *opts,
		  struct scx_cid_map **out)
{
	int err = scx_cid_map_new_opts(out, sysfs, opts);

	if (err)
		return tool_error(EXIT_FAIL, cmd, "cannot build the cid map of %s: %s",
				  sysfs ? sysfs : "this machine", scxcmask_errmsg());
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("scxcmask (libscxcmask) %s\n", scxcmask_version());
		return EXIT_OK;
	}
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	tool_error(EXIT_USAGE, NULL, "unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
