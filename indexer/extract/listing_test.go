package extract

import "testing"

func TestNotFoundHeading(t *testing.T) {
	for _, tt := range []struct {
		heading string
		want    bool
	}{
		{"Page not found", true},
		{"Oops! That page can’t be found.", true},
		{"404", true},
		{"404 Not Found", true},
		{"Error 404 Not Found", true},
		{"Error 404 - File not found", true},
		{"404 — Сторінку не знайдено", true},
		{"Сторінка не знайдена", true},
		{"Страница не найдена", true},
		{"The document you requested does not exist", true},
		{"Not found", true},
		{"Не знайдено", true},
		{"Found in translation: security terms in Ukrainian", false},
		{"4040 reasons for reform", false},
		{"Missing persons: the files parliament never found", false},
		{"Documents not yet published", false},
		{"Not Found: Enforced Disappearances in Occupied Crimea", false},
		{"404 days of full-scale war", false},
		{"The 404 report on oversight", false},
	} {
		if got := notFoundHeading(tt.heading); got != tt.want {
			t.Errorf("notFoundHeading(%q) = %v, want %v", tt.heading, got, tt.want)
		}
	}
}

func TestPathLanguage(t *testing.T) {
	for seg, want := range map[string]string{"en": "en", "uk": "uk", "UA": "uk", "ukr": "uk", "en-gb": "en", "rus": "ru", "ukraine": "", "publications": "", "": ""} {
		if got := PathLanguage(seg); got != want {
			t.Errorf("PathLanguage(%q) = %q, want %q", seg, got, want)
		}
	}
}
