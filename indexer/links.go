package indexer

import (
	"cmp"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/ssgsearch/ssgsearch/crawler/corpus"
	"github.com/ssgsearch/ssgsearch/crawler/htmlpage"
	"github.com/ssgsearch/ssgsearch/data/vocab"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// SourceMeta is what an operator says about one publisher's site (sources.yaml):
// metadata that wins over what its pages say.
type SourceMeta struct {
	// Hosts are the site's hosts.
	Hosts []string
	// Publisher names the publisher of everything on the site, when set.
	Publisher string
	// Types maps the site's type labels (lower-case) to type keys.
	Types map[string]string
}

// sourceOf returns the source whose hosts include u's, or nil.
func (b *builder) sourceOf(u string) *SourceMeta {
	p, err := url.Parse(u)
	if err != nil {
		return nil
	}
	for i := range b.sources {
		if slices.Contains(b.sources[i].Hosts, p.Host) {
			return &b.sources[i]
		}
	}
	return nil
}

// assignPDFs decides which page presents each PDF, whatever the crawl order: of the
// pages linking it, the one that is about it. A page scores for offering the PDF as
// its own download (not in a list), for a title that the PDF's title or first page
// repeats, for sharing the PDF's language and for linking few other PDFs; an event
// page that hands the PDF out loses to a publication page, and a news item about
// more than the PDF, or a list of PDFs that names none of them, presents none.
// It sets each page's pdf (its best) and returns the owner of every PDF that
// has one.
func (b *builder) assignPDFs(pages []*htmlPage) map[string]*htmlPage {
	type cand struct {
		page  *htmlPage
		score float64
	}
	cands := map[string][]cand{}
	// How many pages link each PDF outside their content: one that many link so
	// (a privacy policy in a cookie banner, a brochure in the footer) is the
	// site's, presented by no page that does not offer it in its content.
	linkedBy := map[string]int{}
	offeredBy := map[string]int{} // and how many offer it as their own
	pageLinks := make([][]string, len(pages))
	for i, p := range pages {
		pageLinks[i] = b.pdfLinks(p)
		for _, u := range pageLinks[i] {
			if !b.offers(p, u) {
				linkedBy[u]++
			} else {
				offeredBy[u]++
			}
		}
	}
	for i, p := range pages {
		links := pageLinks[i]
		if !seriesNumber.MatchString(p.res.Meta.Title) && b.issues(links) {
			// A periodical's page listing its issues ("Past issues": "Issue 12 –
			// Spring 2024", "Issue 11 – Winter 2023") presents none: each issue
			// is a document of its own; an issue's page ("Issue: No. 1 (31),
			// 2023") presents its own.
			continue
		}
		for _, u := range links {
			f := b.facts[u]
			score := 0.0
			main := b.offers(p, u)
			declared := p.res.Meta.DeclaredPDF != "" && sameFile(b.resolve(p.res.Meta.DeclaredPDF), u)
			if linkedBy[u] >= siteWide && !main && !declared {
				continue
			}
			if main {
				score += 3
			}
			if declared {
				score++
			}
			pdfTitle, _ := b.stamps.title(f, u)
			pdfWords := pdfTitle + " " + strings.Join(f.Cover, " ")
			// A file that many pages offer alike (a documentation site's
			// "Export as PDF" on every chapter) is the page of none that does
			// not name it: a document of its own (a file that says nothing,
			// unread, is left to the pages).
			if named := pdfWords + " " + f.Title; offeredBy[u] >= siteWide && !declared && strings.TrimSpace(named) != "" && titleOverlap(p.res.Meta.Title, named) == 0 {
				continue
			}
			// A news item, or an event named for the PDF's subject, whose headline
			// (its subtitle aside) is about more than the PDF it links, as the
			// PDF's own title (its information's or its cover's) says (its
			// launch, its presentation somewhere, a round table that hands it
			// out), presents no publication: the PDF is a document of its own,
			// the item a page that links it. (An event page titled by its
			// section, "Наукові конференції", one word in common with the
			// PDF's cover, says nothing of it.)
			headline := mainTitle(p.res.Meta.Title)
			if (extract.NewsPath(p.entry.URL) || p.res.Meta.Kind == vocab.Event && shared(titleWords(headline), titleWords(pdfWords+" "+f.Title)) >= 2) &&
				b.pdfTitle(f, b.pdfs[u]) != "" && wordShare(headline, pdfWords+" "+f.Title) < newsShare {
				continue
			}
			// An item of a news section (not a dated post alone, which may be a
			// publication's page) presents a PDF only under its title: a word the
			// PDF's title and cover do not have tells of something happening to
			// it ("Our Annual Report 2023 is out", "Опубліковано збірник …").
			if extract.NewsSection(p.entry.URL) && b.pdfTitle(f, b.pdfs[u]) != "" && newStems(headline, pdfWords+" "+f.Title) {
				continue
			}
			// A page that links several PDFs, offers no one of them as its own,
			// names none of them and says nothing of a publication (no date,
			// type or summary) is a list of them ("Моніторинг" over three
			// reports' file names): it presents none, each is a document of its
			// own.
			own := declared || main && len(p.res.Meta.MainPDFs) == 1                              // the one its metadata names, or the one it offers
			bare := p.res.Meta.Date.IsZero() && p.res.Meta.Type == "" && p.res.Meta.Summary == "" // no publication's page: no date, type or summary
			if len(links) > 1 && !own && bare && titleOverlap(p.res.Meta.Title, pdfWords+" "+f.Title) == 0 && titleOverlap(latin(p.res.Meta.Title), fileTitle(u)) == 0 {
				continue
			}
			// A page headed by a type's name in the plural, linking several
			// files ("Annual reports", "Річні звіти" over each year's), is their
			// list. An organisation's standing page ("About us", "Про нас", "Our
			// team") presents none of the files it links (the annual report,
			// the statutes), nor does a page titled by a section ("Публікації"
			// over a site builder's gallery of covers), its archive ("Архів
			// публікацій 2008–2015") or a language ("English") those it does not
			// offer as its own.
			if key, ok := vocab.NameOf(p.res.Meta.Title); ok && len(links) > 1 && !declared && plural(p.res.Meta.Title, key) {
				continue
			}
			if slices.Contains(aboutNames, foldTitle(extract.TrimSiteName(p.res.Meta.Title))) || !own && sectionTitle(foldTitle(p.res.Meta.Title)) {
				continue
			}
			score += 3 * titleOverlap(p.res.Meta.Title, pdfWords)
			// A heading with words the PDF lacks is about something else that
			// contains it: a news item or an event that presents the publication
			// ("New toolkit on police integrity presented in Odesa").
			if o := titleOverlap(p.res.Meta.Title, pdfWords); o > 0 {
				score -= 2 * (1 - wordShare(p.res.Meta.Title, pdfWords))
			}
			// A page that says what type of publication it presents describes one.
			if p.res.Meta.Type != "" {
				score += 0.5
			}
			// Files are often named for their title, in Latin letters.
			score += titleOverlap(latin(p.res.Meta.Title), fileTitle(u))
			if f.Lang != "" && f.Lang == p.res.Meta.Lang {
				score++
			}
			if p.res.Meta.Kind == vocab.Event {
				score -= 3
			}
			if extract.NewsPath(p.entry.URL) {
				// A news item or a press release that hands out the PDF of a
				// publication's own page ("Thematic report … published") loses
				// to that page.
				score -= 2
			}
			score -= 0.5 * float64(len(links)-1)
			cands[u] = append(cands[u], cand{p, score})
		}
	}
	owner := map[string]*htmlPage{}
	best := map[*htmlPage]float64{}
	for _, u := range slices.Sorted(func(yield func(string) bool) {
		for u := range cands {
			if !yield(u) {
				return
			}
		}
	}) {
		cs := cands[u]
		slices.SortStableFunc(cs, func(a, b cand) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.page.entry.URL, b.page.entry.URL))
		})

		p := cs[0].page
		owner[u] = p
		if s, ok := best[p]; !ok || cs[0].score > s {
			p.pdf, best[p] = u, cs[0].score
		}
	}
	return owner
}

