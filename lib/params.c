/* Every vsp.params setting and its default; vsp(7) documents each one. */
#include <stddef.h>

#include "conf.h"

const struct param_def param_defs[] = {
	/* results */
	{ "results", "results" },
	/* VM naming, resources and disks */
	{ "vm_prefix", "vsp" },
	{ "vm_name", "{prefix}-{node}-{slot1}" },
	{ "vm_mem_base", "0" },
	{ "vm_mem_core", "1024" },
	{ "vm_disk", "disk.img" },
	{ "vm_disk_mode", "overlay" },
	{ "vm_kernel", "" },
	{ "vm_initrd", "" },
	{ "vm_cmdline", "" },
	{ "repo_root", "/var/lib/vsp/vms" },
	{ "repo_base_dir", "base" },
	{ "repo_pool", "vsp-{node}" },
	{ "xml_disk_drivertype", "raw" },
	{ "xml_disk_dev", "vda" },
	{ "xml_disk_bus", "virtio" },
	{ "xml_domain_type", "kvm" },
	/* libvirt */
	{ "libvirt_uri", "qemu+ssh://{addr}/system" },
	{ "vm_ready", "running" },
	{ "vm_ready_timeout", "300" },
	{ "overcommit", "no" },
	{ "vm_console_log", "" },
	{ "vm_infiniband", "no" },
	{ "vm_shutdown_timeout", "10" },
	/* networking (the original's addressing scheme) */
	{ "network_source", "libvirt-bridge" },
	{ "net_vhost", "yes" },
	{ "net_dev", "eth0" },
	{ "net_forward", "nat" },
	{ "net_shared", "no" },
	{ "net_bridge", "br0" },
	{ "net_class", "B" },
	{ "dhcp_b_prefix", "172.16" },
	{ "dhcp_b_start", "1" },
	{ "dhcp_c_prefix", "192.168.3" },
	{ "dhcp_c_start", "15" },
	{ "dhcp_c_step", "15" },
	{ "net_name_sriov", "vsp-sriov" },
	{ "net_name_bridge_create", "vsp-libvirt-bridge" },
	{ "net_name_bridge_use", "vsp-external-bridge" },
	{ "net_mac_prefix", "00:16:36:ff" },
	/* batch */
	{ "batch", "local" },
	{ "batch_array", "yes" },
	{ "batch_queue", "" },
	{ "batch_head", "" },
	{ "batch_poll_min", "1" },
	{ "batch_poll_max", "30" },
	{ "torque_nodes_file", "/var/spool/torque/server_priv/nodes" },
	{ "torque_reload", "qterm -t quick; pbs_server" },
	{ "batch_walltime_margin", "60" },
	{ "batch_cancel_grace", "10" },
	/* monitoring */
	{ "mon", "yes" },
	{ "mon_interval", "1" },
	{ "mon_command", "" },
	{ "mon_activities", "XALL" },
	{ "mon_pms", "yes" },
	{ "mon_hosts", "" },
	{ "mon_sadc", "/usr/lib/sysstat/sadc" },
	{ "ssh_user", "" },
	{ "ssh_port", "22" },
	{ "ssh_key", "~/.ssh/id_ed25519" },
	{ "ssh_known_hosts", "~/.ssh/known_hosts" },
	{ "vm_known_hosts", "" },
	{ "ssh_timeout", "10" },
	/* metrics */
	{ "metrics_timeout", "60" },
	{ NULL, NULL }
};
