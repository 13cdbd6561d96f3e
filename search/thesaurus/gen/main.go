// Command gen builds the English stand-in table of package thesaurus from Debian's
// wordnet-base (WordNet 3.0): for every word or collocation of its nouns, verbs
// and adjectives, the other words of its commonest senses' synsets, and for a
// noun the words of the synsets it specialises (its hypernyms; a verb's are too
// general: rebuild → make), for an adjective those of its head: draftee →
// conscript, inductee, serviceman, military personnel; cop → policeman, police
// officer. Senses are taken in the order of how often WordNet's tagged texts use
// them (cntlist.rev), whatever their part of speech (grand: the adjective before
// the noun for a thousand dollars). Run it with `make thesaurus`; the output
// (wordnet.txt.gz) is deterministic.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/search/thesaurus"
)

// senses is how many of a word's senses give other words, the most used first
// (alternatives): the rarer ones mostly add noise.
const senses = 3

// maxAlternatives bounds the other words kept for one entry.
const maxAlternatives = 12

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "the WordNet database directory")
	out := flag.String("out", "search/thesaurus", "output directory")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		log.Fatal(err)
	}
}

// synset is one WordNet synset: its words (as written, collocations with spaces)
// and the keys of the synsets it specialises.
type synset struct {
	words   []string
	broader []string
}

func run(dir, out string) error {
	synsets := map[string]synset{}
	for _, pos := range []string{"noun", "verb", "adj"} {
		if err := readData(filepath.Join(dir, "data."+pos), synsets); err != nil {
			return err
		}
	}
	counts, err := readCounts(filepath.Join(dir, "cntlist.rev"))
	if err != nil {
		return err
	}
	meanings := map[string][]sense{}
	for _, pos := range []string{"noun", "verb", "adj"} {
		if err := readIndex(filepath.Join(dir, "index."+pos), counts, meanings); err != nil {
			return err
		}
	}
	entries := map[string][]string{}
	for lemma, ss := range meanings {
		alts, err := alternatives(lemma, ss, synsets)
		if err != nil {
			return err
		}
		if len(alts) > 0 {
			entries[lemma] = alts
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	fmt.Fprintln(zw, thesaurus.Header)
	for _, k := range keys {
		fmt.Fprintf(zw, "%s\t%s\n", k, strings.Join(entries[k], thesaurus.Sep))
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, thesaurus.DataFile), buf.Bytes(), 0o644)
}

// readData reads a data.* file's synsets into synsets, keyed by part of speech
// and offset ("n 10028765").
func readData(path string, synsets map[string]synset) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (install Debian's wordnet-base: make thesaurus)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") { // the licence header
			continue
		}
		data, _, _ := strings.Cut(line, " | ")
		fs := strings.Fields(data)
		if len(fs) < 4 {
			return fmt.Errorf("%s: short line %q", path, line)
		}
		pos := fs[2]
		if pos == "s" { // an adjective satellite: an adjective
			pos = "a"
		}
		n, err := strconv.ParseInt(fs[3], 16, 32)
		if err != nil || len(fs) < 5+2*int(n) {
			return fmt.Errorf("%s: bad word count in %q", path, line)
		}
		var s synset
		for i := range int(n) {
			s.words = append(s.words, wordOf(fs[4+2*i]))
		}
		rest := fs[4+2*n:]
		p, err := strconv.Atoi(rest[0])
		if err != nil || len(rest) < 1+4*p {
			return fmt.Errorf("%s: bad pointer count in %q", path, line)
		}
		for i := range p {
			sym, off, tpos := rest[1+4*i], rest[2+4*i], rest[3+4*i]
			if tpos == "s" {
				tpos = "a"
			}
			switch {
			case pos == "n" && (sym == "@" || sym == "@i"), pos == "v" && sym == "@", pos == "a" && sym == "&":
				s.broader = append(s.broader, tpos+" "+off)
			}
		}
		synsets[pos+" "+fs[0]] = s
	}
	return sc.Err()
}

// wordOf is a data file's word as text: collocations with spaces, an adjective's
// syntactic marker dropped ("galore(ip)" → "galore").
func wordOf(w string) string {
	if i := strings.IndexByte(w, '('); i > 0 {
		w = w[:i]
	}
	return strings.ReplaceAll(w, "_", " ")
}

