// Command gen builds the Ukrainian form → lemma dictionary of package ukdict from
// Debian's hunspell-uk (built from dict_uk): it expands every dictionary entry by its
// suffix rules into the word forms it stands for, each mapped to the entry's word,
// and writes them as a vellum FST (uk.fst) whose values index lists of "strip N
// letters, add a suffix" operations (uk.ops). Run it with `make ukdict`; the output
// is deterministic.
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/vellum"

	"github.com/ssgsearch/ssgsearch/indexer/ukdict"
)

func main() {
	aff := flag.String("aff", "/usr/share/hunspell/uk_UA.aff", "the hunspell affix file")
	dic := flag.String("dic", "/usr/share/hunspell/uk_UA.dic", "the hunspell dictionary")
	out := flag.String("out", "indexer/ukdict", "output directory")
	flag.Parse()
	if err := run(*aff, *dic, *out); err != nil {
		log.Fatal(err)
	}
}

// rule is one SFX rule: forms of words ending in cond drop strip and add add.
type rule struct {
	strip, add string
	cond       *regexp.Regexp
}

func run(affPath, dicPath, out string) error {
	rules, err := readAff(affPath)
	if err != nil {
		return err
	}
	f, err := os.Open(dicPath)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan() // the entry count
	type opKey struct {
		strip int
		add   string
	}
	opIndex := map[opKey]int{}
	var ops []opKey
	forms := map[string][]int{} // form → op indexes (sorted, distinct)
	add := func(form, lemma string) {
		form, lemma = ukdict.Normalize(form), ukdict.Normalize(lemma)
		if form == "" || lemma == "" {
			return
		}
		// The longest common prefix, in runes; the op strips the rest of the form.
		fr, lr := []rune(form), []rune(lemma)
		p := 0
		for p < len(fr) && p < len(lr) && fr[p] == lr[p] {
			p++
		}
		k := opKey{len(fr) - p, string(lr[p:])}
		i, ok := opIndex[k]
		if !ok {
			i = len(ops)
			ops = append(ops, k)
			opIndex[k] = i
		}
		for _, x := range forms[form] {
			if x == i {
				return
			}
		}
		forms[form] = append(forms[form], i)
	}
	entries := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		word, flags, _ := strings.Cut(line, "/")
		entries++
		add(word, word)
		for _, fl := range flags {
			for _, r := range rules[fl] {
				if !r.cond.MatchString(word) || !strings.HasSuffix(word, r.strip) {
					continue
				}
				add(word[:len(word)-len(r.strip)]+r.add, word)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// Lists of ops, shared by the forms that have the same.
	listIndex := map[string]uint64{}
	var lists [][]int
	keys := make([]string, 0, len(forms))
	for k := range forms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fstFile, err := os.Create(filepath.Join(out, "uk.fst"))
	if err != nil {
		return err
	}
	b, err := vellum.New(fstFile, nil)
	if err != nil {
		return err
	}
	for _, k := range keys {
		l := forms[k]
		sort.Ints(l)
		sig := fmt.Sprint(l)
		v, ok := listIndex[sig]
		if !ok {
			v = uint64(len(lists))
			lists = append(lists, l)
			listIndex[sig] = v
		}
		if err := b.Insert([]byte(k), v); err != nil {
			return err
		}
	}
	if err := b.Close(); err != nil {
		return err
	}
	if err := fstFile.Close(); err != nil {
		return err
	}
	// uk.ops: the ops, then the lists, as varints.
	var buf []byte
	buf = binary.AppendUvarint(buf, uint64(len(ops)))
	for _, o := range ops {
		buf = binary.AppendUvarint(buf, uint64(o.strip))
		buf = binary.AppendUvarint(buf, uint64(len(o.add)))
		buf = append(buf, o.add...)
	}
	buf = binary.AppendUvarint(buf, uint64(len(lists)))
	for _, l := range lists {
		buf = binary.AppendUvarint(buf, uint64(len(l)))
		for _, i := range l {
			buf = binary.AppendUvarint(buf, uint64(i))
		}
	}
	if err := os.WriteFile(filepath.Join(out, "uk.ops"), buf, 0o644); err != nil {
		return err
	}
	fmt.Printf("%d entries, %d forms, %d operations, %d lists\n", entries, len(keys), len(ops), len(lists))
	return nil
}

// readAff reads the suffix rules of an affix file by flag (one character each).
func readAff(path string) (map[rune][]rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[rune][]rule{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 || fields[0] != "SFX" {
			continue // a header ("SFX f Y n") or another directive
		}
		fl, _ := utf8.DecodeRuneInString(fields[1])
		strip, add, cond := fields[2], fields[3], fields[4]
		if strip == "0" {
			strip = ""
		}
		if add == "0" {
			add = ""
		}
		if cond == "." {
			cond = ""
		}
		re, err := regexp.Compile(cond + "$")
		if err != nil {
			return nil, fmt.Errorf("%s: condition %q: %w", path, cond, err)
		}
		out[fl] = append(out[fl], rule{strip: strip, add: add, cond: re})
	}
	return out, sc.Err()
}
