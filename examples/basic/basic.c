// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * A tour of the cmask API in the agent: two masks over different windows,
 * combined on their intersection, searched round-robin.
 */
#include <stdio.h>
#include <scxcmask/scxcmask.h>

static void show(const char *name, const struct scx_cmask *m)
{
	uint32_t cid;

	printf("  %-8s window [%u, %u) weight %u:", name, m->base, scx_cmask_end(m),
	       scx_cmask_weight(m));
	scx_cmask_for_each(cid, m)
		printf(" %u", cid);
	printf("\n");
}

int main(void)
{
	SCX_CMASK_STORAGE(128) idle, allowed;
	uint32_t cid, next = 0;
	int i;

	printf("libscxcmask %s (headers %s)\n", scxcmask_version(), SCXCMASK_VERSION_STRING);

	/* idle cids of a 100-cid machine; a task allowed on cids 40..139 */
	if (scx_cmask_init(&idle.mask, 0, 100) || scx_cmask_init(&allowed.mask, 40, 100))
		return 1;
	for (cid = 0; cid < 100; cid += 7)
		scx_cmask_set(cid, &idle.mask);
	scx_cmask_fill(&allowed.mask);
	show("idle", &idle.mask);
	show("allowed", &allowed.mask);

	/* idle cids the task may use; the windows overlap on [40, 100) */
	printf("  idle & allowed intersect: %s; subset: %s\n",
	       scx_cmask_intersects(&idle.mask, &allowed.mask) ? "yes" : "no",
	       scx_cmask_subset(&idle.mask, &allowed.mask) ? "yes" : "no");
	printf("  round robin over idle & allowed:");
	for (i = 0; i < 12; i++) {
		cid = scx_cmask_next_and_set_wrap(&idle.mask, &allowed.mask, next);
		if (cid == scx_cmask_end(&idle.mask))
			break;
		printf(" %u", cid);
		next = cid + 1;
	}
	printf("\n");

	scx_cmask_and(&idle.mask, &allowed.mask);	/* only [40, 100) changes */
	show("and", &idle.mask);
	return 0;
}
