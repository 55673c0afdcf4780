# Entry points for people; CMake does the real work. See README.md.
BUILD ?= build
JOBS ?= 2
TCK_DIR ?= ../shared/tck
FUZZ_SECONDS ?= 60
KG := $(BUILD)/kg
CMAKE_FLAGS ?=

.PHONY: all deps build run test test-asan tck bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

# The main job: build the graph of the sample articles, print its statistics, draw it.
run: build
	@mkdir -p out
	rm -f out/samples.json
	$(KG) build samples/*.txt --graph out/samples.json
	$(KG) stats out/samples.json
	$(KG) export out/samples.json --format dot -o out/samples.dot
	dot -Tsvg out/samples.dot -o out/samples.svg
	@echo "wrote out/samples.json, out/samples.dot and out/samples.svg"

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-asan: deps
	cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_SANITIZE=address,undefined $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD)-asan -j$(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j$(JOBS)

tck: build
	$(BUILD)/tck_runner $(TCK_DIR) --expect-file tests/tck/PASSING

# Timed from before the build so that RESULTS.md holds the whole command's time.
bench: deps $(BUILD)/CMakeCache.txt
	@start=$$(date +%s) && cmake --build $(BUILD) -j$(JOBS) && bash scripts/install-deps.sh --bench \
	  && KG_BENCH_START=$$start bash bench/run.sh $(BUILD)

fuzz:
	@bash scripts/install-deps.sh --fuzz
	CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON -DKG_SANITIZE=address,undefined >/dev/null
	cmake --build $(BUILD)-fuzz -j$(JOBS)
	bash tests/fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz out
