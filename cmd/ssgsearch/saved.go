package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/output"
	"github.com/ssgsearch/ssgsearch/search/query"
	"github.com/ssgsearch/ssgsearch/search/saved"
)

const savedHelp = `Usage: ssgsearch saved <subcommand> [flags] [arguments]

Standing queries that are re-run after every crawl, ingest and reindex, and say what
is new since the run before.

Subcommands:
  add  --name NAME [--lang L] [--type T] [--topic T] [--publisher P] [--year-from Y]
       [--year-to Y] [--sort S] [--xlang on|off] [--desc TEXT] [--tag T]
       [--webhook URL --webhook-secret S] QUERY
  list                         the saved queries
  show ID                      one saved query and its runs
  edit [flags of add] ID [QUERY]  (flags before the ID)
  rm ID
  run ID... | --all            run now; print the news
  run --file FILE [--out CSV]  run the queries of FILE (one per line, or CSV
                               name,query) and write one combined CSV
  diff ID RUN [RUN2]           what a run changed (or what changed between two runs)
  feed ID                      the Atom feed of new and changed results
  results ID [--run N] [--json] the results of a run (the latest by default) as CSV
  export [--out FILE]          every saved query as JSON
  import FILE                  add the saved queries of an export (names already
                               taken are skipped)`

// savedPath is the saved-query store in a data directory.
func savedPath(dir string) string { return filepath.Join(dir, "saved.db") }

// indexStatePath holds the name of the last index build, recorded in every run.
// WebhookAllowEnv lists networks (CIDR, comma-separated) that webhooks may reach
// although they are not public: an operator's own receivers on a private network
// or on this machine. Other non-public addresses are refused.
const WebhookAllowEnv = "SSGSEARCH_WEBHOOK_ALLOW"

// openSaved opens the saved queries of the data directory dir, their webhooks
// limited to public addresses and the networks of WebhookAllowEnv.
func openSaved(dir string) (*saved.Store, error) {
	var allow []netip.Prefix
	for _, f := range strings.Split(os.Getenv(WebhookAllowEnv), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is no network (give CIDR, such as 10.1.0.0/16)", WebhookAllowEnv, f)
		}
		allow = append(allow, p)
	}
	st, err := saved.Open(savedPath(dir))
	if err != nil {
		return nil, err
	}
	st.SetNotifier(saved.NewNotifier(allow))
	return st, nil
}

func indexStatePath(dir string) string { return filepath.Join(dir, "index-state") }

// indexState names the index as it is now: the last build, or "unknown".
func indexState(dir string) string {
	b, err := os.ReadFile(indexStatePath(dir))
	if err != nil || len(b) == 0 {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}

func runSaved(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.stderr, savedHelp)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	cmd, ok := savedCmds[sub]
	if !ok {
		fmt.Fprintf(e.stderr, "ssgsearch saved: unknown subcommand %q\n\n%s\n", sub, savedHelp)
		return errUsage
	}
	fs := newFlags(e, "saved "+sub, savedHelp)
	c := &savedCall{e: e, fs: fs, dir: dataFlag(e, fs)}
	for _, f := range cmd.flags {
		f(fs, &c.opts)
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openSaved(*c.dir)
	if err != nil {
		return err
	}
	c.st = st
	return cmd.run(ctx, c)
}

// savedCmd is one subcommand of `ssgsearch saved`: the flags it takes, and what
// it does.
type savedCmd struct {
	flags []savedFlag
	run   func(context.Context, *savedCall) error
}

// savedFlag registers one flag of the subcommands in savedOpts.
type savedFlag func(*flag.FlagSet, *savedOpts)

// savedCall is one call of a subcommand: its parsed flags and the store.
type savedCall struct {
	e    *env
	fs   *flag.FlagSet
	dir  *string
	opts savedOpts
	st   *saved.Store
}

// savedOpts are the flags the subcommands take; each registers its own.
type savedOpts struct {
	def    queryFlags
	all    *bool
	file   *string
	out    *string
	runN   *int64
	asJSON *bool
}

// The flags, each meaning one thing wherever it is taken.
func defFlags(fs *flag.FlagSet, o *savedOpts) { o.def.register(fs) }
func allFlag(fs *flag.FlagSet, o *savedOpts) {
	o.all = fs.Bool("all", false, "run: every saved query")
}
func fileFlag(fs *flag.FlagSet, o *savedOpts) {
	o.file = fs.String("file", "", "run: a file of queries, one per line or CSV name,query")
}
func outFlag(fs *flag.FlagSet, o *savedOpts) {
	o.out = fs.String("out", "", "run --file, export: write to this file (default: standard output)")
}
func runFlag(fs *flag.FlagSet, o *savedOpts) {
	o.runN = fs.Int64("run", 0, "results: the run (default: the latest)")
}
func jsonFlag(fs *flag.FlagSet, o *savedOpts) {
	o.asJSON = fs.Bool("json", false, "results, show, list: JSON")
}

// savedCmds are the subcommands of `ssgsearch saved` by name.
var savedCmds = map[string]savedCmd{
	"add":     {flags: []savedFlag{defFlags}, run: savedAdd},
	"edit":    {flags: []savedFlag{defFlags}, run: savedEdit},
	"list":    {flags: []savedFlag{jsonFlag}, run: savedList},
	"show":    {flags: []savedFlag{jsonFlag}, run: savedShow},
	"rm":      {run: savedRemove},
	"run":     {flags: []savedFlag{allFlag, fileFlag, outFlag}, run: savedRun},
	"diff":    {run: savedDiff},
	"feed":    {run: savedFeed},
	"results": {flags: []savedFlag{runFlag, jsonFlag}, run: savedResults},
	"export":  {flags: []savedFlag{outFlag}, run: savedExport},
	"import":  {run: savedImport},
}

// only returns the saved query a subcommand that takes one ID alone names.
func (c *savedCall) only(sub string) (*saved.Query, error) {
	if c.fs.NArg() != 1 {
		return nil, usagef("saved %s: give the ID", sub)
	}
	return c.st.Get(c.fs.Arg(0))
}

func savedAdd(_ context.Context, c *savedCall) error {
	if c.fs.NArg() == 0 {
		return usagef("saved add: give the QUERY")
	}
	q, err := c.opts.def.query(c.fs, strings.Join(c.fs.Args(), " "))
	if err != nil {
		return err
	}
	created, err := c.st.Create(q)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.e.stdout, "saved query %s: %s\n", created.ID, created.Name)
	return nil
}

