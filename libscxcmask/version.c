// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#include <scxcmask/version.h>

SCXCMASK_API const char *scxcmask_version(void)
{
	return SCXCMASK_VERSION_STRING;
}

SCXCMASK_API unsigned int scxcmask_version_number(void)
{
	return SCXCMASK_VERSION;
}
