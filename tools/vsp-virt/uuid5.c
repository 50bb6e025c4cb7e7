#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "uuid5.h"

struct sha1 {
	uint32_t h[5];
	unsigned char block[64];
	size_t used;
	uint64_t total;
};

static uint32_t
rol(uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

static void
sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void
sha1_add(struct sha1 *s, const unsigned char *p, size_t n)
{
	s->total += n;
	while (n--) {
		s->block[s->used++] = *p++;
		if (s->used == 64) {
			sha1_block(s, s->block);
			s->used = 0;
		}
	}
}

static void
sha1_sum(const unsigned char *p, size_t n, unsigned char out[20])
{
	struct sha1 s = { { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	    0xc3d2e1f0 }, { 0 }, 0, 0 };
	uint64_t bits;
	unsigned char len[8];
	int i;

	sha1_add(&s, p, n);
	bits = s.total * 8;
	sha1_add(&s, (const unsigned char *)"\x80", 1);
	while (s.used != 56)
		sha1_add(&s, (const unsigned char *)"", 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_add(&s, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s.h[i / 4] >> (24 - 8 * (i % 4)));
}

static void
uuid_bytes(const char *s, unsigned char out[16])
{
	int i = 0;
	unsigned v;

	for (; *s && i < 16; s++) {
		if (*s == '-')
			continue;
		sscanf(s, "%2x", &v);
		out[i++] = (unsigned char)v;
		s++;
	}
}

void
uuid5(const char *ns, const char *name, size_t len, char out[37])
{
	struct buf b = { 0 };
	unsigned char nsb[16], h[20];

	uuid_bytes(ns, nsb);
	buf_add(&b, (const char *)nsb, 16);
	buf_add(&b, name, len);
	sha1_sum((const unsigned char *)b.s, b.len, h);
	buf_free(&b);
	h[6] = (h[6] & 0x0f) | 0x50;
	h[8] = (h[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4], h[5],
	    h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

void
uuid5_vm(const char *exp, const char *vm, char out[37])
{
	struct buf b = { 0 };

	buf_addf(&b, "%s/%s", exp, vm);
	uuid5(VSP_UUID_NS, b.s, b.len, out);
	buf_free(&b);
}
