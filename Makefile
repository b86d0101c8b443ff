# crm - customer management filters.  `make demo` and `make test` are all a
# fresh Debian machine needs: missing packages are installed first.

PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
DATADIR	= $(PREFIX)/share/crm

CC	?= cc
CFLAGS	?= -O2 -g
WARN	= -Wall -Wextra -Wpedantic
CPPFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib
LDLIBS	= -lcsv -lyaml -lm

B	= build
LIB_SRC	= $(wildcard lib/*.c)
LIB_OBJ	= $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/presets_data.o
PRESETS	= $(wildcard samples/segment-*.yaml)
LIBCRM	= $(B)/libcrm.a
PROGS	= $(patsubst cmd/%.c,$(B)/bin/%,$(wildcard cmd/*.c))
UNITS	= $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
MANS	= $(wildcard man/*.[157])

.PHONY: all deps test-deps test unit cli man-lint demo install uninstall \
	clean
.SUFFIXES:

all: $(PROGS)

# Packages from the distribution, as FILE:PACKAGE; a missing FILE gets its
# package installed (we are root on the project's machines; elsewhere,
# see the README).
BUILD_DEPS = /usr/include/csv.h:libcsv-dev /usr/include/yaml.h:libyaml-dev
TEST_DEPS = $(BUILD_DEPS) /usr/include/cmocka.h:libcmocka-dev \
	/usr/bin/rsvg-convert:librsvg2-bin /usr/bin/mandoc:mandoc

define install-missing
	@missing=""; for d in $(1); do \
		[ -e "$${d%%:*}" ] || missing="$$missing $${d#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		  apt-get install -y -qq $$missing >/dev/null; } || \
		{ echo "could not install:$$missing (see README.md)"; exit 1; }; \
	fi
endef

deps:
	$(call install-missing,$(BUILD_DEPS))

test-deps:
	$(call install-missing,$(TEST_DEPS))

$(B)/lib/%.o: lib/%.c lib/*.h | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c $< -o $@

# The presets of crm-segment are the sample files themselves.
$(B)/presets_data.c: $(PRESETS) lib/presets.awk
	@mkdir -p $(@D)
	awk -f lib/presets.awk $(PRESETS) > $@

$(B)/lib/presets_data.o: $(B)/presets_data.c lib/presets.h | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c $< -o $@

$(LIBCRM): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(B)/bin/%: cmd/%.c $(LIBCRM) lib/*.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $< $(LIBCRM) $(LDLIBS) -o $@

$(B)/tests/%: tests/unit/%.c $(LIBCRM) lib/*.h | test-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $< $(LIBCRM) $(LDLIBS) -lcmocka -o $@

# Every unit test binary and every CLI case; cmocka prints its summary
# lines, the CLI runner its "N passed, N failed" line.
test: test-deps
	@$(MAKE) --no-print-directory unit cli man-lint

unit: $(UNITS)
	@fail=0; for t in $(UNITS); do \
		echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

cli: $(PROGS)
	@sh tests/cli/run.sh $(B)

man-lint:
	@mandoc -Tlint -W warning $(MANS) && echo "man pages: mandoc -Tlint clean"

demo: $(PROGS)
	@echo '$$ crm-pareto --by customer_id --value amount samples/orders.csv | head -8'
	@$(B)/bin/crm-pareto --by customer_id --value amount samples/orders.csv | head -8
	@echo
	@echo '$$ crm-pareto --by customer_id --value amount --summary - -o /dev/null samples/orders-excel.csv'
	@$(B)/bin/crm-pareto --by customer_id --value amount --summary - \
		-o /dev/null samples/orders-excel.csv

install: $(PROGS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(DATADIR)/samples
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	for m in $(MANS); do \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; \
	done
	install -m 644 samples/*.csv samples/*.yaml samples/README.md \
		$(DESTDIR)$(DATADIR)/samples

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$${p##*/}; done
	for m in $(MANS); do \
		s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; \
	done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B)
