/* Name-based UUIDs (RFC 4122 version 5, SHA-1): the same name, the same UUID. */
#ifndef VSP_UUID5_H
#define VSP_UUID5_H

#include <stddef.h>

/* vsp's namespace: uuid5(VSP_UUID_NS, exp + "/" + vm) names a VM. */
#define VSP_UUID_NS "5b0f6c1e-3a57-4f4e-9d35-8c0a2e7b9d41"

/* Writes the 36-character UUID of name in namespace ns (canonical form). */
void uuid5(const char *ns, const char *name, size_t len, char out[37]);
/* The UUID of VM vm of experiment exp. */
void uuid5_vm(const char *exp, const char *vm, char out[37]);

#endif
