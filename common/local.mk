# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Headers both compilers build (agent library and BPF programs); installed
# beside the other headers so that <scxcmask/...> reaches them from both.
pkginclude_HEADERS += \
	common/scxcmask/cmask_defs.h \
	common/scxcmask/cmask_ops.h
