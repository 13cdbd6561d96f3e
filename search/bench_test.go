package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ssgsearch/ssgsearch/indexer"
	"github.com/ssgsearch/ssgsearch/indexer/indextest"
	"github.com/ssgsearch/ssgsearch/search"
	"github.com/ssgsearch/ssgsearch/search/query"
)

func BenchmarkParse(b *testing.B) {
	q := `parliamentary oversight "closed hearing" -police (budget OR procurement) year:2015..2022 integrty~ ombud*`
	for b.Loop() {
		if _, err := query.Parse(q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch runs whole searches (grouping, document load, highlighting) on the
// sample index.
func BenchmarkSearch(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, q := range []string{"oversight", "parliamentary oversight committee", `"closed hearing is not a secret hearing"`, "integrty~", "контроль розвідка"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), search.Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFacets measures the facet computation: the same search with and without
// document-level facets.
func BenchmarkFacets(b *testing.B) {
	ix, _ := indextest.Sample(b)
	s := search.New(ix)
	for _, facets := range []bool{false, true} {
		b.Run(fmt.Sprintf("facets=%v", facets), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(context.Background(), search.Request{Query: "oversight OR контроль", Facets: facets}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLongPages runs searches on an index of 60 documents of three 400-word
// pages each, in English and in Ukrainian, where the word searched is on every
// page many times: the ranking takes feedback from the best documents' pages
// (their words counted and analysed), and the highlighter has many matches to
// choose fragments among.
func BenchmarkLongPages(b *testing.B) {
	words := map[string][]string{
		"en": strings.Fields("parliament committee oversight defence budget procurement audit intelligence services police reform " +
			"ombudsman complaints soldiers conscripts border guards customs corruption integrity hearings ministry strategy " +
			"transparency accountability expenditure contracts tender report civil society monitoring rights justice courts"),
		"uk": strings.Fields("парламент комітет контроль оборонний бюджет закупівлі аудит розвідка служби поліція реформа " +
			"омбудсман скарги військовослужбовців призовники прикордонники митниця корупція доброчесність слухання міністерство " +
			"стратегія прозорість підзвітність видатки контракти тендер звіт громадянське суспільство моніторинг права правосуддя"),
	}
	var docs []*indexer.Document
	for i := range 60 {
		lang := []string{"en", "uk"}[i%2]
		ws := words[lang]
		d := &indexer.Document{ID: fmt.Sprintf("doc%02d", i), Title: fmt.Sprintf("Report %d", i), Type: indexer.TypeReport, Lang: lang}
		for p := range 3 {
			var text []string
			for w := range 400 {
				text = append(text, ws[(i*7+p*13+w*w)%len(ws)])
			}
			d.Pages = append(d.Pages, indexer.Page{Number: p + 1, Text: strings.Join(text, " ")})
		}
		docs = append(docs, d)
	}
	s := search.New(indextest.Docs(b, docs...))
	for _, q := range []string{"oversight", "контроль"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				res, err := s.Search(context.Background(), search.Request{Query: q})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Feedback) == 0 {
					b.Fatal("no feedback words")
				}
			}
		})
	}
}
