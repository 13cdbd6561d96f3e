# ssgsearch — see README.md. `make run` and `make test` are all a newcomer needs.

GO      ?= go
BIN     := bin/ssgsearch
DATA    ?= ssgsearch-data
ADDR    ?= 127.0.0.1:8080
FONTS   := /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf
WORDNET := /usr/share/wordnet/data.noun
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build run test vet lint fuzz bench eval eval-extract eval-html bench-corpus bench-system sample fixtures ukdict thesaurus wordnet sqlite deps fonts poppler ocr chromium screenshots clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/ssgsearch

## run: build, index the bundled sample corpus into $(DATA), serve on $(ADDR)
run: build
	./$(BIN) ingest --data $(DATA) --sample
	./$(BIN) serve --data $(DATA) --addr $(ADDR)

## test: vet and every test, with the race detector (what CI runs); the ranking floors without it
test: deps vet
	$(GO) mod download
	SSGSEARCH_REQUIRE_FONTS=$(shell test -f $(FONTS) && echo 1) SSGSEARCH_REQUIRE_WORDNET=$(shell test -f $(WORDNET) && echo 1) \
		$(GO) test -race -count=1 ./...
	SSGSEARCH_REQUIRE_FONTS=$(shell test -f $(FONTS) && echo 1) $(GO) test -count=1 -run TestCollectionRanking ./cmd/eval-collection

# screenshots runs the browser journey and keeps its pictures of the main pages, in
# both languages, for the README (docs/screenshots).
SHOTS := home home-uk search search-uk document document-uk quote quote-uk saved saved-uk
screenshots: chromium poppler
	SSG_SCREENSHOTS=$(CURDIR)/build/screenshots $(GO) test -count=1 -run TestBrowserJourney ./search/web
	mkdir -p docs/screenshots
	for s in $(SHOTS); do cp build/screenshots/$$s.png docs/screenshots/$$s.png; done
	cp build/screenshots/search.png docs/screenshot-search.png

vet:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## lint: vet plus staticcheck (fetched with go run; needs the module proxy)
lint: vet
	$(GO) run $(STATICCHECK) ./...

## fuzz: fuzz each parser of untrusted input (FUZZTIME=5m for longer)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./search/query
	$(GO) test -run '^$$' -fuzz FuzzCompile -fuzztime $(FUZZTIME) ./search
	$(GO) test -run '^$$' -fuzz FuzzHTML -fuzztime $(FUZZTIME) ./indexer/extract
	$(GO) test -run '^$$' -fuzz FuzzPDF -fuzztime $(FUZZTIME) ./indexer/isolate

## bench-corpus: a synthetic corpus for the performance harness (BENCH_PAGES pages, fixed seed)
BENCH_PAGES ?= 100000
BENCH_DATA ?= bench-data
bench-corpus:
	$(GO) run ./cmd/bench-corpus -pages $(BENCH_PAGES) -out $(BENCH_DATA)

## bench: Go benchmarks of the hot paths, the abuse load test (60 s, 16+16 clients), then the whole system on the bench corpus beside SQLite FTS5 (made first when BENCH_DATA has none: make bench BENCH_PAGES=1000000 BENCH_DATA=bench-1m)
bench: sqlite
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./search ./search/quote ./indexer ./indexer/extract ./crawler
	SSGSEARCH_LOAD_SECONDS=60 $(GO) test -v -count=1 -run TestAbuseUnderLoad ./search/web
	@if [ ! -f $(BENCH_DATA)/corpus.jsonl ]; then $(MAKE) bench-corpus; fi
	$(MAKE) bench-system

## bench-system: index build (time, CPU ÷ wall, memory, size) and query latency (in process and over HTTP, at GOMAXPROCS 1, 2 and the machine's) beside FTS5; a full re-index beside a serving server;
## PDFs read again on one core and on all (../shared/realpdf, else the project's test PDFs) beside pdftotext
bench-system: sqlite poppler build
	$(GO) build -o bin/bench-system ./cmd/bench-system
	./bin/bench-system extract -bin $(BIN) -pdfs $(shell test -d $(REALPDF)/pdfs && echo $(REALPDF)/pdfs || echo indexer/extract/testdata/producers)
	./bin/bench-system build -data $(BENCH_DATA)
	GOMAXPROCS=1 ./bin/bench-system query -data $(BENCH_DATA)
	GOMAXPROCS=2 ./bin/bench-system query -data $(BENCH_DATA)
	@if [ "$$(nproc)" != 2 ]; then ./bin/bench-system query -data $(BENCH_DATA); fi
	./bin/bench-system reindex -data $(BENCH_DATA)

