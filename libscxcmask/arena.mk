# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The agent's view of a BPF arena: address translation and checked cmasks.
libscxcmask_libscxcmask_la_SOURCES += libscxcmask/arena.c
pkginclude_HEADERS += include/scxcmask/arena.h
