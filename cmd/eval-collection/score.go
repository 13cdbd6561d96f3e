package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/data/evalgen"
	"github.com/ssgsearch/ssgsearch/indexer"
)

// fields are the metadata fields scored, in the order printed.
var fields = []string{"found", "title", "date", "year", "type", "publisher", "topics", "lang", "authors", "translations", "editions", "pdf", "status"}

// tally counts right answers of one field in one group.
type tally struct{ right, total int }

// mismatch is one wrong field of one document.
type mismatch struct {
	key, field string
	got, want  string
}

// metaScores are the metadata accuracy of a build: by group ("dev", "held", and
// each site) and field.
type metaScores struct {
	groups     []string
	by         map[string]map[string]*tally
	mismatches []mismatch
	// extra are documents that are neither publications nor the collection's other
	// pages (listings indexed as documents, duplicates); missingPages the other
	// pages not indexed.
	extra        []string
	missingPages []string
	docs         int
}

func (s *metaScores) add(group, field string, ok bool) {
	if s.by[group] == nil {
		s.by[group] = map[string]*tally{}
		s.groups = append(s.groups, group)
	}
	t := s.by[group][field]
	if t == nil {
		t = &tally{}
		s.by[group][field] = t
	}
	t.total++
	if ok {
		t.right++
	}
}

