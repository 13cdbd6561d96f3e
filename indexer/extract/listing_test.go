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

func TestNewsPath(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org/news/new-toolkit/":                             true,
		"https://example.org/uk/novyny/prezentatsiia/":                      true,
		"https://example.org/uk/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8/x/":    true,
		"https://example.org/press-releases/2021/launch":                    true,
		"https://example.org/publications/news-media-freedom/":              false,
		"https://example.org/newsletter/issue-3/":                           false,
		"https://example.edu.ua/news.php?id=41":                             true,
		"https://mvs.example.gov.ua/Pages/uk/NewsDetail.aspx?nid=2260":      true,
		"https://example.org/newsletters.php?issue=3":                       false,
		"https://example.org/2024/02/16/prezentuvaly-zvit/":                 true,
		"https://example.org/en/2024/03/we-presented-our-report/":           true,
		"https://example.org/resources/2021/a-handbook/":                    false,
		"https://example.org/wp-content/uploads/2024/02/":                   false,
		"https://www.example-ngo.org.ua/post/richnyi-zvit-2023":             true, // a Wix blog's post
		"https://example.org/publications/postwar-security/":                false,
		"https://sp.example.gov.ua/Lists/Announcements/DispForm.aspx?ID=11": true, // SharePoint's news list
		"https://example.gov.ua/ogoloshennia/konkurs-2024":                  true,
		"https://academy.example.edu.ua/mod/forum/discuss.php?d=45":         true,  // Moodle's news forum
		"https://kyiv-security-forum.example.org/forum/2023/":               false, // a forum that meets, not a discussion
	} {
		if got := NewsPath(u); got != want {
			t.Errorf("NewsPath(%s) = %v, want %v", u, got, want)
		}
	}
}

// TestTaxonomyArchive: a tag's or a category's page, paged too, is an archive;
// a topic's own page and an item filed in a category are not.
func TestTaxonomyArchive(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.org/tag/police/":                                                 true,
		"https://example.org/category/reports/page/2/":                                    true,
		"https://example.org/blog/tags/announcements":                                     true,
		"https://www.example-mvs.gov.ua/taxonomy/term/14":                                 true,
		"https://www.example-ngo.org/index.php/uk/dokumenty/category/4-zvity":             true,
		"https://www.example-ngo.org/index.php/uk/dokumenty/category/4-zvity/file/5-zvit": false,
		"https://example.org/topics/police-reform/":                                       false,
		"https://example.org/publications/handbooks/oversight-handbook/":                  false,
	} {
		if got := taxonomyArchive(u); got != want {
			t.Errorf("taxonomyArchive(%s) = %v, want %v", u, got, want)
		}
	}
}
