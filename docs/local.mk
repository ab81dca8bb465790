# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Documents installed into $(docdir).  tests/install/check-dist-lists.sh
# fails when a docs/*.md file is missing here.
dist_doc_DATA = \
	README.md \
	docs/ABI.md \
	docs/PERFORMANCE.md \
	docs/RELEASING.md \
	docs/TESTING.md
# the picture in the README
EXTRA_DIST += docs/map-64cpu.png
