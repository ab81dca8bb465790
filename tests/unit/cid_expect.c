// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/* Reader and comparator of the expected-table lines of cid fixtures. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "cid_expect.h"

static int read_ints(char *s, int32_t *out, uint32_t max)
{
	uint32_t n = 0;

	for (char *tok = strtok(s, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
		if (n == max)
			return -1;
		out[n++] = (int32_t)strtol(tok, NULL, 10);
	}
	return (int)n;
}

static int parse_line(char *line, struct cid_expect *e)
{
	int32_t v[14];
	int n;

	if (!strncmp(line, "gen ", 4)) {
		if (!strncmp(line + 4, "7.2", 3))
			e->gen = SCX_CID_GEN_7_2;
		else if (!strncmp(line + 4, "7.3", 3))
			e->gen = SCX_CID_GEN_7_3;
		else if (!strncmp(line + 4, "7.4", 3))
			e->gen = SCX_CID_GEN_7_4;
		else
			return -1;
	} else if (sscanf(line, "shard_size %u", &e->shard_size) == 1 ||
		   sscanf(line, "nr_cpu_ids %u", &e->nr_cpu_ids) == 1 ||
		   sscanf(line, "nr_cids %u", &e->nr_cids) == 1 ||
		   sscanf(line, "nr_online_cids %u", &e->nr_online_cids) == 1) {
		return 0;
	} else if (!strncmp(line, "cpu_to_cid ", 11)) {
		n = read_ints(line + 11, e->cpu_to_cid, 1024);
		if (n < 0)
			return -1;
		e->nr_cpu_to_cid = (uint32_t)n;
	} else if (!strncmp(line, "cid ", 4)) {
		struct scx_cid_topo t = SCX_CID_TOPO_NONE;

		/* cid, cpu, then 6 (7.2), 8 (7.3) or 10 (7.4) topo fields */
		n = read_ints(line + 4, v, 14);
		if ((n != 8 && n != 10 && n != 12) || v[0] != (int32_t)e->nr_cid_lines ||
		    v[0] >= 1024)
			return -1;
		memcpy(&t, &v[2], (size_t)(n - 2) * sizeof(int32_t));
		e->cid_to_cpu[v[0]] = v[1];
		e->topo[v[0]] = t;
		e->nr_cid_lines++;
	}
	return 0;
}

int cid_expect_load(const char *path, struct cid_expect *e, char *why, size_t len)
{
	char line[8192];
	unsigned lineno = 0;
	FILE *f = fopen(path, "r");

	memset(e, 0, sizeof(*e));
	if (!f) {
		snprintf(why, len, "cannot open %s", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (parse_line(line, e)) {
			snprintf(why, len, "%s:%u: bad expectation line", path, lineno);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (!e->nr_cids || e->nr_cid_lines != e->nr_cids || e->nr_cpu_to_cid != e->nr_cpu_ids) {
		snprintf(why, len, "%s: incomplete expectations (%u cid lines for %u cids)", path,
			 e->nr_cid_lines, e->nr_cids);
		return -1;
	}
	return 0;
}

static const char *const field_names[] = {
	"core_cid", "core_idx", "llc_cid", "llc_idx", "node_cid", "node_idx", "shard_cid", "shard_idx",
	"cluster_cid", "cluster_idx",
};

#define NR_TOPO_FIELDS (sizeof(field_names) / sizeof(field_names[0]))
_Static_assert(NR_TOPO_FIELDS * sizeof(int32_t) == sizeof(struct scx_cid_topo),
	       "a topo field without a name");

int cid_expect_compare(const struct cid_expect *e, const struct scx_cid_map *m, char *why,
		       size_t len)
{
	if (scx_cid_map_nr_cpu_ids(m) != e->nr_cpu_ids || scx_cid_map_nr_cids(m) != e->nr_cids ||
	    scx_cid_map_nr_online_cids(m) != e->nr_online_cids) {
		snprintf(why, len, "counts %u/%u/%u, expected %u/%u/%u", scx_cid_map_nr_cpu_ids(m),
			 scx_cid_map_nr_cids(m), scx_cid_map_nr_online_cids(m), e->nr_cpu_ids,
			 e->nr_cids, e->nr_online_cids);
		return -1;
	}
	for (uint32_t c = 0; c < e->nr_cpu_ids; c++) {
		int got = scx_cid_map_cpu_to_cid(m, (int)c);

		if ((got < 0 ? -1 : got) != e->cpu_to_cid[c]) {
			snprintf(why, len, "cpu_to_cid[%u] = %d, expected %d", c, got, e->cpu_to_cid[c]);
			return -1;
		}
	}
	for (uint32_t c = 0; c < e->nr_cids; c++) {
		struct scx_cid_topo t;
		int got = scx_cid_map_cid_to_cpu(m, (int)c);

		if (got != e->cid_to_cpu[c]) {
			snprintf(why, len, "cid_to_cpu[%u] = %d, expected %d", c, got, e->cid_to_cpu[c]);
			return -1;
		}
		scx_cid_map_topo(m, c, &t);
		for (size_t f = 0; f < NR_TOPO_FIELDS; f++) {
			int32_t a = ((int32_t *)&t)[f], b = ((const int32_t *)&e->topo[c])[f];

			if (a != b) {
				snprintf(why, len, "topo[%u].%s = %d, expected %d", c, field_names[f], a, b);
				return -1;
			}
		}
	}
	return 0;
}

int cid_test_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int cid_test_tmpdir(char *buf, size_t len)
{
	const char *t = getenv("TMPDIR");

	snprintf(buf, len, "%s/scxcid.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(buf) ? 0 : -1;
}
