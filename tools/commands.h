/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The scxcmask command's subcommands: one prototype per command here, one
 * row per command in the table of scxcmask.c, one cmd_*.c file per group.
 */
#ifndef SCXCMASK_TOOLS_COMMANDS_H
#define SCXCMASK_TOOLS_COMMANDS_H

#include <getopt.h>
#include <scxcmask/cid.h>

/* Exit status of every command. */
enum {
	EXIT_OK = 0,		/* done */
	EXIT_FAIL = 1,		/* input unreadable or not convertible; message on stderr */
	EXIT_USAGE = 2,		/* unknown command or option, missing argument */
};

/*
 * A command runs with argv[0] = its own name and returns an exit status.
 * It prints results on stdout and every error on stderr.
 */
struct tool_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* one or more lines for --help, without the program name */
};

/* cmd_map.c */
int cmd_map(int argc, char **argv);
int cmd_override(int argc, char **argv);

/* cmd_check.c */
int cmd_check(int argc, char **argv);

/* cmd_convert.c */
int cmd_cids(int argc, char **argv);
int cmd_cpus(int argc, char **argv);

/* scxcmask.c: helpers every command shares */

/* "scxcmask: <cmd>: <message>" on stderr; returns @status. */
int tool_error(int status, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * A usage error: the message (which names the offending option or
 * argument), then the usage line of @cmd (NULL: the whole command list),
 * all on stderr.  Returns EXIT_USAGE.
 */
int tool_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The usage error for a getopt_long() return of '?' or ':' (@ret), with
 * opterr = 0 and a short option string starting with ':'.  Names the
 * option getopt stopped at: the character of a short option (optopt, which
 * is right inside a cluster such as -xy, where optind has not moved on),
 * or the long option of @longopts as typed.  Returns EXIT_USAGE.
 */
int tool_getopt_error(const char *cmd, int ret, char **argv, const struct option *longopts);
/* Prints @cmd's usage line on stdout (for --help); returns EXIT_OK. */
int tool_help(const char *cmd);
/*
 * Flushes and closes stdout and reports a write error (a full disk,
 * /dev/full, a closed pipe or descriptor) that happened at any point of
 * the command's output.  main() calls it after every command, so that no
 * command can exit 0 with its output lost.  Returns @status, or EXIT_FAIL
 * when @status was EXIT_OK and the output failed.
 */
int tool_finish_output(const char *cmd, int status);
/* Parses a decimal unsigned number; 0 on success. */
int tool_parse_u32(const char *s, uint32_t *out);
/* Builds the map of @sysfs (NULL: this machine), printing the error if any. */
int tool_load_map(const char *cmd, const char *sysfs, const struct scx_cid_map_opts *opts,
		  struct scx_cid_map **out);

#endif /* SCXCMASK_TOOLS_COMMANDS_H */
