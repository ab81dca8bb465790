# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The options convention, checked once for every opts and report struct.
if HAVE_CHECK
unit_progs += tests/unit/test_opts
tests_unit_test_opts_SOURCES = tests/unit/test_opts.c
tests_unit_test_opts_CFLAGS = $(unit_cflags)
tests_unit_test_opts_LDADD = $(unit_ldadd)
endif
