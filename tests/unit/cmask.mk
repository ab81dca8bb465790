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

# The same property and table tests with the inline fast path of
# <scxcmask/cmask.h> turned off, so that the exported functions are checked
# on small masks too (the programs above take the inline path there).
unit_progs += tests/unit/test_cmask_prop_noinline
tests_unit_test_cmask_prop_noinline_SOURCES = tests/unit/test_cmask_prop.c $(cmask_test_support)
tests_unit_test_cmask_prop_noinline_CFLAGS = $(unit_cflags) -DSCXCMASK_NO_INLINE
tests_unit_test_cmask_prop_noinline_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_cmask_table_noinline
tests_unit_test_cmask_table_noinline_SOURCES = tests/unit/test_cmask_table.c
tests_unit_test_cmask_table_noinline_CFLAGS = $(unit_cflags) -DSCXCMASK_NO_INLINE
tests_unit_test_cmask_table_noinline_LDADD = $(unit_ldadd)

# Both dispatch targets of the wide word loops (AVX2 and generic), forced
# in turn through SCXCMASK_FORCE_ISA, under both property programs.
TESTS += tests/unit/cmask-isa.sh
EXTRA_DIST += tests/unit/cmask-isa.sh
