# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Distribution checks: manual pages, install layout, consumers built
# against an installed copy with only pkg-config, ABI baseline.
TESTS += tests/install/check-man.sh
EXTRA_DIST += tests/install/check-man.sh

# Headers install where consumers include them from, <scxcmask/...>, not
# under the package name (automake's default, include/libscxcmask/).
pkgincludedir = $(includedir)/scxcmask
