package thesaurus

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
)

func gz(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParse(t *testing.T) {
	for name, data := range map[string][]byte{
		"not gzip":       []byte(Header + "\n"),
		"no header":      gz(t, "draftee\tconscript\n"),
		"no tab":         gz(t, Header+"\ndraftee conscript\n"),
		"no other words": gz(t, Header+"\ndraftee\t\n"),
		"no word":        gz(t, Header+"\n\tconscript\n"),
	} {
		if th, err := Parse(data); err == nil {
			t.Errorf("%s: parsed %d entries, want an error", name, th.Len())
		}
	}
	th, err := Parse(gz(t, Header+"\ndraftee\tconscript|inductee\ngun for hire\tgunman|hired gun\ncourt-martial\tmilitary court\n"))
	if err != nil || th.Len() != 3 {
		t.Fatalf("Parse: %v, %v", th, err)
	}
	for _, tt := range []struct {
		words        string
		entry, first string
	}{
		{"draftee", "draftee", "conscript"},
		{"Draftees", "draftee", "conscript"}, // case and the plural
		{"guns for hire", "gun for hire", "gunman"},
		{"court-martials", "court-martial", "military court"},
		{"soldier", "", ""},
		{"", "", ""},
		{"a b c d e", "", ""}, // longer than any collocation looked up
	} {
		entry, others := th.Lookup(strings.Fields(tt.words))
		if entry != tt.entry || len(others) > 0 != (tt.first != "") || len(others) > 0 && others[0] != tt.first {
			t.Errorf("Lookup(%q) = %q, %q; want %q, first %q", tt.words, entry, others, tt.entry, tt.first)
		}
	}
}

// TestBundled checks the embedded WordNet table: its size, and that a word's
// commonest senses come first whatever their part of speech.
func TestBundled(t *testing.T) {
	th, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if th.Len() < 90_000 {
		t.Errorf("bundled thesaurus has %d entries, want WordNet's 90,000 and more", th.Len())
	}
	for words, want := range map[string][]string{
		"draftees":      {"conscript", "military personnel"}, // the synset, then its hypernym
		"cops":          {"policeman", "police officer"},     // a hypernym: cop's own synset is slang
		"grand":         {"impressive"},                      // the adjective, used more than the noun (a thousand)
		"leakers":       {"informant"},                       // a hypernym
		"rebuild":       {"reconstruct"},                     // a verb's synset; its hypernyms (make) are left out
		"glass ceiling": {"ceiling"},
	} {
		_, others := th.Lookup(strings.Fields(words))
		for _, w := range want {
			if !slices.Contains(others, w) {
				t.Errorf("%s: %q, want %q among them", words, others, w)
			}
		}
		if words == "grand" && slices.Index(others, "thousand") < slices.Index(others, "impressive") {
			t.Errorf("grand: %q, want the adjective's words before the noun's", others)
		}
		if words == "rebuild" && slices.Contains(others, "make") {
			t.Errorf("rebuild: %q, want no verb hypernym", others)
		}
	}
}

// TestEntries: every entry for a form of the words, the form as typed first
// (gripes, then gripe and grip by detaching -s and -es).
func TestEntries(t *testing.T) {
	th, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for entry, others := range th.Entries([]string{"Gripes"}) {
		if len(others) == 0 {
			t.Errorf("%s: no other words", entry)
		}
		got = append(got, entry)
	}
	if want := []string{"gripes", "gripe", "grip"}; !slices.Equal(got, want) {
		t.Errorf("entries for Gripes: %q, want %q", got, want)
	}
	for range th.Entries([]string{"gripes"}) {
		break // stopping early must not panic
	}
}
