/*
 * Fuzz targets: one per parser, each a fuzz_one() that feeds the bytes to
 * the parser as vsp's tools would. driver.c runs it on standard input
 * (plain runs and afl-fuzz) or as libFuzzer's LLVMFuzzerTestOneInput.
 */
#ifndef VSP_FUZZ_H
#define VSP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

void fuzz_one(const uint8_t *data, size_t n);

/* The bytes as a file: path of a temporary file holding them (the same
 * path each call, removed at exit). */
const char *fuzz_file(const char *name, const uint8_t *data, size_t n);
/* A temporary folder (the same each call), for files a parser wants in
 * one place, such as a configuration folder. */
const char *fuzz_dir(void);
/* The bytes up to the first NUL, as a string (freed by the next call). */
const char *fuzz_str(const uint8_t *data, size_t n);

#endif
