# Latchkey. `make` installs, typechecks and builds every board; `make test` also runs every test.
# See README.md.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

NPX := npx --no-install
ESPRUINO := $(NPX) espruino
BOARDS := $(sort $(basename $(notdir $(wildcard boards/*.json))))
BOARD ?= proto-pico
PORT ?=
MOCHA_FLAGS ?= --reporter dot
# Hook: more targets `make` runs once every board is built (e.g. a demo scenario). Each one should
# list `build` as a prerequisite so it also waits under `make -j`.
AFTER_BUILD ?= demo

# What an image is made of: a change to any of these rebuilds it for upload-file and flash.
IMAGE_SOURCES := $(shell find firmware hal tools boards types -type f 2>/dev/null) tsconfig.firmware.json package-lock.json

.PHONY: all deps typecheck build test upload-file flash console clean sim demo espruino espruino-if-possible espruino-run web pictures log long-life

all: deps typecheck build $(AFTER_BUILD)

# npm ci when node_modules is missing or older than package-lock.json (npm writes the stamp file).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: node_modules/.package-lock.json

typecheck: deps
	@echo "typecheck: host (tsconfig.json), firmware (tsconfig.firmware.json), browser bench (tsconfig.web.json)"
	@$(NPX) tsc -p .
	@$(NPX) tsc -p tsconfig.firmware.json
	@$(NPX) tsc -p tsconfig.web.json

# Every board: build/<board>/firmware.js, firmware.min.js, their maps, espruino-board.json.
build: deps
	@$(NPX) tsx tools/build.ts

# One board, only when its sources changed (used by upload-file and flash).
build/%/firmware.min.js: $(IMAGE_SOURCES) | deps
	@$(NPX) tsx tools/build.ts --board $*

REAL_TESTS := test/interpreter/real-*.test.ts

# The property tests take 1,000 random sequences by default (npx mocha); make test takes 400 on the readable
# image and 200 on the minified one, and a three-year stretch of the long-life test, to stay well inside CI's
# ten minutes. make bench runs the long-life test's full ten years.
test: all espruino-if-possible
	@LATCHKEY_RUNS=400 $(NPX) mocha $(MOCHA_FLAGS) --ignore '$(REAL_TESTS)' 'test/**/*.test.ts'
	@echo "the flashed image (firmware.min.js, property names shortened): image, scenario and property tests"
	@LATCHKEY_IMAGE_FILE=firmware.min.js LATCHKEY_RUNS=200 $(NPX) mocha $(MOCHA_FLAGS) \
	  test/image/*.test.ts test/scenarios.test.ts 'test/properties/*.test.ts'
	@$(foreach b,$(BOARDS),$(MAKE) --no-print-directory upload-file BOARD=$(b) &&) true
	@echo "the real interpreter (Espruino 2v29 for Linux): every board's image from .bootcde, and make flash over telnet"
	@$(NPX) mocha $(MOCHA_FLAGS) '$(REAL_TESTS)'
	@echo "budgets (make bench): sizes, RAM asleep and awake on the real interpreter, a simulated day, brute force,"
	@echo "and three years of the flash journal with power cuts (make long-life runs ten)"
	@$(MAKE) --no-print-directory bench-run LONG_LIFE_DAYS=1095

# Espruino's interpreter for Linux, built once into .cache/espruino (git-ignored) from ../shared/espruino when
# that folder exists, else from $$ESPRUINO_SRC, else from a shallow clone of espruino/Espruino at RELEASE_2V29.
espruino:
	@bash tools/interpreter/build.sh .cache/espruino

# The same, except that having no source at all is not an error: the real-interpreter tests and the measured RAM
# then say why in one line and are skipped. A build that fails is an error.
espruino-if-possible:
	@bash tools/interpreter/build.sh .cache/espruino || [ $$? -eq 3 ]

# A board's image on the interpreter by hand, its console in this terminal (tools/interpreter/run.ts).
espruino-run: build/$(BOARD)/firmware.min.js espruino
	@$(NPX) tsx tools/interpreter/run.ts --board $(BOARD)

ifneq ($(filter upload-file flash console espruino-run log,$(MAKECMDGOALS)),)
  ifeq ($(wildcard boards/$(BOARD).json),)
    $(error BOARD=$(BOARD): no boards/$(BOARD).json (boards: $(BOARDS)))
  endif
endif
ifneq ($(filter flash console log,$(MAKECMDGOALS)),)
  ifeq ($(PORT),)
    $(error PORT is not set: make $(filter flash console log,$(MAKECMDGOALS)) BOARD=$(BOARD) PORT=/dev/ttyACM0 (USB), PORT=aa:bb:cc:dd:ee:ff (BLE) or PORT=tcp://127.0.0.1:2323 (the Linux build's telnet))
  endif
endif

# The exact text the espruino CLI would send to write the image to .bootcde, without a device.
upload-file: build/$(BOARD)/firmware.min.js
	@$(ESPRUINO) -q -n --board build/$(BOARD)/espruino-board.json --storage .bootcde:- \
	  -o build/$(BOARD)/upload.js build/$(BOARD)/firmware.min.js > /dev/null
	@echo "upload-file: build/$(BOARD)/upload.js ($$(wc -c < build/$(BOARD)/upload.js) bytes)"

# Writes the image to Storage as .bootcde (runs at every power-up; never save()), then reads back its size and
# CRC and checks that the lock started; exits non-zero saying what failed (tools/flash.ts).
# PORT: a serial device (/dev/ttyACM0), tcp://host:port, or a BLE address (aa:bb:cc:dd:ee:ff).
BLE_FLAG = $(if $(filter /dev/% tcp://% COM%,$(PORT)),--no-ble,)
flash: build/$(BOARD)/firmware.min.js
	@$(NPX) tsx tools/flash.ts --board $(BOARD) --port $(PORT)

# The board's console (Espruino's REPL) through the espruino CLI: Latchkey.status(), ... Ctrl-C twice leaves.
console: build/$(BOARD)/espruino-board.json
	@$(ESPRUINO) $(BLE_FLAG) -p $(PORT) --board build/$(BOARD)/espruino-board.json

build/%/espruino-board.json: | deps
	@$(NPX) tsx tools/build.ts --board $*

# The simulator runs the real image against a model of the lock (see README, "Simulator").
# make sim [BOARD=...]                      the interactive terminal view
# make sim SCENARIO=path [SVG=out.svg]      one scenario; exit 0 only when every expectation holds
# BOARD is passed on only when given (not the default above): a scenario's `board` line must then agree.
SCENARIO ?=
SVG ?=
BOARD_GIVEN := $(filter command line environment environment override,$(origin BOARD))
sim: build
	@$(NPX) tsx sim/cli.ts $(if $(BOARD_GIVEN),--board $(BOARD)) $(if $(SCENARIO),--scenario $(SCENARIO)) $(if $(SVG),--svg $(SVG))

# The lock bench in a browser (see README, "The bench in a browser"): builds build/web/ and serves it on
# 127.0.0.1 until Ctrl-C; the address is printed. WEB_PORT=8080 picks the port (default: a free one).
WEB_PORT ?= 0
web: build
	@$(NPX) tsx sim/web/serve.ts --port $(WEB_PORT)

# The README's pictures: the browser test draws them in build/pictures/ (the bench, a timeline as PNG);
# this copies them to docs/img/, which the README shows. Run it after a change to the bench or the SVG.
pictures: all
	@$(NPX) mocha $(MOCHA_FLAGS) test/web/bench.test.ts
	@mkdir -p docs/img && cp build/pictures/bench.png build/pictures/timeline.png docs/img/
	@echo "pictures: docs/img/bench.png, docs/img/timeline.png"

# What a person at the door would see, on proto-pico, without hardware.
demo: build
	@$(NPX) tsx sim/cli.ts --demo

# Budgets and resilience per board: image size, RAM measured on the real interpreter (the estimate beside it), a
# simulated day's energy and battery life, brute-force time. Prints a report, writes build/bench.json, fails when
# a budget is exceeded (docs/bench.md). Then the flash journal's ten years (long-life, below).
.PHONY: bench bench-run
bench: build espruino-if-possible
	@$(MAKE) --no-print-directory bench-run

LONG_LIFE_DAYS ?= 3650
bench-run:
	@$(NPX) tsx tools/bench.ts
	@$(NPX) tsx tools/journal/validate.ts
	@$(NPX) tsx tools/journal/long-life.ts --days $(LONG_LIFE_DAYS)

# The flash journal over ten years of heavy use with power cuts, on every board with its built image in
# .bootcde (docs/persistence.md): the three counts that must be 0, wear per page, events kept. The boards run
# side by side; about a minute.
long-life: build
	@$(NPX) tsx tools/journal/validate.ts
	@$(NPX) tsx tools/journal/long-life.ts

# The lock's event log off a board, as a table (tools/log.ts, through the espruino CLI):
# make log BOARD=proto-pico PORT=/dev/ttyACM0 [N=500]
N ?= 500
log: build/$(BOARD)/espruino-board.json
	@$(NPX) tsx tools/log.ts --board $(BOARD) --port $(PORT) --count $(N)

clean:
	rm -rf build
