# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The scxcmask command against kernel truth and real machines' trees, and
# the capture helper against the fixtures.
TESTS += tests/unit/tool-map-truth.sh tests/unit/tool-map-realsysfs.sh tests/unit/capture-sysfs.sh
# generations: the provisional 7.4 cluster level, what the default assumes
TESTS += tests/unit/tool-map-gen.sh
EXTRA_DIST += tests/unit/tool-map-gen.sh
EXTRA_DIST += tests/unit/tool-map-truth.sh tests/unit/tool-map-realsysfs.sh \
	tests/unit/capture-sysfs.sh tests/unit/tool-env.sh scripts/capture-sysfs.sh

# scxcmask map --svg: well-formed, every cpu and cid, rendered by chromium.
TESTS += tests/unit/tool-map-svg.sh
EXTRA_DIST += tests/unit/tool-map-svg.sh tests/unit/svg-check.py
clean_local_targets += clean-svg-work
clean-svg-work:
	rm -rf tests/unit/svg-work
.PHONY: clean-svg-work

# Every subcommand's output errors (/dev/full, closed stdout) and usage errors
TESTS += tests/unit/tool-errors.sh
EXTRA_DIST += tests/unit/tool-errors.sh
