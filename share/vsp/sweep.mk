# sweep.mk: a whole vsp sweep with make. Include it from a Makefile that sets
#
#   VSP_CONF = conf                 # the configuration folder
#   SWEEP    = -a app -n 4 -c 1,2 -r 3   # vsp-gen options
#
# and optionally REPORT (default: <results>/report, where <results> is the
# results setting of vsp.params), ORDER (sorted, random or interleaved; default sorted),
# SEED (for random; default 1), LOCK_WAIT (seconds to wait for another
# invocation; default 0: stop at once), MORE_RUNS (a runs.tsv of
# vsp-report: the experiments it names get that many runs, those done kept)
# and BASELINE (an earlier report that make report compares with).
#
#   make           runs every experiment not yet done (make -k goes on
#                  past a failed one); a rerun, by hand or from cron, does
#                  only what is left
#   make report    consolidates what is done into $(REPORT) and prints
#                  its answers
#   make status    counts done, failed and waiting experiments
#   make cron      the sweep from cron (make -k, quiet): silent while
#                  another invocation runs it or when all goes well; what
#                  failed and status 1 when something needs a person
#
# report and status only read the results: they work any time, also while
# a sweep runs and on read-only results.
#
# One target per experiment, <results>/<app>/<exp>/DONE; see vsp(7).

VSP_SHARE_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
SWEEP_MAKEFILE := $(firstword $(MAKEFILE_LIST))
RESULTS := $(shell vsp-gen -C '$(VSP_CONF)' -s results)
ifeq ($(RESULTS),)
$(error vsp-gen -C $(VSP_CONF) -s results gave no results folder)
endif
REPORT ?= $(RESULTS)/report
ORDER ?= sorted
SEED ?= 1
LOCK_WAIT ?= 0
MORE_RUNS ?=
BASELINE ?=
SWEEP_DIR = $(RESULTS)/.sweep
VSP_SWEEP = $(VSP_SHARE_DIR)/vsp-sweep
export VSP_CONF RESULTS SWEEP ORDER SEED REPORT MORE_RUNS BASELINE

ifndef VSP_SWEEP_LOCKED
# The outer make only takes the lock and runs the inner one.
sweep:
	@mkdir -p $(SWEEP_DIR)
	@$(VSP_SWEEP) lock $(LOCK_WAIT) $(MAKE) --no-print-directory -f $(SWEEP_MAKEFILE) VSP_SWEEP_LOCKED=1 _sweep

cron:
	@$(VSP_SWEEP) cron $(MAKE) -k --no-print-directory -f $(SWEEP_MAKEFILE) VSP_SWEEP_LOCKED=1 _sweep

# No lock, no plan: these only read.
report status:
	@$(VSP_SWEEP) $@
.PHONY: sweep cron report status
else
include $(SWEEP_DIR)/targets.mk

_sweep: $(SWEEP_DIR)/begin $(SWEEP_TARGETS)
	@$(VSP_SWEEP) end

# Regenerated on every run; replaced only when the sweep changed.
$(SWEEP_DIR)/targets.mk: FORCE
	@$(VSP_SWEEP) plan

$(SWEEP_DIR)/begin: FORCE
	@$(VSP_SWEEP) begin

FORCE:
.PHONY: _sweep FORCE
endif