func savedEdit(_ context.Context, c *savedCall) error {
	if c.fs.NArg() == 0 {
		return usagef("saved edit: give the ID")
	}
	q, err := c.st.Get(c.fs.Arg(0))
	if err != nil {
		return err
	}
	if err := c.opts.def.apply(c.fs, q); err != nil {
		return err
	}
	if c.fs.NArg() > 1 {
		q.Query = strings.Join(c.fs.Args()[1:], " ")
	}
	if _, err := c.st.Update(*q); err != nil {
		return err
	}
	fmt.Fprintf(c.e.stdout, "saved query %s updated\n", q.ID)
	return nil
}

func savedList(_ context.Context, c *savedCall) error {
	qs, err := c.st.List()
	if err != nil {
		return err
	}
	if *c.opts.asJSON {
		pub := make([]saved.Query, len(qs))
		for i, q := range qs {
			pub[i] = q.Public()
		}
		return printJSON(c.e.stdout, pub)
	}
	if len(qs) == 0 {
		fmt.Fprintln(c.e.stdout, "no saved queries: add one with 'ssgsearch saved add --name NAME QUERY'")
	}
	for _, q := range qs {
		fmt.Fprintf(c.e.stdout, "%s\t%s\t%s\n", q.ID, q.Name, q.Query)
	}
	return nil
}

func savedShow(_ context.Context, c *savedCall) error {
	q, err := c.only("show")
	if err != nil {
		return err
	}
	runs, err := c.st.Runs(q.ID)
	if err != nil {
		return err
	}
	if *c.opts.asJSON {
		return printJSON(c.e.stdout, map[string]any{"saved_search": q.Public(), "runs": runs})
	}
	fmt.Fprintf(c.e.stdout, "%s: %s\nquery: %s\n", q.ID, q.Name, q.Query)
	for _, r := range runs {
		fmt.Fprintf(c.e.stdout, "run %d  %s  %d results  %s\n", r.ID, r.RanAt.Format(time.RFC3339), r.Total, news(&r))
	}
	return nil
}

