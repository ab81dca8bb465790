// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Reading a BTF file for the layout check: raw BTF, or the .BTF section of
 * an ELF file (a vmlinux), into memory, so that libbpf parses a buffer and
 * never opens the file itself.  The file is opened once, each byte read at
 * most once, and the magic is checked on what was read: a pipe
 * (/dev/stdin) works, and a FIFO with no writer reads as empty instead of
 * blocking the open.  Everything in the file is untrusted: every offset
 * and size of the ELF headers is checked before it is used.
 */
#include "config.h"
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "btf_read.h"
#include "internal.h"

/* Where the bytes come from: a buffer (a pipe read whole) or a regular file. */
struct src {
	const char *path;
	int fd;				/* pread() from here when @buf is NULL */
	const unsigned char *buf;
	uint64_t size;
	bool msb;			/* big-endian ELF */
	bool is64;
};

static int read_error(const struct src *s, int err)
{
	return scxcmask__fail(-err, "%s: read error: %s", s->path, strerror(err));
}

/* [off, off + len) of the source into @dst; -EINVAL if it is not all there. */
static int src_read(const struct src *s, uint64_t off, void *dst, size_t len, const char *what)
{
	if (off > s->size || len > s->size - off)
		return scxcmask__fail(-EINVAL,
				      "%s: truncated ELF file: %s at offset %" PRIu64 " (+%zu) is past its end (%" PRIu64 " bytes)",
				      s->path, what, off, len, s->size);
	if (s->buf) {
		memcpy(dst, s->buf + off, len);
		return 0;
	}
	for (size_t done = 0; done < len;) {
		ssize_t n = pread(s->fd, (char *)dst + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return read_error(s, errno);
		if (n == 0)	/* the file shrank under us */
			return scxcmask__fail(-EINVAL, "%s: %s at offset %" PRIu64 " ends early",
					      s->path, what, off);
		done += (size_t)n;
	}
	return 0;
}

static uint64_t get(const struct src *s, const unsigned char *p, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < n; i++)
		v |= (uint64_t)p[s->msb ? n - 1 - i : i] << (8 * i);
	return v;
}

/* One section header's name offset, offset and size. */
struct shdr {
	uint32_t name;
	uint64_t off, size;
	uint32_t type;
};

static int read_shdr(const struct src *s, uint64_t shoff, uint32_t entsize, uint32_t i,
		     struct shdr *h)
{
	unsigned char b[sizeof(Elf64_Shdr)];
	int err = src_read(s, shoff + (uint64_t)i * entsize, b, entsize, "a section header");

	if (err)
		return err;
	h->name = (uint32_t)get(s, b, 4);
	h->type = (uint32_t)get(s, b + 4, 4);
	if (s->is64) {
		h->off = get(s, b + offsetof(Elf64_Shdr, sh_offset), 8);
		h->size = get(s, b + offsetof(Elf64_Shdr, sh_size), 8);
	} else {
		h->off = get(s, b + offsetof(Elf32_Shdr, sh_offset), 4);
		h->size = get(s, b + offsetof(Elf32_Shdr, sh_size), 4);
	}
	return 0;
}

