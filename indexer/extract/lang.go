package extract

import (
	"strings"
	"unicode"
)

// DetectLang guesses the language of a text among English ("en"), Ukrainian ("uk")
// and Russian ("ru") from its letters: Latin means English; in Cyrillic text the
// letters і ї є ґ are Ukrainian only and ы э ъ ё Russian only. It returns "" for text
// with too few letters to tell.
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
	case uk > 0 || cyr < 40:
		return "uk"
	default:
		// A long Cyrillic text with none of the distinguishing letters is rare in
		// either language; Russian lacks і far more often than Ukrainian lacks ы.
		return "ru"
	}
}

// normLang reduces a language tag such as "uk-UA" or "en_GB" to its primary subtag.
func normLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if tag == "ua" { // a common mistake for Ukrainian
		tag = "uk"
	}
	return tag
}
