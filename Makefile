# vsp: make, make check, make install (PREFIX, DESTDIR), make clean.
# make SAN=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer;
# the check goals do so unless SAN=0 is given.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/vsp
CFLAGS ?= -O2 -g

# pkg-config runs when a recipe first needs it, never while this file is
# parsed: `make deps example` on a fresh machine installs pkg-config and the
# -dev packages before anything asks them.
lazy = $(eval $(1) := $$(shell $(2)))$($(1))
PKG_CFLAGS = $(call lazy,PKG_CFLAGS,pkg-config --cflags libvirt libxml-2.0 libssh2)
VIRT_LIBS = $(call lazy,VIRT_LIBS,pkg-config --libs libvirt)
XML_LIBS = $(call lazy,XML_LIBS,pkg-config --libs libxml-2.0)
SSH_LIBS = $(call lazy,SSH_LIBS,pkg-config --libs libssh2)
CSV_LIBS = -lcsv
# With deps among the goals, nothing is built before it has run.
DEPS_FIRST = $(filter deps,$(MAKECMDGOALS))

SAN ?= $(if $(filter check check-fast check-real,$(MAKECMDGOALS)),1)
ifeq ($(SAN),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

VSP_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Ilib $(PKG_CFLAGS) \
	-DVSP_SHAREDIR='"$(SHAREDIR)"' $(SAN_FLAGS) $(CFLAGS)
VSP_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

LIB_OBJ := $(patsubst %.c,%.o,$(wildcard lib/*.c))
TOOLS :=
include $(sort $(wildcard tools/*/tool.mk))
UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:.c=)

EXAMPLE_BIN = share/examples/cpubench/cpubench

all: $(addprefix bin/,$(TOOLS)) $(EXAMPLE_BIN)

$(EXAMPLE_BIN): $(EXAMPLE_BIN).c $(FLAGS_STAMP) | $(DEPS_FIRST)
	$(CC) $(VSP_CFLAGS) $(VSP_LDFLAGS) -o $@ $(EXAMPLE_BIN).c

# Objects are rebuilt when the flags change (make SAN=1 after make): the
# stamp is rewritten only when its text differs.
FLAGS_STAMP = .build-flags
$(FLAGS_STAMP): FORCE | $(DEPS_FIRST)
	@echo '$(VSP_CFLAGS) $(VSP_LDFLAGS)' | cmp -s - $@ || \
		echo '$(VSP_CFLAGS) $(VSP_LDFLAGS)' > $@
FORCE:
.SUFFIXES:

%.o: %.c $(FLAGS_STAMP)
	$(CC) $(VSP_CFLAGS) $(UNIT_INC) -MMD -MP -c -o $@ $<

lib/libvsp.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

bin:
	mkdir -p bin

define tool_rule
bin/$(1): $$(patsubst %.c,%.o,$$($(1)_SRC)) lib/libvsp.a | bin
	$$(CC) $$(VSP_LDFLAGS) -o $$@ $$(patsubst %.c,%.o,$$($(1)_SRC)) lib/libvsp.a $$($(1)_LIBS) -lm
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

tests/unit/test-%: tests/unit/test-%.o lib/libvsp.a
	$(CC) $(VSP_LDFLAGS) -o $@ $(filter %.o,$^) lib/libvsp.a $(VIRT_LIBS) $(XML_LIBS) $(SSH_LIBS) $(CSV_LIBS) -lm

include tests/unit/unit.mk
include tests/fuzz/fuzz.mk

# Both tiers (tests/tier): the fast one (no root, no daemons), then the
# real parts; check-fast runs the first with prove, check-real the second.
check: all $(UNIT_BIN) $(FUZZ_BIN)
	tests/run

check-fast: all $(UNIT_BIN) $(FUZZ_BIN)
	prove -j2 $(UNIT_BIN)
	prove -j2 -e bash $$(tests/tier fast)

check-real: all $(UNIT_BIN) $(FUZZ_BIN)
	tests/run $$(tests/tier real)

# make deps check also installs what only the tests need (DEPS_FOR=test).
DEPS_FOR ?= $(if $(filter check check-real,$(MAKECMDGOALS)),test)
deps:
	sh .ci/deps $(DEPS_FOR)

example: all
	sh share/examples/run-example

# The virtual cluster for real: a lab of 2 PMs, QEMU VMs, Slurm (as root).
vcluster: all
	bash share/examples/vcluster/run-vcluster

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(SHAREDIR)
	cp $(addprefix bin/,$(TOOLS)) $(DESTDIR)$(BINDIR)/
	cp man/*.1 $(DESTDIR)$(MANDIR)/man1/
	cp man/*.7 $(DESTDIR)$(MANDIR)/man7/
	cp -R share/vsp/. $(DESTDIR)$(SHAREDIR)/
	mkdir -p $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	for t in $(TOOLS); do \
		cp share/bash-completion/vsp $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; \
	done

clean:
	rm -rf bin lib/libvsp.a $(UNIT_BIN) $(FUZZ_BIN) tests/fuzz/*.a \
		$(EXAMPLE_BIN) $(FLAGS_STAMP)
	find lib tools tests share -name '*.[od]' -delete

.PHONY: all check check-fast check-real deps example vcluster install clean FORCE
.SECONDARY:
-include $(shell find lib tools tests -name '*.d' 2>/dev/null)
