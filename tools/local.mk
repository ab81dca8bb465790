# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The scxcmask command.  Each command group adds its cmd_*.c file here with
# one += line, and one row to the table in tools/scxcmask.c.
bin_PROGRAMS += tools/scxcmask
tools_scxcmask_SOURCES = tools/scxcmask.c tools/commands.h
tools_scxcmask_SOURCES += tools/cmd_map.c
tools_scxcmask_SOURCES += tools/cmd_check.c
tools_scxcmask_SOURCES += tools/cmd_convert.c
tools_scxcmask_LDADD = libscxcmask/libscxcmask.la
tools_scxcmask_SOURCES += tools/map_view.c tools/map_view.h tools/map_svg.c
