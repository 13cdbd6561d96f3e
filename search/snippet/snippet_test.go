package snippet

import (
	"strings"
	"testing"
)

// TestMarkWholeWords: the context around a marked span starts and ends on whole
// words, in any script.
func TestMarkWholeWords(t *testing.T) {
	text := strings.Repeat("довіряють поліції ", 12) + "Судам довіряють лише 24 відсотки респондентів. " + strings.Repeat("Довіра зросла ", 12)
	start := strings.Index(text, "Судам")
	end := strings.Index(text, "респондентів.") + len("респондентів.")
	got := Mark(text, start, end)
	before, after, _ := strings.Cut(got, "<mark>")
	_, after, _ = strings.Cut(after, "</mark>")
	for _, w := range strings.Fields(strings.Trim(before+" "+after, "…")) {
		if !strings.Contains(" "+text+" ", " "+w+" ") {
			t.Errorf("cut word %q in %q", w, got)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short  text\n", 20, "short text"},
		{"one two three four five", 12, "one two …"},
		{"безпеки України безпеки", 10, "безпеки …"},
	} {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestMarkAllAndAround(t *testing.T) {
	text := "a <b> c\nd"
	if got := MarkAll(text, []Span{{2, 5}, {3, 4}, {0, 1}}); got != "<mark>a</mark> <mark>&lt;b&gt;</mark> c\nd" {
		t.Errorf("MarkAll = %q: want overlapping spans dropped, the rest escaped", got)
	}
	long := strings.Repeat("word ", 200) + "needle " + strings.Repeat("word ", 200)
	i := strings.Index(long, "needle")
	got := Around(long, []Span{{i, i + len("needle")}})
	if !strings.Contains(got, "<mark>needle</mark>") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || len([]rune(got)) > Runes+30 {
		t.Errorf("Around = %q: want about %d runes around the marked needle", got, Runes)
	}
	if got := Around("x < y", nil); got != "x &lt; y" {
		t.Errorf("Around without spans = %q, want the text escaped", got)
	}
}
