// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * LD_PRELOAD shim for sysfs-complexity.sh: counts the files a process opens
 * (open, openat, fopen and their 64-bit aliases) and lets the test read the
 * count through scxcmask_test_opens(), looked up with dlsym() so that a
 * run without the shim fails loudly instead of counting nothing.  Built
 * without sanitizers: it only forwards to the next definition.
 */
#undef _FORTIFY_SOURCE
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>

unsigned long scxcmask_test_opens(void);

static unsigned long opens;

unsigned long scxcmask_test_opens(void)
{
	return __atomic_load_n(&opens, __ATOMIC_RELAXED);
}

static void count(void)
{
	__atomic_fetch_add(&opens, 1, __ATOMIC_RELAXED);
}

/* The mode argument exists only with O_CREAT or O_TMPFILE. */
#define MODE_ARG(flags, mode)							\
	do {									\
		if ((flags) & (O_CREAT | O_TMPFILE)) {				\
			va_list ap;						\
			va_start(ap, flags);					\
			mode = (mode_t)va_arg(ap, int);				\
			va_end(ap);						\
		}								\
	} while (0)

#define FORWARD(ret, name, params, args)					\
	ret name params								\
	{									\
		static ret (*next) params;					\
		if (!next)							\
			*(void **)&next = dlsym(RTLD_NEXT, #name);		\
		count();							\
		return next args;						\
	}

int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
FILE *fopen(const char *path, const char *mode);
FILE *fopen64(const char *path, const char *mode);

#define FORWARD_OPEN(name)							\
	int name(const char *path, int flags, ...)				\
	{									\
		static int (*next)(const char *, int, ...);			\
		mode_t mode = 0;						\
		MODE_ARG(flags, mode);						\
		if (!next)							\
			*(void **)&next = dlsym(RTLD_NEXT, #name);		\
		count();							\
		return next(path, flags, mode);					\
	}
#define FORWARD_OPENAT(name)							\
	int name(int dirfd, const char *path, int flags, ...)			\
	{									\
		static int (*next)(int, const char *, int, ...);		\
		mode_t mode = 0;						\
		MODE_ARG(flags, mode);						\
		if (!next)							\
			*(void **)&next = dlsym(RTLD_NEXT, #name);		\
		count();							\
		return next(dirfd, path, flags, mode);				\
	}

FORWARD_OPEN(open)
FORWARD_OPEN(open64)
FORWARD_OPENAT(openat)
FORWARD_OPENAT(openat64)
FORWARD(FILE *, fopen, (const char *path, const char *mode), (path, mode))
FORWARD(FILE *, fopen64, (const char *path, const char *mode), (path, mode))
