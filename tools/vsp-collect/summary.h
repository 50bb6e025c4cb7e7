/* Summaries of a run's monitored series by host kind (vsp-collect(1)). */
#ifndef VSP_COLLECT_SUMMARY_H
#define VSP_COLLECT_SUMMARY_H

#include "buf.h"

enum {
	CPU_VM_MEAN, CPU_VM_MAX, CPU_PM_MEAN, CPU_PM_MAX, MEM_VM, MEM_PM,
	NET_VM_RX, NET_VM_TX, NET_PM_RX, NET_PM_TX, NSUM
};

extern const char *const sum_cols[NSUM];

/*
 * The series of every host in dir/mon/state, within (start, end] when both
 * files exist, into vals (left NULL when unknown: any broken series leaves
 * them all so). No mon/state is a problem only if mon is set.
 */
void run_summaries(const char *dir, int mon, char *vals[NSUM],
	struct buf *why);

#endif
