/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * Expected cid tables written in a fixture (tests/fixtures/): the kernel's
 * own answers converted from truth.json, or tables worked out by hand from
 * docs/ABI.md 6.  Never computed by the library under test.
 */
#ifndef SCXCMASK_TEST_CID_EXPECT_H
#define SCXCMASK_TEST_CID_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include <scxcmask/cid.h>

struct cid_expect {
	uint32_t gen;			/* enum scx_cid_gen */
	uint32_t shard_size;
	uint32_t nr_cpu_ids, nr_cids, nr_online_cids;
	int32_t cpu_to_cid[1024];
	uint32_t nr_cpu_to_cid;
	int32_t cid_to_cpu[1024];
	struct scx_cid_topo topo[1024];
	uint32_t nr_cid_lines;
};

/* Reads @path's expectation lines; 0, or -1 with @why filled. */
int cid_expect_load(const char *path, struct cid_expect *e, char *why, size_t len);
/* Compares every table of @m with @e; 0, or -1 with the first difference in @why. */
int cid_expect_compare(const struct cid_expect *e, const struct scx_cid_map *m, char *why,
		       size_t len);
/* Runs "$cmd" through sh; returns its exit status. */
int cid_test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A fresh temporary directory (static buffer-free: caller's @buf). */
int cid_test_tmpdir(char *buf, size_t len);

#endif
