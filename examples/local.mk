# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
noinst_PROGRAMS += examples/basic/basic
examples_basic_basic_SOURCES = examples/basic/basic.c
examples_basic_basic_LDADD = libscxcmask/libscxcmask.la
