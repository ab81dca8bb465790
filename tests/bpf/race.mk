# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Concurrency across the boundary (issue 12, item 4): BPF programs on every
# cpu and agent threads write the same arena words (tests/bpf/race*).
# Native __arena build.  Root, arenas and 2+ cpus, else exit 77; make
# check-vm-bpf runs it in the guests.
EXTRA_DIST += tests/bpf/race.bpf.c tests/bpf/race.h
if HAVE_BPF
check_PROGRAMS += tests/bpf/race
TESTS += tests/bpf/race
tests_bpf_race_SOURCES = tests/bpf/race.c tests/bpf/race.h tests/bpf/arena_probe.h
tests_bpf_race_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_race_LDADD = $(tests_bpf_ldadd) -lpthread
tests/bpf/race_native.bpf.o: $(top_srcdir)/tests/bpf/race.h
tests/bpf/race-race.$(OBJEXT): tests/bpf/race_native.skel.h
endif