func savedRemove(_ context.Context, c *savedCall) error {
	if c.fs.NArg() != 1 {
		return usagef("saved rm: give the ID")
	}
	if err := c.st.Delete(c.fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(c.e.stdout, "saved query %s removed\n", c.fs.Arg(0))
	return nil
}

func savedRun(ctx context.Context, c *savedCall) error {
	dir := *c.dir
	if *c.opts.file != "" {
		return runBatch(ctx, c.e, dir, *c.opts.file, *c.opts.out)
	}
	var ids []string
	if *c.opts.all {
		qs, err := c.st.List()
		if err != nil {
			return err
		}
		for _, q := range qs {
			ids = append(ids, q.ID)
		}
	} else if ids = c.fs.Args(); len(ids) == 0 {
		return usagef("saved run: give IDs, --all or --file")
	}
	if serverAnswers(dir) {
		// The server holds the index: it runs them (and delivers their news).
		for _, id := range ids {
			r, err := handoffSavedRun(ctx, dir, id)
			if err != nil {
				return fmt.Errorf("saved run %s (by the server): %w", id, err)
			}
			printRun(c.e, c.st, id, r)
		}
		return nil
	}
	c.e.deliverFrom = dir
	return withSearcher(ctx, dir, func(s *search.Searcher) error {
		for _, id := range ids {
			r, err := c.st.Execute(ctx, s, id, indexState(dir))
			if err != nil {
				return err
			}
			printRun(c.e, c.st, id, r)
		}
		return nil
	})
}

func savedDiff(_ context.Context, c *savedCall) error {
	fs := c.fs
	if fs.NArg() < 2 || fs.NArg() > 3 {
		return usagef("saved diff: give the ID and one or two run numbers")
	}
	a, err := strconv.ParseInt(fs.Arg(1), 10, 64)
	if err != nil {
		return usagef("saved diff: %q is not a run number", fs.Arg(1))
	}
	r, err := c.st.Run(fs.Arg(0), a)
	if err != nil {
		return err
	}
	if fs.NArg() == 3 {
		b, err := strconv.ParseInt(fs.Arg(2), 10, 64)
		if err != nil {
			return usagef("saved diff: %q is not a run number", fs.Arg(2))
		}
		added, dropped, changed, err := c.st.Compare(fs.Arg(0), a, b)
		if err != nil {
			return err
		}
		r = &saved.Run{ID: b, Added: added, Dropped: dropped, Changed: changed}
	}
	fmt.Fprintln(c.e.stdout, news(r))
	printChanges(c.e.stdout, r)
	return nil
}

func savedFeed(_ context.Context, c *savedCall) error {
	if c.fs.NArg() != 1 {
		return usagef("saved feed: give the ID")
	}
	f, err := c.st.Feed(c.fs.Arg(0), "", "")
	if err != nil {
		return err
	}
	return output.WriteAtom(c.e.stdout, f)
}

func savedResults(_ context.Context, c *savedCall) error {
	q, err := c.only("results")
	if err != nil {
		return err
	}
	r, err := c.st.Run(q.ID, *c.opts.runN)
	if err != nil {
		return err
	}
	if *c.opts.asJSON {
		p := q.Public()
		return printJSON(c.e.stdout, saved.Export{SavedSearch: &p, Run: r})
	}
	return output.WriteResultsCSV(c.e.stdout, q, r)
}

func savedExport(_ context.Context, c *savedCall) error {
	qs, err := c.st.List()
	if err != nil {
		return err
	}
	// The export holds the webhooks' secrets (to import again): for the owner only.
	w, done, err := openOutput(c.e, *c.opts.out, 0o600)
	if err != nil {
		return err
	}
	if err := printJSON(w, map[string]any{"saved_searches": qs}); err != nil {
		done(false)
		return err
	}
	return done(true)
}

func savedImport(_ context.Context, c *savedCall) error {
	if c.fs.NArg() != 1 {
		return usagef("saved import: give the FILE of an export")
	}
	b, err := os.ReadFile(c.fs.Arg(0))
	if err != nil {
		return err
	}
	var in struct {
		SavedSearches []saved.Query `json:"saved_searches"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("saved import %s: not an export: %w", c.fs.Arg(0), err)
	}
	added := 0
	for _, q := range in.SavedSearches {
		if _, err := c.st.Create(q); err != nil {
			fmt.Fprintf(c.e.stderr, "skipped %q: %v\n", q.Name, err)
			continue
		}
		added++
	}
	fmt.Fprintf(c.e.stdout, "imported %d of %d saved queries\n", added, len(in.SavedSearches))
	return nil
}

// queryFlags are the definition flags of saved add and edit.
type queryFlags struct {
	name, sort, xlang, desc, webhook, secret *string
	tags                                     *listFlag
	filters                                  map[string]*listFlag // by facet name (search.Facets)
	yearFrom, yearTo                         *int
}

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func (d *queryFlags) register(fs *flag.FlagSet) {
	d.name = fs.String("name", "", "name of the saved query")
	d.sort = fs.String("sort", "", "relevance, newest or oldest")
	d.xlang = fs.String("xlang", "on", "cross-language search: on or off")
	d.desc = fs.String("desc", "", "description")
	d.webhook = fs.String("webhook", "", "URL to POST each run's news to")
	d.secret = fs.String("webhook-secret", "", "secret that signs webhook deliveries")
	d.tags, d.filters = &listFlag{}, map[string]*listFlag{}
	for _, f := range search.Facets {
		if f.Chosen != nil {
			d.filters[f.Name] = &listFlag{}
			fs.Var(d.filters[f.Name], f.Name, "filter: "+f.Help+" (repeatable)")
		}
	}
	fs.Var(d.tags, "tag", "tag (repeatable)")
	d.yearFrom = fs.Int("year-from", 0, "filter: from this year")
	d.yearTo = fs.Int("year-to", 0, "filter: up to this year")
}

func (d *queryFlags) query(fs *flag.FlagSet, text string) (saved.Query, error) {
	q := saved.Query{Query: text, XLang: true}
	err := d.apply(fs, &q)
	return q, err
}

// apply sets the fields whose flags were given: a new secret needs a webhook, the
// one given beside it or the query's.
func (d *queryFlags) apply(fs *flag.FlagSet, q *saved.Query) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			q.Name = *d.name
		case "sort":
			q.Sort = *d.sort
		case "xlang":
			q.XLang = *d.xlang != "off"
		case "desc":
			q.Description = *d.desc
		case "webhook":
			if *d.webhook == "" {
				q.Webhook = nil
			} else {
				q.Webhook = &saved.Webhook{URL: *d.webhook, Secret: *d.secret}
			}
		case "webhook-secret":
			switch {
			case *d.secret == "":
				err = usagef("--webhook-secret: give the secret (a webhook without one: --webhook URL alone)")
			case q.Webhook == nil && *d.webhook == "":
				err = usagef("--webhook-secret needs a webhook: give --webhook URL")
			case q.Webhook != nil:
				w := *q.Webhook
				w.Secret = *d.secret
				q.Webhook = &w
			}
		case "tag":
			q.Tags = *d.tags
		case "year-from":
			q.Filters.YearFrom = *d.yearFrom
		case "year-to":
			q.Filters.YearTo = *d.yearTo
		}
		for _, fc := range search.Facets {
			if fc.Chosen != nil && f.Name == fc.Name {
				*fc.Chosen(&q.Filters) = *d.filters[fc.Name]
			}
		}
	})
	return err
}

// news summarises a run's news in words.
func news(r *saved.Run) string {
	if r.Baseline {
		return "baseline (first run)"
	}
	if !r.News() {
		return "nothing new"
	}
	return fmt.Sprintf("%d added, %d dropped, %d changed", len(r.Added), len(r.Dropped), len(r.Changed))
}

func printChanges(w io.Writer, r *saved.Run) {
	for _, g := range []struct {
		sign string
		list []saved.Change
	}{{"+", r.Added}, {"-", r.Dropped}, {"~", r.Changed}} {
		for _, c := range g.list {
			fmt.Fprintf(w, "  %s %s  %s\n", g.sign, c.Title, c.URL)
		}
	}
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// openOutput opens path for writing, standard output for "". A file is written
// beside path, created with perm (before the umask), and replaces path only when
// done(true) is called: a command that fails (done(false)) leaves a file of that
// name as it was. What is no file (a device, a pipe, a link) is written where it
// leads.
func openOutput(e *env, path string, perm os.FileMode) (w io.Writer, done func(ok bool) error, err error) {
	if path == "" {
		return e.stdout, func(bool) error { return nil }, nil
	}
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		// A device, a pipe, a link (/dev/stdout, a process substitution): written
		// where it leads.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, perm)
		if err != nil {
			return nil, nil, err
		}
		return f, func(bool) error { return f.Close() }, nil
	}
	tmp := path + ".partial"
	os.Remove(tmp) // one a killed command left: created anew, with perm
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return nil, nil, err
	}
	return f, func(ok bool) error {
		err := f.Close()
		if ok && err == nil {
			if err = os.Rename(f.Name(), path); err == nil {
				return nil
			}
		}
		os.Remove(f.Name())
		return err
	}, nil
}

// withSearcher runs fn with a searcher over the data directory's index.
func withSearcher(ctx context.Context, dir string, fn func(*search.Searcher) error) error {
	w, err := openWorkspaceForRead(dir)
	if err != nil {
		return err
	}
	defer w.Close()
	if w.index == nil {
		return errors.New("a server holds the index: run saved queries there (POST /api/v1/saved-searches/{id}/runs), or stop it")
	}
	s, err := newSearcher(w.index)
	if err != nil {
		return err
	}
	return fn(s)
}

// runBatch runs a list of queries (one per line, or CSV "name,query") and writes one
// combined CSV of every result, as analysts run watch lists.
func runBatch(ctx context.Context, e *env, dir, file, out string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	type item struct{ name, query string }
	var items []item
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		it := item{name: fmt.Sprintf("line %d", n), query: line}
		if strings.Contains(line, ",") {
			rec, err := csv.NewReader(strings.NewReader(line)).Read()
			if err == nil && len(rec) == 2 && strings.TrimSpace(rec[1]) != "" {
				it = item{name: strings.TrimSpace(rec[0]), query: strings.TrimSpace(rec[1])}
			}
		}
		if _, err := query.Parse(it.query); err != nil {
			return fmt.Errorf("%s line %d: %w", file, n, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(items) == 0 {
		return fmt.Errorf("%s: no queries", file)
	}
	w, done, err := openOutput(e, out, 0o644)
	if err != nil {
		return err
	}
	err = withSearcher(ctx, dir, func(s *search.Searcher) error {
		c, err := output.NewResultsCSV(w)
		if err != nil {
			return err
		}
		run := &saved.Run{RanAt: time.Now().UTC().Truncate(time.Second), IndexState: indexState(dir)}
		for _, it := range items {
			// Run as a saved query of the words runs: verbatim, documents gone from
			// their sites left out.
			req := (&saved.Query{Query: it.query, XLang: true}).Request()
			_, err := s.Export(ctx, req, func(h search.ExportHit) error {
				return c.Write(it.name, it.query, run, saved.ResultOf(h))
			})
			if err != nil {
				return fmt.Errorf("%s (%q): %w", it.name, it.query, err)
			}
		}
		return c.Flush()
	})
	if derr := done(err == nil); err == nil {
		err = derr
	}
	return err
}

// runAllSaved re-runs every saved query after an index build and prints which have
// news; a failing query is reported and the others still run. st is the server's
// store, whose DeliverLoop sends the news; nil opens dir's, and the news goes out
// when the command has finished.
func runAllSaved(ctx context.Context, e *env, out io.Writer, dir string, ix *indexer.Index, rep indexer.Report, st *saved.Store) {
	state := fmt.Sprintf("index built %s (%d documents, %d new or changed, %d removed)",
		time.Now().UTC().Format(time.RFC3339), rep.Documents, rep.Written, rep.Removed)
	if err := corpus.WriteAtomic(indexStatePath(dir), []byte(state+"\n")); err != nil {
		fmt.Fprintln(e.stderr, "warning: recording the index state:", err)
	}
	if _, err := os.Stat(savedPath(dir)); err != nil {
		return // no saved queries yet
	}
	if st == nil {
		var err error
		if st, err = openSaved(dir); err != nil {
			fmt.Fprintln(e.stderr, "warning: saved queries:", err)
			return
		}
		e.deliverFrom = dir
	}
	s, err := newSearcher(ix)
	if err != nil {
		fmt.Fprintln(e.stderr, "warning: saved queries:", err)
		return
	}
	outcomes, err := st.ExecuteAll(ctx, s, state)
	if err != nil {
		fmt.Fprintln(e.stderr, "warning: saved queries:", err)
		return
	}
	var withNews []string
	for _, o := range outcomes {
		switch {
		case o.Err != nil:
			fmt.Fprintf(e.stderr, "warning: saved query %s (%s): %v\n", o.Query.ID, o.Query.Name, o.Err)
		case o.Run.News():
			withNews = append(withNews, fmt.Sprintf("%s (%s)", o.Query.Name, news(o.Run)))
		}
	}
	if len(withNews) > 0 {
		fmt.Fprintf(out, "saved queries with news: %s\n", strings.Join(withNews, "; "))
	} else if len(outcomes) > 0 {
		fmt.Fprintf(out, "saved queries re-run: %d, none with news\n", len(outcomes))
	}
}

// printRun says what a run of saved query id found, and what changed.
func printRun(e *env, st *saved.Store, id string, r *saved.Run) {
	name := id
	if q, err := st.Get(id); err == nil {
		name = q.Name
	}
	fmt.Fprintf(e.stdout, "%s (%s): run %d, %d results, %s\n", name, id, r.ID, r.Total, news(r))
	printChanges(e.stdout, r)
}
