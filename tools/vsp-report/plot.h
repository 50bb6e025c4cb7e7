/* Plots with gnuplot (PNG and SVG): each metric as the ratio to the best
 * placement of its shape, with its CI, against nc and idf; CPU series. */
#ifndef VSP_REPORT_PLOT_H
#define VSP_REPORT_PLOT_H

#include "report.h"

struct plot {
	char *name;	/* plots/<name>.png and .svg */
	char *title;
};

struct plots {
	struct plot *v;
	size_t n;
};

/* Writes dir/plots/plots.gp and runs gnuplot in dir; cpu: executions
 * whose CPU series to plot. Ends the program if gnuplot fails. */
void plots_make(const struct report *r, const char *dir,
	struct execution **cpu, size_t ncpu, struct plots *out);
void plots_free(struct plots *p);

#endif
