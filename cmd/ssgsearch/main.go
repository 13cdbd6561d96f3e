// Command ssgsearch crawls, extracts, indexes and searches publications on security
// sector governance, and serves a web UI and a JSON API over them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler"
	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indexdir"
)

// DataEnv names the environment variable that sets the default data directory.
const DataEnv = "SSGSEARCH_DATA"

// defaultData is the data directory used when neither --data nor SSGSEARCH_DATA is set.
const defaultData = "ssgsearch-data"

const usage = `ssgsearch: search publications on security sector governance.

Usage:
  ssgsearch <command> [flags] [arguments]

Commands:
  ingest   index local HTML and PDF files and folders (no path: the bundled sample)
  crawl    crawl websites from seed URLs and index what was fetched
  search   search the index from the command line
  quote    check whether and where a quote is in the indexed documents
  saved    saved queries: add, list, run, diff, feed, export (re-run after every build)
  reindex  rebuild the index from the stored files, without the network
  serve    serve the web UI and the JSON API
  extract  print the text of one HTML or PDF file, page by page

Every command takes --data DIR (default $SSGSEARCH_DATA or ./ssgsearch-data) where
the index and the fetched files live. Run "ssgsearch <command> --help" for details.
`

// command is one subcommand.
type command struct {
	run func(ctx context.Context, env *env, args []string) error
}

var commands = map[string]command{
	"ingest":  {runIngest},
	"crawl":   {runCrawl},
	"search":  {runSearch},
	"quote":   {runQuote},
	"saved":   {runSaved},
	"serve":   {runServe},
	"extract": {runExtract},
	"reindex": {runReindex},
	// extract-worker is hidden: the child process that extracts PDFs.
	"extract-worker": {runWorker},
}

// env is what commands share: output streams and the environment.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	log            *slog.Logger
	// deliverFrom is the data directory whose saved queries a command ran: their
	// webhook deliveries go out when it has finished (see deliverPending).
	deliverFrom string
}

// errUsage marks a command line that does not fit the command's usage (exit code 2).
// Alone, it means the flag package has already said what is wrong.
var errUsage = errors.New("usage")

// usageError is a usage mistake with a message of its own.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == errUsage }

