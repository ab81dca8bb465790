# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The arena view: translation, bounds, untrusted cmask headers.
if HAVE_CHECK
unit_progs += tests/unit/arena_test
tests_unit_arena_test_SOURCES = tests/unit/arena_test.c
tests_unit_arena_test_CFLAGS = $(unit_cflags)
tests_unit_arena_test_LDADD = $(unit_ldadd)
endif
