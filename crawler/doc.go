// Package crawler fetches publisher websites into the corpus: HTML pages and the PDFs
// they link, staying on the allowed hosts (the seeds' or the sources'), politely,
// resumably and incrementally.
package crawler
