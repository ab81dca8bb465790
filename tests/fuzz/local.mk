# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
include tests/fuzz/arena.mk
include tests/fuzz/parsers.mk
include tests/fuzz/convert.mk
