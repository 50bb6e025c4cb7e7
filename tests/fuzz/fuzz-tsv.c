/* The TSV reader (lib/tsv): header, rows, escapes, groups of an experiment. */
#include <stdio.h>

#include "buf.h"
#include "fuzz.h"
#include "tsv.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	FILE *fp = fopen(fuzz_file("in.tsv", data, n), "r");
	struct tsv_reader r;
	struct tsv_group g = { 0 };
	struct buf b = { 0 };
	size_t i, j;

	if (!fp)
		return;
	if (tsv_open(&r, fp, "in.tsv") == 0) {
		while (tsv_next_group(&r, 0, &g) > 0)
			for (i = 0; i < g.n; i++)
				for (j = 0; j < g.ncols; j++)
					tsv_escape(&b, g.rows[i][j]);
		tsv_group_free(&g);
	}
	tsv_close(&r);
	buf_free(&b);
	fclose(fp);
}
