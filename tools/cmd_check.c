// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask check [--btf FILE]: does this kernel (or the kernel whose BTF
 * or vmlinux FILE is) have sched_ext cids, of which generation, and does
 * its struct scx_cmask match the library's?  The exit status carries the
 * verdict for scripts: 0 yes, 1 no (or the BTF is unreadable), 2 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include "commands.h"

int cmd_check(int argc, char **argv)
{
	static const char shortopts[] = ":h";
	static const struct option opts[] = {
		{ "btf", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *btf = NULL;
	char report[2048];
	int opt, ret;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			if (!*optarg)
				return tool_usage_error("check", "option '--btf' needs a FILE, not ''");
			btf = optarg;
			break;
		case 'h':
			tool_help("check");
			printf("  FILE: raw BTF or an ELF vmlinux with .BTF (default /sys/kernel/btf/vmlinux),\n"
			       "        a regular file or a pipe, at most 64 MiB\n"
			       "exit status: 0 cid kernel with the library's cmask layout, 1 not (or BTF\n"
			       "unreadable), 2 usage error\n");
			return EXIT_OK;
		default:
			return tool_getopt_error("check", opt, argv, opts);
		}
	}
	if (optind < argc)
		return tool_usage_error("check", "unexpected argument '%s'", argv[optind]);
	ret = scx_cmask_check_btf(btf, report, sizeof(report));
	if (ret < 0)
		return tool_error(EXIT_FAIL, "check", "%s", scxcmask_errmsg());
	fputs(report, stdout);
	return ret == 0 ? EXIT_OK : EXIT_FAIL;
}
