# Entry points for people; CMake does the real work. See README.md.
BUILD ?= build
JOBS ?= 2
TCK_DIR ?= ../shared/tck
FUZZ_SECONDS ?= 60
KG := $(BUILD)/kg
CMAKE_FLAGS ?=

.PHONY: all deps build run test test-asan test-dask asan-bbc tck bench fuzz format format-check clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

# The main job: build the graph of the sample articles, print its statistics, draw it (SVG, and a
# page to explore it in a browser).
run: build
	@mkdir -p out
	rm -f out/samples.json
	$(KG) build samples/*.txt --graph out/samples.json
	$(KG) stats out/samples.json
	$(KG) export out/samples.json --format dot -o out/samples.dot
	dot -Tsvg out/samples.dot -o out/samples.svg
	$(KG) export out/samples.json --format html -o out/samples.html
	@echo "wrote out/samples.json, out/samples.dot, out/samples.svg and out/samples.html (open it in a browser)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The whole unit suite under AddressSanitizer + UndefinedBehaviorSanitizer (any report fails).
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

$(BUILD)-asan/CMakeCache.txt:
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_SANITIZE=address,undefined $(CMAKE_FLAGS) >/dev/null

test-asan: deps $(BUILD)-asan/CMakeCache.txt
	cmake --build $(BUILD)-asan -j$(JOBS)
	cd $(BUILD)-asan && $(SAN_ENV) ctest --output-on-failure -j$(JOBS)

# scripts/kg-dask on a local cluster of 2 workers, then on a scheduler and 2 workers one of which is
# killed mid-run: kg build's graph each time, on the BBC business folder (about a minute). Skipped,
# with a message, without python3-distributed (scripts/install-deps.sh --dask) or ../shared.
test-dask: build
	bash tests/scripts/kg-dask-test.sh $(KG) $(BBC_DIR)/business

# Every BBC article through the whole pipeline (kg build) with the sanitizers on: no crash, no
# report, no hang (issue 3). Needs ../shared; skipped without it.
BBC_DIR ?= ../shared/data/news/bbc
asan-bbc: deps $(BUILD)-asan/CMakeCache.txt
	@if [ ! -d "$(BBC_DIR)" ]; then echo "asan-bbc: $(BBC_DIR) not found, skipped"; exit 0; fi; \
	cmake --build $(BUILD)-asan -j$(JOBS) --target kg && \
	rm -f $(BUILD)-asan/bbc-asan.json && \
	$(SAN_ENV) timeout 3600 $(BUILD)-asan/kg build "$(BBC_DIR)" --graph $(BUILD)-asan/bbc-asan.json \
	  --threads $(JOBS) && $(BUILD)-asan/kg stats $(BUILD)-asan/bbc-asan.json

tck: build
	$(BUILD)/tck_runner $(TCK_DIR) --expect-file tests/tck/PASSING

# Timed from before the build so that RESULTS.md holds the whole command's time. Builds only the
# binaries bench/run.sh runs (not the test suites).
BENCH_TARGETS := kg bench_parse_sample bench_graph_queries bench_peers bench_store
bench: deps $(BUILD)/CMakeCache.txt
	@start=$$(date +%s) && cmake --build $(BUILD) -j$(JOBS) --target $(BENCH_TARGETS) \
	  && bash scripts/install-deps.sh --bench \
	  && KG_BENCH_START=$$start bash bench/run.sh $(BUILD)

fuzz:
	@bash scripts/install-deps.sh --fuzz
	CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON -DKG_SANITIZE=address,undefined >/dev/null
	cmake --build $(BUILD)-fuzz -j$(JOBS)
	bash tests/fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

# clang-format (.clang-format at the root) over every tracked C++ file; format-check changes nothing
# and fails if a file is not formatted (CI runs it).
CXX_FILES = $(shell git ls-files --cached --others --exclude-standard '*.cpp' '*.h')
format:
	@clang-format -i $(CXX_FILES)

format-check:
	@clang-format --dry-run -Werror $(CXX_FILES)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz out
