package indexer

import (
	"slices"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

func TestPlausibleTitle(t *testing.T) {
	file := "https://example.org/wp-content/uploads/2021/03/ssr-handbook_2021.pdf"
	for title, want := range map[string]bool{
		"Parliamentary Oversight of the Security Sector": true,
		"Посібник з демократичного контролю":             true,
		"Microsoft Word - ssr-handbook-final.docx":       false,
		"Untitled":                false,
		"untitled.ps":             false,
		"Document1":               false,
		"ssr-handbook_2021":       false, // a file name
		"ssr handbook 2021":       false, // the file's name again
		"handbook_v3_FINAL.indd":  false,
		"PowerPoint Presentation": false,
		"2021":                    false,
		"":                        false,
	} {
		if got := plausibleTitle(title, file); got != want {
			t.Errorf("plausibleTitle(%q) = %v", title, got)
		}
	}
}

func TestStamps(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	facts := map[string]pdfFacts{
		"a": {Producer: "LibA", Date: day("2019-03-04"), Title: "Report template v3"},
		"b": {Producer: "LibA", Date: day("2019-03-04"), Title: "Report template v3"},
		"c": {Producer: "LibA", Date: day("2019-03-04"), Title: "A real title of a report"},
		"d": {Producer: "LibA", Date: day("2020-05-06")},
		"e": {Producer: "Word", Date: day("2019-03-04"), Title: "Another real title"},
		"f": {Producer: "Word", Date: day("2018-01-02")},
	}
	s := findStamps(facts)
	fetched := day("2026-12-01")
	// LibA wrote 2019-03-04 into three of its four files: a stamp, not a date.
	if _, ok := s.date(facts["a"], fetched); ok {
		t.Error("a date shared by most of one producer's files was taken")
	}
	if d, ok := s.date(facts["d"], fetched); !ok || d.Year() != 2020 {
		t.Error("a date of its own was not taken")
	}
	// Another producer's file on that day is not stamped by LibA.
	if _, ok := s.date(facts["e"], fetched); !ok {
		t.Error("another producer's date was taken for a stamp")
	}
	if _, ok := s.date(pdfFacts{Date: day("2000-01-01")}, fetched); ok {
		t.Error("ReportLab's fixed date was taken")
	}
	if _, ok := s.date(pdfFacts{Date: day("2031-01-01")}, fetched); ok {
		t.Error("a date after the fetch was taken")
	}
	if _, ok := s.title(facts["a"], "https://x/a.pdf"); ok {
		t.Error("a title shared by several files was taken")
	}
	if got, ok := s.title(facts["c"], "https://x/c.pdf"); !ok || got != "A real title of a report" {
		t.Error("a title of its own was not taken")
	}
}

// committee is a parliament committee's conclusion's first page.
var committee = []string{"ВЕРХОВНА РАДА УКРАЇНИ", "КОМІТЕТ З ПИТАНЬ НАЦІОНАЛЬНОЇ БЕЗПЕКИ,", "ОБОРОНИ ТА РОЗВІДКИ", "01008, м. Київ-8, вул. Грушевського, 5, тел.: 255-35-01",
	"ВИСНОВОК", "щодо проекту Закону України «Про внесення змін до Закону України «Про Службу", "безпеки України» щодо вдосконалення засад діяльності» (реєстр. № 5286)",
	"м. Київ, 12.05.2021 р.", "Протокол № 46"}

func TestCoverAndAddress(t *testing.T) {
	fetched := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if y := coverYear([]string{"Buying for Security", "Olena Marchenko", "Kyiv Institute · 2019"}, fetched); y != 2019 {
		t.Errorf("cover year %d", y)
	}
	if y := coverYear([]string{"Report 1812 pages", "Issue 3"}, fetched); y != 0 {
		t.Errorf("cover year %d from no year", y)
	}
	for _, tt := range []struct {
		cover []string
		want  int
	}{
		{[]string{"Community Policing", "ISBN 978-966-2016-49-1", "Kyiv 2019"}, 2019},
		{[]string{"УДК 355.02 ББК 68", "Київ – 2020"}, 2020},
		{[]string{"1991–2021: Thirty Years of Reform", "Kyiv 2021"}, 2021},
		{[]string{"Implementing Resolution 1325 (2000)", "Kyiv 2018."}, 2018},
		{[]string{"Commentary on Decision 2005/12", "Oslo 2017"}, 2017},
		{[]string{"Annual Report 2012", "Reforming law enforcement", "Kyiv, 2013"}, 2013},
		{[]string{"© DCAF 2017", "Geneva"}, 2017},
		{[]string{"Lessons of the 2014 reforms for the police of Ukraine and beyond"}, 2014},
		{[]string{"Report № 2016", "Lviv"}, 0},
		{committee, 2021}, // "м. Київ, 12.05.2021 р."
		// A title's line that names a year after a preposition is the title's.
		{[]string{"Defence Procurement Transparency", "after 2022", "Working Paper No. 2023/01", "Kyiv · March 2023"}, 2023},
		{[]string{"Безпека громад", "після 2022", "Київ – 2024"}, 2024},
	} {
		if y := coverYear(tt.cover, fetched); y != tt.want {
			t.Errorf("coverYear(%q) = %d, want %d", tt.cover, y, tt.want)
		}
	}
	for u, want := range map[string]int{
		"https://example.org/wp-content/uploads/2018/05/x.pdf":  2018,
		"https://example.org/media/docs/report_2017_final.pdf":  2017,
		"https://example.org/media/docs/review-2015-2020.pdf":   0, // two years: a period
		"https://example.org/media/docs/resolution_1325.pdf":    0,
		"https://example.org/media/docs/report-2017x-final.pdf": 0,
	} {
		if y := urlYear(u, fetched); y != want {
			t.Errorf("urlYear(%s) = %d, want %d", u, y, want)
		}
	}
	for _, tt := range []struct {
		cover, imprint []string
		title          string
		want           string
	}{
		{[]string{"Security Sector Reform Monitor", "Issue 3", "Centre for Defence Strategies", "Kyiv 2020"}, nil, "Security Sector Reform Monitor", "Centre for Defence Strategies"},
		{[]string{"Guide to Oversight", "© DCAF 2019"}, nil, "Guide to Oversight", "DCAF"},
		// A title's line is no publisher, whatever words it has.
		{[]string{"Handbook for Committee Staff", "2019"}, nil, "Handbook for Committee Staff", ""},
		{[]string{"Police Reform Assessment", "Final Report"}, nil, "Police Reform Assessment", ""},
		{[]string{"Defence Procurement in Ukraine", "State Programmes, Practices and Prospects", "Kyiv 2020"}, nil, "Defence Procurement in Ukraine", ""},
		{[]string{"Децентралізація і безпека", "Роль центральних органів влади", "Київ 2021"}, nil, "Децентралізація і безпека", ""},
		{[]string{"Parliamentary Oversight", "A Handbook for Committee Staff", "Geneva 2019"}, nil, "Parliamentary Oversight", ""},
		{[]string{"Security Sector Reform", "National Institute for Strategic Studies", "Kyiv 2019"}, nil, "Security Sector Reform", "National Institute for Strategic Studies"},
		{[]string{"Public Opinion", "Kyiv International Institute of Sociology", "Kyiv 2019"}, nil, "Public Opinion", "Kyiv International Institute of Sociology"},
		{[]string{"Disarmament", "Centre for Army, Conversion and Disarmament Studies", "Kyiv 2019"}, nil, "Disarmament", "Centre for Army, Conversion and Disarmament Studies"},
		{[]string{"Guidelines", "© OSCE/ODIHR 2018"}, nil, "Guidelines", "OSCE/ODIHR"},
		// The organisation the cover names on a line of its own (a logo's), or the imprint's.
		{[]string{"RAZUMKOV CENTRE", "Ukraine's Defence Budget 2021:", "Priorities and Risks"}, nil, "Ukraine's Defence Budget 2021: Priorities and Risks", "RAZUMKOV CENTRE"},
		{[]string{"Community Policing in Practice"}, []string{"Published by the Centre for Political and Legal Reforms, Kyiv"}, "Community Policing in Practice", "Centre for Political and Legal Reforms"},
		{[]string{"Громада і поліція"}, []string{"© Центр політико-правових реформ, 2019"}, "Громада і поліція", "Центр політико-правових реформ"},
		{[]string{"Defence Reform"}, []string{"Published by: Razumkov Centre with the support of the Embassy of Canada"}, "Defence Reform", "Razumkov Centre"},
		// A body's sentence with an organisation's word is no publisher.
		{[]string{"Oversight needs regular contact.", "Committees must be able to question the"}, nil, "Oversight needs regular contact.", ""},
		{[]string{"Громадський контроль", "Харківська правозахисна група"}, nil, "Громадський контроль", "Харківська правозахисна група"},
		// Under a body's line, the body within it that publishes.
		{[]string{"ВЕРХОВНА РАДА УКРАЇНИ", "Комітет з питань національної безпеки, оборони та розвідки", "Щорічний звіт про діяльність Комітету у 2022 році", "Київ 2023"}, nil,
			"Щорічний звіт про діяльність Комітету у 2022 році", "Комітет з питань національної безпеки, оборони та розвідки"},
		{[]string{"Міністерство оборони України", "Національний університет оборони України", "Демократичний цивільний контроль", "Київ – 2018"}, nil,
			"Демократичний цивільний контроль", "Національний університет оборони України"},
		// An abbreviation in the imprint stands for the name the cover spells out.
		{[]string{"Центр моніторингу сектору безпеки", "Права військовослужбовців строкової служби"}, []string{"© ЦМСБ, 2021"}, "Права військовослужбовців строкової служби", "Центр моніторингу сектору безпеки"},
		{[]string{"Security Sector Watch Centre", "Civilian Control under Martial Law"}, []string{"© SSWC 2022"}, "Civilian Control under Martial Law", "Security Sector Watch Centre"},
		{[]string{"Громадська організація «Центр моніторингу сектору безпеки»", "Бюлетень № 4"}, []string{"© ЦМСБ, 2023"}, "Бюлетень № 4", "Центр моніторингу сектору безпеки"},
		{[]string{"Organization for Security and Co-operation in Europe", "Guidebook on Democratic Policing"}, []string{"© OSCE 2019"}, "Guidebook on Democratic Policing", "Organization for Security and Co-operation in Europe"},
		{[]string{"Національний інститут стратегічних досліджень", "Безпека регіонів"}, []string{"© НІСД, 2020"}, "Безпека регіонів", "Національний інститут стратегічних досліджень"},
		{[]string{"Національний інститут стратегічних досліджень", "Безпека регіонів"}, []string{"© ІС, 2020"}, "Безпека регіонів", "ІС"},
		// A parliamentary centre is no parliament: the donor under it is not the publisher.
		{[]string{"Parliamentary Centre", "Canada Fund for Local Initiatives", "Oversight of Defence"}, nil, "Oversight of Defence", "Parliamentary Centre"},
		// Not a donor's logo under a centre's.
		{[]string{"Razumkov Centre", "Konrad Adenauer Stiftung", "Ukraine's Defence Budget", "Kyiv 2021"}, nil, "Ukraine's Defence Budget", "Razumkov Centre"},
		{[]string{"Parliaments in Security Sector Governance", "Hans Born", "Geneva 2019"}, nil, "Parliaments in Security Sector Governance", ""},
		// People with their affiliations are authors, not a publisher.
		{[]string{"Martial Law Governance in Comparative Perspective", "Mark Ellison (University of Bergen) and Oksana Vasylenko"}, nil, "Martial Law Governance in Comparative Perspective", ""},
		// A state body's name: an administration over the title, an assembly in the imprint.
		{[]string{"Полтавська обласна державна адміністрація", "Гендерні аспекти безпеки в сільських громадах", "Полтава – 2023"}, nil,
			"Гендерні аспекти безпеки в сільських громадах", "Полтавська обласна державна адміністрація"},
		{[]string{"Defence Procurement in Wartime"}, []string{"© Parliamentary Assembly for Security Cooperation, 2022"}, "Defence Procurement in Wartime", "Parliamentary Assembly for Security Cooperation"},
		{committee, nil, "", "КОМІТЕТ З ПИТАНЬ НАЦІОНАЛЬНОЇ БЕЗПЕКИ, ОБОРОНИ ТА РОЗВІДКИ"},
		// A copyright's holder in four capitalised words or more, no word of
		// which says it is a body; not a person's name.
		{[]string{"Security Governance Partnership International", "Civil Society and Defence Budgets", "Brussels 2023"}, []string{"© Security Governance Partnership International, 2023. All rights reserved."},
			"Civil Society and Defence Budgets", "Security Governance Partnership International"},
		{[]string{"Civil Society and Defence Budgets"}, []string{"© Olena Petrenko, 2023"}, "Civil Society and Defence Budgets", ""},
		// A body's name with its acronym spelled out of its initials.
		{[]string{"Partnership for Security Sector Governance (PSSG)", "Gender Equality in Ukraine's Armed Forces", "Kyiv 2023"}, nil,
			"Gender Equality in Ukraine's Armed Forces", "Partnership for Security Sector Governance (PSSG)"},
		{[]string{"Security Sector Reform (SSR)", "A Primer", "Kyiv 2023"}, nil, "Security Sector Reform (SSR)", ""},
	} {
		if got := coverPublisher(tt.cover, tt.imprint, tt.title, fetched); got != tt.want {
			t.Errorf("coverPublisher(%q) = %q, want %q", tt.cover, got, tt.want)
		}
	}
	for _, tt := range []struct {
		cover []string
		want  string
	}{
		{[]string{"2021", "Reading the Defence Budget:", "A Training Manual"}, "Reading the Defence Budget: A Training Manual"},
		// A logo's line, a kicker, a date are no title; a title set over lines is
		// taken whole, with its subtitle, but not the authors under it.
		{[]string{"RAZUMKOV CENTRE", "Ukraine's Defence Budget 2021:", "Priorities and Risks", "Kyiv 2021"}, "Ukraine's Defence Budget 2021: Priorities and Risks"},
		{[]string{"POLICY PAPER No. 7 | MARCH 2018", "Civilian Control of Defence Intelligence in Ukraine", "Oleksii Melnyk and Mykola Sunhurovskyi"}, "Civilian Control of Defence Intelligence in Ukraine"},
		{[]string{"Parliamentary Oversight of the", "Security Sector", "A Handbook for Committee Staff", "Geneva 2019"}, "Parliamentary Oversight of the Security Sector: A Handbook for Committee Staff"},
		{[]string{"12 March 2020", "Police Accountability Mechanisms", "in Eastern Partnership Countries"}, "Police Accountability Mechanisms in Eastern Partnership Countries"},
		{[]string{"Інформаційна довідка", "Військова омбудсменка: повноваження", "та перші результати", "Центр оборонних стратегій"}, "Військова омбудсменка: повноваження та перші результати"},
		{[]string{"Security Sector Governance", "Mykola Bielieskov", "Kyiv 2020"}, "Security Sector Governance"},
		// A kicker when there is nothing else: a periodical's or a report's title.
		{[]string{"Ukrainian Helsinki Human Rights Union", "Annual Report 2019"}, "Annual Report 2019"},
		{[]string{"www.prismua.org"}, ""},
		{[]string{"PARLIAMENTARY OVERSIGHT OF THE SECURITY SECTOR", "DCAF"}, "PARLIAMENTARY OVERSIGHT OF THE SECURITY SECTOR"},
		// A title with an organisation's word is still a title.
		{[]string{"Geneva Centre for Security Sector Governance", "Parliamentary Oversight of the Intelligence Services", "Oleksii Melnyk"}, "Parliamentary Oversight of the Intelligence Services"},
		{[]string{"Діяльність комітету з питань оборони", "Київ 2019"}, "Діяльність комітету з питань оборони"},
		{[]string{"Police Reform Handbook", "Oleksii Melnyk", "Kyiv 2020"}, "Police Reform Handbook"},
		{[]string{"Women in the Armed", "Forces of Ukraine", "Kyiv 2016"}, "Women in the Armed Forces of Ukraine"},
		{[]string{"Handbook", "Oleksii Melnyk and Mykola Sunhurovskyi"}, ""}, // a type's name alone is none
		// A parliament's line and its committee's over the title; a series' line.
		{[]string{"ВЕРХОВНА РАДА УКРАЇНИ", "Комітет з питань національної безпеки, оборони та розвідки", "Щорічний звіт про діяльність Комітету у 2022 році", "Київ 2023"}, "Щорічний звіт про діяльність Комітету у 2022 році"},
		{[]string{"SSR Backgrounder Series", "Security Sector Governance", "Applying the Principles of Good Governance"}, "Security Sector Governance Applying the Principles of Good Governance"},
		{[]string{"Верховна Рада і контроль над сектором безпеки", "Київ 2019"}, "Верховна Рада і контроль над сектором безпеки"},
		{[]string{"Parliaments in Security Sector Governance", "Hans Born", "Geneva 2019"}, "Parliaments in Security Sector Governance"},
		{[]string{"Policy Paper", "e-Government and the security sector", "Kyiv 2020"}, "e-Government and the security sector"},
		{[]string{"Defence Reform in Ukraine after", "2014: First Assessments", "Kyiv 2016"}, "Defence Reform in Ukraine after 2014: First Assessments"},
		// A type's name that the title goes on from is its start.
		{[]string{"МІНІСТЕРСТВО ВНУТРІШНІХ СПРАВ УКРАЇНИ", "Методичні рекомендації", "щодо взаємодії Національної поліції з громадськістю", "Київ – 2021"}, "Методичні рекомендації щодо взаємодії Національної поліції з громадськістю"},
		{[]string{"Hybrid Warfare", "Challenges and Opportunities"}, "Hybrid Warfare Challenges and Opportunities"},
		{[]string{"Introduction", "This paper examines how Russia wages war by other means."}, ""},
		{[]string{"Mobile phone surveillance", "and the right to privacy", "Kyiv 2021"}, "Mobile phone surveillance and the right to privacy"}, // no address
		// A kicker with more than a type's name is the title, not the publisher's line with its year.
		{[]string{"SSG Bulletin, No. 7 (May 2010)", "Centre for Security Governance Studies · 2010"}, "SSG Bulletin, No. 7 (May 2010)"},
		// A title's first part naming a type with a number goes on after its colon.
		{[]string{"Інститут досліджень врядування у сфері безпеки", "Звіт про конференцію SSGR 2023:", "основні висновки та", "рекомендації", "Київ, листопад 2023"},
			"Звіт про конференцію SSGR 2023: основні висновки та рекомендації"},
		// Three words in capitals without a patronymic are the title's, not a name.
		{[]string{"ІНТЕГРАЦІЯ ВЕТЕРАНІВ У СИСТЕМУ", "ЗАБЕЗПЕЧЕННЯ НАЦІОНАЛЬНОЇ БЕЗПЕКИ", "ОЛЕНА ПЕТРІВНА КОВАЛЬ"},
			"ІНТЕГРАЦІЯ ВЕТЕРАНІВ У СИСТЕМУ ЗАБЕЗПЕЧЕННЯ НАЦІОНАЛЬНОЇ БЕЗПЕКИ"},
		// A committee's letterhead: its name over two lines, its address; the
		// conclusion's kicker and title over two lines, the place and date.
		{committee, "ВИСНОВОК щодо проекту Закону України «Про внесення змін до Закону України «Про Службу безпеки України» щодо вдосконалення засад діяльності» (реєстр. № 5286)"},
		// Who did the work is no line of the title; a municipal enterprise is an organisation.
		{[]string{"ЗВІТ", "про виконання Програми забезпечення громадської безпеки і правопорядку", "за 2022 рік", "Виконавець: відділ з питань надзвичайних ситуацій та цивільного захисту"},
			"ЗВІТ про виконання Програми забезпечення громадської безпеки і правопорядку за 2022 рік"},
		{[]string{"КОМУНАЛЬНЕ ПІДПРИЄМСТВО «МУНІЦИПАЛЬНА ВАРТА»", "НОВОБОРІВСЬКОЇ МІСЬКОЇ РАДИ", "ЗВІТ", "про діяльність КП «Муніципальна варта»", "за 2023 рік", "м. Новоборівськ, 2024"},
			"ЗВІТ про діяльність КП «Муніципальна варта» за 2023 рік"},
		// A type's name over its year, in no display type.
		{[]string{"КИЇВСЬКИЙ ЦЕНТР БЕЗПЕКОВОЇ ПОЛІТИКИ", "РІЧНИЙ ЗВІТ", "2022", "Київ – 2023"}, "РІЧНИЙ ЗВІТ 2022"},
		// An office's registration stamp on a scanned letter is no title.
		{[]string{"вх. № 02-14/311 від 12.02.2024"}, ""},
		{[]string{"Вих. №123/01-08", "Аналітична довідка", "щодо стану громадської безпеки"}, "Аналітична довідка щодо стану громадської безпеки"},
	} {
		if got := coverTitle(tt.cover, nil, fetched); got != tt.want {
			t.Errorf("coverTitle(%q) = %q, want %q", tt.cover, got, tt.want)
		}
	}
	for _, tt := range []struct {
		cover []string
		want  int
	}{
		{[]string{"POLICY PAPER No. 7 | MARCH 2018"}, 2018},
		{[]string{"Наука і оборона, 2019, № 2"}, 2019},
		{[]string{"Issue 2019", "Lviv"}, 0},
	} {
		if y := coverYear(tt.cover, fetched); y != tt.want {
			t.Errorf("coverYear(%q) = %d, want %d", tt.cover, y, tt.want)
		}
	}
	for _, tt := range []struct {
		imprint []string
		want    int
	}{
		{[]string{"ISBN 978-617-7189-12-3", "Підписано до друку 12.10.2016"}, 2016},
		{[]string{"First published in March 2017 by the Geneva Centre"}, 2017},
		{[]string{"ISBN 978-966-2016-49-1"}, 0},
		{[]string{"Підписано до друку 25.11.2019. Формат 60х84/16."}, 2019},
		{[]string{"© Reuters/Gleb Garanich, 2014", "© DCAF 2016"}, 2016}, // a photograph's credit is not the imprint
	} {
		if y := imprintYear(tt.imprint, fetched); y != tt.want {
			t.Errorf("imprintYear(%q) = %d, want %d", tt.imprint, y, tt.want)
		}
	}
	// The year a cover prints as its imprint's, which wins over a file's date:
	// not a kicker's or a meeting's.
	for _, tt := range []struct {
		cover []string
		want  int
	}{
		{[]string{"Security Sector Reform", "Kyiv 2018"}, 2018},
		{[]string{"Guide", "© DCAF 2018"}, 2018},
		{[]string{"Ukrainian Helsinki Human Rights Union", "Annual Report 2019"}, 0},
		{[]string{"Proceedings", "Kyiv, 12–13 May 2019"}, 0},
		{[]string{"Thirty Years", "1991 – 2021"}, 0},
		{[]string{"Security Sector Reform Index", "December 2019"}, 2019},
		{[]string{"Defence Procurement Transparency", "after 2022", "Kyiv · March 2023"}, 2023}, // a title's year on a line of its own
	} {
		if y := printedYear(tt.cover, fetched); y != tt.want {
			t.Errorf("printedYear(%q) = %d, want %d", tt.cover, y, tt.want)
		}
	}
	for _, tt := range []struct{ info, cover, want string }{
		{"Women in the Armed Forces", "Women in the Armed Forces of Ukraine", "Women in the Armed Forces of Ukraine"},
		{"Police Reform in Ukraine: What Has Changed? – Kharkiv Human Rights Protection Group", "Police Reform in Ukraine: What Has Changed?", "Police Reform in Ukraine: What Has Changed?"},
		{"Oversight of the Armed Forces", "Centre for Defence Strategies", "Oversight of the Armed Forces"},
	} {
		if got := fullerTitle(tt.info, tt.cover); got != tt.want {
			t.Errorf("fullerTitle(%q, %q) = %q, want %q", tt.info, tt.cover, got, tt.want)
		}
	}
}

func TestTypeOfLabels(t *testing.T) {
	src := &SourceMeta{Types: map[string]string{"analysis": "policy-paper"}}
	for _, tt := range []struct {
		label    string
		explicit bool
		want     string
	}{
		{"Policy brief", true, "policy-brief"},
		{"Analysis", true, "policy-paper"}, // the source's own mapping
		{"Country profile", true, "country-profile"},
		{"Country profile", false, ""}, // not named as the type: no type of its own
		{"PDF", true, ""},
		{"", true, ""},
		// A system's types say nothing of a publication.
		{"Page", true, ""},
		{"Text", true, ""},
		{"News Item", true, ""},
		{"Text.Serial.Journal", true, ""}, // a DCMI type refined
		{"Other", true, ""},               // a repository's catch-all
		{"Інше", true, ""},
		{"Report.Final", true, "report"},
		// A file's format is none.
		{"application/pdf", true, ""},
		{"DOCX", true, ""},
	} {
		if got, _ := typeOf(tt.label, tt.explicit, src); got != tt.want {
			t.Errorf("typeOf(%q, %v) = %q, want %q", tt.label, tt.explicit, got, tt.want)
		}
	}
	if got, _ := typeOf("Brief", true, nil); got != vocab.Types[5].Key {
		t.Errorf("Brief is %q", got)
	}
}

// TestNarrowerType: a type one of whose names holds a name of another narrows it.
func TestNarrowerType(t *testing.T) {
	for _, tt := range []struct {
		key, declared, title string
		want                 bool
	}{
		{"annual-report", "Report", "Annual Report on Police-Related Activities in 2018", true},
		{"annual-report", "Звіт", "Річний звіт за 2021 рік", true},
		{"annual-report", "Report", "Comments on the Annual Report of the Ombudsman", false}, // its subject
		{"policy-paper", "Report", "White Paper on Defence: Report on the Consultation", false},
		{"report", "Annual report", "Report on the year", false},
		{"report", "Report", "Report on the year", false},
		{"annual-report", "Reports", "Annual Reports 2020", true},
		{"annual-report", "Звіти", "Річний звіт 2020", true},
		{"annual-report", "Отчёт", "Годовой отчёт за 2020 год", true},
	} {
		if got := narrowerType(tt.key, tt.declared, tt.title); got != tt.want {
			t.Errorf("narrowerType(%q, %q, %q) = %v, want %v", tt.key, tt.declared, tt.title, got, tt.want)
		}
	}
}

func TestEditionOf(t *testing.T) {
	base, _ := editionOf("Buying for Security: A Handbook on Procurement")
	for _, title := range []string{
		"Buying for Security: A Handbook on Procurement. Updated edition 2024",
		"Buying for Security: A Handbook on Procurement (2nd edition)",
		"Buying for Security: A Handbook on Procurement — Second Edition",
		"Buying for Security: A Handbook on Procurement (revised)",
		"Buying for Security: A Handbook on Procurement, revised and expanded edition",
	} {
		if got, marked := editionOf(title); got != base || !marked {
			t.Errorf("editionOf(%q) = %q, %v; want %q", title, got, marked, base)
		}
	}
	ukBase, _ := editionOf("Купуючи безпеку: посібник зі стратегічного планування")
	for _, title := range []string{"Купуючи безпеку: посібник зі стратегічного планування. Оновлене видання 2024 року", "Купуючи безпеку: посібник зі стратегічного планування (друге видання)",
		"Купуючи безпеку: посібник зі стратегічного планування (2-ге видання)", "Купуючи безпеку: посібник зі стратегічного планування (2-ге видання, 2024)"} {
		if got, marked := editionOf(title); got != ukBase || !marked {
			t.Errorf("editionOf(%q) = %q, want %q", title, got, ukBase)
		}
	}
	ruBase, _ := editionOf("Законы о киберпреступности: руководство")
	if got, _ := editionOf("Законы о киберпреступности: руководство (обновлённое издание 2022 года)"); got != ruBase {
		t.Errorf("russian edition %q", got)
	}
	if _, marked := editionOf("Versions of the Truth: Media and Security"); marked {
		t.Error("a title with no edition marked as one")
	}
}

func TestLinkEditions(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	first := &Document{ID: "1", Title: "Reading the Defence Budget", Lang: "en", Type: TypeManual, Date: day("2014-03-01"), Year: 2014}
	second := &Document{ID: "2", Title: "Reading the Defence Budget — 2nd edition", Lang: "en", Type: TypeManual, Date: day("2017-05-01"), Year: 2017}
	other := &Document{ID: "3", Title: "Reading the Defence Budget", Lang: "uk", Type: TypeManual, Date: day("2014-03-01"), Year: 2014}
	same := &Document{ID: "4", Title: "Annual report", Lang: "en", Type: TypeReport, Year: 2019}
	same2 := &Document{ID: "5", Title: "Annual report", Lang: "en", Type: TypeReport, Year: 2019}
	// A bulletin whose title never changes: issues, not editions.
	issue1 := &Document{ID: "6", Title: "Security Sector Governance Bulletin", Lang: "en", Type: "newsletter", Year: 2015}
	issue2 := &Document{ID: "7", Title: "Security Sector Governance Bulletin", Lang: "en", Type: "newsletter", Year: 2016}
	linkEditions([]*Document{second, first, other, same, same2, issue1, issue2})
	if len(first.Editions) != 1 || first.Editions[0].ID != "2" || !first.Superseded || second.Superseded || len(second.Editions) != 1 {
		t.Errorf("editions: first %+v %v, second %+v %v", first.Editions, first.Superseded, second.Editions, second.Superseded)
	}
	if len(other.Editions) != 0 || len(same.Editions) != 0 {
		t.Error("a translation or two same titles of one year linked as editions")
	}
	if len(issue1.Editions) != 0 || issue1.Superseded {
		t.Errorf("a newsletter's issues linked as editions: %+v, superseded %v", issue1.Editions, issue1.Superseded)
	}
}

func TestFromPDFOnly(t *testing.T) {
	if got := naturalKeywords([]string{"anticorr", "procure", "parl-ovs", "Defence procurement", "Transparency"}); !slices.Equal(got, []string{"Defence procurement", "Transparency"}) {
		t.Errorf("keywords %v", got)
	}
	if got := plausibleAuthors([]string{"admin", "jsmith", "Olena Marchenko", "Microsoft Office User", "Super User", "Site Administrator"}); !slices.Equal(got, []string{"Olena Marchenko"}) {
		t.Errorf("authors %v", got)
	}
	if o := titleOverlap("Buying for Security: A Handbook", "buying-for-security handbook 2021"); o != 1 {
		t.Errorf("overlap %v", o)
	}
	if o := titleOverlap(latin("Кордони під тиском: управління кордонами"), fileTitle("https://x/kordony-pid-tyskom-upravlinnia.pdf")); o < 0.7 {
		t.Errorf("transliterated overlap %v", o)
	}
}

func TestPathType(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.org/resources/publications/policy-briefs/security-service-reform/": "policy-brief",
		"https://example.org/uk/%D0%BF%D0%BE%D1%81%D1%96%D0%B1%D0%BD%D0%B8%D0%BA%D0%B8/x/":  "handbook", // /посібники/
		"https://example.org/publications/handbook/":                                        "",         // the page's own name
		"https://example.org/publications/2021/report-on-x/":                                "",
	} {
		if got := pathType(u); got != want {
			t.Errorf("pathType(%s) = %q, want %q", u, got, want)
		}
	}
}

