TOOLS += vsp-report
vsp-report_SRC = $(addprefix tools/vsp-report/,vsp-report.c report.c \
	input.c import.c tables.c seriescsv.c plot.c html.c outdir.c \
	jobs.c csvout.c decnum.c dfmt.c stats.c csvin.c welch.c \
	better.c compare.c baseline.c)
vsp-report_LIBS = $(CSV_LIBS)
