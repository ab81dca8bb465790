// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask: the cid layout of a machine, and conversions between cpus and
 * cids, from the command line.  This file only dispatches; each command
 * lives in a cmd_*.c file and is listed once in the table below.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
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

/* "scxcmask: CMD: MESSAGE" on stderr (no "CMD: " without a command). */
__attribute__((format(printf, 2, 0)))
static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
	fprintf(stderr, "scxcmask: %s%s", cmd ? cmd : "", cmd ? ": " : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int tool_error(int status, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
	return status;
}

static const struct tool_command *find_command(const char *name)
{
	for (size_t i = 0; name && i < NR_COMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

int tool_usage_error(const char *cmd, const char *fmt, ...)
{
	const struct tool_command *c = find_command(cmd);
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
	if (c)	/* the first line of the usage: the synopsis, not the blurb */
		fprintf(stderr, "usage: scxcmask %.*s\n", (int)strcspn(c->usage, "\n"), c->usage);
	else
		usage(stderr);
	return EXIT_USAGE;
}

int tool_help(const char *cmd)
{
	const struct tool_command *c = find_command(cmd);

	printf("usage: scxcmask %s\n", c ? c->usage : cmd);
	return EXIT_OK;
}

/* The long option that @arg ("--name" or "--name=value", maybe abbreviated) names. */
static const struct option *long_named(const struct option *lo, const char *arg, int val)
{
	size_t n;

	if (!lo || !arg || strncmp(arg, "--", 2) || !arg[2])
		return NULL;
	arg += 2;
	n = strcspn(arg, "=");
	for (; lo->name; lo++)
		if (lo->val == val && !strncmp(lo->name, arg, n))
			return lo;
	return NULL;
}

/* "'-x'", or "'-\x01'" for a byte a terminal would not show. */
static const char *short_name(int c, char *buf, size_t len)
{
	if (isprint(c))
		snprintf(buf, len, "'-%c'", c);
	else
		snprintf(buf, len, "'-\\x%02x'", (unsigned int)(unsigned char)c);
	return buf;
}

int tool_getopt_error(const char *cmd, int ret, char **argv, const struct option *longopts)
{
	/*
	 * getopt_long() moves optind past a long option before it reports
	 * one, so argv[optind - 1] is that option as typed.  A short option
	 * may sit inside a cluster (-xy) that optind has not left yet: only
	 * optopt names it, and argv[optind - 1] is then some earlier word.
	 */
	const char *prev = optind > 0 ? argv[optind - 1] : NULL;
	const struct option *lo;
	char sbuf[16];

	if (ret == ':') {
		lo = long_named(longopts, prev, optopt);
		if (lo && lo->has_arg == required_argument)
			return tool_usage_error(cmd, "option '--%s' needs an argument", lo->name);
		return tool_usage_error(cmd, "option %s needs an argument",
					short_name(optopt, sbuf, sizeof(sbuf)));
	}
	if (!optopt) {
		/* an unknown long option, or a prefix of more than one */
		size_t n = prev && prev[0] == '-' ? strcspn(prev, "=") : 0;
		int matches = 0;

		for (lo = longopts; n > 2 && lo && lo->name; lo++)
			matches += !strncmp(lo->name, prev + 2, n - 2);
		if (matches > 1)
			return tool_usage_error(cmd, "ambiguous option '%.*s'", (int)n, prev);
		return tool_usage_error(cmd, "unknown option '%.*s'", (int)(n ? n : strlen(prev ?: "?")),
					prev ?: "?");
	}
	/*
	 * optopt set with '?': a short option we do not have, or "--name=x"
	 * for a long option without arguments.  Only the latter has a '='
	 * in argv[optind - 1] naming a no_argument option with that value;
	 * any earlier such word would have failed first.
	 */
	lo = long_named(longopts, prev, optopt);
	if (lo && lo->has_arg == no_argument && strchr(prev, '='))
		return tool_usage_error(cmd, "option '--%s' takes no argument", lo->name);
	return tool_usage_error(cmd, "unknown option %s", short_name(optopt, sbuf, sizeof(sbuf)));
}

int tool_finish_output(const char *cmd, int status)
{
	/*
	 * As coreutils' close_stdout(): a failed earlier write, a failed
	 * final flush, or a failed close all lose output.  A closed stdout
	 * (EBADF) with nothing written to it lost nothing.
	 */
	bool pending = __fpending(stdout) != 0, failed = ferror(stdout) != 0;
	int err;

	errno = 0;
	if (fclose(stdout)) {
		err = errno;
		if (!failed && !pending && err == EBADF)
			return status;
		tool_error(EXIT_FAIL, cmd, "cannot write to standard output: %s",
			   err ? strerror(err) : "write error");
	} else if (failed) {
		tool_error(EXIT_FAIL, cmd, "cannot write to standard output: an earlier write failed");
	} else {
		return status;
	}
	return status == EXIT_OK ? EXIT_FAIL : status;
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
	const struct tool_command *c;

	if (argc < 2)
		return tool_finish_output(NULL, tool_usage_error(NULL, "no command given"));
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return tool_finish_output(NULL, EXIT_OK);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("scxcmask (libscxcmask) %s\n", scxcmask_version());
		return tool_finish_output(NULL, EXIT_OK);
	}
	c = find_command(argv[1]);
	if (!c)
		return tool_finish_output(NULL, tool_usage_error(NULL, "unknown %s '%s'",
								 argv[1][0] == '-' ? "option" : "command",
								 argv[1]));
	return tool_finish_output(c->name, c->run(argc - 1, argv + 1));
}
