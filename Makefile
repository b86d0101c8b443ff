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
CPPFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib -pthread
# -pthread: -j N reads a file with several threads (lib/parallel.h)
LDLIBS	= -lcsv -lyaml -lgsl -lgslcblas -lm -pthread

B	= build
LIB_SRC	= $(wildcard lib/*.c)
LIB_OBJ	= $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/presets_data.o
PRESETS	= $(wildcard samples/segment-*.yaml)
LIBCRM	= $(B)/libcrm.a
PROGS	= $(patsubst cmd/%.c,$(B)/bin/%,$(wildcard cmd/*.c))
UNITS	= $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
MANS	= $(wildcard man/*.[157])

.PHONY: all deps test-deps test units unit cli man-lint demo install \
	uninstall clean asan asan-build fuzz fuzz-smoke valgrind bench engines
.SUFFIXES:

all: $(PROGS)

# Packages from the distribution, as FILE:PACKAGE; a missing FILE gets its
# package installed (we are root on the project's machines; elsewhere,
# see the README).
BUILD_DEPS = /usr/include/csv.h:libcsv-dev /usr/include/yaml.h:libyaml-dev \
	/usr/include/gsl/gsl_multimin.h:libgsl-dev
CLANG_RT = /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux
TEST_DEPS = $(BUILD_DEPS) /usr/include/cmocka.h:libcmocka-dev \
	/usr/bin/rsvg-convert:librsvg2-bin /usr/bin/mandoc:mandoc \
	/usr/bin/groff:groff /usr/bin/script:bsdutils \
	/usr/lib/python3/dist-packages/icalendar/__init__.py:python3-icalendar \
	/usr/bin/clang:clang \
	$(CLANG_RT)/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev \
	/usr/bin/parallel:parallel /usr/sbin/sshd:openssh-server

# Without root (or apt-get) nothing is tried: the missing packages are
# named, with the one command that installs them.
define install-missing
	@missing=""; for d in $(1); do \
		[ -e "$${d%%:*}" ] || missing="$$missing $${d#*:}"; \
	done; \
	if [ -n "$$missing" ] && { [ "$$(id -u)" != 0 ] || \
	    ! command -v apt-get >/dev/null; }; then \
		echo "missing packages:$$missing"; \
		echo "install them with: sudo apt-get install -y$$missing"; \
		exit 1; \
	fi; \
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
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $< $(LIBCRM) $(LDFLAGS) $(LDLIBS) \
		-o $@

$(B)/tests/%: tests/unit/%.c $(LIBCRM) lib/*.h | test-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $< $(LIBCRM) $(LDFLAGS) $(LDLIBS) \
		-lcmocka -o $@

# Every suite, one line each with its counts, failures in full, the whole
# log in $(B)/test.log (tests/suites.sh).  unit, cli, asan and fuzz-smoke
# run one suite each, verbosely.
test: test-deps
	@sh tests/suites.sh "$(MAKE)" $(B)

units: $(UNITS)

unit: $(UNITS)
	@fail=0; for t in $(UNITS); do \
		echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

cli: $(PROGS)
	@sh tests/cli/run.sh $(B)
	@sh tests/cli/icalendar.sh $(B)
	@sh tests/cli/messages.sh $(B)

# The recipes of crm(7) under GNU parallel, locally and over ssh to an
# sshd of the test's own, and under Hadoop Streaming's contract
# (tests/engines/README.md); part of make test.
engines: test-deps $(PROGS)
	@sh tests/engines/run.sh $(B) "$(MAKE)"

# mandoc at style level (cross references to our own pages, which are not
# installed, aside) and groff rendering every page at 80 columns, as man(1)
# does in a terminal that wide: any message fails.
man-lint:
	@out=$$( { mandoc -Tlint -W style $(MANS) 2>&1; \
	    for m in $(MANS); do \
		groff -t -mandoc -Tutf8 -rLL=78n -ww -z $$m 2>&1; \
	    done; } | grep -v -e 'referenced manual not found' \
	    -e 'outdated mandoc.db'); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	echo "man pages: mandoc -Tlint -W style and groff at 80 columns clean"

# The whole suite again, built by clang with AddressSanitizer and
# UndefinedBehaviorSanitizer: any report fails the run.
SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
asan: test-deps
	@$(MAKE) --no-print-directory B=$(B)/asan CC=clang \
		CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" unit cli

asan-build: test-deps
	@$(MAKE) --no-print-directory B=$(B)/asan CC=clang \
		CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" all units

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the library built with
# coverage and sanitizers; seeds in tests/fuzz/corpus/NAME, a dictionary
# in tests/fuzz/NAME.dict if there is one, new inputs in
# $(B)/fuzz/corpus-NAME.  fuzz-smoke runs each for FUZZ_SMOKE seconds (part
# of make test), fuzz for FUZZ_SECONDS.
FUZZERS	= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_B	= $(B)/fuzz
FUZZ_LIB_OBJ = $(LIB_SRC:lib/%.c=$(FUZZ_B)/lib/%.o) $(FUZZ_B)/lib/presets_data.o
FUZZ_CFLAGS = -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
	-O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZ_SMOKE ?= 10
FUZZ_SECONDS ?= 600

$(FUZZ_B)/lib/%.o: lib/%.c lib/*.h | test-deps
	@mkdir -p $(@D)
	clang $(CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/lib/presets_data.o: $(B)/presets_data.c lib/presets.h
	@mkdir -p $(@D)
	clang $(CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	clang $(CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $< $(FUZZ_LIB_OBJ) $(LDLIBS) -o $@

fuzz-smoke: $(FUZZERS:%=$(FUZZ_B)/fuzz_%)
	@for f in $(FUZZERS); do \
		mkdir -p $(FUZZ_B)/corpus-$$f; \
		echo "== fuzz $$f for $(FUZZ_SMOKE) s"; \
		dict=; [ -f tests/fuzz/$$f.dict ] && \
			dict=-dict=tests/fuzz/$$f.dict; \
		$(FUZZ_B)/fuzz_$$f -max_total_time=$(FUZZ_SMOKE) $$dict \
			-max_len=4096 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=$(FUZZ_B)/crash-$$f- \
			$(FUZZ_B)/corpus-$$f tests/fuzz/corpus/$$f \
			>$(FUZZ_B)/$$f.log 2>&1 || \
			{ tail -30 $(FUZZ_B)/$$f.log; exit 1; }; \
		grep -E '^Done|#[0-9]+.*DONE' $(FUZZ_B)/$$f.log | tail -1; \
	done; echo "fuzz: $(words $(FUZZERS)) passed, 0 failed"

fuzz:
	@$(MAKE) --no-print-directory fuzz-smoke FUZZ_SMOKE=$(FUZZ_SECONDS)

# Every CLI case with each program run under valgrind: an invalid access
# or a definite leak changes the exit status (99) and fails the case.
valgrind: $(PROGS)
	@command -v valgrind >/dev/null || apt-get install -y -qq valgrind
	@rm -rf $(B)/valgrind && mkdir -p $(B)/valgrind/bin
	@for p in $(PROGS); do \
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$$@"\n' \
		    "$(CURDIR)/$$p" > $(B)/valgrind/bin/$${p##*/}; \
		chmod +x $(B)/valgrind/bin/$${p##*/}; \
	done
	@sh tests/cli/run.sh $(B)/valgrind

# Speed and memory against the tools a user would otherwise use; see
# bench/README.md.  Not a test: nothing here passes or fails on time.
bench: $(PROGS)
	@sh bench/run.sh $(B)

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
