package evalgen

// Truth is what the collection holds, as a reader of its pages would record it: the
// answer key for metadata accuracy and the basis of relevance judgments.
type Truth struct {
	// Sites are the publisher websites, by name.
	Sites []SiteTruth `json:"sites"`
	// Docs are the publication documents: one per language version of a work.
	Docs []DocTruth `json:"docs"`
	// Pages are the other HTML pages that should be documents of their own (events,
	// topic explainers, about pages): neither publications nor listings.
	Pages []PageTruth `json:"pages"`
	// Listings are the pages that list items and should not become documents.
	Listings []string `json:"listings"`
}

// SiteTruth is one website of the collection.
type SiteTruth struct {
	Name  string `json:"name"`
	Shape string `json:"shape"`
	// Seeds are the site paths a crawl starts from.
	Seeds []string `json:"seeds"`
	// Group names the sites crawled together into one index: "main", or a mirror's
	// own name (a mirror repeats another site's publications).
	Group   string `json:"group"`
	Mirrors string `json:"mirrors,omitempty"`
}

// DocTruth is one publication document: a language version of a work, its
// publication page and its PDF.
type DocTruth struct {
	// Key is the site name and the publication page's path: "portal/publication/x/".
	Key  string `json:"key"`
	Work string `json:"work"`
	Site string `json:"site"`
	// URL is the publication page's path on its site; PDF the PDF's.
	URL string `json:"url"`
	PDF string `json:"pdf"`
	// Title, Authors and Publisher as the page states them.
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Authors   []string `json:"authors"`
	Publisher string   `json:"publisher"`
	// Date is the publication date (YYYY-MM-DD); Year its year.
	Date string `json:"date"`
	Year int    `json:"year"`
	Lang string `json:"lang"`
	// Type is the canonical type key; TypeLabel the label the page shows.
	Type      string `json:"type"`
	TypeLabel string `json:"type_label"`
	// Topics are the topic keys; TopicLabels the labels the page shows for them.
	Topics      []string `json:"topics"`
	TopicLabels []string `json:"topic_labels"`
	// Translations are the keys of the other language versions of the work.
	Translations []string `json:"translations,omitempty"`
	// EarlierEditions and LaterEditions are the keys of the same work's other
	// editions in the same language.
	EarlierEditions []string `json:"earlier_editions,omitempty"`
	LaterEditions   []string `json:"later_editions,omitempty"`
	// PDFStatus is "ok", "encrypted" (needs a password), "truncated" (beyond repair),
	// "not-pdf" (an error page served as the PDF) or "owner-locked" (encrypted with
	// an empty user password: readable).
	PDFStatus string `json:"pdf_status"`
	// Producer names the PDF style (see pdfStyle); PDFDate the creation date the PDF
	// claims and PDFTitle its title metadata.
	Producer string `json:"producer"`
	PDFDate  string `json:"pdf_date,omitempty"`
	PDFTitle string `json:"pdf_title,omitempty"`
	// Omnibus marks annual reports and newsletters that touch every topic.
	Omnibus bool `json:"omnibus,omitempty"`
	// PageCount is the number of PDF pages; Quotes are sentences found on exactly
	// one page of this document and in no other document, with that page.
	PageCount int     `json:"page_count"`
	Quotes    []Quote `json:"quotes,omitempty"`
	// Referrers are the paths of other pages that link the PDF (events).
	Referrers []string `json:"referrers,omitempty"`
	// Held marks the documents kept aside while tuning (a third of the works).
	Held bool `json:"held"`
}

// Quote is a sentence of a document, unique in the collection, and its page.
type Quote struct {
	Text string `json:"text"`
	Page int    `json:"page"`
	// Break reports a sentence that runs over a page break (Page is where it starts).
	Break bool `json:"break,omitempty"`
}

// PageTruth is an HTML page that is a document but no publication.
type PageTruth struct {
	Key   string `json:"key"`
	Kind  string `json:"kind"` // event, explainer, about
	Title string `json:"title"`
	Lang  string `json:"lang"`
	// Presents is, for an event, the key of the publication whose PDF it links.
	Presents string   `json:"presents,omitempty"`
	Topics   []string `json:"topics,omitempty"`
}
