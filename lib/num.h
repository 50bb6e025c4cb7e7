/* Numbers from text: bounded, whole-field, no trailing garbage. */
#ifndef VSP_NUM_H
#define VSP_NUM_H

/* 0 on success; -1 if s is not an integer; -2 if outside [min, max]. */
int num_long(const char *s, long min, long max, long *out);
/* 0 on success; -1 if s is not a finite decimal number. */
int num_double(const char *s, double *out);
/* "is not a number" / "is out of range": the reason for a num_long result. */
const char *num_reason(int rc);

#endif