// TestFactsOfCoverAndImprint: a PDF's cover is its first page with words (not
// an image cover's address alone, nor a table of contents); its imprint lines
// are those of the next pages that start as an imprint does, not a body's
// sentence that starts alike.
func TestFactsOfCoverAndImprint(t *testing.T) {
	res := &extract.Result{Pages: []extract.Page{
		{Number: 1, Text: "www.prismua.org"},
		{Number: 2, Text: "Безпековий сектор України\nпісля 2022 року\nФонд «Українська призма»"},
		{Number: 3, Text: "ISBN 978-617-7189-12-3\n© Фонд «Українська призма», 2023\nPublished in 2015, the first survey of the sector found that its budget was spent on salaries and little else."},
		{Number: 4, Text: "Вступ\nЦей огляд пояснює, що змінилося."},
		{Number: 5, Text: "© Someone else, 2030"}, // past the two pages after the cover
	}}
	f := factsOf(res)
	if want := []string{"Безпековий сектор України", "після 2022 року", "Фонд «Українська призма»"}; !slices.Equal(f.Cover, want) {
		t.Errorf("cover %q, want %q", f.Cover, want)
	}
	if want := []string{"© Фонд «Українська призма», 2023"}; !slices.Equal(f.Imprint, want) {
		t.Errorf("imprint %q, want %q", f.Imprint, want)
	}
	toc := factsOf(&extract.Result{Pages: []extract.Page{{Number: 1, Text: "ЗМІСТ\nВступ 3\nРозділ 1 7"}, {Number: 2, Text: "Вступ\nЦей посібник пояснює, як працює нагляд."}}})
	if len(toc.Cover) == 0 || toc.Cover[0] != "Вступ" {
		t.Errorf("a contents page taken for the cover: %q", toc.Cover)
	}
}

