TOOLS += vsp-pbs
vsp-pbs_SRC = tools/vsp-pbs/vsp-pbs.c tools/vsp-pbs/wait.c \
	tools/vsp-pbs/script.c tools/vsp-pbs/files.c \
	tools/vsp-pbs/backend_torque.c tools/vsp-pbs/backend_slurm.c \
	tools/vsp-pbs/backend_local.c tools/vsp-pbs/run.c
vsp-pbs_LIBS =
