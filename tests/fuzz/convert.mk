# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The conversion API's fuzz target (cmask <-> cpu_set_t, u64 bitmaps,
# cpulists, hex masks through cid maps, sizes drawn with the contents).
# 'make check' replays it on tests/fuzz/corpus/convert; parsers-fuzz.sh
# (CI stage 51) fuzzes it with libFuzzer beside the text parsers.
check_PROGRAMS += tests/fuzz/convert_replay
TESTS += tests/fuzz/convert_replay
tests_fuzz_convert_replay_SOURCES = tests/fuzz/convert_fuzz.c $(parse_fuzz_sources) \
	tests/unit/sysfs_tree.h
tests_fuzz_convert_replay_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-DFUZZ_NAME='"convert"'
tests_fuzz_convert_replay_LDADD = libscxcmask/libscxcmask.la
