package evalgen

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// manuscript is the text of one work, the same in every language: chapters of
// paragraphs of sentences, each sentence a reference into a topic's bank.
type manuscript struct {
	chapters []mchapter
}

type mchapter struct {
	heading sref
	paras   [][]sref
}

// sref is one sentence: a bank entry and, for a fact, the values of its slots.
type sref struct {
	topic string
	kind  byte // 'h' heading, 's' sentence, 'f' fact
	i     int
	n     int // {n}
	year  int // {year}
	pct   int // {pct}
}

// render writes the sentence in lang.
func (s sref) render(c *Content, lang string) string {
	b := c.Banks[s.topic]
	var t string
	switch s.kind {
	case 'h':
		t = b.Headings[s.i][lang]
	case 's':
		t = b.Sentences[s.i][lang]
	default:
		t = b.Facts[s.i][lang]
		t = strings.ReplaceAll(t, "{n}", strconv.Itoa(s.n))
		t = strings.ReplaceAll(t, "{year}", strconv.Itoa(s.year))
		t = strings.ReplaceAll(t, "{pct}", strconv.Itoa(s.pct))
	}
	return strings.TrimSpace(t)
}

// rng returns a random source fixed by the strings given.
func rng(keys ...string) *rand.Rand {
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

// wordsPerPage is about how many words fill a page of the generated PDFs.
const wordsPerPage = 300

// compose writes the manuscript of a work: for its page count, chapters on its focus
// topic with its other topics mixed in (omnibus works a chapter per topic). A later
// edition repeats its earlier edition's text and adds to it.
func (c *Content) compose(w *Work) manuscript {
	if w.EditionOf != "" {
		base := c.compose(c.work[w.EditionOf])
		r := rng("edition", w.ID)
		extra := c.chapters(r, w, max(1, w.Pages/4))
		base.chapters = append(slices.Clone(base.chapters), extra...)
		return base
	}
	r := rng("work", w.ID)
	return manuscript{chapters: c.chapters(r, w, max(1, w.Pages-1))}
}

// chapters writes about pages pages of chapters for w.
func (c *Content) chapters(r *rand.Rand, w *Work, pages int) []mchapter {
	topics := w.Topics
	if w.Omnibus() {
		topics = nil
		for _, t := range c.Topics {
			topics = append(topics, t.Key)
		}
		r.Shuffle(len(topics), func(i, j int) { topics[i], topics[j] = topics[j], topics[i] })
	}
	budget := pages * wordsPerPage
	var out []mchapter
	// Each chapter is about 1–2 pages; an omnibus spreads them over every topic.
	nch := max(1, pages*2/3)
	if w.Omnibus() {
		nch = len(topics)
	}
	perChapter := budget / nch
	used := map[sref]bool{}
	for ci := 0; ci < nch; ci++ {
		focus := topics[0]
		if w.Omnibus() {
			focus = topics[ci]
		} else if len(topics) > 1 && ci%3 == 2 {
			focus = topics[1+r.IntN(len(topics)-1)]
		}
		b := c.Banks[focus]
		ch := mchapter{heading: sref{topic: focus, kind: 'h', i: r.IntN(len(b.Headings))}}
		words := 0
		for words < perChapter {
			var para []sref
			n := 3 + r.IntN(4)
			factAt := r.IntN(n + 1)
			for k := 0; k < n; k++ {
				t := focus
				switch x := r.Float64(); {
				case !w.Omnibus() && len(topics) > 1 && x < 0.25:
					t = topics[1+r.IntN(len(topics)-1)]
				case x > 0.93:
					t = c.Topics[r.IntN(len(c.Topics))].Key
				}
				var s sref
				for try := 0; try < 8; try++ {
					s = sref{topic: t, kind: 's', i: r.IntN(len(c.Banks[t].Sentences))}
					if !used[s] {
						break
					}
				}
				used[s] = true
				if k == factAt {
					fb := c.Banks[focus]
					para = append(para, sref{topic: focus, kind: 'f', i: r.IntN(len(fb.Facts)),
						n: 2 + r.IntN(8998), year: max(2005, min(2025, w.date.Year()-r.IntN(6))), pct: 1 + r.IntN(99)})
				}
				para = append(para, s)
			}
			ch.paras = append(ch.paras, para)
			for _, s := range para {
				words += len(strings.Fields(s.render(c, "en")))
			}
		}
		out = append(out, ch)
	}
	return out
}
