# ssgsearch — see README.md. `make run` and `make test` are all a newcomer needs.

GO      ?= go
BIN     := bin/ssgsearch
DATA    ?= ssgsearch-data
ADDR    ?= 127.0.0.1:8080
FONTS   := /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@2025.1.1

.PHONY: all build run test vet lint fuzz bench sample fonts clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/ssgsearch

## run: build, index the bundled sample corpus into $(DATA), serve on $(ADDR)
run: build
	./$(BIN) ingest --data $(DATA) --sample
	./$(BIN) serve --data $(DATA) --addr $(ADDR)

## test: vet and every test, with the race detector (what CI runs)
test: fonts vet
	$(GO) mod download
	SSGSEARCH_REQUIRE_FONTS=$(shell test -f $(FONTS) && echo 1) $(GO) test -race -count=1 ./...

vet:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## lint: vet plus staticcheck (fetched with go run; needs the module proxy)
lint: vet
	$(GO) run $(STATICCHECK) ./...

## fuzz: fuzz each parser of untrusted input (FUZZTIME=5m for longer)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./search
	$(GO) test -run '^$$' -fuzz FuzzHTML -fuzztime $(FUZZTIME) ./indexer/extract

## bench: Go benchmarks of the hot paths on the sample corpus
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./search ./indexer/extract ./crawler

## sample: regenerate data/sample from data/gen/content (needs fonts-dejavu-core)
sample: fonts
	$(GO) run ./data/gen

# The sample generator and its test embed DejaVu fonts; install them when missing.
fonts:
	@test -f $(FONTS) || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core; }; }; } || \
		echo "warning: fonts-dejavu-core not installed; the sample generator test will be skipped"

clean:
	rm -rf bin $(DATA)
