# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Unit tests (Check).  Each area adds its programs from its own fragment,
# to one list: unit_progs, the Check programs that run as tests by
# themselves, or unit_script_progs, those a test script runs with
# arguments.  Both build with 'make check'; unit_progs are TESTS and are
# what .ci/stages/21-valgrind.sh runs under valgrind (make print-unit-progs).
unit_progs =
unit_script_progs =
TESTS += tests/unit/check-symbols.sh
EXTRA_DIST += tests/unit/check-symbols.sh tests/unit/check_run.h
# every global symbol of libscxcmask.a is public API or scxcmask__-prefixed
TESTS += tests/unit/check-static-symbols.sh
EXTRA_DIST += tests/unit/check-static-symbols.sh
# every section number or anchor the tree cites in docs/ABI.md exists
TESTS += tests/unit/check-doc-refs.sh
EXTRA_DIST += tests/unit/check-doc-refs.sh
# .ci/run's final table and verdicts, on fake stages
TESTS += tests/unit/check-ci-run.sh
EXTRA_DIST += tests/unit/check-ci-run.sh .ci/lib.sh .ci/summaries.sh

unit_cflags = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
unit_ldadd = libscxcmask/libscxcmask.la $(CHECK_LIBS) $(PTHREAD_LIBS)

include tests/unit/cmask.mk
include tests/unit/cid.mk
include tests/unit/convert.mk
include tests/unit/arena.mk
include tests/unit/btf.mk
include tests/unit/tool.mk
include tests/unit/bridge.mk
include tests/unit/opts.mk
include tests/unit/sysfs.mk
include tests/unit/robust.mk

check_PROGRAMS += $(unit_progs) $(unit_script_progs)
TESTS += $(unit_progs)
print-unit-progs:
	@echo $(unit_progs)
.PHONY: print-unit-progs
