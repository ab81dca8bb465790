# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The sysfs reader's syntax rules, on top of the one list and hex parser.
if HAVE_CHECK
unit_progs += tests/unit/test_cid_sysfs
tests_unit_test_cid_sysfs_SOURCES = tests/unit/test_cid_sysfs.c \
	tests/unit/cid_expect.c tests/unit/cid_expect.h
tests_unit_test_cid_sysfs_CFLAGS = $(unit_cflags)
tests_unit_test_cid_sysfs_LDADD = $(unit_ldadd)
endif
