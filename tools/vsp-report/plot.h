/* Plots with gnuplot (PNG and SVG): each metric as the ratio to the best
 * placement of its shape, with its CI, against nc and idf; CPU series. */
#ifndef VSP_REPORT_PLOT_H
#define VSP_REPORT_PLOT_H

#include "report.h"

struct plot {
	char *name;	/* plots/<name>.png and .svg */
	char *title;
	size_t gp_at;	/* where its part of the gnuplot script starts */
};

struct plots {
	struct plot *v;
	size_t n;
};

/* Writes dir/plots/plots.gp and runs gnuplot in dir (up to jobs at once,
 * each on a batch of the plots); cpu: executions whose CPU series to plot.
 * Ends the program if gnuplot fails. */
void plots_make(const struct report *r, const char *dir,
	struct execution **cpu, size_t ncpu, long jobs, struct plots *out);
/*
 * plots_make in a process of its own (its own process group), drawing
 * while the caller converts the series; its messages wait in a temporary
 * file. plots_finish waits for it, says its messages there (where
 * plots_make would have said them), ends the program as it would have,
 * and gives its plots.
 */
void plots_start(const struct report *r, const char *dir,
	struct execution **cpu, size_t ncpu, long jobs);
void plots_finish(struct plots *out);
void plots_free(struct plots *p);

#endif
