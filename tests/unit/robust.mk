# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The defect classes of issue 9: descriptors, size arithmetic, cmasks read
# while another thread rewrites them, and sysfs reading that grows linearly.
robust_support = tests/unit/sysfs_tree.h tests/unit/robust_testlib.h

# Files opened by a map of N cpus: an LD_PRELOAD shim counts them.  The
# shim is built without the sanitizer flags (AM_CFLAGS and AM_LDFLAGS
# carry them): it is loaded ahead of the sanitizer runtime.
check_LTLIBRARIES += tests/unit/open_count.la
tests_unit_open_count_la_SOURCES = tests/unit/open_count.c
tests_unit_open_count_la_CFLAGS = $(WARN_CFLAGS)
tests_unit_open_count_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
tests_unit_open_count_la_LIBADD = -ldl
check_PROGRAMS += tests/unit/test_sysfs_complexity
tests_unit_test_sysfs_complexity_SOURCES = tests/unit/test_sysfs_complexity.c $(robust_support)
tests_unit_test_sysfs_complexity_LDADD = libscxcmask/libscxcmask.la -ldl
TESTS += tests/unit/sysfs-complexity.sh
EXTRA_DIST += tests/unit/sysfs-complexity.sh

# Descriptor tables around every entry point that opens files.
unit_progs += tests/unit/test_fd_safety
tests_unit_test_fd_safety_SOURCES = tests/unit/test_fd_safety.c $(robust_support)
tests_unit_test_fd_safety_LDADD = libscxcmask/libscxcmask.la

# Size and count parameters at their boundaries (the sanitizer stage runs
# make check under ASan and UBSan).
unit_progs += tests/unit/test_size_bounds
tests_unit_test_size_bounds_SOURCES = tests/unit/test_size_bounds.c $(robust_support)
tests_unit_test_size_bounds_LDADD = libscxcmask/libscxcmask.la

# Conversions of sources a thread rewrites meanwhile (arena memory).
unit_progs += tests/unit/test_source_race
tests_unit_test_source_race_SOURCES = tests/unit/test_source_race.c $(robust_support)
tests_unit_test_source_race_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)
tests_unit_test_source_race_LDADD = libscxcmask/libscxcmask.la $(PTHREAD_LIBS)