## eval-extract: score PDF extraction against poppler on ../shared/realpdf, pure Go and with the fallback
REALPDF ?= ../shared/realpdf
eval-extract: poppler
	$(GO) build -o bin/eval-extract ./cmd/eval-extract
	./bin/eval-extract -corpus $(REALPDF) -out eval-out/go
	./bin/eval-extract -corpus $(REALPDF) -out eval-out/fallback -fallback

## eval: ranking on data/relevance.json (nDCG@10, MRR, recall@20, quote pages), ours beside SQLite FTS5;
## then the evaluation collection (data/evalgen) crawled over loopback: metadata by field, filtered and judged queries
eval: sqlite fonts build
	$(GO) run ./cmd/eval-search -judgments data/relevance.json
	$(GO) run ./cmd/eval-collection -bin $(BIN)

## eval-html: main-content extraction of our HTML rules against go-readability on fixture pages
eval-html:
	$(GO) run ./cmd/eval-html -dir cmd/eval-html/testdata

## ukdict: regenerate the Ukrainian form → lemma dictionary (indexer/ukdict) from Debian's hunspell-uk
ukdict:
	@test -f /usr/share/hunspell/uk_UA.dic || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends hunspell-uk || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends hunspell-uk; }; }; }
	$(GO) run ./indexer/ukdict/gen -out indexer/ukdict

## fixtures: remake the per-producer PDF fixtures of indexer/extract/testdata (committed; tests need none of these tools)
FIXTURE_PKGS := python3-reportlab libreoffice-writer-nogui chromium groff ghostscript tesseract-ocr poppler-utils qpdf fonts-dejavu-core
fixtures:
	@{ /usr/bin/python3 -c 'import reportlab' 2>/dev/null && command -v soffice gropdf ps2pdf qpdf tesseract pdfunite chromium >/dev/null; } || \
		{ $(SUDO) apt-get install -y --no-install-recommends $(FIXTURE_PKGS) || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $(FIXTURE_PKGS); }; }
	/usr/bin/python3 indexer/extract/testdata/producers/generate.py
	/usr/bin/python3 indexer/extract/testdata/producers/generate.py scanned
	/usr/bin/python3 indexer/extract/testdata/producers/generate.py encrypted
	$(GO) test -count=1 -run 'TestProducers' -update ./indexer/extract

## sample: regenerate data/sample from data/gen/content (needs fonts-dejavu-core)
sample: fonts
	$(GO) run ./data/gen

# Debian packages the tests use, installed only when missing: DejaVu fonts (the
# sample generator), poppler-utils (pdftotext, the extraction fallback; pdftoppm),
# tesseract with English and Ukrainian (OCR of pages without text) and chromium (the
# UI tests in a real browser).
deps: fonts poppler ocr chromium wordnet

## thesaurus: regenerate the English stand-ins (search/thesaurus) from Debian's wordnet-base
thesaurus: wordnet
	$(GO) run ./search/thesaurus/gen -out search/thesaurus

wordnet:
	@test -f $(WORDNET) || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends wordnet-base || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends wordnet-base; }; }; } || \
		echo "warning: wordnet-base not installed; the thesaurus generator test will be skipped"

chromium:
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends chromium || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }; }; } || \
		echo "warning: chromium not installed; the browser tests will be skipped"

ocr: poppler
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>&1 | grep -qx ukr; } || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-ukr || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng tesseract-ocr-ukr; }; }; } || \
		echo "warning: tesseract not installed; pages without text will not be OCRed"

sqlite:
	@command -v sqlite3 >/dev/null || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends sqlite3 || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends sqlite3; }; }; } || \
		echo "warning: sqlite3 not installed; make eval runs without the FTS5 baseline"

poppler:
	@command -v pdftotext >/dev/null || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends poppler-utils || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends poppler-utils; }; }; } || \
		echo "warning: poppler-utils not installed; ssgsearch works without it, with no fallback extractor"

fonts:
	@test -f $(FONTS) || { command -v apt-get >/dev/null && \
		{ $(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core || \
		  { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends fonts-dejavu-core; }; }; } || \
		echo "warning: fonts-dejavu-core not installed; the sample generator test will be skipped"

clean:
	rm -rf bin eval-out build $(DATA) $(BENCH_DATA)
