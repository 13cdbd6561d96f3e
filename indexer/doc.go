// Package indexer turns the corpus into Documents and writes them, one record per
// page, into the Bleve index. It is the only package that writes the index.
package indexer
