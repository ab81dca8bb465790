# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The header-only bridges to hwloc and libnuma, tested where their
# development files are installed (CI installs both).
EXTRA_DIST += tests/unit/bridge_testlib.h tests/unit/test_bridge_hwloc.c tests/unit/test_bridge_numa.c

if HAVE_CHECK
if HAVE_HWLOC
unit_progs += tests/unit/test_bridge_hwloc
tests_unit_test_bridge_hwloc_SOURCES = tests/unit/test_bridge_hwloc.c tests/unit/bridge_testlib.h
tests_unit_test_bridge_hwloc_CFLAGS = $(unit_cflags) $(HWLOC_CFLAGS)
tests_unit_test_bridge_hwloc_LDADD = $(unit_ldadd) $(HWLOC_LIBS)
endif

if HAVE_NUMA
unit_progs += tests/unit/test_bridge_numa
tests_unit_test_bridge_numa_SOURCES = tests/unit/test_bridge_numa.c tests/unit/bridge_testlib.h
tests_unit_test_bridge_numa_CFLAGS = $(unit_cflags)
tests_unit_test_bridge_numa_LDADD = $(unit_ldadd) $(NUMA_LIBS)
endif
endif
