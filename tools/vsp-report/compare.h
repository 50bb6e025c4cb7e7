/*
 * Answers: within each shape (experiments equal in every parameter but
 * idf, pstrat, runs and name), every experiment against the best one for
 * each metric; comparisons.csv, runs.tsv and answers.txt.
 */
#ifndef VSP_REPORT_COMPARE_H
#define VSP_REPORT_COMPARE_H

#include "baseline.h"
#include "better.h"
#include "buf.h"
#include "csvout.h"
#include "report.h"

#define COMPARE_ALPHA 0.05	/* family-wise, per shape and metric */
#define COMPARE_POWER 0.8

/* Groups the experiments into shapes and compares them; answer: the
 * metric of the answers (NULL: elapsed_s, else the first metric). */
void compare_all(struct report *r, const struct better *b,
	const char *answer);

/* The answer for one shape, for metric r->answer. */
struct answer {
	enum { A_NONE, A_WIN, A_TIE, A_UNKNOWN } kind;
	size_t best;		/* in report.exps */
	long runner;		/* the closest other one, -1 if none */
	size_t nties;		/* experiments tied with the best (A_TIE) */
};
void compare_answer(const struct report *r, size_t shape, struct answer *a);
/* "idf 2 BAL-ONE": what sets an experiment apart within its shape. */
void compare_placement(const struct report *r, const struct experiment *e,
	struct buf *b);
/* The answer as one sentence, plain text. */
void compare_sentence(const struct report *r, const struct answer *a,
	struct buf *b);
/* A comparison's CSV columns: ratio, its interval (lo, hi), p, p_holm. */
void compare_csv(struct csvw *w, const struct welch *x, double p_holm);
/* Writes comparisons.csv, runs.tsv and answers.txt into dir; b: the -b
 * comparison (its counts end answers.txt) or NULL. */
void compare_write(const struct report *r, const char *dir,
	const struct baseline *b);
/* Formats v with the decimals that 2 significant digits of half (a CI
 * half-width) have, or 6 significant digits when half is 0 or NAN; never
 * in exponent notation (for numbers below 1e15). */
void compare_round(struct buf *b, double v, double half);

#endif
