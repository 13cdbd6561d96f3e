// Package crawler fetches publisher websites into the corpus: HTML pages and the PDFs
// they link, staying on the seeds' hosts and respecting robots.txt.
package crawler