// siteWide is how many publication pages link a PDF that is the site's own (see
// assignPDFs).
const siteWide = 3

// offers reports whether a page offers the PDF at u as its own: a download link
// of its content (not of a list, a sidebar or a banner), or its metadata's.
func (b *builder) offers(p *htmlPage, u string) bool {
	return slices.Contains(p.res.Meta.MainPDFs, u) || slices.ContainsFunc(p.res.Meta.MainPDFs, func(m string) bool { return sameFile(b.resolve(m), u) })
}

// announces reports whether a page tells of something that happened — a news
// item, a blog post, a press release (extract.NewsPath), an event — rather than
// describing a publication, though it may hand one out.
func announces(p *htmlPage) bool {
	return extract.NewsPath(p.entry.URL) || p.res.Meta.Kind == vocab.Event
}

// tellsOf reports whether a news item's or an event's headline tells what
// happened to the publication it hands out rather than naming it: it shares
// words with the PDF's title (not a brand's line a cover starts with, "SECURITY
// SECTOR ANALYTICS"), has words that neither that title nor the cover has
// ("publishes", "Вийшло друге видання"), and is not that title with a subtitle
// of its own ("Community Policing in Ukraine: Five Cities Compared" over
// "Community Policing in Ukraine").
func tellsOf(headline, pdfTitle string, cover []string) bool {
	if shared(wordStems(headline), wordStems(pdfTitle)) == 0 || !newWords(headline, pdfTitle+" "+strings.Join(cover, " ")) {
		return false
	}
	main := mainTitle(headline)
	return wordShare(main, pdfTitle) < 1 || wordShare(pdfTitle, main) < 1
}