// fold compares texts as a reader would: case, spacing, quotes and dashes aside.
func fold(s string) string {
	r := strings.NewReplacer("’", "'", "ʼ", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`, "–", "-", "—", "-", "\u00a0", " ")
	return strings.Join(strings.Fields(strings.ToLower(r.Replace(s))), " ")
}

func foldSet(list []string) string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fold(x))
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), " | ")
}

// scoreMetadata compares the documents built with the truth.
func scoreMetadata(truth evalgen.Truth, docs []*indexer.Document, srv *evalgen.Servers) *metaScores {
	s := &metaScores{by: map[string]map[string]*tally{}, docs: len(docs)}
	truth = normalKeys(truth)
	byKey := map[string]*indexer.Document{}
	keyOfID := map[string]string{}
	for _, d := range docs {
		k := srv.Key(d.SourceURL)
		byKey[k] = d
		keyOfID[d.ID] = k
	}
	known := map[string]bool{}
	for _, p := range truth.Pages {
		known[p.Key] = true
		if byKey[p.Key] == nil {
			s.missingPages = append(s.missingPages, p.Key)
		}
	}
	for _, t := range truth.Docs {
		known[t.Key] = true
	}
	for _, d := range docs {
		if k := keyOfID[d.ID]; !known[k] {
			s.extra = append(s.extra, k+" ("+d.Title+")")
		}
	}
	sort.Strings(s.extra)
	for _, t := range truth.Docs {
		part := "dev"
		if t.Held {
			part = "held"
		}
		d := byKey[t.Key]
		check := func(field string, ok bool, got, want string) {
			s.add(part, field, ok)
			s.add("site "+t.Site, field, ok)
			if !ok {
				s.mismatches = append(s.mismatches, mismatch{t.Key, field, got, want})
			}
		}
		if d == nil {
			for _, f := range fields {
				check(f, false, "(no document)", "")
			}
			continue
		}
		check("found", true, "", "")
		check("title", fold(d.Title) == fold(t.Title), d.Title, t.Title)
		check("date", d.Date.Format("2006-01-02") == t.Date, d.Date.Format("2006-01-02"), t.Date)
		check("year", d.Year == t.Year, fmt.Sprint(d.Year), fmt.Sprint(t.Year))
		check("type", d.Type == t.Type, d.Type+" ("+d.TypeLabel+")", t.Type+" ("+t.TypeLabel+")")
		check("publisher", fold(d.Publisher) == fold(t.Publisher), d.Publisher, t.Publisher)
		check("topics", foldSet(d.Topics) == foldSet(t.TopicLabels), strings.Join(d.Topics, " | "), strings.Join(t.TopicLabels, " | "))
		check("lang", d.Lang == t.Lang, d.Lang, t.Lang)
		check("authors", foldSet(d.Authors) == foldSet(t.Authors), strings.Join(d.Authors, "; "), strings.Join(t.Authors, "; "))
		var tr []string
		for _, x := range d.Translations {
			tr = append(tr, keyOfID[x.ID])
		}
		check("translations", foldSet(tr) == foldSet(t.Translations), strings.Join(tr, " "), strings.Join(t.Translations, " "))
		var ed []string
		for _, e := range d.Editions {
			ed = append(ed, keyOfID[e.ID])
		}
		wantEd := append(slices.Clone(t.EarlierEditions), t.LaterEditions...)
		check("editions", foldSet(ed) == foldSet(wantEd) && d.Superseded == (len(t.LaterEditions) > 0),
			fmt.Sprintf("%s superseded=%v", strings.Join(ed, " "), d.Superseded), fmt.Sprintf("%s superseded=%v", strings.Join(wantEd, " "), len(t.LaterEditions) > 0))
		gotPDF := ""
		if d.PDFSourceURL != "" {
			gotPDF = srv.Key(d.PDFSourceURL)
		}
		wantPDF := t.Site + t.PDF // an error page served in its place included: the document shows its status
		check("pdf", gotPDF == wantPDF, gotPDF, wantPDF)
		check("status", statusOK(d, t.PDFStatus), d.Status, t.PDFStatus)
	}
	return s
}

// normalKeys returns the truth with every key as Servers.Key writes keys.
func normalKeys(t evalgen.Truth) evalgen.Truth {
	list := func(l []string) []string {
		out := make([]string, len(l))
		for i, k := range l {
			out[i] = evalgen.NormalKey(k)
		}
		return out
	}
	out := t
	out.Docs = slices.Clone(t.Docs)
	for i := range out.Docs {
		d := &out.Docs[i]
		d.Key = evalgen.NormalKey(d.Key)
		d.PDF = evalgen.NormalKey(d.Site + d.PDF)[len(d.Site):]
		d.Translations, d.EarlierEditions, d.LaterEditions = list(d.Translations), list(d.EarlierEditions), list(d.LaterEditions)
	}
	out.Pages = slices.Clone(t.Pages)
	for i := range out.Pages {
		out.Pages[i].Key = evalgen.NormalKey(out.Pages[i].Key)
	}
	return out
}

// statusOK reports whether a document's status tells what happened to its PDF.
func statusOK(d *indexer.Document, pdf string) bool {
	switch pdf {
	case "encrypted":
		return d.Status == indexer.StatusEncrypted
	case "truncated":
		return d.Status == indexer.StatusFailed || d.Status == indexer.StatusPartial
	case "partial":
		return d.Status == indexer.StatusPartial || d.Status == indexer.StatusFailed
	case "not-pdf":
		return d.Status == "" || d.Status == indexer.StatusFailed
	}
	return d.Status == ""
}

func (s *metaScores) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "Metadata: share of publication documents with each field right\n\n")
	fmt.Fprintf(w, "| field |")
	for _, g := range s.groups {
		fmt.Fprintf(w, " %s |", g)
	}
	fmt.Fprintf(w, "\n| --- |%s\n", strings.Repeat(" --- |", len(s.groups)))
	for _, f := range fields {
		fmt.Fprintf(w, "| %s |", f)
		for _, g := range s.groups {
			t := s.by[g][f]
			fmt.Fprintf(w, " %.3f (%d/%d) |", float64(t.right)/float64(max(1, t.total)), t.right, t.total)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%d documents in the index; %d that are no publication or page of the collection; %d pages of the collection not indexed\n",
		s.docs, len(s.extra), len(s.missingPages))
	if !verbose {
		return
	}
	for _, e := range s.extra {
		fmt.Fprintf(w, "  extra: %s\n", e)
	}
	for _, p := range s.missingPages {
		fmt.Fprintf(w, "  missing page: %s\n", p)
	}
	for _, m := range s.mismatches {
		fmt.Fprintf(w, "  %-12s %s\n      got  %q\n      want %q\n", m.field, m.key, clip(m.got), clip(m.want))
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}
