# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# libscxcmask.so: one file per concern.  Areas append their sources to
# libscxcmask_libscxcmask_la_SOURCES from their own fragment (*.mk here).
lib_LTLIBRARIES += libscxcmask/libscxcmask.la

libscxcmask_libscxcmask_la_SOURCES = \
	libscxcmask/cmask_user.h \
	libscxcmask/internal.h \
	libscxcmask/errmsg.c \
	libscxcmask/opts.c \
	libscxcmask/cmask.c \
	libscxcmask/version.c

libscxcmask_libscxcmask_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(LIBBPF_CFLAGS)
libscxcmask_libscxcmask_la_LIBADD = $(LIBBPF_LIBS)
libscxcmask_libscxcmask_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(SCXCMASK_LT_VERSION_INFO) \
	-Wl,--version-script=$(srcdir)/libscxcmask/libscxcmask.map $(NO_UNDEFINED_LDFLAGS)
EXTRA_libscxcmask_libscxcmask_la_DEPENDENCIES = libscxcmask/libscxcmask.map
EXTRA_DIST += libscxcmask/libscxcmask.map

include libscxcmask/cid.mk
include libscxcmask/convert.mk
include libscxcmask/arena.mk
include libscxcmask/btf.mk

pkginclude_HEADERS += \
	include/scxcmask/scxcmask.h \
	include/scxcmask/common.h \
	include/scxcmask/cmask.h \
	include/scxcmask/cid.h
nodist_pkginclude_HEADERS += include/scxcmask/version.h
# Header-only bridges to hwloc and libnuma: no link dependency for anyone
# who does not include them.
pkginclude_HEADERS += include/scxcmask/bridge.h include/scxcmask/hwloc.h include/scxcmask/numa.h
