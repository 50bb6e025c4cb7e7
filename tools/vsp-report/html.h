/* index.html: plain HTML that links every table, series file and plot. */
#ifndef VSP_REPORT_HTML_H
#define VSP_REPORT_HTML_H

#include "baseline.h"
#include "plot.h"
#include "report.h"

/* Writes dir/index.html: the answers, the means, the plots, the rest;
 * links only files that exist in dir. b: the -b comparison or NULL. */
void html_write(const struct report *r, const struct plots *p,
	const struct baseline *b, const char *dir);

#endif
