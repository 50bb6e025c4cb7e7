/*
 * The libvirt calls of vsp-virt up and down as a plain loop in one process,
 * for the bench: baseline up|down XMLDIR URI NAME... [-- URI NAME...]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *s;
	long n;

	if (!fp || fseek(fp, 0, SEEK_END) < 0 || (n = ftell(fp)) < 0)
		exit(1);
	rewind(fp);
	if (!(s = malloc((size_t)n + 1)) || fread(s, 1, (size_t)n, fp) != (size_t)n)
		exit(1);
	s[n] = '\0';
	fclose(fp);
	return s;
}

int
main(int argc, char **argv)
{
	virConnectPtr c = NULL;
	virNodeInfo node;
	int i, up, next_uri = 1;

	if (argc < 4)
		return 2;
	up = !strcmp(argv[1], "up");
	for (i = 3; i < argc; i++) {
		char path[4096], uuid[VIR_UUID_STRING_BUFLEN];
		unsigned char map[64][8];
		virDomainPtr d;
		int st, reason;

		if (!strcmp(argv[i], "--")) {
			virConnectClose(c);
			next_uri = 1;
			continue;
		}
		if (next_uri) {
			if (!(c = virConnectOpen(argv[i])) ||
			    virNodeGetInfo(c, &node) < 0)
				return 1;
			next_uri = 0;
			continue;
		}
		if (up) {
			char *xml;

			snprintf(path, sizeof path, "%s/%s.xml", argv[2], argv[i]);
			xml = slurp(path);
			if (!(d = virDomainDefineXML(c, xml)) || virDomainCreate(d) < 0 ||
			    virDomainGetVcpuPinInfo(d, 1, map[0], VIR_CPU_MAPLEN(node.cpus),
			    VIR_DOMAIN_AFFECT_LIVE) < 0 ||
			    virDomainGetState(d, &st, &reason, 0) < 0)
				return 1;
			free(xml);
		} else {
			if (!(d = virDomainLookupByName(c, argv[i])) ||
			    virDomainGetUUIDString(d, uuid) < 0 ||
			    virDomainIsActive(d) < 0 || virDomainDestroy(d) < 0 ||
			    virDomainIsPersistent(d) < 0 ||
			    virDomainUndefineFlags(d, 0) < 0)
				return 1;
		}
		virDomainFree(d);
	}
	virConnectClose(c);
	return 0;
}
