// Package extract turns the bytes of an HTML page or a PDF file into text, page by page,
// with the metadata the file states about itself. It knows nothing about the index.
package extract
