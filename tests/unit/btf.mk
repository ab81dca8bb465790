# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The kernel layout check: synthetic BTF of every layout (btf_test).  The
# BTF of Debian's real 7.2 and 7.3 kernels is checked by tests/vm/btf-debian.sh
# (make check-btf-debian, in tests/vm/local.mk: it downloads).
if HAVE_CHECK
check_PROGRAMS += tests/unit/btf_test
TESTS += tests/unit/btf_test
tests_unit_btf_test_SOURCES = tests/unit/btf_test.c
tests_unit_btf_test_CFLAGS = $(unit_cflags) $(LIBBPF_CFLAGS)
tests_unit_btf_test_LDADD = $(unit_ldadd) $(LIBBPF_LIBS)
endif

# 'scxcmask check' on the files btf_test writes
TESTS += tests/unit/check-cmd.sh
EXTRA_DIST += tests/unit/check-cmd.sh
