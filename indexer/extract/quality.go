package extract

import (
	"strings"
	"unicode"
)

// Quality signals, thresholds on a page's own text (no reference needed).
const (
	longToken        = 25   // letters in a token that is probably words run together
	maxLongShare     = 0.05 // of tokens
	maxBadCharShare  = 0.01 // U+FFFD, control and private-use characters, of characters
	minCommonShare   = 0.08 // of tokens that are common words of the page's language
	minTokensToJudge = 40
)

// Reasons Suspect gives.
const (
	SuspectUndecodable = "undecodable characters"
	SuspectRunTogether = "words run together"
	SuspectFewWords    = "few common words"
)

// Suspect reports why a page's text looks wrong, or "" when it looks like text:
// words run together (many very long tokens), replacement or private-use characters
// (undecodable fonts), or, for a page of some length, too few of its language's
// commonest words (wrong characters). lang is the page's detected language.
func Suspect(text, lang string) string {
	var chars, bad int
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		chars++
		if r == '\uFFFD' || unicode.IsControl(r) || unicode.Is(unicode.Co, r) {
			bad++
		}
	}
	if chars == 0 {
		return ""
	}
	if float64(bad)/float64(chars) > maxBadCharShare {
		return SuspectUndecodable
	}
	toks := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’'
	})
	if len(toks) == 0 {
		return ""
	}
	long, common := 0, 0
	words := commonWords[lang]
	for _, t := range toks {
		if len([]rune(t)) > longToken {
			long++
		}
		if words[t] {
			common++
		}
	}
	if float64(long)/float64(len(toks)) > maxLongShare {
		return SuspectRunTogether
	}
	if words != nil && len(toks) >= minTokensToJudge && float64(common)/float64(len(toks)) < minCommonShare {
		return SuspectFewWords
	}
	return ""
}

// commonWords are the commonest words of each language: running text is full of them.
var commonWords = map[string]map[string]bool{
	"en": set("the of and to a in is that for it as with was on be by are this or at from an which not have has were but its their can been also more other they all these such than into may there will would one any should each between under through where who when what how"),
	"uk": set("і в на з що та не до у як за це від для по його а є про але які який яка або так її вони ми ви із ще бути також при під був була було були тому щоб де коли чи лише може можуть мають між після через цього цієї цих своєї своїх інших"),
	"ru": set("и в не на что с по как к а из то за от для это его о же так но было был была были бы ее их или при уже ли только также может между после через этого этой этих своей своих других который которая которые"),
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
