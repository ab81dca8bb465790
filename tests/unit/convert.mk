# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Conversions: list and hex syntaxes, cid lists, cmask <-> cpus through maps.
convert_test_support = tests/unit/convert_testlib.h

unit_progs += tests/unit/test_convert_list
tests_unit_test_convert_list_SOURCES = tests/unit/test_convert_list.c $(convert_test_support)
tests_unit_test_convert_list_CFLAGS = $(unit_cflags)
tests_unit_test_convert_list_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_convert_hex
tests_unit_test_convert_hex_SOURCES = tests/unit/test_convert_hex.c $(convert_test_support)
tests_unit_test_convert_hex_CFLAGS = $(unit_cflags)
tests_unit_test_convert_hex_LDADD = $(unit_ldadd)

unit_progs += tests/unit/test_convert_cidlist
tests_unit_test_convert_cidlist_SOURCES = tests/unit/test_convert_cidlist.c $(convert_test_support)
tests_unit_test_convert_cidlist_CFLAGS = $(unit_cflags)
tests_unit_test_convert_cidlist_LDADD = $(unit_ldadd)

# cmask <-> cpus through maps built from the sysfs fixtures (convert-map.sh
# extracts them and runs the program).
unit_script_progs += tests/unit/test_convert_map
tests_unit_test_convert_map_SOURCES = tests/unit/test_convert_map.c $(convert_test_support)
tests_unit_test_convert_map_CFLAGS = $(unit_cflags)
tests_unit_test_convert_map_LDADD = $(unit_ldadd)
TESTS += tests/unit/convert-map.sh
EXTRA_DIST += tests/unit/convert-map.sh tests/fixtures/convert

# scxcmask cids / scxcmask cpus on the fixtures.
TESTS += tests/unit/convert-tool.sh
EXTRA_DIST += tests/unit/convert-tool.sh