// newWords reports whether a headline has a word that known has not, short ones
// too ("New working paper: …", "Our report on …"), function words aside.
func newWords(headline, known string) bool {
	return newWordsBy(headline, known, func(w string) string { return w })
}

// newStems is newWords by the words' stems (stemOf): another word, not another
// form of one ("реформи" for "реформа").
func newStems(headline, known string) bool { return newWordsBy(headline, known, stemOf) }

// newWordsBy is newWords with words compared by key.
func newWordsBy(headline, known string, key func(string) string) bool {
	have := map[string]bool{}
	for _, w := range vocab.Words(known) {
		have[key(w)] = true
	}
	return slices.ContainsFunc(vocab.Words(headline), func(w string) bool {
		return len([]rune(w)) >= 3 && !have[key(w)] && !slices.Contains(functionWords, w)
	})
}

// plural reports whether a type's name (of type key) is in the plural: it
// names the type, and its last word is not as the type's own label ends
// ("Annual reports", "Річні звіти", "Newsletters"; not "Annual report").
func plural(name, key string) bool {
	w := vocab.Words(name)
	if len(w) == 0 {
		return false
	}
	for _, lang := range []string{"en", "uk", "ru"} {
		if l := vocab.Words(vocab.Label(key, lang)); len(l) > 0 && l[len(l)-1] == w[len(w)-1] {
			return false
		}
	}
	return true
}

// mainTitle is a title without its subtitle: the part before ": " or a dash.
func mainTitle(t string) string {
	for _, sep := range []string{": ", " – ", " — ", " - "} {
		if a, _, ok := strings.Cut(t, sep); ok && strings.TrimSpace(a) != "" {
			t = a
		}
	}
	return t
}

// issues reports whether files are issues of one periodical: two or more, their
// titles alike but for their numbers and dates ("Security Governance Monitor"),
// each cover naming an issue ("Issue 12 · Spring 2024", "№ 3") or a
// periodical's type ("NEWSLETTER", "ВІСНИК").
func (b *builder) issues(links []string) bool {
	if len(links) < 2 {
		return false
	}
	noDigits := func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}
	first := ""
	for i, u := range links {
		f := b.facts[u]
		t := strings.Join(strings.Fields(foldTitle(strings.Map(noDigits, b.pdfTitle(f, b.pdfs[u])))), " ")
		if t == "" || i > 0 && t != first {
			return false
		}
		first = t
		if !slices.ContainsFunc(f.Cover, func(l string) bool {
			typ, ok := lineType(l)
			return seriesNumber.MatchString(l) || ok && Periodical(typ)
		}) {
			return false
		}
	}
	return true
}

