/* vsp-pbs internals: an experiment to run, its job script, the backends. */
#ifndef VSP_PBS_H
#define VSP_PBS_H

#include <time.h>

#include "appconf.h"
#include "buf.h"
#include "conf.h"
#include "numlist.h"
#include "tsv.h"

/* One experiment, from its VM rows (or PM rows for idf -1). */
struct exp {
	char **cols, **row;	/* header and first row of the group */
	size_t ncols;
	const char *exp, *app;
	long nc, cpv, idf, runs;
	char **hosts;		/* batch hosts: VM names, or PMs for idf -1 */
	size_t nhosts;
	const char *head;	/* batch_head: the one host of a VM job, or NULL */
	char **pms;		/* distinct PMs in order */
	size_t npms;
	struct buf nodefile;	/* one address a line per process slot */
	char *expdir;		/* absolute <results>/<app>/<exp> */
	char *confdir;		/* absolute configuration folder */
	const char *input;	/* "stdin:3" of the first row, for messages */
	const struct appconf *appc;
};

/* What a backend says about a submitted job. */
enum jobstate { JOB_UNKNOWN, JOB_ACTIVE, JOB_GONE };

/* One execution being waited for or cancelled. */
struct run {
	char *outdir, *job, *conf;
	char *realid;		/* element id the job recorded (jobid file) */
	const struct backend *be;
	long limit;		/* seconds the application may run */
	enum jobstate js;
	char reason[32];	/* the batch system's end state, if it says */
	int final;
	char state[16], exit[16];
	int gone_polls;		/* polls the job was gone without its files */
	time_t marked;		/* when its killed file was written */
	time_t seen_running;	/* when this wait first saw it running */
	int batch_cancelled;	/* the batch system was asked to end it */
	int dirty;		/* its start or finished file appeared */
	int exited;		/* ended on its own, the batch system not yet done */
	int wd;			/* its folder's inotify watch, or -1 */
};

struct backend {
	const char *name;
	int array_ok;		/* can submit one job per experiment */
	int says_why;		/* poll sets reason (timeout, cancelled) */
	/* Makes the hosts known to the batch system, or checks them. */
	void (*prepare)(const struct conf *c, const struct exp *e);
	/*
	 * Submits script (a run folder's job.sh) for run (array: runs
	 * 1..e->runs); fills ids[0..] and returns 0, or -1 with why set.
	 */
	int (*submit)(const struct conf *c, const struct exp *e,
	    const char *script, long run, int array, char **ids,
	    struct buf *why);
	/* Sets js (and reason) of each run; -1 if the query failed. */
	int (*poll)(struct run *const *runs, size_t n, struct buf *why);
	/* Asks the batch system to end the job; -1 with why set. */
	int (*cancel)(struct run *r, struct buf *why);
	/*
	 * Lets the jobs submitted so far run, once their job.tsv is written
	 * (NULL: they may run at once); -1 with why set.
	 */
	int (*release)(struct buf *why);
};

extern const struct backend backend_torque, backend_slurm, backend_local;
const struct backend *backend_find(const char *name);

/* 1 if name is a VM column, which submit drops (vsp(7)). */
int is_vm_col(const char *name);

/* Renders the job script of run (0: the array's script) into out. */
void script_render(const struct conf *c, const struct exp *e,
	const struct appconf *a, long run, int array, struct buf *out);
/* "12:00:05" for seconds. */
void hms(struct buf *b, long s);
/* The walltime asked of the batch system: limit plus the margin. */
long batch_walltime(const struct conf *c, const struct appconf *a);

/* The run folder of run: <expdir>/run-NNN. */
char *run_dir(const struct exp *e, long run);
/* Reads a small file whole (trailing newline removed); NULL if absent or
 * holding a NUL byte (with a warning). */
char *read_small(const char *path);
/* mkdir -p; -1 with errno. */
int mkdirs(const char *path);

enum { BATCH_CMD_TIMEOUT = 300 };	/* seconds a batch command may take */
/*
 * Runs a batch command (no shell) in dir, its output into out (NULL:
 * dropped). The exit status; when not 0, reason says why ("exit status 1:
 * the last line it printed", or why it could not run or was stopped).
 */
int batch_cmd(char *const argv[], const char *dir, struct buf *out,
	struct buf *reason);
/*
 * Runs a submission (argv[0] names it in why) in e's folder; the job id
 * it prints (its last line, up to the first of cut) fills ids[0], or with
 * array ids[0..e->runs - 1] from element (id, run). 0, or -1 with why set.
 */
int batch_submit(char *const argv[], const struct exp *e, int array,
	const char *cut, char *(*element)(const char *id, long run), char **ids,
	struct buf *why);
/* argv joined with spaces, for messages. */
void cmdline(char *const argv[], struct buf *b);

/* Input and the state shared by the subcommands. */
struct ctx {
	struct conf conf;
	int have_conf;
	const char *confopt;
	FILE *fp;		/* the input and its name */
	const char *name;
	struct tsv_reader r;
	struct buf out;
	char *confdir;
	long pick;		/* script -r */
	struct numlist only;	/* submit -R */
	const char *rundir;	/* run -d, and its command */
	char **args;
};

/* vsp-pbs run: runs argv as the application of run folder dir; its exit
 * status (128+N after signal N). */
int run_app(const char *dir, char **argv);

/* Waits for, looks at or cancels the executions read from x->r. */
enum runs_mode { RUNS_WAIT, RUNS_STATUS, RUNS_CANCEL };
int wait_runs(struct ctx *x, enum runs_mode mode);

#endif
