package indexer

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// ukEndings are Ukrainian inflectional endings of nouns, adjectives and participles,
// and the -ість/-ості/-істю of abstract nouns, stripped by StemUK, longest first.
var ukEndings = func() []string {
	e := strings.Fields(`
		ими ого ому ої ій ий их іх им ім ою ею єю
		ами ями ах ях ам ям ові еві єві ом ем єм ів їв ей
		ість ості істю остей
		а я о е є у ю і ї и ь й`)
	sort.SliceStable(e, func(i, j int) bool { return utf8.RuneCountInString(e[i]) > utf8.RuneCountInString(e[j]) })
	return e
}()

// minUKStem is the shortest stem StemUK leaves, in letters.
const minUKStem = 3

// ukVowels are the Ukrainian vowel letters.
const ukVowels = "аеєиіїоуюя"

// StemUK returns a light stem of a lower-case Ukrainian word: one inflectional ending
// stripped, as long as a stem of at least three letters with a vowel remains; then a
// final soft sign. It conflates the case and number forms of a noun or an adjective
// ("контроль", "контролю", "контролем" → "контрол"); it leaves vowel and consonant
// alternations ("розвідка" / "розвідок") apart, as light stemmers do.
func StemUK(w string) string {
	for _, e := range ukEndings {
		if !strings.HasSuffix(w, e) {
			continue
		}
		stem := w[:len(w)-len(e)]
		if utf8.RuneCountInString(stem) >= minUKStem && strings.ContainsAny(stem, ukVowels) {
			w = stem
			break
		}
	}
	if strings.HasSuffix(w, "ь") && utf8.RuneCountInString(w) > minUKStem {
		w = strings.TrimSuffix(w, "ь")
	}
	return w
}

// ukStopWords are Ukrainian function words, left out of the stemmed field.
var ukStopWords = strings.Fields(`а або але аж б би бо був була були було бути в вже ви від
	відтак для до є же з за зі й і із її його їх коли крім лише між ми мій на нам нас не ні ну
	о об од оце по при про саме своє свої свій та так також те тим то тобто тому тут у усі хоча
	це цей ці ця чи що щоб як який яка які якщо`)
