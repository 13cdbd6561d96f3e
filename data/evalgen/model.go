package evalgen

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Langs are the languages of the collection.
var Langs = []string{"en", "uk", "ru"}

// Tr is a text in each language it exists in.
type Tr map[string]string

// Topic is a subject of the collection: a key and its label in each language.
type Topic struct {
	Key string `yaml:"key"`
	EN  string `yaml:"en"`
	UK  string `yaml:"uk"`
	RU  string `yaml:"ru"`
}

// Label is the topic's label in lang.
func (t Topic) Label(lang string) string {
	switch lang {
	case "uk":
		return t.UK
	case "ru":
		return t.RU
	}
	return t.EN
}

// Publisher is an organisation that publishes works, with its name in each language.
type Publisher = Topic

// Work is one publication in one or more languages (each language version is a
// translation of the others and becomes a document of its own).
type Work struct {
	ID          string              `yaml:"id"`
	Site        string              `yaml:"site"`
	Type        string              `yaml:"type"`
	Topics      []string            `yaml:"topics"` // the focus first; "all" for an omnibus
	Langs       []string            `yaml:"langs"`
	Date        string              `yaml:"date"`
	Publisher   string              `yaml:"publisher"`
	Pages       int                 `yaml:"pages"`
	Edition     int                 `yaml:"edition"`
	EditionOf   string              `yaml:"edition_of"`
	DerivedFrom string              `yaml:"derived_from"`
	Title       Tr                  `yaml:"title"`
	Summary     Tr                  `yaml:"summary"`
	Authors     map[string][]string `yaml:"authors"`
	Keywords    []string            `yaml:"keywords"`

	date time.Time
}

// Omnibus reports whether the work covers every topic (annual reports, newsletters).
func (w *Work) Omnibus() bool { return slices.Equal(w.Topics, []string{"all"}) }

// Event is an event page (a launch, a workshop) that offers a work's PDF.
type Event struct {
	ID       string   `yaml:"id"`
	Site     string   `yaml:"site"`
	Lang     string   `yaml:"lang"`
	Presents string   `yaml:"presents"`
	Topics   []string `yaml:"topics"`
	Date     string   `yaml:"date"`
	Title    string   `yaml:"title"`
	Summary  string   `yaml:"summary"`

	date time.Time
}

// Bank is the text of one topic: chapter headings, sentences and sentence templates
// with {n}, {year} and {pct} slots, each in every language.
type Bank struct {
	Topic     string `yaml:"topic"`
	Headings  []Tr   `yaml:"headings"`
	Sentences []Tr   `yaml:"sentences"`
	Facts     []Tr   `yaml:"facts"`
}

// Query is a judged query of the collection: what a user types and what it is
// about (topics) or for (a work). Its grades follow from the truth by rules the
// evaluation states.
type Query struct {
	ID     string   `yaml:"id"`
	Kind   string   `yaml:"kind"` // topic, cross-language, known-item, vocabulary
	Lang   string   `yaml:"lang"`
	Query  string   `yaml:"query"`
	Topics []string `yaml:"topics"`
	Work   string   `yaml:"work"`
}

// Content is everything the collection is generated from.
type Content struct {
	Topics     []Topic
	Publishers []Publisher
	Works      []*Work
	Events     []*Event
	Banks      map[string]*Bank
	Queries    []Query

	topic     map[string]Topic
	publisher map[string]Publisher
	work      map[string]*Work
}

