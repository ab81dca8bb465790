# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Manual pages.  Section 3 is generated at build time from the kernel-doc
# comments of the public headers by scripts/gen-man.pl, so the pages say
# what the headers say: one page per header plus a ".so" page per function.
# Which functions exist is known only after reading the headers, so those
# pages install from the generated list (man/man3/pages) rather than from
# an automake variable.  scxcmask(1) is written by hand;
# tests/install/check-man.sh holds it to 'scxcmask --help'.
man_headers = $(filter include/scxcmask/%.h,$(pkginclude_HEADERS))
man_header_paths = $(man_headers:%=$(srcdir)/%) include/scxcmask/version.h
man3dir = $(mandir)/man3
GEN_MAN = perl $(srcdir)/scripts/gen-man.pl

man/man3/pages: $(man_header_paths) $(srcdir)/scripts/gen-man.pl
	$(AM_V_GEN)rm -rf man/man3 && $(MKDIR_P) man/man3 && \
	$(GEN_MAN) --version '$(PACKAGE_VERSION)' --outdir man/man3 $(man_header_paths)

man/scxcmask.1: $(srcdir)/man/scxcmask.1.in Makefile
	$(AM_V_GEN)$(MKDIR_P) man && \
	sed -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' $(srcdir)/man/scxcmask.1.in > $@.tmp && mv $@.tmp $@

nodist_man1_MANS = man/scxcmask.1
EXTRA_DIST += man/scxcmask.1.in scripts/gen-man.pl
CLEANFILES += man/scxcmask.1

all-local: man/man3/pages

install-data-local: install-man3-generated
install-man3-generated: man/man3/pages
	@$(NORMAL_INSTALL)
	$(MKDIR_P) '$(DESTDIR)$(man3dir)'
	$(INSTALL_DATA) $$(sed 's|^|man/man3/|' man/man3/pages) '$(DESTDIR)$(man3dir)'

uninstall-local: uninstall-man3-generated
uninstall-man3-generated:
	@$(NORMAL_UNINSTALL)
	test ! -f man/man3/pages || \
	  (cd '$(DESTDIR)$(man3dir)' 2>/dev/null && rm -f $$(cat '$(abs_builddir)/man/man3/pages'))

clean_local_targets += clean-man3-generated
clean-man3-generated:
	rm -rf man/man3

.PHONY: install-man3-generated uninstall-man3-generated clean-man3-generated