// TestTitleSaysNothing: a landing page's title that names its section or its
// site's organisation gives way to the PDF's; a publication's title does not.
func TestTitleSaysNothing(t *testing.T) {
	orgs := []string{"Ukrainian Institute for the Future", "Центр оборонних стратегій"}
	for title, want := range map[string]bool{
		"Публікації":                         true,
		"Publications":                       true,
		"Ukrainian Institute for the Future": true,
		"Центр оборонних стратегій":          true,
		"Security Sector Reform in Ukraine":  false,
		"Стан сектору безпеки України у 2020 році": false,
		"Annual Report 2019": false,
		"Parliamentary Oversight of the Intelligence Services": false,
		"Kyiv International Institute of Sociology":            false, // not the site's
		"Defence Reform – Ukrainian Institute for the Future":  false,
		"Thank you!":                           true,
		"Дякуємо!":                             true,
		"Thank you for downloading our report": true,
		"Архів публікацій 2008–2015":           true,
		"Publications archive":                 true,
		"English":                              true,
		"Ukraine 2030":                         false,
		"Україна":                              false,
		"Russia Monitor":                       false,
		"Звітність":                            true,
		"Thank You for Your Service: Veterans in Ukraine": false,
		"Архів СБУ: що розсекречено":                      false,
	} {
		if got := titleSaysNothing(title, orgs...); got != want {
			t.Errorf("titleSaysNothing(%q) = %v, want %v", title, got, want)
		}
	}
	for line, want := range map[string]bool{
		"Centre for Defence Strategies":             true,
		"Razumkov Centre":                           true,
		"Kyiv International Institute of Sociology": true,
		"Ukrainian Helsinki Human Rights Union":     true,
		"DCAF":                                      true,
		"OSCE ODIHR":                                true,
		"Центр оборонних стратегій":        true,
		"Харківська правозахисна група":    true,
		"Police Service Reform":            false,
		"Intelligence Service Oversight":   false,
		"POLICE SERVICE REFORM IN UKRAINE": false,
		"HYBRID WARFARE":                   false,
		"NATO AND UKRAINE":                 false,
		"Reforming the Security Service":   false,
		"European Union":                   false,
		"Програма розвитку громадянського суспільства":                                       false,
		"ВЕРХОВНА РАДА УКРАЇНИ · Комітет з питань національної безпеки, оборони та розвідки": true,
		"Секретаріат Комітету з питань національної безпеки, оборони та розвідки":            true,
		"DCAF · Geneva Centre for Security Sector Governance":                                true,
		"DCAF · Policy Brief No. 3":                                                                    false,
		"Geneva Centre for the Democratic Control of Armed Forces":                                     true,
		"The Role of the Parliamentary Committee for Defence in Budget Oversight":                      false,
		"Council of Europe Standards on Parliamentary Oversight of Security and Intelligence Services": false,
		"Office of the Ombudsman Annual Report on the Observance of Human Rights 2021":                 false,
		"Міністерство оборони України в умовах війни та реформування сектору безпеки":                  false,
		"Деятельность комитета по вопросам обороны":                                                    false,
		"Роль института омбудсмена":                                                                    false,
	} {
		if got := orgName(line); got != want {
			t.Errorf("orgName(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestCoverFacts2: what a second review found on real covers: glued lines, an
// imprint's words in the publisher, a horizon year, credits.
func TestCoverFacts2(t *testing.T) {
	fetched := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		cover []string
		want  string
	}{
		{[]string{"Security Sector Reform in Ukraine", "With the support of the European Union"}, "Security Sector Reform in Ukraine"},
		{[]string{"Security Sector Reform in Ukraine", "Kyiv, 12–13 May 2019"}, "Security Sector Reform in Ukraine"},
		{[]string{"Police reform in Ukraine: what has changed", "12.05.2019 | Yevhen Zakharov"}, "Police reform in Ukraine: what has changed"},
		{[]string{"Security Sector Reform in Ukraine", "Dr. John Smith, Geneva Centre for Security Sector Governance"}, "Security Sector Reform in Ukraine"},
		{[]string{"HYBRID WARFARE", "Challenges for Ukraine", "Kyiv 2019"}, "HYBRID WARFARE Challenges for Ukraine"},
		{[]string{"Police Service Reform", "Kyiv 2019"}, "Police Service Reform"},
		{[]string{"Defence Procurement", "Reform in Ukraine", "Lessons from 2015–2017"}, "Defence Procurement Reform in Ukraine Lessons from 2015–2017"},
		// A title in capitals goes on in capitals (each of its lines reads as a
		// person's name), and a subtitle in lower case comes after a colon.
		{[]string{"О. В. Бондаренко, С. І. Мельник", "ПАРЛАМЕНТСЬКИЙ КОНТРОЛЬ", "НАД СПЕЦСЛУЖБАМИ", "порівняльний аналіз", "Монографія", "Київ – 2021"},
			"ПАРЛАМЕНТСЬКИЙ КОНТРОЛЬ НАД СПЕЦСЛУЖБАМИ: порівняльний аналіз"},
		{[]string{"ДЕМОКРАТИЧНИЙ ЦИВІЛЬНИЙ", "КОНТРОЛЬ НАД СЕКТОРОМ", "БЕЗПЕКИ", "Навчальний посібник"}, "ДЕМОКРАТИЧНИЙ ЦИВІЛЬНИЙ КОНТРОЛЬ НАД СЕКТОРОМ БЕЗПЕКИ"},
		{[]string{"PARLIAMENTARY OVERSIGHT", "OF INTELLIGENCE SERVICES", "A Handbook"}, "PARLIAMENTARY OVERSIGHT OF INTELLIGENCE SERVICES"},
		// A title's words with its year are no imprint's place and year.
		{[]string{"Ministry of Defence of Ukraine", "Defence Review 2023", "Kyiv 2024"}, "Defence Review 2023"},
		{[]string{"Ministry of Defence of Ukraine", "Security Sector Reform", "Kyiv, 2018"}, "Security Sector Reform"},
		// An author's name in capitals under a title in capitals; a title's words
		// going on in lower case; a title broken after a comma.
		{[]string{"ПАРЛАМЕНТСЬКИЙ КОНТРОЛЬ НАД СПЕЦСЛУЖБАМИ", "ОЛЕНА КОВАЛЬ", "Київ – 2021"}, "ПАРЛАМЕНТСЬКИЙ КОНТРОЛЬ НАД СПЕЦСЛУЖБАМИ"},
		{[]string{"ГРОМАДСЬКИЙ КОНТРОЛЬ", "за сектором безпеки і оборони", "Київ – 2019"}, "ГРОМАДСЬКИЙ КОНТРОЛЬ за сектором безпеки і оборони"},
		{[]string{"Ministry of Defence of Ukraine", "Security Sector Governance in Ukraine, Moldova,", "Georgia and Armenia", "Kyiv 2019"},
			"Security Sector Governance in Ukraine, Moldova, Georgia and Armenia"},
		{[]string{"ВІЙСЬКО, СУСПІЛЬСТВО,", "ДЕРЖАВА", "Київ – 2019"}, "ВІЙСЬКО, СУСПІЛЬСТВО, ДЕРЖАВА"},
		// An author's line that an affiliation follows is no title.
		{[]string{"Mykhailo Kravets,", "Institute for Energy Studies", "Energy Security and the Protection", "of Critical Infrastructure"}, "Energy Security and the Protection of Critical Infrastructure"},
		// Names joined stay out of it.
		{[]string{"SECURITY SECTOR REFORM", "IVAN PETRENKO, OLHA MELNYK"}, "SECURITY SECTOR REFORM"},
	} {
		if got := coverTitle(tt.cover, nil, fetched); got != tt.want {
			t.Errorf("coverTitle(%q) = %q, want %q", tt.cover, got, tt.want)
		}
	}
	for line, want := range map[string]string{
		"Copyright © 2019 by the Razumkov Centre":                                          "Razumkov Centre",
		"© 2019 Geneva Centre for Security Sector Governance (DCAF). All rights reserved.": "Geneva Centre for Security Sector Governance (DCAF)",
		"Видавець: Центр Разумкова за підтримки Посольства Канади":                         "Центр Разумкова",
		"Ukrainian Institute for the Future, 2022":                                         "Ukrainian Institute for the Future",
	} {
		if got := coverPublisher(nil, []string{line}, "", fetched); got != want {
			t.Errorf("coverPublisher(imprint %q) = %q, want %q", line, got, want)
		}
	}
	for line, want := range map[string]bool{
		"© OSCE/ODIHR 2019": false, "Photo: © UNDP 2014": true, "© Reuters/Gleb Garanich, 2014": true,
		"© UNDP Recovery and Peacebuilding Programme, 2019": false,
		"Kyiv/Київ 2019": false, "Stockholm/Geneva 2019": false, "© 2020 Razumkov Centre / Центр Разумкова": false,
		"© UNDP Ukraine / Oleksandr Ratushniak": true,
	} {
		if got := creditLine(line); got != want {
			t.Errorf("credit(%q) = %v, want %v", line, got, want)
		}
	}
	if y := imprintYear([]string{"© DCAF 2019. All rights reserved."}, fetched); y != 2019 {
		t.Errorf("imprintYear of a © line with its sentence's stop = %d", y)
	}
	// The printed year wins over a file's date of another year, but a horizon
	// ahead of the file's is no printing's.
	b := &builder{}
	for _, tt := range []struct {
		cover []string
		file  time.Time
		want  int
	}{
		{[]string{"Security Sector Reform", "Kyiv 2018"}, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), 2018},
		{[]string{"Security Sector Reform", "Kyiv 2017"}, time.Date(2016, 12, 20, 0, 0, 0, 0, time.UTC), 2017},
		{[]string{"Стратегія сталого розвитку", "Україна – 2020"}, time.Date(2015, 1, 12, 0, 0, 0, 0, time.UTC), 2015},
		{[]string{"Ukrainian Helsinki Human Rights Union", "Annual Report 2019"}, time.Date(2020, 3, 15, 0, 0, 0, 0, time.UTC), 2020},
	} {
		if _, y, _ := b.pdfDate(pdfFacts{Cover: tt.cover, Date: tt.file, Producer: "Word"}, fetched); y != tt.want {
			t.Errorf("pdfDate(%q, file %s) = %d, want %d", tt.cover, tt.file.Format("2006-01-02"), y, tt.want)
		}
	}
}

// TestSharePublishers: a document naming no publisher takes its translation's;
// one naming its own keeps it.
func TestSharePublishers(t *testing.T) {
	uk := &Document{ID: "uk", Publisher: "Антикорупційний моніторинг", Provenance: map[string]string{"publisher": extract.FromMeta},
		Translations: []Translation{{Lang: "en", ID: "en"}}}
	en := &Document{ID: "en", Provenance: map[string]string{}, Translations: []Translation{{Lang: "uk", ID: "uk"}}}
	ru := &Document{ID: "ru", Publisher: "Антикоррупционный мониторинг", Provenance: map[string]string{"publisher": extract.FromPDF},
		Translations: []Translation{{Lang: "uk", ID: "uk"}}}
	alone := &Document{ID: "alone", Provenance: map[string]string{}}
	sharePublishers([]*Document{en, uk, ru, alone})
	if en.Publisher != uk.Publisher || en.Provenance["publisher"] != extract.FromMeta {
		t.Errorf("the English version's publisher %q (%s), want the Ukrainian's", en.Publisher, en.Provenance["publisher"])
	}
	if ru.Publisher != "Антикоррупционный мониторинг" || alone.Publisher != "" {
		t.Errorf("publishers changed: %q, %q", ru.Publisher, alone.Publisher)
	}
}

// TestLangSiblings: files whose names differ by a language's code only.
func TestLangSiblings(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"https://e.org/id/eprint/1301/1/SBU_reform_UA.pdf", "https://e.org/id/eprint/1301/2/SBU_reform_EN.pdf", true},
		{"https://e.org/files/report.pdf", "https://e.org/files/report-en.pdf", true},
		{"https://e.org/files/report.pdf", "https://e.org/files/annex.pdf", false},
		{"https://e.org/files/report-2020.pdf", "https://e.org/files/report-2021.pdf", false},
		{"https://e.org/files/en.pdf", "https://e.org/files/uk.pdf", false},
		{"", "https://e.org/files/report-en.pdf", false},
		{"https://e.org/docs/2021/2021_SSR_handbook_ua_v2.pdf", "https://e.org/docs/2021/2021_SSR_handbook_en.pdf", true},
		{"https://e.org/docs/survey_final_EN.pdf", "https://e.org/docs/survey_UA.pdf", true},
		{"https://e.org/docs/survey_v2.pdf", "https://e.org/docs/survey_v3.pdf", false}, // no language
	} {
		if got := langSiblings(tt.a, tt.b); got != tt.want {
			t.Errorf("langSiblings(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDisplayedTitle: a cover's display type marks where its title starts, over
// a project's lines in smaller type above it, and holds its lines together; a
// logo's name or an author's alone in it is no title; a paper's abstract under
// its title is not the title's. A PDF's information title of words the cover
// does not show yields to the displayed one; one the cover shows stays.
func TestDisplayedTitle(t *testing.T) {
	fetched := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	project := []string{"SECGOV-UA", "Security Sector Governance under Martial Law", "Kyiv School of Public Policy"}
	for _, tt := range []struct {
		cover, display []string
		want           string
	}{
		{append(slices.Clone(project), "Territorial Defence Forces", "and Civilian Control", "at the Local Level", "Andrii Melnyk", "Kyiv, December 2022"),
			[]string{"Territorial Defence Forces", "and Civilian Control", "at the Local Level"}, "Territorial Defence Forces and Civilian Control at the Local Level"},
		{[]string{"CENTRE FOR CIVIL SECURITY STUDIES", "SECURITY SECTOR REFORM", "IN UKRAINE AFTER 2014", "Kyiv 2016"},
			[]string{"SECURITY SECTOR REFORM", "IN UKRAINE AFTER 2014"}, "SECURITY SECTOR REFORM IN UKRAINE AFTER 2014"},
		{[]string{"DCAF", "Parliamentary Oversight of the Security Sector", "Geneva 2019"}, []string{"DCAF"}, "Parliamentary Oversight of the Security Sector"},
		{[]string{"Police Reform in Ukraine", "Olena Koval", "Kyiv 2020"}, []string{"Olena Koval"}, "Police Reform in Ukraine"},
		{[]string{"Безпека і врядування 2023", "ПРОЗОРІСТЬ ОБОРОННИХ ЗАКУПІВЕЛЬ", "В УМОВАХ ВІЙНИ", "Анотація. Досліджено прозорість оборонних закупівель під час війни"},
			[]string{"ПРОЗОРІСТЬ ОБОРОННИХ ЗАКУПІВЕЛЬ", "В УМОВАХ ВІЙНИ"}, "ПРОЗОРІСТЬ ОБОРОННИХ ЗАКУПІВЕЛЬ В УМОВАХ ВІЙНИ"},
		// A publisher set in the title's type is not the title's.
		{[]string{"DEMOCRATIC CONTROL", "OVER THE ARMED FORCES", "Geneva Centre for Security Sector Governance"},
			[]string{"DEMOCRATIC CONTROL", "OVER THE ARMED FORCES", "Geneva Centre for Security Sector Governance"}, "DEMOCRATIC CONTROL OVER THE ARMED FORCES"},
		{[]string{"Policy Brief", "Security Sector Reform", "in Ukraine", "Ministry of Defence of Ukraine"},
			[]string{"Security Sector Reform", "in Ukraine", "Ministry of Defence of Ukraine"}, "Security Sector Reform in Ukraine"},
		// A title's second line in display type is no person's name for its
		// capitals ("Procurement: A Handbook").
		{[]string{"Centre for Security Sector Integrity", "Building Integrity in Defence", "Procurement: A Handbook", "Brussels 2019"},
			[]string{"Building Integrity in Defence", "Procurement: A Handbook"}, "Building Integrity in Defence Procurement: A Handbook"},
		// A kicker is the title's start when the title goes on from it in lower case.
		{[]string{"Громадська організація «Прозорість»", "Інструментарій громадського", "моніторингу бюджетів сектору безпеки", "Київ 2023"}, nil,
			"Інструментарій громадського моніторингу бюджетів сектору безпеки"},
		// A kicker that the displayed title starts with is no start of the display.
		{[]string{"ГРОМАДСЬКА ОРГАНІЗАЦІЯ «ВАРТОВІ ГРОМАДИ»", "ПОРАДНИК", "Порадник для громадських рад", "при поліції", "Друге видання, перероблене і доповнене", "Вінниця, 2024"},
			[]string{"Порадник для громадських рад", "при поліції"}, "Порадник для громадських рад при поліції"},
		// A title of two words in display type over a subtitle: no person's name.
		{[]string{"COMMUNITY GUARDIANS", "HANDBOOK", "Community Safety", "A Handbook for Local Self-Government Bodies", "Vinnytsia 2022"},
			[]string{"Community Safety"}, "Community Safety: A Handbook for Local Self-Government Bodies"},
		// A type's name and its year in display type, a line each.
		{[]string{"Defence Policy Centre", "ANNUAL", "REPORT", "2023", "Kyiv 2024"}, []string{"ANNUAL", "REPORT", "2023"}, "ANNUAL REPORT 2023"},
	} {
		if got := coverTitle(tt.cover, tt.display, fetched); got != tt.want {
			t.Errorf("coverTitle(%q, display %q) = %q, want %q", tt.cover, tt.display, got, tt.want)
		}
	}
	b := &builder{}
	e := corpus.Entry{URL: "https://elibrary.example.org/files/docs/1234.pdf", FetchedAt: fetched}
	cover := []string{"Інституції омбудсмена у справах збройних сил:", "варіанти для України", "Київ 2020"}
	display := []string{"Інституції омбудсмена у справах збройних сил:", "варіанти для України"}
	for _, tt := range []struct{ info, want string }{
		{"PB Ombuds UA", "Інституції омбудсмена у справах збройних сил: варіанти для України"},
		{"Інституції омбудсмена у справах збройних сил", "Інституції омбудсмена у справах збройних сил: варіанти для України"}, // cut short: the cover's fuller
		{"Інституції омбудсмена UA", "Інституції омбудсмена у справах збройних сил: варіанти для України"},                     // a short name given at the office
		{"Military Ombuds Institutions: Options for Ukraine", "Інституції омбудсмена у справах збройних сил: варіанти для України"},
		// The cover shows its words: it stays.
		{"Інституції омбудсмена: варіанти для України", "Інституції омбудсмена: варіанти для України"},
	} {
		if got := b.pdfTitle(pdfFacts{Title: tt.info, Cover: cover, Display: display}, e); got != tt.want {
			t.Errorf("pdfTitle(info %q) = %q, want %q", tt.info, got, tt.want)
		}
	}
	// A file's short name yields to the cover's displayed title, after a kicker
	// the title starts with.
	guide := pdfFacts{Title: "Порадник 2 видання", Cover: []string{"ГРОМАДСЬКА ОРГАНІЗАЦІЯ «ВАРТОВІ ГРОМАДИ»", "ПОРАДНИК", "Порадник для громадських рад", "при поліції", "Вінниця, 2024"},
		Display: []string{"Порадник для громадських рад", "при поліції"}}
	if got := b.pdfTitle(guide, e); got != "Порадник для громадських рад при поліції" {
		t.Errorf("pdfTitle(info %q) = %q, want the cover's", guide.Title, got)
	}
	// Without display type, the information's title stands.
	if got := b.pdfTitle(pdfFacts{Title: "PB Ombuds UA", Cover: cover}, e); got != "PB Ombuds UA" {
		t.Errorf("pdfTitle without display = %q", got)
	}
}

// TestPrintView: a page's print version, by its script's or folder's name or a
// query asking for it; not a page whose name only starts so.
func TestPrintView(t *testing.T) {
	for u, want := range map[string]bool{
		"http://centre.example.org/print.php?id=47":                      true,
		"http://centre.example.org/eng/print.php?id=52":                  true,
		"https://site.example.org/node/12/print":                         true,
		"https://site.example.org/news/view.asp?id=3&print=1":            true,
		"https://site.example.org/index.php?tmpl=component&print=1&id=5": true,
		"https://wiki.example.org/index.php?title=Main&printable=yes":    true,
		"https://site.example.org/report?format=print":                   true,
		"https://site.example.org/pub.php?id=47":                         false,
		"https://site.example.org/blueprint-for-reform/":                 false,
		"https://site.example.org/printing-house/":                       false,
		"https://site.example.org/news/?print=0":                         false,
	} {
		if got := printView(u); got != want {
			t.Errorf("printView(%s) = %v, want %v", u, got, want)
		}
	}
}

func TestLinkTitle(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Звіт про виконання Програми громадської безпеки за 2023 рік (PDF, 1,2 МБ)", "Звіт про виконання Програми громадської безпеки за 2023 рік"},
		{"Monitoring Border Detention: A Handbook [pdf]", "Monitoring Border Detention: A Handbook"},
		{"Annual Report 2023 - 350 KB", "Annual Report 2023"},
		{"«Безпека громад» — посібник", "«Безпека громад» — посібник"},
		{"2023 Survey of Public Attitudes", "2023 Survey of Public Attitudes"},
		{"за 2023 рік", ""}, // a sentence's part
		{"Завантажити повний текст звіту", ""}, // what to do, not what it is
		{"Download the full report (PDF)", ""},
		{"Текст Програми", ""}, // two words
		{"PDF", ""},
	} {
		got, ok := linkTitle(tt.text)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("linkTitle(%q) = %q, %v; want %q", tt.text, got, ok, tt.want)
		}
	}
}
