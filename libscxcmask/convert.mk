# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Conversions: the kernel's list and hex syntaxes, cid lists, and cmask <->
# cpus (cpulist, hex mask, cpu_set_t, raw bitmaps) through a cid map.
libscxcmask_libscxcmask_la_SOURCES += \
	libscxcmask/convert_internal.h \
	libscxcmask/bitrange.c \
	libscxcmask/textout.c \
	libscxcmask/cpulist.c \
	libscxcmask/hexmask.c \
	libscxcmask/cidlist.c \
	libscxcmask/convert.c

pkginclude_HEADERS += include/scxcmask/convert.h
