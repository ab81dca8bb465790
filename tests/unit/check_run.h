/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The one main() every Check program here needs: run a suite, exit with
 * the automake test protocol's status (0 passed, 1 failed).
 */
#ifndef SCXCMASK_CHECK_RUN_H
#define SCXCMASK_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int t_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* SCXCMASK_CHECK_RUN_H */
