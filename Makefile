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

.PHONY: all deps typecheck build test upload-file flash clean sim demo log long-life

all: deps typecheck build $(AFTER_BUILD)

# npm ci when node_modules is missing or older than package-lock.json (npm writes the stamp file).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: node_modules/.package-lock.json

typecheck: deps
	@echo "typecheck: host (tsconfig.json), firmware (tsconfig.firmware.json)"
	@$(NPX) tsc -p .
	@$(NPX) tsc -p tsconfig.firmware.json

# Every board: build/<board>/firmware.js, firmware.min.js, their maps, espruino-board.json.
build: deps
	@$(NPX) tsx tools/build.ts

# One board, only when its sources changed (used by upload-file and flash).
build/%/firmware.min.js: $(IMAGE_SOURCES) | deps
	@$(NPX) tsx tools/build.ts --board $*

test: all
	@$(NPX) mocha $(MOCHA_FLAGS) 'test/**/*.test.ts'
	@echo "the flashed image (firmware.min.js, property names shortened): image, scenario and property tests"
	@LATCHKEY_IMAGE_FILE=firmware.min.js LATCHKEY_RUNS=200 $(NPX) mocha $(MOCHA_FLAGS) \
	  test/image/*.test.ts test/scenarios.test.ts 'test/properties/*.test.ts'
	@$(foreach b,$(BOARDS),$(MAKE) --no-print-directory upload-file BOARD=$(b) &&) true
	@echo "budgets (make bench): sizes, RAM asleep and awake, a simulated day, brute force"
	@$(NPX) tsx tools/bench.ts

ifneq ($(filter upload-file flash,$(MAKECMDGOALS)),)
  ifeq ($(wildcard boards/$(BOARD).json),)
    $(error BOARD=$(BOARD): no boards/$(BOARD).json (boards: $(BOARDS)))
  endif
endif
ifneq ($(filter flash,$(MAKECMDGOALS)),)
  ifeq ($(PORT),)
    $(error PORT is not set: make flash BOARD=$(BOARD) PORT=/dev/ttyACM0 (USB) or PORT=aa:bb:cc:dd:ee:ff (BLE))
  endif
endif

# The exact text the espruino CLI would send to write the image to .bootcde, without a device.
upload-file: build/$(BOARD)/firmware.min.js
	@$(ESPRUINO) -q -n --board build/$(BOARD)/espruino-board.json --storage .bootcde:- \
	  -o build/$(BOARD)/upload.js build/$(BOARD)/firmware.min.js > /dev/null
	@echo "upload-file: build/$(BOARD)/upload.js ($$(wc -c < build/$(BOARD)/upload.js) bytes)"

# Writes the image to Storage as .bootcde (runs at every power-up; never save()) and starts it.
# PORT: a serial device (/dev/ttyACM0), tcp://host:port, or a BLE address (aa:bb:cc:dd:ee:ff).
BLE_FLAG = $(if $(filter /dev/% tcp://% COM%,$(PORT)),--no-ble,)
flash: build/$(BOARD)/firmware.min.js
	$(ESPRUINO) $(BLE_FLAG) -p $(PORT) --board build/$(BOARD)/espruino-board.json --storage .bootcde:- \
	  build/$(BOARD)/firmware.min.js

# The simulator runs the real image against a model of the lock (see README, "Simulator").
# make sim [BOARD=...]                      the interactive terminal view
# make sim SCENARIO=path [SVG=out.svg]      one scenario; exit 0 only when every expectation holds
SCENARIO ?=
SVG ?=
sim: build/$(BOARD)/firmware.min.js
	@$(NPX) tsx sim/cli.ts --board $(BOARD) $(if $(SCENARIO),--scenario $(SCENARIO)) $(if $(SVG),--svg $(SVG))

# What a person at the door would see, on proto-pico, without hardware.
demo: build
	@$(NPX) tsx sim/cli.ts --demo

# Budgets and resilience per board: image size, RAM estimate, a simulated day's energy and battery life,
# brute-force time. Prints a report, writes build/bench.json, fails when a budget is exceeded (docs/bench.md).
# Then ten years of the flash journal under power cuts (docs/persistence.md).
.PHONY: bench
bench: build
	@$(NPX) tsx tools/bench.ts
	@$(MAKE) --no-print-directory long-life

# The flash journal over ten years of heavy use with power cuts, on every board (docs/persistence.md):
# the three counts that must be 0, wear per page, events kept. 2-3 minutes.
long-life: build
	@$(NPX) tsx tools/journal/validate.ts
	@$(NPX) tsx tools/journal/long-life.ts

# The lock's event log off a board, as a table: make log BOARD=proto-pico PORT=/dev/ttyACM0 [N=500]
N ?= 500
log:
	@test -n "$(PORT)" || { echo "PORT is not set: make log BOARD=$(BOARD) PORT=/dev/ttyACM0 [N=500]"; exit 2; }
	@test -f build/$(BOARD)/espruino-board.json || $(NPX) tsx tools/build.ts --board $(BOARD)
	@$(NPX) tsx tools/log.ts --board $(BOARD) --port $(PORT) --count $(N)

clean:
	rm -rf build
