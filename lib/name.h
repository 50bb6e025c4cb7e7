/*
 * The one rule for every name vsp takes in: nodes, VMs, prefixes,
 * applications, experiment ids. A name is 1 to NAME_MAX_LEN characters of
 * A-Z a-z 0-9 . _ - and does not start with . or -: safe as a file name, a
 * host name, a libvirt domain name and a shell word. The first tool that
 * sees a name checks it; later tools check again and agree.
 */
#ifndef VSP_NAME_H
#define VSP_NAME_H

#define NAME_MAX_LEN 255
#define NAME_RULE "1 to 255 of A-Z a-z 0-9 . _ -, not starting with . or -"

/* 1 if s is a name. */
int name_ok(const char *s);
/* 1 if s is a name or an IP address (adds : and % for IPv6). */
int addr_ok(const char *s);

#endif
