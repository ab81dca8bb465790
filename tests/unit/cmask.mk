# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# cmask core: table tests, property tests against a naive model, and a
# thread stress test of the atomic single-cid operations.
cmask_test_support = \
	tests/unit/cmask_model.c tests/unit/cmask_model.h \
	tests/unit/cmask_gen.c tests/unit/cmask_gen.h

unit_progs += tests/unit/test_cmask_prop
tests_unit_test_cmask_prop_SOURCES = tests/unit/test_cmask_prop.c $(cmask_test_support)
tests_unit_test_cmask_prop_CFLAGS = $(unit_cflags)
tests_unit_test_cmask_prop_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_cmask_table
tests_unit_test_cmask_table_SOURCES = tests/unit/test_cmask_table.c
tests_unit_test_cmask_table_CFLAGS = $(unit_cflags)
tests_unit_test_cmask_table_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_cmask_guard
tests_unit_test_cmask_guard_SOURCES = tests/unit/test_cmask_guard.c
tests_unit_test_cmask_guard_CFLAGS = $(unit_cflags)
tests_unit_test_cmask_guard_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_cmask_atomic
tests_unit_test_cmask_atomic_SOURCES = tests/unit/test_cmask_atomic.c
tests_unit_test_cmask_atomic_CFLAGS = $(unit_cflags)
tests_unit_test_cmask_atomic_LDADD = $(unit_ldadd)
