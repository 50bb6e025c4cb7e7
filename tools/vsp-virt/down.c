/* down: power off, destroy and undefine the rows' domains. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "life.h"

/*
 * Asks the guests of this PM's VMs to power off (ACPI) and waits up to
 * vm_shutdown_timeout seconds, so their disk images stay consistent;
 * remove_domain destroys what is still running after that.
 */
static void
shutdown_all(struct pm *p)
{
	double deadline = now() + (double)p->v->shutdown_timeout;
	size_t k, up;

	if (p->v->shutdown_timeout <= 0)
		return;
	for (k = 0; k < p->n; k++)
		if (p->vms[k]->dom && !p->vms[k]->err &&
		    virDomainIsActive(p->vms[k]->dom) == 1)
			virDomainShutdown(p->vms[k]->dom);	/* else destroyed */
	do {
		for (up = 0, k = 0; k < p->n; k++)
			if (p->vms[k]->dom && !p->vms[k]->err &&
			    virDomainIsActive(p->vms[k]->dom) == 1)
				up++;
		if (up)
			pause_s(0.2);
	} while (up && now() < deadline && !stop_signal);
}

static void *
pm_down(void *arg)
{
	struct pm *p = arg;
	char why[1024];
	size_t k;

	if (pm_open(p) < 0)
		return NULL;
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];
		char uuid[VIR_UUID_STRING_BUFLEN] = "";
		virDomainPtr d = virDomainLookupByName(p->conn, vm->name);

		if (!d) {
			if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
				vm_fail(vm, "cannot look the domain up: %s", lverr());
			else if (disk_drop(p, vm, why, sizeof why) < 0)
				vm_fail(vm, "%s", why);	/* an up that crashed */
			else
				snprintf(vm->state, sizeof vm->state, "%s", "gone");
			continue;
		}
		vm->dom = d;
		if (virDomainGetUUIDString(d, uuid) < 0)
			vm_fail(vm, "cannot read the uuid: %s", lverr());
		else if (strcmp(uuid, vm->uuid))
			vm_fail(vm, "the domain of that name has uuid %s, not %s: "
			    "not vsp's for experiment %s, left alone", uuid, vm->uuid,
			    vm->exp);
	}
	shutdown_all(p);
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];

		if (!vm->dom || vm->err)
			continue;
		if (remove_domain(vm->dom, why, sizeof why) < 0)
			vm_fail(vm, "cannot remove: %s", why);
		else if (disk_drop(p, vm, why, sizeof why) < 0)
			vm_fail(vm, "removed, but not its disk: %s", why);
		else
			snprintf(vm->state, sizeof vm->state, "%s", "gone");
	}
	return NULL;
}

int
life_down(struct virt *v, struct vm *vms, size_t n, const char *input)
{
	atomic_int abort = 0;
	size_t npm, i;
	struct pm *pms;
	int rc = 0;

	init_libvirt();
	pms = group_pms(v, vms, n, &abort, &npm);
	run_all(pms, npm, pm_down);
	for (i = 0; i < n; i++)
		if (vms[i].err) {
			warnx("%s:%lu: %s on %s: %s", input, vms[i].line, vms[i].name,
			    vms[i].node, vms[i].err);
			rc = -1;
		}
	free_pms(pms, npm);
	return rc;
}

