package htmlpage

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// headScan bounds how far into a page a <meta> declaring its charset is looked for.
const headScan = 64 << 10

// guessScan bounds how much of a page is read to guess its charset.
const guessScan = 1 << 20

// decode returns the page r as UTF-8, read in the charset pageCharset says.
func decode(r io.Reader, contentType string) (io.Reader, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("html: read: %w", err)
	}
	if e, _ := pageCharset(body, contentType); e != encoding.Nop {
		return transform.NewReader(bytes.NewReader(body), e.NewDecoder()), nil
	}
	return bytes.NewReader(body), nil
}

// pageCharset returns the charset of a page and its name: the one its byte order
// mark, its HTTP Content-Type or a <meta> in its head declares (charset.NewReader
// looks at the first 1024 bytes only; a <meta> may come later, after scripts and
// styles); else UTF-8 if the page reads as UTF-8; else the single-byte charset it
// reads best in (guess). encoding.Nop is UTF-8 read as it is.
func pageCharset(body []byte, contentType string) (encoding.Encoding, string) {
	if e, name, certain := charset.DetermineEncoding(body, contentType); certain {
		return e, name
	}
	if e, name := declared(body[:min(len(body), headScan)]); e != nil {
		return e, name
	}
	sample := body[:min(len(body), guessScan)]
	switch valid, ok := isUTF8(sample); {
	case valid:
		return encoding.Nop, "utf-8"
	case ok:
		e, name := charset.Lookup("utf-8") // a stray byte becomes U+FFFD
		return e, name
	}
	return guess(sample)
}

// declared returns the charset the first <meta> of head (the first headScan bytes
// of a page, past its <head> if need be) that declares one declares: <meta
// charset>, or <meta http-equiv="Content-Type" content="text/html; charset=…">;
// nil when none does. Unlike the HTML standard's prescan, it skips what scripts
// and comments say.
func declared(head []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, hasAttr := z.TagName(); string(name) == "meta" {
				if e, name := metaCharset(z, hasAttr); e != nil {
					return e, name
				}
			}
		}
	}
}

// metaCharset returns the charset the <meta> tag z is at declares, or nil.
func metaCharset(z *html.Tokenizer, hasAttr bool) (encoding.Encoding, string) {
	var label, content string
	var pragma bool
	seen := map[string]bool{}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		key := string(k)
		if seen[key] {
			continue // the first of an attribute counts
		}
		seen[key] = true
		switch key {
		case "charset":
			label = string(v)
		case "content":
			content = string(v)
		case "http-equiv":
			pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
		}
	}
	if label == "" && pragma {
		label = contentCharset(content)
	}
	e, name := charset.Lookup(strings.TrimSpace(label))
	switch {
	case e == nil:
		return nil, ""
	case strings.HasPrefix(name, "utf-16"): // a page that could say so is ASCII-compatible
		return charset.Lookup("utf-8")
	case name == "x-user-defined":
		return charset.Lookup("windows-1252")
	}
	return e, name
}

// contentCharset returns the charset a Content-Type's value names ("text/html;
// charset=windows-1251"), as the HTML standard extracts it, or "".
func contentCharset(content string) string {
	s := strings.ToLower(content)
	const ws = "\t\n\f\r "
	for {
		i := strings.Index(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], ws)
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], ws)
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, ";"+ws); end >= 0 {
			return s[:end]
		}
		return s
	}
}

// isUTF8 reports whether b is valid UTF-8 (a multi-byte character cut off at its
// end aside), and whether it reads as UTF-8 all the same: its multi-byte characters
// outnumber its bytes that are not UTF-8 tenfold (a stray byte of another charset
// in a page written in UTF-8).
func isUTF8(b []byte) (valid, mostly bool) {
	multi, bad := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || n > 1:
			multi++
		case !utf8.FullRune(b[i:]):
			n = len(b) - i // cut off at the end
		default:
			bad++
		}
		i += n
	}
	return bad == 0, multi >= 10*bad
}

// guesses are the charsets a page that declares none and is not UTF-8 may be in:
// Western European, Cyrillic (Ukrainian, Russian) and KOI8-U (also KOI8-R's
// letters). windows-1252, first, wins ties: it is what browsers assume.
var guesses = []struct {
	name string
	cm   *charmap.Charmap
}{
	{"windows-1252", charmap.Windows1252},
	{"windows-1251", charmap.Windows1251},
	{"koi8-u", charmap.KOI8U},
}

// guess returns the single-byte charset (guesses) b reads best in.
func guess(b []byte) (encoding.Encoding, string) {
	best, bestScore := guesses[0].name, 0
	for i, g := range guesses {
		if s := readability(b, g.cm); i == 0 || s > bestScore {
			best, bestScore = g.name, s
		}
	}
	return charset.Lookup(best)
}

// readability scores how well b reads in the single-byte charset cm, by its letters
// outside ASCII: each counts for when its word reads as a word (wordShape), against
// when it does not, and each symbol outside ASCII that text seldom has counts
// against. Read in the wrong charset, Cyrillic words come out as runs of accented
// Latin letters ("Çâ³ò" for "Звіт"), Latin words with Cyrillic letters in them
// ("cafй"), and words in the wrong KOI8/Windows charset with capitals after small
// letters or in capitals throughout ("гБЁР", "ГБЁР").
func readability(b []byte, cm *charmap.Charmap) int {
	score := 0
	var w wordShape
	for _, c := range b {
		r := rune(c)
		if c >= utf8.RuneSelf {
			r = cm.DecodeByte(c)
		}
		if unicode.IsLetter(r) {
			w.add(r)
			continue
		}
		score += w.score()
		w = wordShape{}
		if c >= utf8.RuneSelf && !commonSymbols[r] {
			score--
		}
	}
	return score + w.score()
}

// commonSymbols are the characters outside ASCII, other than letters, that text
// often has.
var commonSymbols = map[rune]bool{
	'\u00a0': true, '«': true, '»': true, '–': true, '—': true, '…': true, '‘': true, '’': true, '‚': true,
	'“': true, '”': true, '„': true, '•': true, '·': true, '№': true, '©': true, '®': true, '°': true,
	'±': true, '€': true, '§': true, '™': true, '×': true,
}

// wordShape is what readability knows of a word: its letters, those outside ASCII,
// its scripts and case.
type wordShape struct {
	letters, foreign, upper    int
	latin, cyrillic, caseBreak bool
	lastLower                  bool
}

func (w *wordShape) add(r rune) {
	w.letters++
	if r >= utf8.RuneSelf {
		w.foreign++
	}
	switch {
	case unicode.Is(unicode.Latin, r):
		w.latin = true
	case unicode.Is(unicode.Cyrillic, r):
		w.cyrillic = true
	}
	if unicode.IsUpper(r) {
		w.upper++
		w.caseBreak = w.caseBreak || w.lastLower
	}
	w.lastLower = unicode.IsLower(r)
}

// score is +1 a letter outside ASCII for a word that reads as a word: in one script,
// with no capital after a small letter, and, in Latin, with its letters outside
// ASCII no more than half; -1 for one that does not; 0 for a word in capitals.
func (w *wordShape) score() int {
	switch {
	case w.foreign == 0:
		return 0
	case w.latin && w.cyrillic, w.caseBreak, w.latin && w.foreign >= 2 && 2*w.foreign > w.letters:
		return -w.foreign
	case w.letters >= 2 && w.upper == w.letters:
		return 0
	}
	return w.foreign
}
