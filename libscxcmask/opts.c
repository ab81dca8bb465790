// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
/*
 * The one check behind OPTS_VALID() (internal.h): every opts and report
 * struct of the interface is validated here, with the same rules and the
 * same messages, so that a caller built against a newer header learns the
 * same thing from every function.
 */
#include "internal.h"

bool scxcmask__opts_valid(const void *opts, size_t sz, size_t min_sz, size_t known_sz,
			  const char *type)
{
	const unsigned char *p = opts;

	if (sz < min_sz) {
		scxcmask__fail(-EINVAL, "struct %s: sz %zu is too small, this library needs at least %zu",
			       type, sz, min_sz);
		return false;
	}
	/* a newer caller's fields (or our tail padding) must be zero to be ignored */
	for (size_t i = known_sz; i < sz; i++) {
		if (p[i]) {
			scxcmask__fail(-EINVAL,
				       "struct %s: unknown non-zero field at offset %zu (sz %zu; this library knows %zu bytes)",
				       type, i, sz, known_sz);
			return false;
		}
	}
	return true;
}