// errNoMatch ends a command that found nothing (quote: not found) with exit code 1,
// as grep does, after it has said so on stdout.
var errNoMatch = errors.New("no match")

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	if err := run(ctx, e, os.Args[1:]); err != nil {
		if err != errUsage && err != errNoMatch {
			fmt.Fprintln(os.Stderr, "ssgsearch:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// run dispatches args to a command.
func run(ctx context.Context, e *env, args []string) error {
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, usage)
		return nil
	case "-version", "--version", "version":
		fmt.Fprintln(e.stdout, version())
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "ssgsearch: unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
	err := c.run(ctx, e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if e.deliverFrom != "" {
		deliverPending(ctx, e, e.deliverFrom)
	}
	return err
}

// deliveryBudget bounds the time a command spends on webhook deliveries once its
// work is done; what is left waits in the outbox for the next command or the server.
const deliveryBudget = 30 * time.Second

// deliverPending makes one attempt at every webhook delivery due in dir's saved
// queries, after the command's index is closed, and says what is left.
func deliverPending(ctx context.Context, e *env, dir string) {
	st, err := openSaved(dir)
	if err != nil {
		fmt.Fprintln(e.stderr, "warning: webhook deliveries:", err)
		return
	}
	ctx, cancel := context.WithTimeout(ctx, deliveryBudget)
	defer cancel()
	pending, _, err := st.Deliver(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		fmt.Fprintln(e.stderr, "warning: webhook deliveries:", err)
	case err != nil || pending > 0:
		fmt.Fprintf(e.stderr, "webhook deliveries waiting to be retried: %d (by the next command or the server)\n", max(pending, 1))
	}
}

// newFlags returns a flag set that prints the command's help text.
func newFlags(e *env, name, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "%s\nFlags:\n", help)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; a bad flag becomes errUsage (the flag package has printed why).
// A flag after the arguments would be read as one of them (a word of a query, a
// path): that is refused, with where the flag belongs.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return errUsage
	}
	if err != nil {
		return err
	}
	for _, a := range fs.Args() {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name != "" && fs.Lookup(name) != nil {
			return usagef("%s: the flag %s comes after the arguments; put flags first", fs.Name(), a)
		}
	}
	return nil
}

// dataFlag adds --data to fs.
func dataFlag(e *env, fs *flag.FlagSet) *string {
	def := e.getenv(DataEnv)
	if def == "" {
		def = defaultData
	}
	return fs.String("data", def, "data directory: index, corpus and crawl state (env "+DataEnv+")")
}

// workspace is an open data directory. The index is opened when first needed: while
// a server holds it, index work is handed to the server (see handoff.go).
type workspace struct {
	dir   string
	index *indexer.Index
	store *corpus.Store
	// cache, when set, is the extraction cache builds use instead of the data
	// directory's (a full re-index's fresh one).
	cache string
}

// openWorkspace opens (creating if needed) the corpus under dir, and the index.
// While a server holds the index, w.index stays nil and index work is handed over.
func openWorkspace(dir string) (*workspace, error) {
	w, err := openCorpus(dir)
	if err != nil {
		return nil, err
	}
	if serverAnswers(dir) {
		return w, nil // a server holds the index: no need to wait for its lock
	}
	ix, err := indexdir.OpenLive(dir)
	if errors.Is(err, indexer.ErrLocked) {
		if _, herr := readHandoff(dir); herr == nil {
			return w, nil // a server holds the index and takes our work
		}
	}
	if err != nil {
		return nil, err
	}
	w.index = ix
	return w, nil
}

// openWorkspaceForRead is openWorkspace for commands that only read (search, quote,
// running saved queries): a data directory without an index is an error, and
// nothing is created there (a mistyped --data would otherwise get an empty index).
func openWorkspaceForRead(dir string) (*workspace, error) {
	if _, err := os.Lstat(filepath.Join(dir, "index")); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no index in %s: run 'ssgsearch ingest' (the bundled sample), 'ssgsearch ingest PATH' or 'ssgsearch crawl URL' first, or give the right --data", dir)
	}
	return openWorkspace(dir)
}

// openWorkspaceForWrite is openWorkspace for commands that write the index (ingest,
// crawl, reindex): an index of another version is rebuilt from the stored files first,
// since the corpus holds everything it was built from.
func openWorkspaceForWrite(ctx context.Context, e *env, dir string) (*workspace, error) {
	w, err := openWorkspace(dir)
	if err == nil && w.index != nil { // nil: a server holds the index and cleans up
		// Index directories a killed full re-index left behind go now (one being
		// built by another process is locked and stays).
		if err := indexdir.RemoveStale(dir, w.index.Dir()); err != nil {
			fmt.Fprintf(e.stderr, "warning: leftover index directories not removed: %v\n", err)
		}
	}
	if !errors.Is(err, indexer.ErrOldIndex) {
		return w, err
	}
	fmt.Fprintf(e.stderr, "the index in %s was built by another version of ssgsearch: rebuilding it from the stored files\n", dir)
	if err := fullReindex(ctx, e, dir); err != nil {
		return nil, err
	}
	return openWorkspace(dir)
}

// openCorpus opens the corpus under dir, without the index.
func openCorpus(dir string) (*workspace, error) {
	if dir == "" {
		return nil, errors.New("--data must not be empty")
	}
	store, err := corpus.Open(filepath.Join(dir, "corpus"))
	if err != nil {
		return nil, err
	}
	return &workspace{dir: dir, store: store}, nil
}

func (w *workspace) Close() error {
	if w.index == nil {
		return nil
	}
	return w.index.Close()
}

// buildOptions are the index build options for the data directory, extracting
// files on so many cores (PDFs in child processes, with poppler's help and OCR
// where installed); the returned function stops the children.
func buildOptions(dir string, log *slog.Logger, cores int) (indexer.Options, func(), error) {
	sources, err := sourcesMeta(dir)
	if err != nil {
		return indexer.Options{}, nil, err
	}
	pdf, stop, err := pdfExtractor(cores)
	if err != nil {
		return indexer.Options{}, nil, err
	}
	return indexer.Options{CacheDir: filepath.Join(dir, "cache", "extract"), PDF: pdf, Sources: sources, Log: log, Workers: cores}, stop, nil
}

