// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * scxcmask check [--btf FILE]: does this kernel (or the kernel whose BTF
 * or vmlinux FILE is) have sched_ext cids, of which generation, and does
 * its struct scx_cmask match the library's?  The exit status carries the
 * verdict for scripts: 0 yes, 1 no (or the BTF is unreadable), 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include <scxcmask/scxcmask.h>
#include "commands.h"

static void check_usage(FILE *f)
{
	fprintf(f, "usage: scxcmask check [--btf FILE]\n"
		   "  FILE: raw BTF or an ELF vmlinux with .BTF (default /sys/kernel/btf/vmlinux)\n"
		   "exit status: 0 cid kernel with the library's cmask layout, 1 not (or BTF\n"
		   "unreadable), 2 usage error\n");
}

int cmd_check(int argc, char **argv)
{
	const char *btf = NULL;
	char report[2048];
	int i, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			check_usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--btf") && i + 1 < argc) {
			btf = argv[++i];
		} else if (!strncmp(argv[i], "--btf=", 6) && argv[i][6]) {
			btf = argv[i] + 6;
		} else {
			tool_error(EXIT_USAGE, "check", "%s '%s'",
				   strcmp(argv[i], "--btf") ? "unknown argument" : "missing FILE after",
				   argv[i]);
			check_usage(stderr);
			return EXIT_USAGE;
		}
	}
	ret = scx_cmask_check_btf(btf, report, sizeof(report));
	if (ret < 0)
		return tool_error(EXIT_FAIL, "check", "%s", scxcmask_errmsg());
	fputs(report, stdout);
	return ret == 0 ? EXIT_OK : EXIT_FAIL;
}
