/* index.html: plain HTML that links every table, series file and plot. */
#ifndef VSP_REPORT_HTML_H
#define VSP_REPORT_HTML_H

#include "plot.h"
#include "report.h"

/* Writes dir/index.html; links only files that exist in dir. */
void html_write(const struct report *r, const struct plots *p, const char *dir);

#endif
