/* vsp's version and those of the libraries it was built with, for provenance. */
#ifndef VSP_VERSION_H
#define VSP_VERSION_H

#include <stdio.h>

#define VSP_VERSION "0.1.0"

/* "name<TAB>version" lines: vsp, libvirt, libxml2, libssh2, libcsv. */
void version_print(FILE *fp);

#endif
