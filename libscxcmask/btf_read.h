/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/* Reading a BTF file into memory for the layout check (btf_read.c). */
#ifndef SCXCMASK_BTF_READ_H
#define SCXCMASK_BTF_READ_H

#include <stddef.h>

/*
 * The most BTF a check reads: a raw BTF file, a pipe, or an ELF .BTF
 * section.  A vmlinux's BTF is 5-10 MiB; an ELF file itself may be of any
 * size, as only its headers and .BTF are read.
 */
#define SCXCMASK__BTF_MAX_SIZE	(64u << 20)

/*
 * The BTF of @path, raw BTF or an ELF file's .BTF section, in a new buffer
 * (free() it) of *@size bytes.  Regular files and pipes only (a FIFO with
 * no writer reads as empty); the magic is checked on the bytes read.
 * Returns 0, or a negative errno with the message set: -ENOENT, -EISDIR,
 * -EINVAL (not a regular file or pipe, not BTF or ELF, no .BTF, a broken
 * ELF header), -EFBIG (over SCXCMASK__BTF_MAX_SIZE), -ENOMEM, or the
 * errno of open or read.  errno is left as it was.
 */
int scxcmask__btf_read(const char *path, void **data, size_t *size);

#endif /* SCXCMASK_BTF_READ_H */
