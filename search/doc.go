// Package search runs user queries (parsed by package query) against the page
// index, grouping page hits into document results with highlighted, page-numbered
// snippets.
package search
