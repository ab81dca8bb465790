# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# cid map unit tests: fixtures (kernel truth, hand-worked synthetic trees),
# API and override validation, and the damaged-tree test of the sysfs reader.
if HAVE_CHECK
unit_progs += tests/unit/test_cid_fixtures tests/unit/test_cid_map tests/unit/test_cid_damage

tests_unit_test_cid_fixtures_SOURCES = tests/unit/test_cid_fixtures.c \
	tests/unit/cid_expect.c tests/unit/cid_expect.h
tests_unit_test_cid_fixtures_CFLAGS = $(unit_cflags)
tests_unit_test_cid_fixtures_LDADD = $(unit_ldadd)

tests_unit_test_cid_map_SOURCES = tests/unit/test_cid_map.c \
	tests/unit/cid_expect.c tests/unit/cid_expect.h
tests_unit_test_cid_map_CFLAGS = $(unit_cflags)
tests_unit_test_cid_map_LDADD = $(unit_ldadd)

tests_unit_test_cid_damage_SOURCES = tests/unit/test_cid_damage.c \
	tests/unit/cid_expect.c tests/unit/cid_expect.h
tests_unit_test_cid_damage_CFLAGS = $(unit_cflags)
tests_unit_test_cid_damage_LDADD = $(unit_ldadd)
endif

EXTRA_DIST += tests/fixtures/make-synthetic.sh \
	tests/fixtures/synthetic \
	tests/fixtures/cidtruth \
	tests/fixtures/realsysfs
