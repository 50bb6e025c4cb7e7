/* Series of an execution as CSV: <outdir>/mon/<host>.tsv -> series/<exp>/run-NNN.csv. */
#ifndef VSP_REPORT_SERIESCSV_H
#define VSP_REPORT_SERIESCSV_H

#include "report.h"

/* Sets x->series to its file in the report if x has series. */
void series_plan(struct execution *x);
/* Converts the series of x into dir/x->series (nothing if it has none). */
void series_write(const struct execution *x, const char *dir);
/* The series files of x (the .tsv files of its mon folder, sorted), or 0. */
size_t series_files(const struct execution *x, char ***files);
void series_files_free(char **files, size_t n);

#endif
