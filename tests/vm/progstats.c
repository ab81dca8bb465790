// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * progstats: one line per BPF program loaded in this kernel, with the
 * verifier's processed-instruction count (bpf_prog_info.verified_insns,
 * the figure veristat prints) and the translated and JITed sizes:
 *
 *	PROG <id> <name> verified_insns=<n> xlated=<bytes> jited=<bytes>
 *
 * and a final "PROGS <count> verified_insns_total=<n>".  For the check-vm
 * guests, where no bpftool is installed: raw bpf(2) calls, no libbpf, so it
 * links statically.  Exits 1 if the kernel refuses to enumerate programs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

int main(void)
{
	unsigned long long total = 0;
	unsigned int id = 0, count = 0;

	for (;;) {
		struct bpf_prog_info info;
		union bpf_attr attr;
		int fd;

		memset(&attr, 0, sizeof(attr));
		attr.start_id = id;
		if (sys_bpf(BPF_PROG_GET_NEXT_ID, &attr)) {
			if (errno == ENOENT)
				break;
			fprintf(stderr, "progstats: BPF_PROG_GET_NEXT_ID: %s\n", strerror(errno));
			return 1;
		}
		id = attr.next_id;
		memset(&attr, 0, sizeof(attr));
		attr.prog_id = id;
		fd = (int)sys_bpf(BPF_PROG_GET_FD_BY_ID, &attr);
		if (fd < 0)
			continue;	/* unloaded meanwhile */
		memset(&info, 0, sizeof(info));
		memset(&attr, 0, sizeof(attr));
		attr.info.bpf_fd = fd;
		attr.info.info_len = sizeof(info);
		attr.info.info = (unsigned long)&info;
		if (!sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr)) {
			printf("PROG %u %s verified_insns=%u xlated=%u jited=%u\n", id,
			       info.name[0] ? info.name : "-", info.verified_insns,
			       info.xlated_prog_len, info.jited_prog_len);
			total += info.verified_insns;
			count++;
		}
		close(fd);
	}
	printf("PROGS %u verified_insns_total=%llu\n", count, total);
	return 0;
}
