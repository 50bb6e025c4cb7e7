/* The CSV tables of a report folder. */
#ifndef VSP_REPORT_TABLES_H
#define VSP_REPORT_TABLES_H

#include "report.h"

/* Writes experiments.csv, executions.csv and summary.csv into dir. */
void tables_write(const struct report *r, const char *dir);

#endif
