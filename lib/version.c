/* Header macros only: printing a version links no library. */
#include <csv.h>
#include <libssh2.h>
#include <libvirt/libvirt.h>
#include <libxml/xmlversion.h>

#include "version.h"

void
version_print(FILE *fp)
{
	fprintf(fp, "vsp\t%s\n", VSP_VERSION);
	fprintf(fp, "libvirt\t%d.%d.%d\n", LIBVIR_VERSION_NUMBER / 1000000,
	    LIBVIR_VERSION_NUMBER / 1000 % 1000, LIBVIR_VERSION_NUMBER % 1000);
	fprintf(fp, "libxml2\t%s\n", LIBXML_DOTTED_VERSION);
	fprintf(fp, "libssh2\t%s\n", LIBSSH2_VERSION);
	fprintf(fp, "libcsv\t%d.%d.%d\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
}
