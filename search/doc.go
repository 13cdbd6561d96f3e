// Package search parses user queries and runs them against the page index, grouping
// page hits into document results with highlighted, page-numbered snippets.
package search
