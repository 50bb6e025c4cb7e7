# Fuzz targets, one per parser (tests/fuzz/README). Included by the Makefile.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c)
FUZZ_BIN := $(FUZZ_SRC:.c=)

# Targets that need a tool's own modules link them from an archive of the
# tool's objects without its main file.
tests/fuzz/fuzz-import: tests/fuzz/libvsp-report.a
tests/fuzz/fuzz-import.o: UNIT_INC = -Itools/vsp-report
tests/fuzz/fuzz-xmldef: tests/fuzz/libvsp-gen.a
tests/fuzz/fuzz-xmldef.o: UNIT_INC = -Itools/vsp-gen
tests/fuzz/fuzz-domxml: tests/fuzz/libvsp-virt.a
tests/fuzz/fuzz-domxml.o: UNIT_INC = -Itools/vsp-virt
tests/fuzz/fuzz-sadf: tests/fuzz/libvsp-mon.a
tests/fuzz/fuzz-sadf.o: UNIT_INC = -Itools/vsp-mon

define fuzz_tool_lib
tests/fuzz/lib$(1).a: $$(filter-out tools/$(1)/$(1).o,$$(patsubst %.c,%.o,$$($(1)_SRC)))
	rm -f $$@
	$$(AR) rcs $$@ $$^
endef
$(foreach t,$(TOOLS),$(eval $(call fuzz_tool_lib,$(t))))

# FUZZ=libfuzzer (with CC=clang): LLVMFuzzerTestOneInput instead of main.
ifeq ($(FUZZ),libfuzzer)
VSP_CFLAGS += -fsanitize=fuzzer-no-link
tests/fuzz/driver.o: UNIT_INC = -DVSP_LIBFUZZER
FUZZ_LDFLAGS = -fsanitize=fuzzer
endif

tests/fuzz/fuzz-%: tests/fuzz/fuzz-%.o tests/fuzz/driver.o lib/libvsp.a
	$(CC) $(VSP_LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $(filter %.o,$^) \
		$(filter tests/fuzz/lib%.a,$^) lib/libvsp.a \
		$(VIRT_LIBS) $(XML_LIBS) $(SSH_LIBS) $(CSV_LIBS) -lm -lpthread
