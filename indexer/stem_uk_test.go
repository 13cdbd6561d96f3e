package indexer

import "testing"

func TestStemUK(t *testing.T) {
	groups := [][]string{
		{"контроль", "контролю", "контролем", "контролі"},
		{"безпека", "безпеки", "безпеку", "безпекою"},
		{"парламентський", "парламентського", "парламентському", "парламентська", "парламентської", "парламентських", "парламентські"},
		{"розвідка", "розвідки", "розвідку", "розвідкою"},
		{"довіра", "довіри", "довіру", "довірою"},
		{"відповідальність", "відповідальності", "відповідальністю"},
		{"орган", "органи", "органів", "органами", "органах"},
		{"громадянське", "громадянського", "громадянських"},
		{"сили", "сил", "силами"},
	}
	for _, g := range groups {
		want := StemUK(g[0])
		for _, w := range g[1:] {
			if got := StemUK(w); got != want {
				t.Errorf("StemUK(%q) = %q, StemUK(%q) = %q: want one stem", g[0], want, w, got)
			}
		}
	}
	// Different words stay apart; short words stay whole.
	for _, pair := range [][2]string{{"сектор", "секта"}, {"закон", "закупівля"}, {"право", "правда"}} {
		if StemUK(pair[0]) == StemUK(pair[1]) {
			t.Errorf("%q and %q share a stem", pair[0], pair[1])
		}
	}
	for _, w := range []string{"як", "що", "оон", "ес"} {
		if StemUK(w) != w {
			t.Errorf("StemUK(%q) = %q, want it whole", w, StemUK(w))
		}
	}
}
