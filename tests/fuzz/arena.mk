# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The arena view's fuzz target.  'make check' replays it on a fixed set of
# pseudo-random inputs (tests/fuzz/arena_fuzz); 'make fuzz-arena' builds it
# with libFuzzer and ASan and fuzzes for FUZZ_SECONDS (CI stage 52).
check_PROGRAMS += tests/fuzz/arena_fuzz
TESTS += tests/fuzz/arena_fuzz
tests_fuzz_arena_fuzz_SOURCES = tests/fuzz/arena_fuzz.c
tests_fuzz_arena_fuzz_CPPFLAGS = $(AM_CPPFLAGS) -DARENA_FUZZ_MAIN
tests_fuzz_arena_fuzz_LDADD = libscxcmask/libscxcmask.la

EXTRA_DIST += tests/fuzz/arena-fuzz.sh tests/fuzz/fuzz-cc.sh
FUZZ_SECONDS ?= 60
fuzz-arena: all
	$(SHELL) $(srcdir)/tests/fuzz/arena-fuzz.sh '$(abs_top_srcdir)' '$(abs_top_builddir)' $(FUZZ_SECONDS)
.PHONY: fuzz-arena
