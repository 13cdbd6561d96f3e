package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"oversight", "oversight"},
		{"Parliamentary Oversight", "(parliamentary oversight)"},
		{`"closed hearing"`, `"closed hearing"`},
		{"\u201cclosed hearing\u201d", `"closed hearing"`},
		{"\u201eзакриті слухання\u201c", `"закриті слухання"`},
		{"«закриті слухання»", `"закриті слухання"`},
		{"police -military", "(police -military)"},
		{"police NOT military", "(police -military)"},
		{`police -"armed forces"`, `(police -"armed forces")`},
		{"police OR militia", "(police OR militia)"},
		{"police AND budget", "(+police +budget)"},
		{"audit (police OR militia)", "(audit +(police OR militia))"},
		{"title:handbook", "title:handbook"},
		{"Title:Handbook oversight", "(+title:handbook oversight)"},
		{"author:marchenko", "author:marchenko"},
		{"type:policy-paper", "type:policy-paper"},
		{"lang:ukrainian", "lang:uk"},
		{"lang:UK", "lang:uk"},
		{"lang:ua", "lang:uk"},
		{"lang:Українська", "lang:uk"},
		{"lang:en-GB", "lang:en"},
		{"year:2019", "year:2019"},
		{"year:2015..2018", "year:2015..2018"},
		{"year:2015..", "year:2015.."},
		{"year:..2018", "year:..2018"},
		{"integrty~", "integrty~2"},
		{"polce~", "polce~1"},
		{"integrity~1", "integrity~1"},
		{"parliament*", "parliament*"},
		{"пам’ять", "пам'ять"},
		// Punctuation between the words of a pasted title is no word to search for.
		{"Buying for Security — Second Edition", "(buying for security second edition)"},
		{"Oversight : a handbook & guide", "(oversight a handbook guide)"},
		{"mandate: oversight", "(mandate: oversight)"},
		{"http://example.org", "http://example.org"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := String(n); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		message string
	}{
		{"", 0, "empty query"},
		{"   ", 0, "empty query"},
		{`"closed hearing`, 0, "unterminated phrase"},
		{`oversight "closed`, 10, "unterminated phrase"},
		{"(police", 0, "unbalanced '('"},
		{"police)", 6, "unbalanced ')'"},
		{"()", 1, "empty parentheses"},
		{"police OR", 7, "OR must be followed"},
		{"OR police", 0, "OR needs a word"},
		{"police AND", 10, "AND must be followed"},
		{"- police", 0, "'-' must be followed directly"},
		{"-police", 0, "only excludes"},
		{"year:..", 0, "needs at least one year"},
		{"year:2018..2015", 0, "first year is after"},
		{"year:..", 0, "needs at least one year"},
		{`year:"2015"`, 0, "not a phrase"},
		{"title:", 0, "needs a value"},
		{"title: handbook", 0, "right after the colon"},
		{"lang:klingon", 0, "unknown language"},
		{"p*", 0, "at least 2 letters"},
		{"*", 0, "need a word"},
		{"po*lice", 0, "only go at the end"},
		{"NOT", 0, "NOT must be followed"},
		{`""`, 0, "empty phrase"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var qe *Error
		if !errors.As(err, &qe) {
			t.Errorf("Parse(%q) error = %v, want a *Error", tt.in, err)
			continue
		}
		if qe.Pos != tt.pos || !strings.Contains(qe.Msg, tt.message) {
			t.Errorf("Parse(%q) = error at %d %q, want at %d containing %q", tt.in, qe.Pos, qe.Msg, tt.pos, tt.message)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`"a b" -c (d OR e) title:x year:2015..2018 f~ g*`, "«ab»", "((", `-"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("Parse(%q): error %v is not a *Error", q, err)
			}
			if qe.Pos < 0 || qe.Pos > len(q) {
				t.Fatalf("Parse(%q): position %d out of range", q, qe.Pos)
			}
			return
		}
		if String(n) == "" {
			t.Fatalf("String(Parse(%q)) is empty", q)
		}
	})
}
