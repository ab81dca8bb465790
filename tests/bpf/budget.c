// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Verifier budget: loads budget.bpf.c (one minimal program per cmask
 * helper, masks of unknown geometry up to 129 words) and fails if any
 * program needed more than BUDGET_LIMIT verifier-processed instructions
 * (bpf_prog_info.verified_insns).  Prints the table docs/PERFORMANCE.md
 * records.  Built once per BPF build mode; needs root and arenas (else 77).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "arena_probe.h"

#if defined(BUDGET_FALLBACK)
#include "budget_fallback.skel.h"
#define SKEL(fn)	budget_fallback__##fn
typedef struct budget_fallback skel_t;
static const char mode_name[] = "clang asm-cast fallback, may_goto loops";
#elif defined(BUDGET_BPF_FOR)
#include "budget_bpffor.skel.h"
#define SKEL(fn)	budget_bpffor__##fn
typedef struct budget_bpffor skel_t;
static const char mode_name[] = "clang native __arena, bpf_for loops";
#elif defined(BUDGET_GLOBAL)
#include "budget_global.skel.h"
#define SKEL(fn)	budget_global__##fn
typedef struct budget_global skel_t;
static const char mode_name[] =
	"clang native __arena, may_goto loops, helpers as global subprograms (each counted once)";
#elif defined(BUDGET_NATIVE2)
#include "budget_native2.skel.h"
#define SKEL(fn)	budget_native2__##fn
typedef struct budget_native2 skel_t;
static const char mode_name[] = "second clang (BPF_CLANG2) native __arena, may_goto loops";
#else
#include "budget_native.skel.h"
#define SKEL(fn)	budget_native__##fn
typedef struct budget_native skel_t;
static const char mode_name[] = "clang native __arena, may_goto loops";
#endif

#define BUDGET_LIMIT	100000u

int main(void)
{
	unsigned int passed = 0, failed = 0, worst = 0;
	struct bpf_program *prog;
	char why[256];
	skel_t *skel;

	if (arena_probe(why, sizeof(why))) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	skel = SKEL(open_and_load)();
	if (!skel) {
		printf("FAIL: a program did not pass the verifier (%s); see the log above\n",
		       strerror(errno));
		printf("0 passed, 1 failed\n");
		return 1;
	}
	printf("verifier-processed instructions per helper (%s), limit %u\n", mode_name,
	       BUDGET_LIMIT);
	printf("  %-28s %8s\n", "helper", "insns");
	bpf_object__for_each_program(prog, skel->obj) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		const char *name = bpf_program__name(prog) + strlen("budget_");

		if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len)) {
			printf("FAIL %s: no program info: %s\n", name, strerror(errno));
			failed++;
			continue;
		}
		printf("  %-28s %8u%s\n", name, info.verified_insns,
		       info.verified_insns > BUDGET_LIMIT ? "  OVER BUDGET" : "");
		if (info.verified_insns > worst)
			worst = info.verified_insns;
		if (info.verified_insns > BUDGET_LIMIT)
			failed++;
		else
			passed++;
	}
	SKEL(destroy)(skel);
	printf("largest: %u\n", worst);
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