// LoadContent reads the content files of fsys: topics.yaml, publishers.yaml,
// works-*.yaml and text/*.yaml.
func LoadContent(fsys fs.FS) (*Content, error) {
	c := &Content{Banks: map[string]*Bank{}, topic: map[string]Topic{}, publisher: map[string]Publisher{}, work: map[string]*Work{}}
	if err := readYAML(fsys, "topics.yaml", &c.Topics); err != nil {
		return nil, err
	}
	if err := readYAML(fsys, "publishers.yaml", &c.Publishers); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "works-*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		var part struct {
			Works  []*Work  `yaml:"works"`
			Events []*Event `yaml:"events"`
		}
		if err := readYAML(fsys, f, &part); err != nil {
			return nil, err
		}
		c.Works = append(c.Works, part.Works...)
		c.Events = append(c.Events, part.Events...)
	}
	var qs struct {
		Queries []Query `yaml:"queries"`
	}
	if _, err := fs.Stat(fsys, "queries.yaml"); err == nil {
		if err := readYAML(fsys, "queries.yaml", &qs); err != nil {
			return nil, err
		}
		c.Queries = qs.Queries
	}
	banks, err := fs.Glob(fsys, "text/*.yaml")
	if err != nil {
		return nil, err
	}
	for _, f := range banks {
		var b Bank
		if err := readYAML(fsys, f, &b); err != nil {
			return nil, err
		}
		if b.Topic != strings.TrimSuffix(path.Base(f), ".yaml") {
			return nil, fmt.Errorf("%s: topic %q does not match the file name", f, b.Topic)
		}
		c.Banks[b.Topic] = &b
	}
	return c, c.check()
}

func readYAML(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// check validates the content and indexes it.
func (c *Content) check() error {
	for _, t := range c.Topics {
		c.topic[t.Key] = t
		if c.Banks[t.Key] == nil {
			return fmt.Errorf("topic %s: no text/%s.yaml", t.Key, t.Key)
		}
	}
	for _, b := range c.Banks {
		if len(b.Headings) == 0 || len(b.Sentences) < 10 || len(b.Facts) == 0 {
			return fmt.Errorf("text/%s.yaml: too little text", b.Topic)
		}
		for _, list := range [][]Tr{b.Headings, b.Sentences, b.Facts} {
			for i, tr := range list {
				for _, l := range Langs {
					if strings.TrimSpace(tr[l]) == "" {
						return fmt.Errorf("text/%s.yaml: entry %d has no %s text", b.Topic, i+1, l)
					}
				}
			}
		}
	}
	for _, p := range c.Publishers {
		c.publisher[p.Key] = p
	}
	var errs []error
	for _, w := range c.Works {
		if c.work[w.ID] != nil {
			errs = append(errs, fmt.Errorf("work %s: repeated id", w.ID))
		}
		c.work[w.ID] = w
		d, err := time.Parse("2006-01-02", w.Date)
		if err != nil {
			errs = append(errs, fmt.Errorf("work %s: date: %w", w.ID, err))
		}
		w.date = d
		if _, ok := c.publisher[w.Publisher]; !ok {
			errs = append(errs, fmt.Errorf("work %s: unknown publisher %q", w.ID, w.Publisher))
		}
		if !w.Omnibus() {
			for _, t := range w.Topics {
				if _, ok := c.topic[t]; !ok {
					errs = append(errs, fmt.Errorf("work %s: unknown topic %q", w.ID, t))
				}
			}
		}
		for _, l := range w.Langs {
			if !slices.Contains(Langs, l) {
				errs = append(errs, fmt.Errorf("work %s: unknown language %q", w.ID, l))
			}
			if strings.TrimSpace(w.Title[l]) == "" || strings.TrimSpace(w.Summary[l]) == "" {
				errs = append(errs, fmt.Errorf("work %s: no %s title or summary", w.ID, l))
			}
		}
		if TypeLabels[w.Type] == nil {
			errs = append(errs, fmt.Errorf("work %s: unknown type %q", w.ID, w.Type))
		}
	}
	for _, w := range c.Works {
		for _, ref := range []string{w.EditionOf, w.DerivedFrom} {
			if ref != "" && c.work[ref] == nil {
				errs = append(errs, fmt.Errorf("work %s: refers to unknown work %s", w.ID, ref))
			}
		}
	}
	for _, e := range c.Events {
		d, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			errs = append(errs, fmt.Errorf("event %s: date: %w", e.ID, err))
		}
		e.date = d
		if c.work[e.Presents] == nil {
			errs = append(errs, fmt.Errorf("event %s: presents unknown work %s", e.ID, e.Presents))
		}
		if strings.TrimSpace(e.Title) == "" {
			errs = append(errs, fmt.Errorf("event %s: no title", e.ID))
		}
	}
	if len(c.Works) == 0 {
		errs = append(errs, errors.New("no works"))
	}
	seen := map[string]bool{}
	for _, q := range c.Queries {
		switch {
		case q.ID == "" || seen[q.ID]:
			errs = append(errs, fmt.Errorf("query %q: missing or repeated id", q.ID))
		case q.Kind == "known-item" && c.work[q.Work] == nil:
			errs = append(errs, fmt.Errorf("query %s: unknown work %q", q.ID, q.Work))
		case q.Kind != "known-item" && len(q.Topics) == 0:
			errs = append(errs, fmt.Errorf("query %s: no topics", q.ID))
		}
		for _, t := range q.Topics {
			if _, ok := c.topic[t]; !ok {
				errs = append(errs, fmt.Errorf("query %s: unknown topic %q", q.ID, t))
			}
		}
		seen[q.ID] = true
	}
	return errors.Join(errs...)
}