/* The .BTF section of the ELF file @s into a new buffer. */
static int elf_btf(struct src *s, void **data, size_t *size)
{
	unsigned char eh[sizeof(Elf64_Ehdr)], name[sizeof(".BTF")];
	uint64_t shoff;
	uint32_t entsize, shnum, shstrndx;
	struct shdr strtab, h;
	int err = src_read(s, 0, eh, EI_NIDENT, "the ELF header");

	if (err)
		return err;
	if ((eh[EI_CLASS] != ELFCLASS32 && eh[EI_CLASS] != ELFCLASS64) ||
	    (eh[EI_DATA] != ELFDATA2LSB && eh[EI_DATA] != ELFDATA2MSB))
		return scxcmask__fail(-EINVAL, "%s: ELF file of unknown class %u or byte order %u",
				      s->path, eh[EI_CLASS], eh[EI_DATA]);
	s->is64 = eh[EI_CLASS] == ELFCLASS64;
	s->msb = eh[EI_DATA] == ELFDATA2MSB;
	err = src_read(s, 0, eh, s->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr), "the ELF header");
	if (err)
		return err;
	if (s->is64) {
		shoff = get(s, eh + offsetof(Elf64_Ehdr, e_shoff), 8);
		entsize = (uint32_t)get(s, eh + offsetof(Elf64_Ehdr, e_shentsize), 2);
		shnum = (uint32_t)get(s, eh + offsetof(Elf64_Ehdr, e_shnum), 2);
		shstrndx = (uint32_t)get(s, eh + offsetof(Elf64_Ehdr, e_shstrndx), 2);
	} else {
		shoff = get(s, eh + offsetof(Elf32_Ehdr, e_shoff), 4);
		entsize = (uint32_t)get(s, eh + offsetof(Elf32_Ehdr, e_shentsize), 2);
		shnum = (uint32_t)get(s, eh + offsetof(Elf32_Ehdr, e_shnum), 2);
		shstrndx = (uint32_t)get(s, eh + offsetof(Elf32_Ehdr, e_shstrndx), 2);
	}
	if (entsize != (s->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
		return scxcmask__fail(-EINVAL, "%s: ELF section headers of %" PRIu32 " bytes", s->path,
				      entsize);
	/* past 0xff00 sections, the count and the name table's index move to section 0 */
	if (shnum == 0 || shstrndx == SHN_XINDEX) {
		unsigned char b[sizeof(Elf64_Shdr)];

		err = src_read(s, shoff, b, entsize, "section header 0");
		if (err)
			return err;
		if (shnum == 0)
			shnum = (uint32_t)(s->is64 ? get(s, b + offsetof(Elf64_Shdr, sh_size), 8)
						   : get(s, b + offsetof(Elf32_Shdr, sh_size), 4));
		if (shstrndx == SHN_XINDEX)
			shstrndx = (uint32_t)get(s, b + (s->is64 ? offsetof(Elf64_Shdr, sh_link)
								 : offsetof(Elf32_Shdr, sh_link)), 4);
	}
	if (!shnum || shstrndx >= shnum)
		return scxcmask__fail(-EINVAL, "%s: ELF file without a section name table", s->path);
	err = read_shdr(s, shoff, entsize, shstrndx, &strtab);
	if (err)
		return err;
	if (strtab.off > s->size || strtab.size > s->size - strtab.off)
		return scxcmask__fail(-EINVAL, "%s: the ELF section name table is past the end of the file",
				      s->path);
	for (uint32_t i = 1; i < shnum; i++) {
		err = read_shdr(s, shoff, entsize, i, &h);
		if (err)
			return err;
		if (h.name >= strtab.size || strtab.size - h.name < sizeof(name))
			continue;
		err = src_read(s, strtab.off + h.name, name, sizeof(name), "a section name");
		if (err)
			return err;
		if (memcmp(name, ".BTF", sizeof(name)))
			continue;
		if (h.type == SHT_NOBITS || !h.size)
			return scxcmask__fail(-EINVAL, "%s: the ELF .BTF section is empty", s->path);
		if (h.size > SCXCMASK__BTF_MAX_SIZE)
			return scxcmask__fail(-EFBIG,
					      "%s: the .BTF section is %" PRIu64 " bytes, more than the %u MiB a BTF check reads",
					      s->path, h.size, SCXCMASK__BTF_MAX_SIZE >> 20);
		*data = malloc(h.size);
		if (!*data)
			return scxcmask__fail(-ENOMEM, "%s: no memory for %" PRIu64 " bytes of BTF",
					      s->path, h.size);
		err = src_read(s, h.off, *data, h.size, "the .BTF section");
		if (err) {
			free(*data);
			*data = NULL;
			return err;
		}
		*size = h.size;
		return 0;
	}
	return scxcmask__fail(-EINVAL, "%s: ELF file without a .BTF section", s->path);
}

/*
 * The whole of a pipe, up to the cap.  Blocks while a writer is there and
 * silent, as reading any pipe does; with no writer it is at its end.
 */
static int read_stream(const struct src *s, unsigned char **out, size_t *len)
{
	size_t cap = 1 << 16, used = 0;
	unsigned char *buf = malloc(cap), *nb;

	if (!buf)
		return scxcmask__fail(-ENOMEM, "%s: no memory to read it", s->path);
	for (;;) {
		ssize_t n;

		if (used == cap) {
			/* one byte past the cap tells "too big" from "exactly the cap" */
			size_t ncap = cap * 2 > SCXCMASK__BTF_MAX_SIZE + 1 ? SCXCMASK__BTF_MAX_SIZE + 1
									  : cap * 2;

			if (used > SCXCMASK__BTF_MAX_SIZE) {
				free(buf);
				return scxcmask__fail(-EFBIG, "%s: more than the %u MiB a BTF check reads",
						      s->path, SCXCMASK__BTF_MAX_SIZE >> 20);
			}
			nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				return scxcmask__fail(-ENOMEM, "%s: no memory to read it", s->path);
			}
			buf = nb;
			cap = ncap;
		}
		n = read(s->fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			free(buf);
			return read_error(s, err);
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > SCXCMASK__BTF_MAX_SIZE) {
		free(buf);
		return scxcmask__fail(-EFBIG, "%s: more than the %u MiB a BTF check reads", s->path,
				      SCXCMASK__BTF_MAX_SIZE >> 20);
	}
	*out = buf;
	*len = used;
	return 0;
}

static int open_btf(const char *path, int *fd, struct stat *st)
{
	/* O_NONBLOCK: opening a FIFO does not wait for a writer */
	int err;

	*fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (*fd < 0) {
		err = errno;
		if (err == ENOENT)
			return scxcmask__fail(-ENOENT, "%s: no such file", path);
		return scxcmask__fail(-err, "%s: cannot open: %s", path, strerror(err));
	}
	if (fstat(*fd, st)) {
		err = errno;
		close(*fd);
		return scxcmask__fail(-err, "%s: cannot stat: %s", path, strerror(err));
	}
	if (S_ISDIR(st->st_mode))
		err = scxcmask__fail(-EISDIR, "%s: is a directory", path);
	else if (!S_ISREG(st->st_mode) && !S_ISFIFO(st->st_mode))
		err = scxcmask__fail(-EINVAL, "%s: not a regular file or a pipe (a %s)", path,
				     S_ISCHR(st->st_mode) ? "character device" :
				     S_ISBLK(st->st_mode) ? "block device" :
				     S_ISSOCK(st->st_mode) ? "socket" : "special file");
	/* from here on a pipe is read as any pipe: blocking while it has a writer */
	else if (S_ISFIFO(st->st_mode) && fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK))
		err = scxcmask__fail(-errno, "%s: cannot read: %s", path, strerror(errno));
	else
		return 0;
	close(*fd);
	return err;
}