// sourcesFile is where a data directory keeps the sources file its crawls were
// given (keepSources), so that every later build applies what it says about the
// publishers.
func sourcesFile(dir string) string { return filepath.Join(dir, "sources.yaml") }

// readSources reads the sources file a crawl was given (none when file is ""), and
// its bytes, for keepSources once the command has checked the rest of what it
// was given.
func readSources(file string) ([]crawler.Source, []byte, error) {
	if file == "" {
		return nil, nil, nil
	}
	sources, err := crawler.LoadSources(file)
	if err != nil {
		return nil, nil, err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	return sources, b, nil
}

// keepSources keeps a copy of the sources file read (b; none when nil) in the data
// directory, where indexing reads what it says about each publisher
// (sourcesMeta).
func keepSources(dir string, b []byte) error {
	if b == nil {
		return nil
	}
	if err := corpus.WriteAtomic(sourcesFile(dir), b); err != nil {
		return fmt.Errorf("keep the sources file: %w", err)
	}
	return nil
}

// sourcesMeta is what the data directory's sources file says about each
// publisher's metadata (none when it has no sources file).
func sourcesMeta(dir string) ([]indexer.SourceMeta, error) {
	if _, err := os.Stat(sourcesFile(dir)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	sources, err := crawler.LoadSources(sourcesFile(dir))
	if err != nil {
		return nil, err
	}
	var out []indexer.SourceMeta
	for _, s := range sources {
		if s.Publisher == "" && len(s.Types) == 0 {
			continue
		}
		types := map[string]string{}
		for label, key := range s.Types {
			types[strings.ToLower(strings.TrimSpace(label))] = key
		}
		out = append(out, indexer.SourceMeta{Hosts: s.HostNames(), Publisher: s.Publisher, Types: types})
	}
	return out, nil
}

// reindex builds the index from every corpus entry and reports what it did: a
// summary on stdout, each file that could not be extracted on stderr.
func (w *workspace) reindex(ctx context.Context, e *env) (indexer.Report, error) {
	return w.reindexTo(ctx, e, e.stdout)
}

// reindexTo is reindex with the summary written to out. While a server holds the
// index, the server does the work.
func (w *workspace) reindexTo(ctx context.Context, e *env, out io.Writer) (indexer.Report, error) {
	var rep indexer.Report
	var err error
	if w.index == nil {
		var addr string
		rep, addr, err = handoffReindex(ctx, w.dir, false)
		if err == nil {
			fmt.Fprintf(out, "the server at %s holds the index: it re-indexed\n", addr)
		}
	} else {
		opts, stop, oerr := buildOptions(w.dir, e.log, runtime.GOMAXPROCS(0))
		if oerr != nil {
			return rep, oerr
		}
		if w.cache != "" {
			opts.CacheDir = w.cache
		}
		rep, err = indexer.BuildAll(ctx, w.store, w.index, opts)
		stop()
	}
	if err != nil {
		return rep, fmt.Errorf("index: %w", err)
	}
	reportBuild(e, out, rep)
	if w.index != nil { // the server re-runs them itself after its builds
		runAllSaved(ctx, e, out, w.dir, w.index, rep, nil)
	}
	return rep, nil
}

// reportBuild writes what a build did: each file that could not be extracted on
// stderr, the summary on out. It returns nil, for callers that end with it.
func reportBuild(e *env, out io.Writer, rep indexer.Report) error {
	for _, msg := range rep.Errors {
		fmt.Fprintln(e.stderr, "warning: could not extract", msg)
	}
	fmt.Fprintf(out, "indexed %d documents (%d pages; %d new or changed, %d removed) from %d corpus entries; %d listing pages used for links only; %d pages saying \"not found\"; %d pages asking not to be indexed; %d parts of pages; %d duplicates; %d gone; %d failed\n",
		rep.Documents, rep.Pages, rep.Written, rep.Removed, rep.Entries, rep.Listings, rep.NotFound, rep.NoIndex, rep.Fragments, rep.Duplicates, rep.Gone, rep.Failed)
	return nil
}
