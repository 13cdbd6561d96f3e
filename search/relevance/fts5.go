package relevance

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/search"
)

// FTS5 is the baseline: every page of the index in an FTS5 table (porter stemmer over
// unicode61 tokens), queried through the sqlite3 command; pages grouped into
// documents by their best bm25, as our engine groups them. It is what an afternoon's
// setup over the same page texts gives.
type FTS5 struct {
	db string
}

// NewFTS5 loads every page of ix (as s reads them) into an FTS5 database at db;
// key names each document as judgments do (nil: Key of its source URL).
func NewFTS5(ctx context.Context, s *search.Searcher, ix *indexer.Index, db string, key func(*indexer.Document) string) (*FTS5, error) {
	if key == nil {
		key = func(d *indexer.Document) string { return Key(d.SourceURL) }
	}
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return nil, errors.New("sqlite3 is not installed (Debian package sqlite3; make eval installs it)")
	}
	ids, err := ix.DocumentIDs()
	if err != nil {
		return nil, err
	}
	csvPath := db + ".csv"
	f, err := os.Create(csvPath)
	if err != nil {
		return nil, err
	}
	w := csv.NewWriter(f)
	for _, id := range ids {
		d, err := ix.Get(id)
		if err != nil {
			f.Close()
			return nil, err
		}
		for n := 1; n <= max(1, d.PageCount); n++ {
			p, err := s.Page(ctx, id, n, "")
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("page %d of %s: %w", n, id, err)
			}
			w.Write([]string{key(d), strconv.Itoa(n), d.Lang, d.Type, strconv.Itoa(d.Year),
				"|" + strings.Join(d.Topics, "|") + "|", d.Title, p.Text})
		}
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		return nil, err
	}
	script := `CREATE VIRTUAL TABLE pages USING fts5(key UNINDEXED, page UNINDEXED, lang UNINDEXED, type UNINDEXED, year UNINDEXED, topics UNINDEXED, title, text, tokenize='porter unicode61');
.mode csv
.import '` + csvPath + `' pages
`
	if out, err := sqlite(ctx, db, script); err != nil {
		return nil, fmt.Errorf("load FTS5: %v: %s", err, out)
	}
	return &FTS5{db: db}, nil
}

func sqlite(ctx context.Context, db, script string) (string, error) {
	cmd := exec.CommandContext(ctx, "sqlite3", "-batch", db)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// match turns a query into an FTS5 expression: its words, any of them (or, for a
// phrase, all in order), each quoted so that FTS5 reads no syntax into them.
func match(q string, phrase bool) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if phrase {
		return `"` + strings.Join(words, " ") + `"`
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " OR ")
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (f *FTS5) where(q Query, phrase bool) string {
	conds := []string{"pages MATCH " + sqlString(match(q.Query, phrase))}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		quoted := make([]string, len(vals))
		for i, v := range vals {
			quoted[i] = sqlString(v)
		}
		conds = append(conds, col+" IN ("+strings.Join(quoted, ",")+")")
	}
	in("lang", q.Filters.Lang)
	in("type", q.Filters.Type)
	if len(q.Filters.Topic) > 0 {
		var or []string
		for _, t := range q.Filters.Topic {
			or = append(or, "topics LIKE "+sqlString("%|"+t+"|%"))
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	if q.Filters.YearFrom > 0 {
		conds = append(conds, fmt.Sprintf("CAST(year AS INTEGER) >= %d", q.Filters.YearFrom))
	}
	if q.Filters.YearTo > 0 {
		conds = append(conds, fmt.Sprintf("CAST(year AS INTEGER) BETWEEN 1 AND %d", q.Filters.YearTo))
	}
	return strings.Join(conds, " AND ")
}

// Rank returns documents by their best page's bm25 (pages come best first; a
// document takes the rank of its first page).
func (f *FTS5) Rank(ctx context.Context, q Query, n int) ([]string, error) {
	sql := fmt.Sprintf("SELECT key FROM pages WHERE %s ORDER BY bm25(pages) LIMIT 1000;\n", f.where(q, q.Kind == KindQuote))
	out, err := sqlite(ctx, f.db, sql)
	if err != nil {
		return nil, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	var keys []string
	seen := map[string]bool{}
	for _, k := range lines(out) {
		if !seen[k] && len(keys) < n {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// QuotePage returns the best page matching the quote as a phrase.
func (f *FTS5) QuotePage(ctx context.Context, q Query) (string, int, error) {
	out, err := sqlite(ctx, f.db, fmt.Sprintf(".mode tabs\nSELECT key, page FROM pages WHERE %s ORDER BY bm25(pages) LIMIT 1;\n", f.where(q, true)))
	if err != nil {
		return "", 0, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	l := lines(out)
	if len(l) == 0 {
		return "", 0, nil
	}
	key, page, _ := strings.Cut(l[0], "\t")
	n, _ := strconv.Atoi(page)
	return key, n, nil
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
