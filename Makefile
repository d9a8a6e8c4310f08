# storyloom's front door. `make run` and `make test` install what is missing
# (scripts/bootstrap), build, and run; nothing else is needed on Debian.
# `make install` (PREFIX, DESTDIR) and `make package` (a .deb) build the
# storyloom command alone and install it with its share folder.
BUILD ?= build
JOBS ?= $(shell nproc)
SHARED ?= $(abspath ../shared)
STORE ?= $(BUILD)/sample.db
BIN := $(BUILD)/storyloom
PREFIX ?= /usr/local

.PHONY: all bootstrap build build-cli run install package test test-pg eval bench bench-scale fuzz reliability \
	workers-check clean

all: build

bootstrap:
	@./scripts/bootstrap

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The storyloom command alone: what run, install and package need.
build-cli: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target storyloom

run: build-cli
	@rm -f $(STORE) $(STORE)-wal $(STORE)-shm
	$(BIN) ingest samples --store $(STORE)
	$(BIN) docs --store $(STORE)
	$(BIN) stories --store $(STORE)
	@# The largest story's timeline (stories are listed largest first).
	$(BIN) timeline $$($(BIN) stories --json --store $(STORE) | head -1 | grep -o '"id":[0-9]*' | cut -d: -f2) --store $(STORE)

# $(PREFIX)/bin/storyloom and $(PREFIX)/share/storyloom (resources, the model,
# the web page), stripped; DESTDIR stages it elsewhere.
install: build-cli
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)" --strip

# $(BUILD)/storyloom_VERSION_ARCH.deb, installed with `apt install ./FILE`.
package: build-cli
	cd $(BUILD) && cpack -G DEB

# The PostgreSQL store's tests take their server's URL from STORYLOOM_TEST_PG
# (postgresql://...); without it they skip, saying so, and `make test` runs
# all the rest. `make test-pg` runs every test against a throwaway server
# (scripts/pg_throwaway) that it starts first and stops after, whatever
# happens; .ci/run does the same. Set STORYLOOM_TEST_PG yourself to use a
# server of your own with `make test`.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-pg: build
	@pg_dir=$$(mktemp -d); \
	trap '$(CURDIR)/scripts/pg_throwaway stop "$$pg_dir"' EXIT; trap 'exit 130' INT TERM; \
	url=$$($(CURDIR)/scripts/pg_throwaway start "$$pg_dir") || exit 1; \
	echo "PostgreSQL for the tests at $$url"; \
	cd $(BUILD) && STORYLOOM_TEST_PG="$$url" ctest --output-on-failure -j $(JOBS)

eval: build
	$(BIN) eval extract $(SHARED)/data/article-extraction --peer
	$(BIN) eval langid $(SHARED)/data/ntrex
	$(BIN) eval dates tests/data/dates/dev.jsonl tests/data/dates/test.jsonl tests/data/dates_dev.jsonl --data $(SHARED)/data --peer
	$(BIN) eval anchors $(SHARED)/data/ntrex
	$(BIN) eval stories $(SHARED)/data/vietnamese-mds --peer
	$(BIN) eval stories $(SHARED)/data/mmds/dev.json --peer
	$(BIN) eval stories $(SHARED)/data/timeline17 --peer
	$(BIN) eval stories $(SHARED)/data/ntrex --peer
	$(BIN) eval timeline $(SHARED)/data/timeline17
	$(BIN) eval timeline $(SHARED)/data/timeline17 --loto
	$(BIN) eval pipeline $(SHARED)/data/timeline17

bench: build
	./bench/run $(BIN) $(SHARED)
	./bench/readers $(BIN) $(SHARED)

# A million stored documents (SCALE_DOCS): add latency, reopen, memory,
# store size, the CLI and a loaded server on it (see bench/scale).
bench-scale: build
	./bench/scale $(BIN) $(SHARED)

# Nothing lost at full size: all of Timeline17 interrupted by kill -9,
# SIGINT and SIGTERM, then rerun; two writers at once (about 15 minutes).
reliability: build
	./scripts/reliability_check $(BIN) $(SHARED)

# Three ingest processes and a placer on all of Timeline17 give one
# ingest's stories, on SQLite and on a throwaway PostgreSQL, with a worker
# and the placer killed -9 midway (the e2e test at full size).
workers-check: build
	@pg_dir=$$(mktemp -d); \
	trap '$(CURDIR)/scripts/pg_throwaway stop "$$pg_dir"' EXIT; trap 'exit 130' INT TERM; \
	url=$$($(CURDIR)/scripts/pg_throwaway start "$$pg_dir") || exit 1; \
	STORYLOOM_TEST_PG="$$url" STORYLOOM_WORKERS_ALL=1 $(BUILD)/storyloom_tests --gtest_filter='SeveralIngestProcesses.*'

fuzz: bootstrap
	CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -G Ninja -DSTORYLOOM_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target ingest_fuzz serve_fuzz
	./fuzz/run $(BUILD)-fuzz

clean:
	rm -rf $(BUILD) $(BUILD)-fuzz