// TypeLabels are the labels publishers show for each type key, per language: the
// first is the common one, the others variants some sites use.
var TypeLabels = map[string]map[string][]string{
	"handbook":               {"en": {"Handbook", "Handbook"}, "uk": {"Посібник", "Довідник"}, "ru": {"Пособие", "Справочник"}},
	"toolkit":                {"en": {"Toolkit", "Tool kit"}, "uk": {"Набір інструментів", "Інструментарій"}, "ru": {"Набор инструментов", "Инструментарий"}},
	"training-manual":        {"en": {"Training manual", "Training material"}, "uk": {"Навчальний посібник", "Навчальні матеріали"}, "ru": {"Учебное пособие", "Учебные материалы"}},
	"conference-proceedings": {"en": {"Conference proceedings", "Proceedings"}, "uk": {"Матеріали конференції", "Збірник матеріалів конференції"}, "ru": {"Материалы конференции", "Сборник материалов конференции"}},
	"policy-paper":           {"en": {"Policy paper", "Policy paper"}, "uk": {"Аналітичний документ", "Позиційний документ"}, "ru": {"Аналитический документ", "Позиционный документ"}},
	"policy-brief":           {"en": {"Policy brief", "Brief"}, "uk": {"Аналітична записка", "Стислий аналіз"}, "ru": {"Аналитическая записка", "Краткий обзор"}},
	"report":                 {"en": {"Report", "Research report"}, "uk": {"Звіт", "Доповідь"}, "ru": {"Отчёт", "Доклад"}},
	"annual-report":          {"en": {"Annual report", "Annual report"}, "uk": {"Річний звіт", "Щорічний звіт"}, "ru": {"Годовой отчёт", "Ежегодный отчёт"}},
	"newsletter":             {"en": {"Newsletter", "Bulletin"}, "uk": {"Інформаційний бюлетень", "Бюлетень"}, "ru": {"Информационный бюллетень", "Бюллетень"}},
	"survey":                 {"en": {"Survey", "Opinion survey"}, "uk": {"Опитування", "Соціологічне опитування"}, "ru": {"Опрос", "Социологический опрос"}},
	"guide":                  {"en": {"Guide", "Guidance note"}, "uk": {"Настанови", "Практичний посібник"}, "ru": {"Руководство", "Практическое руководство"}},
	"study":                  {"en": {"Study", "Research study"}, "uk": {"Дослідження", "Аналітичне дослідження"}, "ru": {"Исследование", "Аналитическое исследование"}},
}
