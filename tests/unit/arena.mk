# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The arena view: translation, bounds, untrusted cmask headers.
if HAVE_CHECK
unit_progs += tests/unit/test_arena
tests_unit_test_arena_SOURCES = tests/unit/test_arena.c
tests_unit_test_arena_CFLAGS = $(unit_cflags)
tests_unit_test_arena_LDADD = $(unit_ldadd)
endif
