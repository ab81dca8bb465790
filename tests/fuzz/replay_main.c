// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * Runs a fuzz target's body on every file of its committed corpus, so that
 * 'make check' exercises the corpus everywhere, libFuzzer or not.  The
 * corpus is $top_srcdir/tests/fuzz/corpus/FUZZ_NAME (or the files and
 * directories given as arguments).  A failing input aborts, as under the
 * fuzzer; success prints "N passed, 0 failed".
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parse_fuzz.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

/* Runs @path (a file, or every file in a directory); returns inputs run or -1. */
static long run_path(const char *path)
{
	struct stat st;
	struct dirent *e;
	char child[4096];
	long count = 0;
	DIR *d;

	if (stat(path, &st))
		return -1;
	if (!S_ISDIR(st.st_mode))
		return run_file(path) ? -1 : 1;
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		if (run_file(child)) {
			fprintf(stderr, "cannot read %s\n", child);
			closedir(d);
			return -1;
		}
		count++;
	}
	closedir(d);
	return count;
}

int main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	long total = 0, n;

	if (argc < 2) {
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".", FUZZ_NAME);
		n = run_path(dir);
		if (n < 0) {
			fprintf(stderr, "%s: cannot read the corpus %s\n", argv[0], dir);
			return 1;
		}
		total = n;
	}
	for (int i = 1; i < argc; i++) {
		n = run_path(argv[i]);
		if (n < 0) {
			fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
			return 1;
		}
		total += n;
	}
	if (total == 0) {
		fprintf(stderr, "%s: no inputs\n", argv[0]);
		return 1;
	}
	printf("%s fuzz corpus replayed\n%ld passed, 0 failed\n", FUZZ_NAME, total);
	return 0;
}
