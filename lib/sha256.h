/* SHA-256 (FIPS 180-4): configuration hashes, image checksums. */
#ifndef VSP_SHA256_H
#define VSP_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char blk[64];
	size_t nblk;
};

void sha256_init(struct sha256 *c);
void sha256_add(struct sha256 *c, const void *data, size_t n);
/* Writes 64 lower-case hex digits and a NUL to hex. */
void sha256_hex(struct sha256 *c, char hex[65]);

#endif
