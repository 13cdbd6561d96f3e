package ukdict

import (
	"slices"
	"testing"
)

func TestLemmas(t *testing.T) {
	if err := Err(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		form string
		want []string // lemmas that must be among the answer
	}{
		{"розвідці", []string{"розвідка"}},
		{"розвідкою", []string{"розвідка"}},
		{"закупівель", []string{"закупівля"}},
		{"закупівлями", []string{"закупівля"}},
		{"омбудсманові", []string{"омбудсман"}},
		{"звіті", []string{"звіт"}},
		{"звітів", []string{"звіт"}},
		{"цивільного", []string{"цивільне", "цивільний"}},
		{"Парламентського", []string{"парламентський"}},
		{"об’єктів", []string{"об'єкт"}},
		{"контролю", []string{"контроль"}},
	}
	for _, tt := range tests {
		got := Lemmas(tt.form)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Lemmas(%q) = %q, want %q among them", tt.form, got, w)
			}
		}
	}
	if got := Lemmas("oversight"); got != nil {
		t.Errorf("an English word has lemmas %q", got)
	}
	if got := Lemmas("кибербезопасность"); got != nil {
		t.Errorf("a Russian word has lemmas %q", got)
	}
}
