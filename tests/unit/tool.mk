# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The scxcmask command against kernel truth and real machines' trees, and
# the capture helper against the fixtures.
TESTS += tests/unit/tool-map-truth.sh tests/unit/tool-map-realsysfs.sh tests/unit/capture-sysfs.sh
EXTRA_DIST += tests/unit/tool-map-truth.sh tests/unit/tool-map-realsysfs.sh \
	tests/unit/capture-sysfs.sh tests/unit/tool-env.sh scripts/capture-sysfs.sh

# Every subcommand's output errors (/dev/full, closed stdout) and usage errors
TESTS += tests/unit/tool-errors.sh
EXTRA_DIST += tests/unit/tool-errors.sh
