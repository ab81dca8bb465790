/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The scxcmask command's subcommands: one prototype per command here, one
 * row per command in the table of scxcmask.c, one cmd_*.c file per group.
 */
#ifndef SCXCMASK_TOOLS_COMMANDS_H
#define SCXCMASK_TOOLS_COMMANDS_H

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
/* Parses a decimal unsigned number; 0 on success. */
int tool_parse_u32(const char *s, uint32_t *out);
/* Builds the map of @sysfs (NULL: this machine), printing the error if any. */
int tool_load_map(const char *cmd, const char *sysfs, const struct scx_cid_map_opts *opts,
		  struct scx_cid_map **out);

#endif /* SCXCMASK_TOOLS_COMMANDS_H */