static bool btf_magic(const unsigned char *m)
{
	return (m[0] == 0x9f && m[1] == 0xeb) || (m[0] == 0xeb && m[1] == 0x9f);
}

int scxcmask__btf_read(const char *path, void **data, size_t *size)
{
	struct src s = { .path = path, .fd = -1 };
	unsigned char magic[4] = { 0 }, *whole = NULL;
	int saved_errno = errno, err;
	struct stat st;
	size_t len = 0;

	*data = NULL;
	*size = 0;
	err = open_btf(path, &s.fd, &st);
	if (err)
		goto out;
	if (S_ISFIFO(st.st_mode)) {
		err = read_stream(&s, &whole, &len);
		if (err)
			goto out;
		s.buf = whole;
		s.size = len;
	} else {
		/* sysfs files may claim any size: ask the file, not st_size */
		off_t end = lseek(s.fd, 0, SEEK_END);

		if (end < 0) {
			err = read_error(&s, errno);
			goto out;
		}
		s.size = (uint64_t)end;
	}
	if (!s.size) {
		err = scxcmask__fail(-EINVAL, "%s: empty, so not a BTF file%s", path,
				     S_ISFIFO(st.st_mode) ? " (a pipe with no writer, or nothing written)" : "");
		goto out;
	}
	if (s.size < sizeof(magic) || src_read(&s, 0, magic, sizeof(magic), "the magic") ||
	    !(btf_magic(magic) || !memcmp(magic, ELFMAG, SELFMAG))) {
		err = scxcmask__fail(-EINVAL, "%s: not a BTF file (no BTF or ELF magic)", path);
		goto out;
	}
	if (!memcmp(magic, ELFMAG, SELFMAG)) {
		err = elf_btf(&s, data, size);
		goto out;
	}
	if (whole) {	/* raw BTF from a pipe: the buffer is the BTF */
		*data = whole;
		*size = len;
		whole = NULL;
		goto out;
	}
	if (s.size > SCXCMASK__BTF_MAX_SIZE) {
		err = scxcmask__fail(-EFBIG, "%s: %" PRIu64 " bytes, more than the %u MiB a BTF check reads",
				     path, s.size, SCXCMASK__BTF_MAX_SIZE >> 20);
		goto out;
	}
	*data = malloc(s.size);
	if (!*data) {
		err = scxcmask__fail(-ENOMEM, "%s: no memory for %" PRIu64 " bytes", path, s.size);
		goto out;
	}
	err = src_read(&s, 0, *data, s.size, "the BTF");
	if (err) {
		free(*data);
		*data = NULL;
		goto out;
	}
	*size = s.size;
out:
	free(whole);
	if (s.fd >= 0)
		close(s.fd);
	errno = saved_errno;
	return err;
}
