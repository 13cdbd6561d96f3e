package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssgsearch/ssgsearch/indexer/ukdict"
)

// DetectLang guesses the language of a text among English ("en"), Ukrainian ("uk")
// and Russian ("ru") from its letters: Latin means English; in Cyrillic text the
// letters і ї є ґ are Ukrainian only and ы э ъ ё Russian only, and when neither
// appears, common function words and endings decide, then whether the Ukrainian
// dictionary knows the words (Ukrainian when nothing does: it is the corpus's
// Cyrillic language). It returns "" for text with too few letters to tell.
func DetectLang(text string) string {
	var latin, cyr, uk, ru int
	for _, r := range text {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				latin++
			}
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch unicode.ToLower(r) {
			case 'і', 'ї', 'є', 'ґ':
				uk++
			case 'ы', 'э', 'ъ', 'ё':
				ru++
			}
		case unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case latin+cyr < 3:
		return ""
	case latin >= cyr:
		return "en"
	case ru > uk:
		return "ru"
	case uk > ru:
		return "uk"
	}
	// No distinguishing letter: look at the commonest short words and endings, then
	// at the Ukrainian dictionary (short queries: "Реформа полиции").
	switch w := wordVote(text); {
	case w < 0:
		return "ru"
	case w > 0:
		return "uk"
	}
	if dictVote(text) < 0 {
		return "ru"
	}
	return "uk"
}

// dictVote counts the Cyrillic words of four letters or more that the Ukrainian
// dictionary knows, less those it does not: a word it does not know is most
// likely Russian (or a name, which either language may have).
func dictVote(text string) int {
	v := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		r := []rune(w)
		if len(r) < 4 || !unicode.Is(unicode.Cyrillic, r[0]) || unicode.IsUpper(r[len(r)-1]) {
			continue // short, not Cyrillic, or an acronym
		}
		if ukdict.Lemmas(w) != nil {
			v++
		} else {
			v--
		}
	}
	return v
}

// Short function words found in one language and not the other.
var (
	ukWords = map[string]bool{"та": true, "що": true, "це": true, "від": true, "як": true, "який": true, "яка": true, "які": true, "до": true, "й": true, "або": true, "але": true, "цей": true, "ця": true, "ці": true, "його": true, "її": true, "має": true}
	ruWords = map[string]bool{"и": true, "что": true, "это": true, "от": true, "как": true, "который": true, "которая": true, "которые": true, "или": true, "но": true, "этот": true, "эта": true, "эти": true, "её": true, "имеет": true}
)

// Word endings typical of one language: adjective endings, the -ння/-ние nouns, and
// the Russian -ия, -ии, -ие, -ью that Ukrainian writes -ія, -ії, -я, -ю.
var (
	ukSuffixes = []string{"ський", "ська", "ське", "ські", "цький", "цька", "ння"}
	ruSuffixes = []string{"ский", "ская", "ское", "ские", "цкий", "ости", "ия", "ии", "ие", "ью"}
)

func hasAnySuffix(w string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// wordVote is positive when Ukrainian function words outnumber Russian ones, negative
// in the opposite case, zero when neither is seen.
func wordVote(text string) int {
	v := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case ukWords[w]:
			v++
		case ruWords[w]:
			v--
		case hasAnySuffix(w, ukSuffixes):
			v++
		case hasAnySuffix(w, ruSuffixes), utf8.RuneCountInString(w) >= 6 && strings.HasSuffix(w, "ой"):
			v-- // Ukrainian writes the instrumental -ою
		}
	}
	return v
}