// newsShare is the least share of a news item's headline words (titleWords)
// that the PDF's title and cover have for the item to present the PDF.
const newsShare = 0.75

// sameFile reports whether two addresses name one PDF: the same, or the same
// file whose links add a query ("report.pdf?download=1", as repositories' file
// tables do where their metadata names the file).
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	pa, _, qa := strings.Cut(a, "?")
	pb, _, qb := strings.Cut(b, "?")
	return pa == pb && (qa || qb) && strings.HasSuffix(strings.ToLower(pa), ".pdf")
}

// pdfLinks returns the PDFs of the corpus a page links, duplicates resolved.
func (b *builder) pdfLinks(p *htmlPage) []string {
	var out []string
	for _, list := range [][]string{p.res.Meta.PDFLinks, p.res.Meta.MainPDFs, p.res.Meta.Links} {
		for _, l := range list {
			l = b.resolve(l)
			if _, ok := b.pdfs[l]; ok && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// resolve maps a link as a page writes it to the URL of the corpus entry it
// leads to: normalised as the crawler records URLs (a query's parameters sorted,
// escapes canonical), and a duplicate's URL to the URL of the entry kept.
func (b *builder) resolve(u string) string {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		if n, err := corpus.Normalize(u, nil); err == nil {
			u = n.String()
		}
	}
	for range 4 { // an alias of an alias: a canonical page that is a duplicate
		a, ok := b.alias[u]
		if !ok {
			break
		}
		u = a
	}
	return u
}

// titleOverlap is the share of the shorter text's words (of four letters or more)
// that the other has: 1 when a page title is the PDF's.
func titleOverlap(a, b string) float64 {
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	return contained(wa, wb)
}

// wordShare is the share of a's words (of four letters or more) that b has.
func wordShare(a, b string) float64 {
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 {
		return 0
	}
	n := 0
	for w := range wa {
		if wb[w] {
			n++
		}
	}
	return float64(n) / float64(len(wa))
}

func titleWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(foldTitle(s)) {
		if len([]rune(w)) >= 4 {
			out[w] = true
		}
	}
	return out
}

// wordStems are a title's words (titleWords) cut to their first stemLetters
// letters: the same words in another case or number ("ветеранів",
// "ветеранською"; "громад", "громаді") alike.
func wordStems(s string) map[string]bool {
	out := map[string]bool{}
	for w := range titleWords(s) {
		out[stemOf(w)] = true
	}
	return out
}

// stemOf is a word cut to its first stemLetters letters.
func stemOf(w string) string {
	if r := []rune(w); len(r) > stemLetters {
		return string(r[:stemLetters])
	}
	return w
}

// stemLetters is how many letters of a word wordStems keeps.
const stemLetters = 5

// maxTranslations is how many pages may name one page as their translation: as
// many as a publication has language versions, not the dozens that name a home page.
const maxTranslations = 4

// latin writes Cyrillic letters in Latin ones, as file names transliterate titles
// (Ukrainian national system; Russian letters as they are usually written).
func latin(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if t, ok := latinLetters[r]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var latinLetters = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z",
	'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ь': "", 'ю': "iu", 'я': "ia", 'ы': "y", 'э': "e", 'ъ': "", 'ё': "e", '\'': "", '’': "", 'ʼ': "",
}

// translationGroups links each document page to its translations: the pages its
// hreflang alternates and language switches point to (when they are documents, not
// home pages or listings), and the pages that present the PDFs it offers in other
// languages. Links count both ways, and a translation's translations are
// translations too.
func translationGroups(pages []*htmlPage, b *builder) map[string][]string {
	parent := map[string]string{}
	find := func(u string) string {
		for parent[u] != "" && parent[u] != u {
			u = parent[u]
		}
		return u
	}
	union := func(a, c string) {
		for _, u := range []string{a, c} {
			if parent[u] == "" {
				parent[u] = u
			}
		}
		ra, rc := find(a), find(c)
		if ra != rc {
			parent[max(ra, rc)] = min(ra, rc)
		}
	}
	lang := map[string]string{}
	owner := map[string]*htmlPage{}
	for _, p := range pages {
		lang[p.entry.URL] = p.res.Meta.Lang
		if p.pdf != "" {
			owner[p.pdf] = p
		}
	}
	// A page that many pages name as their other-language version is where a
	// language switch lands by default (a home page), not anyone's translation.
	named := map[string]int{}
	for _, p := range pages {
		for _, u := range p.res.Meta.Alternates {
			if u = b.resolve(u); u != p.entry.URL {
				named[u]++
			}
		}
	}
	for _, p := range pages {
		for l, u := range p.res.Meta.Alternates {
			u = b.resolve(u)
			if l == htmlpage.Undetermined {
				l = lang[u] // its page says ("" when not a page: no version)
			}
			if o := owner[u]; o != nil && lang[o.entry.URL] == l {
				// The version's file, which its page presents (a Plone file
				// item's address serves the PDF; its page is ".../view").
				u = o.entry.URL
			}
			if l == "" || l == p.res.Meta.Lang || u == p.entry.URL || named[u] > maxTranslations || !b.translation(u) {
				continue
			}
			union(p.entry.URL, u)
			if lang[u] == "" {
				lang[u] = l
			}
		}
		for _, u := range p.res.Meta.MainPDFs {
			if o := owner[b.resolve(u)]; o != nil && o != p && o.res.Meta.Lang != p.res.Meta.Lang && p.pdf != "" {
				union(p.entry.URL, o.entry.URL)
			}
		}
	}
	groups := map[string][]string{}
	for u := range parent {
		groups[find(u)] = append(groups[find(u)], u)
	}
	out := map[string][]string{}
	for _, g := range groups {
		slices.Sort(g)
		for _, u := range g {
			for _, o := range g {
				if o != u && lang[o] != lang[u] {
					out[u] = append(out[u], o)
				}
			}
		}
	}
	return out
}

// Words that name an edition, the words that qualify it, and the words after a year.
var (
	editionNouns = wordSet("edition ed version видання издание")
	editionMods  = wordSet("first second third fourth fifth 1st 2nd 3rd 4th 5th new updated revised expanded enlarged amended corrected and " +
		"перше друге третє четверте нове оновлене доповнене перероблене виправлене і та ге е є тє те " +
		"первое второе третье четвертое новое обновленное дополненное переработанное исправленное и")
	yearWords = wordSet("року р года г")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// editionOf is a title folded, without the words that name its edition ("Second
// edition", "(revised 2021)", "оновлене видання 2023 року", "второе издание"), and
// whether it had any.
func editionOf(title string) (string, bool) {
	words := strings.Fields(foldTitle(title))
	var out []string
	marked := false
	number := func(w string) bool { return w != "" && strings.Trim(w, "0123456789") == "" }
	for i := 0; i < len(words); i++ {
		if !editionNouns[words[i]] {
			out = append(out, words[i])
			continue
		}
		marked = true
		for len(out) > 0 && (editionMods[out[len(out)-1]] || number(out[len(out)-1])) {
			out = out[:len(out)-1] // "second", "2nd", "2-ге" (folded: "2 ге")
		}
		if i+1 < len(words) && number(words[i+1]) {
			i++
			if i+1 < len(words) && yearWords[words[i+1]] {
				i++
			}
		}
	}
	// A title ending "(revised)", "(updated 2021)".
	n := len(out)
	if n > 0 && number(out[n-1]) && n > 1 && (out[n-2] == "revised" || out[n-2] == "updated") {
		out, n, marked = out[:n-2], n-2, true
	}
	if n > 0 && (out[n-1] == "revised" || out[n-1] == "updated") {
		out, marked = out[:n-1], true
	}
	return strings.Join(out, " "), marked
}

// otherVersion reports whether d, a PDF that the page of document pd offers
// beside pd's own, is the publication in another language: both languages known
// and different, about as long (pages and dPages: not an executive summary in
// English beside a report in Ukrainian), and pd without a translation in d's
// language already (a page of its own, which presents that version).
func otherVersion(pd, d *Document, pages, dPages int) bool {
	return pd != nil && pd.PDFSourceURL != "" && pd.Lang != "" && d.Lang != "" && pd.Lang != d.Lang &&
		2*min(pages, dPages) >= max(pages, dPages) &&
		!slices.ContainsFunc(pd.Translations, func(t Translation) bool { return t.Lang == d.Lang })
}

// langSiblings reports whether two files' names differ only by a language's
// code ("SBU_reform_UA.pdf", "SBU_reform_EN.pdf"; "report-en.pdf",
// "report.pdf"): versions of one publication in two languages.
func langSiblings(a, b string) bool {
	if a == "" || a == b {
		return false
	}
	sa, ca := langStem(a, langCodes)
	sb, cb := langStem(b, langCodes)
	return sa != "" && sa == sb && (ca || cb)
}

// langStem is the words of a file's name without the language codes among them
// (of codes) and its version's mark ("v2", "final"), and whether it had a
// language's code: "SBU_reform_UA_v2.pdf" → "sbu reform", true.
func langStem(u string, codes []string) (string, bool) {
	name := strings.ToLower(path.Base(u))
	name = strings.TrimSuffix(name, path.Ext(name))
	var kept []string
	coded := false
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' }) {
		if slices.Contains(codes, w) {
			coded = true
			continue
		}
		if w == "final" || fileVersion.MatchString(w) {
			continue // "…_ua_v2.pdf", "…_final_EN.pdf": a draft's number, not the work's
		}
		kept = append(kept, w)
	}
	return strings.Join(kept, " "), coded
}

// linkSiblingFiles links the documents of files (by their PDF's URL) in one
// folder whose names differ only by a language's code (langSiblings) as versions
// of one publication, when otherVersion says they are: "Index of /docs/2023"
// listing 2023_army_trust_survey_ua.pdf and 2023_army_trust_survey_en.pdf, a
// news item handing out one of them.
func linkSiblingFiles(files map[string]*Document, pages func(u string) int) {
	groups := map[string][]string{} // by folder and stem, the files' URLs
	uncoded := map[string]string{}  // a file named with no code, by its URL: its group's key
	for u := range files {
		stem, coded := langStem(u, folderLangCodes)
		if stem == "" {
			continue
		}
		key := u[:strings.LastIndex(u, "/")+1] + "\x00" + stem
		if coded {
			groups[key] = append(groups[key], u)
		} else {
			uncoded[u] = key
		}
	}
	// A name with no code at all ("report.pdf" beside "report-en.pdf") is a
	// sibling too: it joins the group of its stem.
	for u, key := range uncoded {
		if _, ok := groups[key]; ok {
			groups[key] = append(groups[key], u)
		}
	}
	for _, us := range groups {
		if len(us) < 2 || len(us) > maxTranslations+1 {
			continue
		}
		slices.Sort(us)
		for i, a := range us {
			for _, b := range us[i+1:] {
				if da, db := files[a], files[b]; otherVersion(da, db, pages(a), pages(b)) && otherVersion(db, da, pages(b), pages(a)) {
					linkVersions(da, db)
				}
			}
		}
	}
}

// fileVersion is a file's version number in its name: "v2", "v10".
var fileVersion = regexp.MustCompile(`^v\d{1,2}$`)

// folderLangCodes are the codes that mark a file's language among a folder's
// files (linkSiblingFiles): not a language's name, which may be a word of the
// title ("russian_aggression_en.pdf").
var folderLangCodes = []string{"en", "eng", "uk", "ua", "ukr", "ru", "rus"}

// langCodes are the codes of the site languages that files' names carry.
var langCodes = []string{"en", "eng", "english", "uk", "ua", "ukr", "ukrainian", "ru", "rus", "russian"}

// linkVersions makes d, a language version of document pd offered on pd's page,
// a translation of pd and of pd's other translations, and pd of d (backLinks
// links the others).
func linkVersions(pd, d *Document) {
	for _, t := range pd.Translations {
		if t.Lang != "" && t.Lang != d.Lang && t.ID != d.ID {
			d.Translations = append(d.Translations, t)
		}
	}
	d.Translations = append(d.Translations, translationOf(pd))
	pd.Translations = append(pd.Translations, translationOf(d))
	sortTranslations(d)
	sortTranslations(pd)
}

// translationOf is document d as another's translation.
func translationOf(d *Document) Translation { return Translation{Lang: d.Lang, URL: d.URL, ID: d.ID} }

// sortTranslations puts d's translations in their order: by language, then
// address.
func sortTranslations(d *Document) {
	slices.SortFunc(d.Translations, func(a, b Translation) int { return cmp.Compare(a.Lang+a.URL, b.Lang+b.URL) })
}

// backLinks makes every translation link go both ways: a document that another
// names as its translation names that one too.
func backLinks(docs []*Document) {
	byID := docsByID(docs)
	for _, d := range docs {
		for _, t := range d.Translations {
			o := byID[t.ID]
			if o == nil || o == d || slices.ContainsFunc(o.Translations, func(x Translation) bool { return x.ID == d.ID }) {
				continue
			}
			o.Translations = append(o.Translations, translationOf(d))
			sortTranslations(o)
		}
	}
}

// sharePublishers gives a document that names no publisher its translation's:
// one publisher issues a publication in its languages, and a site often names
// itself in one of them only (its footer's organisation in Ukrainian, on the
// English pages too). The first translation naming one, in the order the
// document lists them, gives it.
func sharePublishers(docs []*Document) {
	byID := docsByID(docs)
	for _, d := range docs {
		if d.Publisher != "" {
			continue
		}
		for _, t := range d.Translations {
			if o := byID[t.ID]; o != nil && o.Publisher != "" {
				d.Publisher, d.Provenance["publisher"] = o.Publisher, o.Provenance["publisher"]
				break
			}
		}
	}
}

// docsByID indexes documents by ID.
func docsByID(docs []*Document) map[string]*Document {
	byID := make(map[string]*Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	return byID
}

// linkEditions links the documents that are editions of one publication: in one
// language, with the same title once edition markers are set aside, and either a
// marker in one of the titles or different years. Each lists the others, oldest
// first, and all but the newest are marked superseded. Web pages, events and
// periodicals (a newsletter, an annual report: Periodical) are none: a later
// issue of a bulletin whose title never changes replaces no earlier one.
func linkEditions(docs []*Document) {
	type key struct{ lang, title string }
	groups := map[key][]*Document{}
	marked := map[*Document]bool{}
	for _, d := range docs {
		if d.Type == TypePage || d.Type == TypeEvent || Periodical(d.Type) || d.Lang == "" {
			continue
		}
		t, m := editionOf(d.Title)
		if len(strings.Fields(t)) < 2 {
			continue
		}
		marked[d] = m
		groups[key{d.Lang, t}] = append(groups[key{d.Lang, t}], d)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		years := map[int]bool{}
		anyMarker := false
		for _, d := range g {
			years[d.Year] = true
			anyMarker = anyMarker || marked[d]
		}
		if !anyMarker && len(years) < 2 {
			continue // the same title twice: not evidently editions
		}
		slices.SortFunc(g, func(a, b *Document) int {
			return cmp.Or(cmp.Compare(editionRank(a, marked[a]), editionRank(b, marked[b])), cmp.Compare(a.ID, b.ID))
		})
		for i, d := range g {
			d.Editions = nil
			for _, o := range g {
				if o != d {
					d.Editions = append(d.Editions, Edition{ID: o.ID, URL: o.URL, Title: o.Title, Year: o.Year})
				}
			}
			d.Superseded = i < len(g)-1
		}
	}
}

// editionRank orders editions: by date, then an unmarked title (a first edition)
// before a marked one.
func editionRank(d *Document, marked bool) int64 {
	t := d.Date.Unix()
	if d.Date.IsZero() {
		t = int64(d.Year-1970) * 365 * 86400
	}
	if marked {
		t++
	}
	return t
}