// sense is one sense of a lemma: its synset (part of speech and offset), its
// number among the lemma's senses of that part of speech, and how often tagged
// texts use it.
type sense struct {
	key          string
	number, uses int
}

// readCounts reads cntlist.rev: how often each sense (lemma, part of speech,
// sense number) was tagged.
func readCounts(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 3 {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		lemma, key, _ := strings.Cut(fs[0], "%")
		if key == "" {
			return nil, fmt.Errorf("%s: bad sense key %q", path, fs[0])
		}
		uses, err := strconv.Atoi(fs[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad count in %q", path, sc.Text())
		}
		pos := map[byte]string{'1': "n", '2': "v", '3': "a", '5': "a"}[key[0]]
		counts[countKey(strings.ReplaceAll(lemma, "_", " "), pos, fs[1])] += uses
	}
	return counts, sc.Err()
}

// countKey names a sense for readCounts' map.
func countKey(lemma, pos, number string) string { return lemma + "\t" + pos + "\t" + number }

// readIndex adds the senses of every lemma of an index.* file to meanings.
func readIndex(path string, counts map[string]int, meanings map[string][]sense) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 6 {
			return fmt.Errorf("%s: short line %q", path, line)
		}
		lemma, pos := strings.ReplaceAll(fs[0], "_", " "), fs[1]
		if pos == "s" {
			pos = "a"
		}
		nSyn, err1 := strconv.Atoi(fs[2])
		nPtr, err2 := strconv.Atoi(fs[3])
		if err1 != nil || err2 != nil || len(fs) != 6+nPtr+nSyn {
			return fmt.Errorf("%s: bad counts in %q", path, line)
		}
		if !plain(lemma) {
			continue
		}
		for i, off := range fs[6+nPtr:] {
			n := strconv.Itoa(i + 1)
			meanings[lemma] = append(meanings[lemma], sense{key: pos + " " + off, number: i + 1, uses: counts[countKey(lemma, pos, n)]})
		}
	}
	return sc.Err()
}

// posOrder orders parts of speech whose senses are used as often.
var posOrder = map[byte]int{'n': 0, 'v': 1, 'a': 2}

// alternatives are the other words for lemma, from its commonest senses (ss).
func alternatives(lemma string, ss []sense, synsets map[string]synset) ([]string, error) {
	ss = slices.Clone(ss)
	slices.SortStableFunc(ss, func(a, b sense) int {
		switch {
		case a.uses != b.uses:
			return b.uses - a.uses
		case a.number != b.number:
			return a.number - b.number
		}
		return posOrder[a.key[0]] - posOrder[b.key[0]]
	})
	var alts []string
	add := func(w string) {
		if len(alts) < maxAlternatives && plain(w) && !strings.EqualFold(w, lemma) && !slices.ContainsFunc(alts, func(a string) bool { return strings.EqualFold(a, w) }) {
			alts = append(alts, strings.ToLower(w))
		}
	}
	taken := 0
	for _, m := range ss {
		if taken == senses {
			break
		}
		s, ok := synsets[m.key]
		if !ok {
			return nil, fmt.Errorf("the index names synset %s for %q, which is not in the data", m.key, lemma)
		}
		if properNoun(s, lemma) {
			continue
		}
		taken++
		for _, w := range s.words {
			add(w)
		}
		if m.key[0] == 'v' {
			continue // a verb's hypernyms are too general
		}
		for _, b := range s.broader {
			for _, w := range synsets[b].words {
				add(w)
			}
		}
	}
	return alts, nil
}

// properNoun reports whether lemma is written with a capital in synset s: a name
// (a person, a place), not a word for something.
func properNoun(s synset, lemma string) bool {
	for _, w := range s.words {
		if strings.EqualFold(w, lemma) {
			return w != strings.ToLower(w)
		}
	}
	return false
}

// plain reports whether w is a word or collocation of letters, spaces, hyphens and
// apostrophes, with no capital (a name) and no digit.
func plain(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if unicode.IsUpper(r) || !(unicode.IsLetter(r) || r == ' ' || r == '-' || r == '\'') {
			return false
		}
	}
	return true
}
