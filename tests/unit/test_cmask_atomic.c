// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Thread stress of the atomic single-cid operations: several threads
 * hammer the same words, on bits of their own and on shared bits, and no
 * update may be lost.
 *
 * - own bits: each thread cycles its own cids (interleaved, so every word
 *   is shared by all threads) through set/test_and_clear/test_and_set/
 *   clear and checks every answer; a lost update shows up as a wrong one.
 * - shared bits as locks: threads take a cid with test_and_set, bump a
 *   plain counter while holding it, and release it with test_and_clear.
 *   The counters add up to the number of acquisitions only if every
 *   successful test_and_set was exclusive and no release was lost.
 *
 * SCXCMASK_STRESS_ITERS scales the rounds (the valgrind stage lowers it).
 */
#include <check.h>
#include "check_run.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <scxcmask/cmask.h>

#define NR_THREADS	4
#define BASE		37	/* unaligned: the window straddles words */
#define NR_CIDS		300
#define NR_LOCKS	6	/* lock cids, all in one word */
#define LOCK_CID0	130
#define HOT_CID0	200	/* one hot bit per thread, one word */

static SCX_CMASK_STORAGE(NR_CIDS) store;

static unsigned int iters(unsigned int dflt)
{
	const char *s = getenv("SCXCMASK_STRESS_ITERS");

	return s && *s && atoi(s) > 0 ? (unsigned int)atoi(s) : dflt;
}

struct worker {
	pthread_t thread;
	unsigned int id, rounds;
	unsigned long errors, acquired;
};

static pthread_barrier_t start_line;

/* Cids of thread @t: every NR_THREADS-th cid of the window, locks excluded. */
static bool owns(unsigned int t, uint32_t cid)
{
	return (cid - BASE) % NR_THREADS == t &&
	       (cid < LOCK_CID0 || cid >= LOCK_CID0 + NR_LOCKS) &&
	       (cid < HOT_CID0 || cid >= HOT_CID0 + NR_THREADS);
}

static void *own_bits(void *arg)
{
	struct worker *w = arg;
	struct scx_cmask *m = &store.mask;

	pthread_barrier_wait(&start_line);
	for (unsigned int r = 0; r < w->rounds; r++) {
		for (uint32_t cid = BASE; cid < BASE + NR_CIDS; cid++) {
			if (!owns(w->id, cid))
				continue;
			w->errors += scx_cmask_set(cid, m) != 0;
			w->errors += !scx_cmask_test(cid, m);
			w->errors += !scx_cmask_test_and_clear(cid, m);
			w->errors += scx_cmask_test(cid, m);
			w->errors += scx_cmask_test_and_set(cid, m);
			w->errors += scx_cmask_clear(cid, m) != 0;
			w->errors += scx_cmask_test_and_clear(cid, m);
		}
		/* a tight toggle of one bit per thread, all in one word */
		for (int k = 0; k < 64; k++) {
			w->errors += scx_cmask_test_and_set(HOT_CID0 + w->id, m);
			w->errors += !scx_cmask_test_and_clear(HOT_CID0 + w->id, m);
		}
	}
	return NULL;
}

START_TEST(own_bits_in_shared_words)
{
	struct worker w[NR_THREADS];
	unsigned int rounds = iters(3000);

	ck_assert_int_eq(scx_cmask_init(&store.mask, BASE, NR_CIDS), 0);
	pthread_barrier_init(&start_line, NULL, NR_THREADS);
	for (unsigned int t = 0; t < NR_THREADS; t++) {
		w[t] = (struct worker){ .id = t, .rounds = rounds };
		ck_assert_int_eq(pthread_create(&w[t].thread, NULL, own_bits, &w[t]), 0);
	}
	for (unsigned int t = 0; t < NR_THREADS; t++) {
		pthread_join(w[t].thread, NULL);
		ck_assert_msg(w[t].errors == 0, "thread %u saw %lu wrong answers (lost updates)", t,
			      w[t].errors);
	}
	ck_assert(scx_cmask_empty(&store.mask));
	pthread_barrier_destroy(&start_line);
}
END_TEST

/* ------------------------------------------------------------ locks */

static unsigned long counter[NR_LOCKS];	/* guarded by lock cid LOCK_CID0 + i */
static atomic_ulong busy[NR_LOCKS];	/* holders right now: must stay <= 1 */

static void *lock_bits(void *arg)
{
	struct worker *w = arg;
	struct scx_cmask *m = &store.mask;

	pthread_barrier_wait(&start_line);
	for (unsigned int r = 0; r < w->rounds; r++) {
		unsigned int l = (r + w->id) % NR_LOCKS;
		uint32_t cid = LOCK_CID0 + l;

		while (scx_cmask_test_and_set(cid, m))
			sched_yield();
		w->acquired++;
		w->errors += atomic_fetch_add(&busy[l], 1) != 0;
		counter[l]++;
		atomic_fetch_sub(&busy[l], 1);
		w->errors += !scx_cmask_test_and_clear(cid, m);
		/* meanwhile, the neighbours of the locks change under them */
		w->errors += scx_cmask_set(LOCK_CID0 + NR_LOCKS + w->id, m) != 0;
		w->errors += scx_cmask_clear(LOCK_CID0 + NR_LOCKS + w->id, m) != 0;
	}
	return NULL;
}

START_TEST(shared_bits_as_locks)
{
	struct worker w[NR_THREADS];
	unsigned int rounds = iters(3000) * 10;
	unsigned long total = 0, acquired = 0;

	/* the locks and their neighbours share one word */
	ck_assert_uint_eq(LOCK_CID0 / 64, (LOCK_CID0 + NR_LOCKS + NR_THREADS) / 64);
	ck_assert_int_eq(scx_cmask_init(&store.mask, BASE, NR_CIDS), 0);
	pthread_barrier_init(&start_line, NULL, NR_THREADS);
	for (unsigned int t = 0; t < NR_THREADS; t++) {
		w[t] = (struct worker){ .id = t, .rounds = rounds };
		ck_assert_int_eq(pthread_create(&w[t].thread, NULL, lock_bits, &w[t]), 0);
	}
	for (unsigned int t = 0; t < NR_THREADS; t++) {
		pthread_join(w[t].thread, NULL);
		ck_assert_msg(w[t].errors == 0, "thread %u: %lu exclusion or release errors", t,
			      w[t].errors);
		acquired += w[t].acquired;
	}
	for (unsigned int l = 0; l < NR_LOCKS; l++)
		total += counter[l];
	ck_assert_uint_eq(acquired, (unsigned long)NR_THREADS * rounds);
	ck_assert_msg(total == acquired, "%lu increments for %lu acquisitions", total, acquired);
	ck_assert(scx_cmask_empty(&store.mask));
	pthread_barrier_destroy(&start_line);
}
END_TEST

static Suite *atomic_suite(void)
{
	Suite *s = suite_create("cmask atomics");
	TCase *tc = tcase_create("threads");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, own_bits_in_shared_words);
	tcase_add_test(tc, shared_bits_as_locks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return t_run_suite(atomic_suite());
}
