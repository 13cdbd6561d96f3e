// Command gen writes the bundled sample corpus in data/sample: a small publisher
// website in English and Ukrainian (home pages, listings, a topic explainer, an
// event page, publication pages) and the PDFs the publication pages offer.
//
// Content lives in data/gen/content/*.md: YAML front matter, then the text, where a
// "# Heading" starts a chapter on a new page. The output is deterministic, so running
// it twice changes nothing. Run it with `make sample`.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/signintech/gopdf"
	"go.yaml.in/yaml/v3"
)

// Item is one content file: a publication, an explainer or an event.
type Item struct {
	Kind      string   `yaml:"kind"` // publication (default), explainer, event
	Slug      string   `yaml:"slug"`
	Lang      string   `yaml:"lang"`
	Title     string   `yaml:"title"`
	Type      string   `yaml:"type"` // the publisher's type label, e.g. "Handbook"
	Date      string   `yaml:"date"`
	Authors   []string `yaml:"authors"`
	Publisher string   `yaml:"publisher"`
	Topics    []string `yaml:"topics"`
	Summary   string   `yaml:"summary"`
	PDF       string   `yaml:"pdf"`       // file name under wp-content/uploads/yyyy/mm/
	Pair      string   `yaml:"pair"`      // slug of the translation
	Header    string   `yaml:"header"`    // running header of the PDF
	PageSize  string   `yaml:"page_size"` // A4 (default) or A5
	Sections  bool     `yaml:"section_pages"`
	Related   []string `yaml:"related"` // slugs listed under an explainer

	chapters []chapter
	date     time.Time
	file     string
}

type chapter struct {
	Title string
	Paras []string
	Sub   bool // a "## " section
}

func main() {
	content := flag.String("content", "data/gen/content", "directory of content files")
	out := flag.String("out", "data/sample", "output directory (replaced)")
	fonts := flag.String("fonts", DefaultFonts, "directory with DejaVuSerif.ttf and DejaVuSans-Bold.ttf")
	flag.Parse()
	if err := generate(*content, *out, *fonts); err != nil {
		log.Fatal(err)
	}
}

// DefaultFonts is where Debian's fonts-dejavu-core puts the fonts the PDFs embed.
const DefaultFonts = "/usr/share/fonts/truetype/dejavu"

// generate writes the site for the content files in content to out, replacing it.
func generate(content, out, fonts string) error {
	items, err := load(content)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	s := site{out: out, fonts: fonts, items: items, bySlug: map[string]*Item{}}
	for _, it := range items {
		s.bySlug[it.Slug] = it
	}
	return s.write()
}

func load(dir string) ([]*Item, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no content files in %s", dir)
	}
	sort.Strings(files)
	var items []*Item
	for _, f := range files {
		it, err := parse(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		items = append(items, it)
	}
	// Newest first, as a publisher's listing shows them.
	sort.SliceStable(items, func(i, j int) bool { return items[i].date.After(items[j].date) })
	return items, nil
}

func parse(name string) (*Item, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if !strings.HasPrefix(s, "---\n") {
		return nil, errors.New("missing front matter")
	}
	front, body, ok := strings.Cut(s[4:], "\n---\n")
	if !ok {
		return nil, errors.New("unterminated front matter")
	}
	it := &Item{Kind: "publication", PageSize: "A4", file: name}
	if err := yaml.Unmarshal([]byte(front), it); err != nil {
		return nil, err
	}
	if it.date, err = time.Parse("2006-01-02", it.Date); err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	if it.Slug == "" || it.Title == "" || (it.Lang != "en" && it.Lang != "uk") {
		return nil, errors.New("slug, title and lang (en or uk) are required")
	}
	var cur *chapter
	for _, block := range strings.Split(body, "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		if strings.HasPrefix(block, "#") {
			head, rest, _ := strings.Cut(block, "\n")
			it.chapters = append(it.chapters, chapter{
				Title: strings.TrimSpace(strings.TrimLeft(head, "#")),
				Sub:   strings.HasPrefix(head, "##"),
			})
			cur = &it.chapters[len(it.chapters)-1]
			if rest = strings.TrimSpace(rest); rest != "" {
				cur.Paras = append(cur.Paras, strings.Join(strings.Fields(rest), " "))
			}
			continue
		}
		if cur == nil {
			it.chapters = append(it.chapters, chapter{})
			cur = &it.chapters[len(it.chapters)-1]
		}
		cur.Paras = append(cur.Paras, strings.Join(strings.Fields(block), " "))
	}
	if it.Kind == "publication" && it.PDF == "" {
		return nil, errors.New("a publication needs a pdf file name")
	}
	return it, nil
}

type site struct {
	out, fonts string
	items      []*Item
	bySlug     map[string]*Item
}

// Path returns the site path of an item's page, e.g. "/uk/publication/назва/".
func (it *Item) Path() string {
	prefix := ""
	if it.Lang == "uk" {
		prefix = "/uk"
	}
	switch it.Kind {
	case "explainer":
		return prefix + "/topic/" + it.Slug + "/"
	case "event":
		return prefix + "/" + it.Slug + "/"
	}
	return prefix + "/publication/" + it.Slug + "/"
}

