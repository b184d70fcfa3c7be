# Parley: two commands set up everything on a fresh Debian machine.
#   make run   installs missing system packages, builds, starts Parley (the built-in demo without a config)
#   make test  the same set-up plus Python test peers in .venv, then the whole test suite
#   make bench-peers  the end-to-end benchmark with llm, elia and oterm beside Parley (needs PyPI, takes minutes)
#   make fuzz  libFuzzer on every reader of server and file bytes, FUZZ_SECONDS (default 60) each; fails on a finding
#   make faults  the README's fault table: every fault against every provider through the real parley send
#   make install PREFIX=/usr/local   a release build, its man page, themes and completions; make uninstall

SYSTEM_PACKAGES := libncurses-dev libcurl4-openssl-dev libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev tmux python3-venv
PYTHON_PEERS := fakellm==0.3.5
VENV := .venv
# The terminal chat clients measured beside Parley, NAME:REQUIREMENT, each in .venv-peers/NAME (elia and oterm
# pin different Textual versions, so they cannot share one virtualenv).
PEER_PACKAGES := llm:llm==0.36 elia:elia-chat==1.10.0 oterm:oterm==0.26.1
PEERS_VENV := .venv-peers
SWIFT_BUILD_FLAGS ?=
FUZZ_SECONDS ?= 60

PREFIX ?= /usr/local
DESTDIR ?=
MANUAL := .build/plugins/GenerateManual/outputs/parley/parley.1

.PHONY: run test build system-deps test-deps bench bench-peers bench-peer-deps fuzz faults clean install install-files uninstall man

run: system-deps build
	./.build/debug/parley $(ARGS)

build:
	swift build $(SWIFT_BUILD_FLAGS)

test: system-deps test-deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift package generate-manual --configuration debug >/dev/null
	PARLEY_TEST_VENV=$(CURDIR)/$(VENV) swift test --skip-build --disable-swift-testing $(SWIFT_BUILD_FLAGS)

# Release builds of parley and parley-bench, then every benchmark; the end-to-end one drives that parley
# binary beside curl and needs GNU time for exact peak memory.
bench: system-deps
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="time curl tmux"
	swift build -c release $(SWIFT_BUILD_FLAGS)
	bin="$$(swift build -c release $(SWIFT_BUILD_FLAGS) --show-bin-path)" && "$$bin/parley-bench" --parley "$$bin/parley" $(ARGS)

# The end-to-end benchmark with the peers beside Parley on every stream (`parley-bench e2e --peers`); ARGS
# adds options such as `--chunks 4000 --peer llm`. Not part of `make test` or CI: it needs PyPI and minutes.
bench-peers: bench-peer-deps
	@$(MAKE) --no-print-directory bench ARGS="e2e --peers $(ARGS)"

bench-peer-deps: system-deps $(PEERS_VENV)/.installed

$(PEERS_VENV)/.installed: Makefile
	@for peer in $(PEER_PACKAGES); do \
		name=$${peer%%:*}; requirement=$${peer#*:}; \
		echo "Installing $$requirement into $(PEERS_VENV)/$$name"; \
		python3 -m venv $(PEERS_VENV)/$$name && \
		$(PEERS_VENV)/$$name/bin/pip install --quiet --disable-pip-version-check "$$requirement" || exit 1; \
	done
	touch $@

# The fuzz targets build in .build/fuzz with -sanitize=fuzzer,address, never in the normal build (see .ci/fuzz).
fuzz: system-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./.ci/fuzz

# Every fault of the README table against every provider kind; rewrites the table between its markers.
# FAULTS_CONFIG=debug uses the debug build instead of release (quicker to build, same behaviour).
FAULTS_CONFIG ?= release
faults: system-deps
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="time openssl"
	swift build -c $(FAULTS_CONFIG) --product parley $(SWIFT_BUILD_FLAGS)
	swift build -c $(FAULTS_CONFIG) --product parley-bench $(SWIFT_BUILD_FLAGS)
	bin="$$(swift build -c $(FAULTS_CONFIG) $(SWIFT_BUILD_FLAGS) --show-bin-path)" && "$$bin/parley-bench" --parley "$$bin/parley" faults --readme README.md $(ARGS)

# Installs the Debian packages Parley links against and tests with, if any is missing.
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The Python peers the tests talk to over loopback, in a private virtualenv.
test-deps: $(VENV)/.installed

$(VENV)/.installed: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PEERS)
	touch $@

# A release build, then its man page (swift-argument-parser's generate-manual plugin reads the command
# definitions from that build), then the files under $(PREFIX): see scripts/install-files.
install: system-deps
	swift build -c release $(SWIFT_BUILD_FLAGS)
	swift package generate-manual --configuration release >/dev/null
	scripts/install-files "$$(swift build -c release $(SWIFT_BUILD_FLAGS) --show-bin-path)/parley" $(MANUAL) "$(PREFIX)" "$(DESTDIR)"

# Installs an already built binary: make install-files BIN=path/to/parley [MAN=path/to/parley.1] PREFIX=…
install-files:
	@test -n "$(BIN)" || { echo "Give BIN=path/to/parley (built with swift build)." >&2; exit 1; }
	scripts/install-files "$(BIN)" "$(or $(MAN),$(MANUAL))" "$(PREFIX)" "$(DESTDIR)"

uninstall:
	scripts/uninstall-files "$(PREFIX)" "$(DESTDIR)"

# The man page of the debug build, for a look with man -l $(MANUAL).
man:
	swift package generate-manual --configuration debug

clean:
	rm -rf .build $(VENV) $(PEERS_VENV)
