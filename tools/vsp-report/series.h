/* Series of an execution: <outdir>/mon/<host>.tsv -> series/<exp>/run-NNN.csv. */
#ifndef VSP_REPORT_SERIES_H
#define VSP_REPORT_SERIES_H

#include "report.h"

/* Converts the series of x, if it has any, and sets x->series. */
void series_write(struct execution *x, const char *dir);
/* The series files of x (the .tsv files of its mon folder, sorted), or 0. */
size_t series_files(const struct execution *x, char ***files);
void series_files_free(char **files, size_t n);

#endif