// Href is Path percent-encoded, as WordPress writes Cyrillic slugs in links.
func (it *Item) Href() string { return (&url.URL{Path: it.Path()}).EscapedPath() }

// PDFPath is where the PDF is uploaded.
func (it *Item) PDFPath() string {
	return fmt.Sprintf("/wp-content/uploads/%04d/%02d/%s", it.date.Year(), it.date.Month(), it.PDF)
}

// Paragraphs is the text shown on the item's web page.
func (it *Item) Paragraphs() []string {
	if it.Kind == "publication" {
		return strings.Split(it.Summary, "\n")
	}
	var out []string
	for _, c := range it.chapters {
		out = append(out, c.Paras...)
	}
	return out
}

// Teaser is the cut-off summary a listing shows.
func (it *Item) Teaser() string {
	words := strings.Fields(it.Summary)
	if len(words) > 24 {
		words = words[:24]
	}
	return strings.Join(words, " ")
}

func (s *site) write() error {
	for _, lang := range []string{"en", "uk"} {
		var pubs []*Item
		for _, it := range s.items {
			if it.Lang == lang && it.Kind == "publication" {
				pubs = append(pubs, it)
			}
		}
		prefix := ""
		if lang == "uk" {
			prefix = "/uk"
		}
		latest := pubs[:min(3, len(pubs))]
		var events []*Item
		for _, it := range s.items {
			if it.Lang == lang && it.Kind == "event" {
				events = append(events, it)
			}
		}
		if err := s.page(prefix+"/", "home", lang, map[string]any{"Items": latest, "Events": events}); err != nil {
			return err
		}
		const perPage = 4
		for p := 0; p*perPage < len(pubs); p++ {
			path := prefix + "/publication/"
			if p > 0 {
				path += fmt.Sprintf("page/%d/", p+1)
			}
			data := map[string]any{"Items": pubs[p*perPage : min(len(pubs), (p+1)*perPage)]}
			if (p+1)*perPage < len(pubs) {
				data["Next"] = fmt.Sprintf("%s/publication/page/%d/", prefix, p+2)
			}
			if err := s.page(path, "listing", lang, data); err != nil {
				return err
			}
		}
	}
	if err := s.archives(); err != nil {
		return err
	}
	for _, it := range s.items {
		data := map[string]any{"Item": it}
		if it.Pair != "" {
			pair, ok := s.bySlug[it.Pair]
			if !ok {
				return fmt.Errorf("%s: translation %q not found", it.Slug, it.Pair)
			}
			data["Pair"] = pair
		}
		var related []*Item
		for _, slug := range it.Related {
			r, ok := s.bySlug[slug]
			if !ok {
				return fmt.Errorf("%s: related %q not found", it.Slug, slug)
			}
			related = append(related, r)
		}
		data["Related"] = related
		if err := s.page(it.Path(), it.Kind, it.Lang, data); err != nil {
			return err
		}
		if it.Kind == "publication" {
			if err := s.pdf(it); err != nil {
				return fmt.Errorf("%s: %w", it.Slug, err)
			}
		}
	}
	robots := "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
	return writeFile(filepath.Join(s.out, "robots.txt"), []byte(robots))
}

// archives writes the pages the publication pages link to: an about page per
// language, and a listing per publication type and per topic tag (a tag with an
// explainer of the same slug links to the explainer instead).
func (s *site) archives() error {
	for _, lang := range []string{"en", "uk"} {
		prefix := ""
		if lang == "uk" {
			prefix = "/uk"
		}
		if err := s.page(prefix+"/about/", "about", lang, map[string]any{}); err != nil {
			return err
		}
		byType := map[string][]*Item{}
		byTopic := map[string][]*Item{}
		var types, topics []string
		for _, it := range s.items {
			if it.Lang != lang || it.Kind != "publication" {
				continue
			}
			if byType[it.TypeHref()] == nil {
				types = append(types, it.TypeHref())
			}
			byType[it.TypeHref()] = append(byType[it.TypeHref()], it)
			for _, tp := range it.Topics {
				if byTopic[tp] == nil {
					topics = append(topics, tp)
				}
				byTopic[tp] = append(byTopic[tp], it)
			}
		}
		for _, href := range types {
			p, err := url.PathUnescape(href)
			if err != nil {
				return err
			}
			if err := s.page(p, "listing", lang, map[string]any{"Items": byType[href], "Heading": byType[href][0].Type}); err != nil {
				return err
			}
		}
		for _, tp := range topics {
			if _, ok := s.bySlug[tp]; ok {
				continue
			}
			if err := s.page(prefix+"/topic/"+tp+"/", "listing", lang, map[string]any{"Items": byTopic[tp], "Heading": tp}); err != nil {
				return err
			}
		}
	}
	return nil
}

// TopicHref is the path of a topic tag's page.
func (it *Item) TopicHref(topic string) string {
	prefix := ""
	if it.Lang == "uk" {
		prefix = "/uk"
	}
	return (&url.URL{Path: prefix + "/topic/" + topic + "/"}).EscapedPath()
}

