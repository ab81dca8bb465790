/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Whether this process can run arena BPF programs: root (the tests load
 * programs, and distributions disable unprivileged BPF) and a kernel that
 * creates a BPF_MAP_TYPE_ARENA map (6.9+).  Header-only, for the test and
 * benchmark loaders.
 */
#ifndef SCXCMASK_TESTS_ARENA_PROBE_H
#define SCXCMASK_TESTS_ARENA_PROBE_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

/* 0 when arenas are usable; otherwise -1 and the reason in @why. */
static inline int arena_probe(char *why, size_t len)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = 1u << 10 /* BPF_F_MMAPABLE */);
	int fd;

	if (geteuid() != 0) {
		snprintf(why, len, "needs root to load BPF programs");
		return -1;
	}
	fd = bpf_map_create(33 /* BPF_MAP_TYPE_ARENA */, "probe_arena", 0, 0, 1, &opts);
	if (fd < 0 && (errno == EPERM || errno == EACCES)) {
		/* not the version: seen on 6.18 hosts, root with CAP_BPF and CAP_SYS_ADMIN */
		snprintf(why, len, "this kernel refuses BPF arena maps to root (BPF_MAP_CREATE: %s); "
			 "make check-vm runs these tests in its guests", strerror(errno));
		return -1;
	}
	if (fd < 0) {
		snprintf(why, len, "this kernel cannot create a BPF arena map (%s); arenas need Linux 6.9+",
			 strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

#endif /* SCXCMASK_TESTS_ARENA_PROBE_H */
