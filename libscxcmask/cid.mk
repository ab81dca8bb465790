# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The cid map: sysfs reader, topology inputs, the kernel's walk, 7.3 shards,
# overrides, lookups.
libscxcmask_libscxcmask_la_SOURCES += \
	libscxcmask/cpubits.h \
	libscxcmask/sysfs.h \
	libscxcmask/sysfs.c \
	libscxcmask/cid_internal.h \
	libscxcmask/cid_input.c \
	libscxcmask/cid_walk.c \
	libscxcmask/cid_shard.c \
	libscxcmask/cid_tables.c \
	libscxcmask/cid_map.c \
	libscxcmask/cid_override.c \
	libscxcmask/cid_gen.c