func (s *site) page(path, kind, lang string, data map[string]any) error {
	data["Lang"] = lang
	data["Kind"] = kind
	data["Path"] = path
	data["L"] = labels[lang]
	// The copyright year differs between pages, as on the real site.
	data["Year"] = 2019 + len(path)%5
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, kind, data); err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	return writeFile(filepath.Join(s.out, filepath.FromSlash(path), "index.html"), buf.Bytes())
}

func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// Page geometry of the PDFs, in points.
const (
	margin     = 56.0
	bodySize   = 11.0
	lineHeight = 16.0
)

func (s *site) pdf(it *Item) error {
	size := *gopdf.PageSizeA4
	if it.PageSize == "A5" {
		size = *gopdf.PageSizeA5
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{
		Title:        it.Title,
		Author:       strings.Join(it.Authors, "; "),
		Subject:      it.Summary,
		Creator:      "ssgsearch sample generator",
		Producer:     "gopdf",
		CreationDate: it.date,
	})
	if err := pdf.AddTTFFont("serif", filepath.Join(s.fonts, "DejaVuSerif.ttf")); err != nil {
		return fmt.Errorf("font (install fonts-dejavu-core): %w", err)
	}
	if err := pdf.AddTTFFont("bold", filepath.Join(s.fonts, "DejaVuSans-Bold.ttf")); err != nil {
		return fmt.Errorf("font (install fonts-dejavu-core): %w", err)
	}
	w := &writer{pdf: pdf, it: it, width: size.W - 2*margin, height: size.H}

	// Cover page: no running header or page number.
	pdf.AddPage()
	w.page = 1
	w.y = size.H / 4
	if err := w.text("bold", 20, 28, it.Title); err != nil {
		return err
	}
	w.y += 24
	if err := w.text("serif", 12, 18, strings.Join(it.Authors, ", ")); err != nil {
		return err
	}
	w.y += 12
	if err := w.text("serif", 12, 18, fmt.Sprintf("%s, %d", it.Publisher, it.date.Year())); err != nil {
		return err
	}
	for i, c := range it.chapters {
		if i == 0 || !c.Sub || it.Sections {
			w.newPage()
		}
		if c.Title != "" {
			fs := 15.0
			if c.Sub {
				fs = 12.5
			}
			if err := w.text("bold", fs, fs*1.4, c.Title); err != nil {
				return err
			}
			w.y += 6
		}
		for _, p := range c.Paras {
			if err := w.text("serif", bodySize, lineHeight, p); err != nil {
				return err
			}
			w.y += lineHeight / 2
		}
	}
	w.footer()
	var buf bytes.Buffer
	if _, err := pdf.WriteTo(&buf); err != nil {
		return err
	}
	return writeFile(filepath.Join(s.out, filepath.FromSlash(it.PDFPath())), buf.Bytes())
}

// writer lays out text on pages with a running header and a numbered footer.
type writer struct {
	pdf    *gopdf.GoPdf
	it     *Item
	width  float64
	height float64
	y      float64
	page   int
}

// newPage ends the current page with its footer and starts the next with the
// running header. The footer is written last, as many layout programs do, so the
// extractor meets it after the body text.
func (w *writer) newPage() {
	w.footer()
	w.pdf.AddPage()
	w.page++
	w.y = margin + 28
	w.pdf.SetFont("serif", "", 8.5)
	w.pdf.SetXY(margin, margin-12)
	w.pdf.Cell(nil, w.it.Header)
}

// footer writes the page number line of the current page; the cover has none.
func (w *writer) footer() {
	if w.page < 2 {
		return
	}
	footer := fmt.Sprintf("%s · %d", w.it.Publisher, w.page)
	if w.it.Lang == "uk" {
		footer = fmt.Sprintf("%d · %s", w.page, w.it.Publisher)
	}
	w.pdf.SetFont("serif", "", 8.5)
	w.pdf.SetXY(margin, w.height-margin+10)
	w.pdf.Cell(nil, footer)
}

// text writes a wrapped paragraph, continuing on a new page when the page is full.
func (w *writer) text(font string, size, lh float64, s string) error {
	if err := w.pdf.SetFont(font, "", size); err != nil {
		return err
	}
	lines, err := w.pdf.SplitTextWithWordWrap(s, w.width)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if w.y+lh > w.height-margin-8 {
			w.newPage()
			if err := w.pdf.SetFont(font, "", size); err != nil {
				return err
			}
		}
		w.pdf.SetXY(margin, w.y)
		if err := w.pdf.Cell(nil, l); err != nil {
			return err
		}
		w.y += lh
	}
	return nil
}

// TypeHref is the path of the publisher's listing of this type.
func (it *Item) TypeHref() string {
	prefix := ""
	if it.Lang == "uk" {
		prefix = "/uk"
	}
	slug := strings.ReplaceAll(strings.ToLower(it.Type), " ", "-")
	return (&url.URL{Path: prefix + "/type/" + slug + "/"}).EscapedPath()
}
