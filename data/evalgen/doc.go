// Package evalgen generates the evaluation collection: publisher websites of several
// shapes in English, Ukrainian and Russian, with PDFs from several producers' habits,
// built from the content files in data/evalgen/content, and the truth about every
// document they hold (Truth), against which metadata extraction and ranking are
// measured (make eval). Everything is deterministic: the same content gives the same
// collection.
package evalgen
