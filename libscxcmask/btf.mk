# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The kernel layout check (struct scx_cmask in kernel BTF); reads BTF with
# libbpf when configure found it, and says so otherwise.
libscxcmask_libscxcmask_la_SOURCES += libscxcmask/btf.c
pkginclude_HEADERS += include/scxcmask/btf.h
# the generation enum both the map and the BTF check use
pkginclude_HEADERS += include/scxcmask/gen.h
libscxcmask_libscxcmask_la_SOURCES += libscxcmask/btf_read.c libscxcmask/btf_read.h
