# Unit tests of a tool's own modules (those not in lib/): the objects each
# links and the folder of their headers.
tests/unit/test-xmldef: tools/vsp-gen/xmldef.o
tests/unit/test-xmldef.o: UNIT_INC = -Itools/vsp-gen
tests/unit/test-uuid5: tools/vsp-virt/uuid5.o
tests/unit/test-uuid5.o: UNIT_INC = -Itools/vsp-virt
tests/unit/test-vaddr: tools/vsp-virt/vaddr.o
tests/unit/test-vaddr.o: UNIT_INC = -Itools/vsp-virt
tests/unit/test-stats: tools/vsp-report/stats.o tools/vsp-report/dfmt.o
tests/unit/test-stats.o: UNIT_INC = -Itools/vsp-report
tests/unit/test-csvout: tools/vsp-report/csvout.o tools/vsp-report/dfmt.o
tests/unit/test-csvout.o: UNIT_INC = -Itools/vsp-report

tests/unit/test-welch: tools/vsp-report/welch.o tools/vsp-report/stats.o
tests/unit/test-welch.o: UNIT_INC = -Itools/vsp-report
