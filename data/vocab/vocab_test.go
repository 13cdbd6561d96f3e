package vocab

import "testing"

func TestTypeOf(t *testing.T) {
	tests := []struct {
		label, want string
		name        bool // the whole label is one of the type's names
	}{
		{"Handbook", "handbook", true},
		{"Handbooks", "handbook", true},
		{"Policy brief", "policy-brief", true},
		{"Policy briefs", "policy-brief", true},
		{"Brief", "policy-brief", true},
		{"Annual report", "annual-report", true},
		{"Research report", "report", true},
		{"Conference proceedings", "conference-proceedings", true},
		{"Conference proceeding", "conference-proceedings", true}, // InvenioRDM's resource type
		{"Training manual", "training-manual", true},
		{"Manual", "training-manual", true},
		{"Посібник", "handbook", true},
		{"Посібники", "handbook", true},
		{"Навчальний посібник", "training-manual", true},
		{"Навчальні посібники", "training-manual", true},
		{"Практичний посібник", "guide", true},
		{"Аналітична записка", "policy-brief", true},
		{"Аналітичні записки", "policy-brief", true},
		{"Матеріали конференцій", "conference-proceedings", true},
		{"Річні звіти", "annual-report", true},
		{"Годовой отчёт", "annual-report", true},
		{"Учебные пособия", "training-manual", true},
		{"Довідник", "handbook", true},
		{"Довідка", "factsheet", true},
		{"Довідки", "factsheet", true},
		{"Інформаційні довідки", "factsheet", true},
		{"Інфографіка", "factsheet", true},
		{"Аналітичний звіт", "report", true},
		{"Аналітична доповідь", "report", true},
		{"Позиційний документ", "policy-paper", true},
		{"Book of Abstracts", "conference-proceedings", true},
		{"Збірник тез доповідей", "conference-proceedings", true},
		{"Handouts", "training-manual", true},
		{"Textbooks", "training-manual", true},
		{"Інформаційний листок", "factsheet", true},
		{"Book Review", "commentary", true},
		{"Learning Object", "training-manual", true},
		{"Матеріали слухань", "conference-proceedings", true},
		{"Матеріали парламентських слухань «Демократичний цивільний контроль»", "conference-proceedings", false},
		{"Роздатковий матеріал", "training-manual", true},
		{"Research report on police reform", "report", false},
		{"Country profile", "", false},
		{"News", "", false},
	}
	for _, tt := range tests {
		got, ok := TypeOf(tt.label)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("TypeOf(%q) = %q, %v; want %q", tt.label, got, ok, tt.want)
		}
		if tt.want != "" && IsName(tt.label, tt.want) != tt.name {
			t.Errorf("IsName(%q, %s) = %v", tt.label, tt.want, !tt.name)
		}
	}
}

func TestInTitle(t *testing.T) {
	for title, want := range map[string]string{
		"Annual Report 2019": "annual-report",
		"Reading the Defence Budget: A Training Manual for Staff":   "training-manual",
		"Policy Brief: Closing the Gaps in Asset Declarations":      "policy-brief",
		"Гендер і сектор безпеки: посібник для практиків":           "handbook",
		"Выявление коррупционных рисков: учебное пособие":           "training-manual",
		"Parliamentary Oversight of Defence Procurement in Ukraine": "",
		"Oversight of the Police: A Brief Guide":                    "guide",
		"A Brief History of Defence Reform":                         "",
		"Brief 12: Procurement Audits":                              "policy-brief",
		"Guidebook on Democratic Policing":                          "guide",
		"Brief: Parliamentary Oversight of the Police":              "policy-brief",
		"SSR Brief on Police Accountability":                        "policy-brief",
		"Brief for Parliamentarians on the Defence Budget":          "policy-brief",
		"Briefs on security":                                        "policy-brief",
	} {
		got, _ := InTitle(title)
		if got != want {
			t.Errorf("InTitle(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestLabelsAndLanguages(t *testing.T) {
	if Label("policy-brief", "uk") != "Аналітична записка" || Label("event", "en") != "Event" || Label("country-profile", "en") != "" {
		t.Error("labels")
	}
	if !Known("handbook") || !Known("page") || Known("country-profile") {
		t.Error("Known")
	}
	for name, want := range map[string]string{"English (UK)": "en", "English": "en", "Русский": "ru", "українська": "uk", "uk-UA": "uk", "en_GB": "en", "Deutsch": ""} {
		if got := LangOf(name); got != want {
			t.Errorf("LangOf(%q) = %q, want %q", name, got, want)
		}
	}
	if Slug("Country Profile") != "country-profile" {
		t.Error("Slug")
	}
}

func TestPageKindOf(t *testing.T) {
	for label, want := range map[string]string{"Web page": Page, "вебсторінка": Page, "Подія": Event, "Publication": Publication, "Handbook": ""} {
		if got, _ := PageKindOf(label); got != want {
			t.Errorf("PageKindOf(%q) = %q, want %q", label, got, want)
		}
	}
}

// TestProceedingsWithAdjectives: a conference's proceedings named with the
// conference's adjectives between ("матеріали міжнародної науково-практичної
// конференції") are proceedings.
func TestProceedingsWithAdjectives(t *testing.T) {
	for _, title := range []string{
		"Демократичний цивільний контроль: матеріали міжнародної науково-практичної конференції (Київ, 2018)",
		"Материалы международной научно-практической конференции",
		"Тези доповідей",
	} {
		if key, ok := InTitle(title); !ok || key != "conference-proceedings" {
			t.Errorf("InTitle(%q) = %q, %v; want conference-proceedings", title, key, ok)
		}
	}
}

// TestConferenceMaterials: a meeting's papers named with the meeting's
// adjectives between are proceedings; materials of anything else are not.
func TestConferenceMaterials(t *testing.T) {
	for label, want := range map[string]string{
		"Матеріали Київської безпекової конференції":                 "conference-proceedings",
		"Реформа сектору безпеки: матеріали Київської конференції":   "conference-proceedings",
		"Збірник тез Міжнародного наукового форуму":                  "conference-proceedings",
		"Материалы Харьковской международной научной конференции":    "conference-proceedings",
		"Матеріали для вчителів":                                     "",
		"Методичні матеріали для учасників семінару":                 "",
		"Учасники обговорили матеріали, підготовлені до конференції": "",
	} {
		if got, _ := TypeOf(label); got != want {
			t.Errorf("TypeOf(%q) = %q, want %q", label, got, want)
		}
	}
}
