# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The text parsers' fuzz targets (cpulist, hexmask, cidlist).  'make check'
# replays each target's body on its committed corpus (tests/fuzz/corpus/);
# 'make fuzz-parsers' builds them with libFuzzer, ASan and UBSan and
# fuzzes each for FUZZ_SECONDS (CI stage 51-fuzz-parsers).
parse_fuzz_sources = tests/fuzz/parse_fuzz.h tests/fuzz/replay_main.c

check_PROGRAMS += tests/fuzz/cpulist_replay tests/fuzz/hexmask_replay tests/fuzz/cidlist_replay
TESTS += tests/fuzz/cpulist_replay tests/fuzz/hexmask_replay tests/fuzz/cidlist_replay

tests_fuzz_cpulist_replay_SOURCES = tests/fuzz/cpulist_fuzz.c $(parse_fuzz_sources)
tests_fuzz_cpulist_replay_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"cpulist"'
tests_fuzz_cpulist_replay_LDADD = libscxcmask/libscxcmask.la
tests_fuzz_hexmask_replay_SOURCES = tests/fuzz/hexmask_fuzz.c $(parse_fuzz_sources)
tests_fuzz_hexmask_replay_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"hexmask"'
tests_fuzz_hexmask_replay_LDADD = libscxcmask/libscxcmask.la
tests_fuzz_cidlist_replay_SOURCES = tests/fuzz/cidlist_fuzz.c $(parse_fuzz_sources)
tests_fuzz_cidlist_replay_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"cidlist"'
tests_fuzz_cidlist_replay_LDADD = libscxcmask/libscxcmask.la

EXTRA_DIST += tests/fuzz/parsers-fuzz.sh tests/fuzz/corpus
fuzz-parsers: all
	$(SHELL) $(srcdir)/tests/fuzz/parsers-fuzz.sh '$(abs_top_srcdir)' '$(abs_top_builddir)' $(FUZZ_SECONDS)
.PHONY: fuzz-parsers
