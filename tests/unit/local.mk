# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Unit tests (Check).  Each area adds its programs from its own fragment.
TESTS += tests/unit/check-symbols.sh
EXTRA_DIST += tests/unit/check-symbols.sh tests/unit/check_run.h

unit_cflags = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
unit_ldadd = libscxcmask/libscxcmask.la $(CHECK_LIBS) $(PTHREAD_LIBS)

include tests/unit/cmask.mk
include tests/unit/cid.mk
include tests/unit/convert.mk
include tests/unit/arena.mk
include tests/unit/btf.mk
include tests/unit/tool.mk
include tests/unit/robust.mk
