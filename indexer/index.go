package indexer

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned by Open when another process holds the index.
var ErrLocked = errors.New("index is in use by another process (is 'ssgsearch serve' running on this data directory?)")

// ErrOldIndex is returned by Open for an index whose record layout this version does
// not write: it must be rebuilt.
var ErrOldIndex = errors.New("the index was built by another version of ssgsearch: rebuild it with 'ssgsearch reindex --full'")

// keyVersion is the internal key holding the index's record layout version.
var keyVersion = []byte("ssgsearch_record_version")

// ErrNotFound is returned by Get for an unknown document ID.
var ErrNotFound = errors.New("document not found")

// Batch limits: Bleve holds a whole batch in memory, so bound it by records and bytes.
const (
	maxBatchRecords = 2000
	maxBatchBytes   = 32 << 20
)

// Index is the page-level Bleve index.
type Index struct {
	b   bleve.Index
	dir string
	// gen counts the writes made through this Index (see Generation).
	gen atomic.Uint64
	// docs maps page records to documents (see RankDocuments).
	docs docMap
	// kept holds the records of recent rankings' restrictions (RankOptions.AllowKey).
	kept keptCache
	// changes logs the documents of the latest writes (see ChangedSince).
	changes changeLog
	// closed is Close's: the first call's error.
	closed   sync.Once
	closeErr error
}

// Generation changes after every write through this Index (Put, Delete): what a
// reader derived from the index at one generation is current while it stays the same.
func (ix *Index) Generation() uint64 { return ix.gen.Load() }

// Open opens the index in dir, creating it when dir does not exist yet.
func Open(dir string) (*Index, error) { return openWith(dir, nil) }

// openWith is Open with Bleve's settings in extra added to ours (a test holds
// segments apart with them).
func openWith(dir string, extra map[string]any) (*Index, error) {
	cfg := map[string]any{"bolt_timeout": "2s"}
	maps.Copy(cfg, extra)
	b, err := bleve.OpenUsing(dir, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		m, merr := NewMapping()
		if merr != nil {
			return nil, fmt.Errorf("index mapping: %w", merr)
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		b, err = bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
		if err != nil {
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		if err := b.SetInternal(keyVersion, []byte(recordVersion)); err != nil {
			b.Close()
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
		return &Index{b: b, dir: dir}, nil
	}
	if err != nil {
		if isTimeout(err) {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrLocked)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if v, err := b.GetInternal(keyVersion); err != nil || string(v) != recordVersion {
		b.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, ErrOldIndex)
	}
	return &Index{b: b, dir: dir}, nil
}

// isTimeout reports whether err is bolt's lock timeout.
func isTimeout(err error) bool {
	return errors.Is(err, berrors.ErrTimeout)
}

// Dir returns the index's directory.
func (ix *Index) Dir() string { return ix.dir }

// Bleve returns the underlying Bleve index, for the indexer's own tests and test
// helpers (indextest), which check the index against Bleve itself. Everything
// else reads the index through the methods of Index: RankDocuments, Hits,
// Analyzer, DocFreqs, Closest, Get.
func (ix *Index) Bleve() bleve.Index { return ix.b }

// Close closes the index; closed again, it returns what it returned first (Bleve
// panics when closed twice).
func (ix *Index) Close() error {
	ix.closed.Do(func() { ix.closeErr = ix.b.Close() })
	return ix.closeErr
}

// pageRecord is the indexed form of one page.
type pageRecord struct {
	Kind      string   `json:"kind"`
	DocID     string   `json:"doc_id"`
	Page      int      `json:"page"`
	Label     string   `json:"label,omitempty"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary,omitempty"`
	Body      string   `json:"body"`
	Authors   []string `json:"authors,omitempty"`
	Lang      string   `json:"lang,omitempty"`
	Type      string   `json:"type"`
	Topics    []string `json:"topic,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Year      int      `json:"year,omitempty"`
	StemEN    string   `json:"stem_en,omitempty"`
	StemUK    string   `json:"stem_uk,omitempty"`
	StemRU    string   `json:"stem_ru,omitempty"`
}

// setStem puts the page's text in the stemmed field of its language. (Titles and
// summaries stay exact: on every page, or on the first, they would make pages match
// that do not say the word.)
func (r *pageRecord) setStem() {
	switch StemFields[r.Lang] {
	case FieldStemEN:
		r.StemEN = r.Body
	case FieldStemUK:
		r.StemUK = r.Body
	case FieldStemRU:
		r.StemRU = r.Body
	}
}

// BleveType names the mapping used for page records.
func (pageRecord) BleveType() string { return KindPage }

// docRecord is the stored form of a Document.
type docRecord struct {
	Kind  string `json:"kind"`
	DocID string `json:"doc_id"`
	JSON  string `json:"json"`
	// Facet values: documents are counted by these.
	Lang      string   `json:"lang,omitempty"`
	Type      string   `json:"type"`
	Topics    []string `json:"topic,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Year      string   `json:"year_facet,omitempty"`
	// Date sorts documents by publication date.
	Date time.Time `json:"date,omitzero"`
}

// BleveType names the mapping used for document records.
func (docRecord) BleveType() string { return KindDoc }

// Put writes documents and their pages, replacing earlier versions; a document whose
// fingerprint matches the stored version is left as it is. Pages a document no longer
// has are deleted. It writes in bounded batches, one at a time; on error, documents
// of earlier batches stay written. It returns how many documents were written.
func (ix *Index) Put(ctx context.Context, docs ...*Document) (int, error) {
	w := ix.newWriter(1)
	n, err := w.Put(ctx, docs...)
	return n, errors.Join(err, w.Close())
}

// writerBatches is how many batches a Writer has in Bleve at once: while one
// batch's segment is built (on one goroutine), the next is analysed (on every
// core). Measured on 30,000 pages on two cores (docs/BENCHMARKS.md): one at a
// time, 21.6 s with 1.45 cores busy and a peak RSS of 306 MiB; two, 20.2 s with
// 1.74 cores busy and 510 MiB.
const writerBatches = 2

// Writer writes documents as Put does, with up to writerBatches batches in Bleve
// at once: its Put returns once the documents are handed over, and Close waits
// until all are written and says the first error. A batch holds the documents of
// one Put at most (more in one batch builds larger segments, which measured
// slower). A Writer is used by one goroutine; a document of a batch still being
// written is read back (its fingerprint) only after that batch is in.
type Writer struct {
	ix    *Index
	slots chan struct{} // a token for each batch in Bleve
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error          // the first failed batch's
	busy  map[string]int // documents in batches not yet written, by ID

	batch   *bleve.Batch
	size    int
	inBatch []string
	// text lets a page's text be analysed once for its two fields.
	text sharedText
	// stopRelease stops the writer's releasing of mapped pages (Index.releasing),
	// running from its first batch until Close; nil when not running.
	stopRelease func() error
}

// NewWriter returns a Writer for ix; Close it to have its documents written.
func (ix *Index) NewWriter() *Writer { return ix.newWriter(writerBatches) }

func (ix *Index) newWriter(batches int) *Writer {
	return &Writer{ix: ix, slots: make(chan struct{}, batches), busy: map[string]int{}, batch: ix.b.NewBatch(), text: newSharedText(ix.b.Mapping())}
}

// Put hands documents to the writer (see Index.Put for what is written); it
// returns how many will be written, and the error of a batch that failed, if any
// did, after which the writer takes nothing more. On an error, the documents of
// this Put not yet handed over are dropped, as Index.Put drops its last batch.
func (w *Writer) Put(ctx context.Context, docs ...*Document) (int, error) {
	n, err := w.put(ctx, docs)
	if err != nil {
		w.batch, w.size, w.inBatch = w.ix.b.NewBatch(), 0, nil
		return n, err
	}
	return n, w.flush()
}

func (w *Writer) put(ctx context.Context, docs []*Document) (int, error) {
	written := 0
	for _, d := range docs {
		if err := cmp.Or(ctx.Err(), w.failed()); err != nil {
			return written, err
		}
		w.mu.Lock()
		busy := w.busy[d.ID] > 0
		w.mu.Unlock()
		if busy || slices.Contains(w.inBatch, d.ID) {
			if err := w.flush(); err != nil {
				return written, err
			}
			w.wg.Wait()
		}
		old, err := w.ix.Get(d.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return written, err
		}
		d.PageStatus, d.PageSources = pageSummary(d.Pages)
		fp, err := fingerprint(d)
		if err != nil {
			return written, fmt.Errorf("fingerprint %s: %w", d.ID, err)
		}
		if old != nil && old.Fingerprint == fp {
			d.IndexedAt, d.Fingerprint, d.PageCount, d.Lengths = old.IndexedAt, fp, old.PageCount, old.Lengths
			continue
		}
		d.Fingerprint = fp
		written++
		d.PageCount = len(d.Pages)
		d.Lengths = pageLengths(d)
		d.IndexedAt = time.Now().UTC()
		if err := w.add(d, old); err != nil {
			return written, err
		}
		if w.batch.Size() >= maxBatchRecords || w.size >= maxBatchBytes {
			if err := w.flush(); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// add puts the records of d into the writer's batch, and the deletion of the pages
// the stored version old had beyond d's.
func (w *Writer) add(d, old *Document) error {
	js, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	rec := docRecord{Kind: KindDoc, DocID: d.ID, JSON: string(js), Lang: d.Lang, Type: d.Type, Topics: d.Topics, Publisher: d.Publisher, Date: d.Date}
	if d.Year != 0 {
		rec.Year = strconv.Itoa(d.Year)
	}
	if err := w.batch.Index(d.ID, rec); err != nil {
		return fmt.Errorf("index document %s: %w", d.ID, err)
	}
	w.inBatch = append(w.inBatch, d.ID)
	for _, p := range d.Pages {
		rec := pageRecord{
			Kind: KindPage, DocID: d.ID, Page: p.Number, Label: p.Label, Title: d.Title, Body: p.Text,
			Authors: d.Authors, Lang: d.Lang, Type: d.Type, Topics: d.Topics,
			Publisher: d.Publisher, Year: d.Year,
		}
		if p.Lang != "" {
			rec.Lang = p.Lang
		}
		if p.Number == 1 {
			rec.Summary = d.Summary
		}
		rec.setStem()
		// What Batch.Index does, the text's analysis shared between its fields.
		doc := document.NewDocument(PageID(d.ID, p.Number))
		if err := w.ix.b.Mapping().MapDocument(doc, rec); err != nil {
			return fmt.Errorf("index page %d of %s: %w", p.Number, d.ID, err)
		}
		w.text.share(doc)
		if err := w.batch.IndexAdvanced(doc); err != nil {
			return fmt.Errorf("index page %d of %s: %w", p.Number, d.ID, err)
		}
		w.size += len(p.Text)
	}
	if old != nil {
		for n := len(d.Pages) + 1; n <= old.PageCount; n++ {
			w.batch.Delete(PageID(d.ID, n))
		}
	}
	return nil
}

// flush hands the batch to Bleve on its own goroutine, once a slot is free.
func (w *Writer) flush() error {
	if w.batch.Size() == 0 {
		return w.failed()
	}
	batch, ids := w.batch, w.inBatch
	// A new batch, not batch.Reset(): scorch's analysis goroutine may still be
	// ranging over the old batch's map after Batch returns (a data race).
	w.batch, w.size, w.inBatch = w.ix.b.NewBatch(), 0, nil
	if w.stopRelease == nil {
		w.stopRelease = w.ix.releasing()
	}
	w.slots <- struct{}{}
	w.mu.Lock()
	for _, id := range ids {
		w.busy[id]++
	}
	w.mu.Unlock()
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		err := w.ix.b.Batch(batch)
		w.ix.wrote(ids) // even a failed batch may have written part of itself
		w.mu.Lock()
		for _, id := range ids {
			if w.busy[id]--; w.busy[id] == 0 {
				delete(w.busy, id)
			}
		}
		if err != nil && w.err == nil {
			w.err = fmt.Errorf("write batch: %w", err)
		}
		w.mu.Unlock()
		<-w.slots
	}()
	return w.failed()
}

// failed is the error of the first batch that failed, or nil.
func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Close hands over what is left, waits until every batch is written and returns
// the first error.
func (w *Writer) Close() error {
	err := w.flush()
	w.wg.Wait()
	var released error
	if w.stopRelease != nil {
		released, w.stopRelease = w.stopRelease(), nil
	}
	return cmp.Or(err, w.failed(), released)
}

// DirSize sums the sizes of the files under dir (an index's size on disk); 0 when
// it cannot be read.
func DirSize(dir string) int64 {
	if dir == "" {
		return 0
	}
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// Compact merges the index's segments into one, on disk. Searches then open one
// dictionary and one posting list per term instead of one per segment: after a bulk
// build, terms answer about a fifth faster and fuzzy queries a third
// (docs/BENCHMARKS.md). It works on a live index; it takes time and, for its
// duration, disk space in proportion to the index. The segments merged away are
// deleted once no reader holds them, at the latest when the index is next opened.
// The pages of the segments it reads leave the process's memory as it goes
// (releasing), as they do while a Writer writes.
//
// Bleve's own forced merge is not enough alone: it merges only the segments already
// written to disk (those of the last batches may still be in memory), by default ten
// at most into one, and an index closed before its persister has written the merged
// state is reopened at the state before it. So Compact waits for the persister, merges
// up to compactMergeWidth segments at once, repeats until one is left, and waits
// until that state is written: all within bounds (compactWait, compactMerges), for
// writes that go on meanwhile leave new segments.
func (ix *Index) Compact(ctx context.Context) (err error) {
	stop := ix.releasing() // the merges read every segment once
	defer func() { err = cmp.Or(err, stop()) }()
	adv, err := ix.b.Advanced()
	if err != nil {
		return fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("compact index %s: not a scorch index", ix.dir)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	opts.SegmentsPerMergeTask = compactMergeWidth
	waited := time.Duration(0) // waiting for the persister, in all
	for merges := 0; ; {
		onDisk, inMemory, err := ix.segmentCounts()
		if err != nil {
			return fmt.Errorf("compact index %s: %w", ix.dir, err)
		}
		switch {
		case inMemory > 0 && waited < compactWait:
			// The persister writes them out on its own: wait for it.
			if err := pause(ctx); err != nil {
				return err
			}
			waited += compactPoll
			continue
		case onDisk <= 1:
			// No snapshot is taken while the last merge's state is written and
			// the files merged away are deleted (ReleaseMapped).
			if err := stop(); err != nil {
				return fmt.Errorf("compact index %s: %w", ix.dir, err)
			}
			return ix.settled(ctx, sc)
		case merges == compactMerges:
			return fmt.Errorf("compact index %s: %d segments left after %d forced merges (is it being written to?)", ix.dir, onDisk, merges)
		}
		if err := sc.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("compact index %s: %w", ix.dir, err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		merges++
	}
}

// pause waits compactPoll, or until ctx is done.
func pause(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(compactPoll):
		return nil
	}
}

// settled waits until Bleve's persister has written the index's current state,
// which names the merged segment: an index closed before then is reopened at the
// state before the merge.
//
// Then it waits, for at most settleFiles, until the persister has deleted the
// files of the segments merged away, so that the index's size on disk is its
// size once compacted: on a busy machine the deletion comes a moment after the
// state is written. A snapshot still read (a search under way) keeps its files
// until it is released: compaction then waits settleFiles and returns, the
// files deleted later.
func (ix *Index) settled(ctx context.Context, sc *scorch.Scorch) error {
	for until := time.Now().Add(compactWait); time.Now().Before(until); {
		stats := sc.StatsMap()
		if active, ok := stats["index_bgthreads_active"].(bool); !ok || !active {
			break
		}
		if err := pause(ctx); err != nil {
			return err
		}
	}
	for until := time.Now().Add(settleFiles); time.Now().Before(until); {
		onDisk, _, err := ix.segmentCounts()
		if err != nil {
			return err
		}
		files, err := filepath.Glob(filepath.Join(ix.dir, "store", "*.zap"))
		if err != nil || len(files) <= onDisk {
			break
		}
		if err := pause(ctx); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// settleFiles is how long Compact waits for the files of merged segments to be
// deleted.
const settleFiles = 10 * time.Second

// Compaction's bounds: how many segments one merge reads (all of a bulk build's at
// once, so each record is written once more, not once per round), how often it
// looks whether the persister has written the last segments, how long it waits for
// the persister in all, and how many forced merges it makes at most.
const (
	compactMergeWidth = 1 << 10
	compactPoll       = 20 * time.Millisecond
	compactWait       = time.Minute
	compactMerges     = 8
)

// segmentCounts counts the segments of the index's current snapshot: those written
// to disk and those still in memory.
func (ix *Index) segmentCounts() (onDisk, inMemory int, err error) {
	snap, err := ix.snapshot()
	if err != nil {
		return 0, 0, err
	}
	defer snap.Close()
	for _, s := range snap.Segments() {
		if _, ok := s.Segment().(segment.PersistedSegment); ok {
			onDisk++
		} else {
			inMemory++
		}
	}
	return onDisk, inMemory, nil
}

// Delete removes documents and all their pages.
func (ix *Index) Delete(ids ...string) error {
	batch := ix.b.NewBatch()
	var deleted []string
	for _, id := range ids {
		d, err := ix.Get(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		batch.Delete(id)
		for n := 1; n <= d.PageCount; n++ {
			batch.Delete(PageID(id, n))
		}
		deleted = append(deleted, id)
	}
	err := ix.b.Batch(batch)
	ix.wrote(deleted)
	if err != nil {
		return fmt.Errorf("delete documents: %w", err)
	}
	return nil
}

// Get returns the stored document with the given ID, without its page texts.
func (ix *Index) Get(id string) (*Document, error) {
	docs, err := ix.GetMany([]string{id})
	if err != nil {
		return nil, err
	}
	d, ok := docs[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return d, nil
}

// GetMany returns the stored documents with the given IDs; unknown IDs are absent
// from the map. Each record's stored fields are read by its ID on one snapshot
// (no search, no collector), and its document decoded from their JSON.
func (ix *Index) GetMany(ids []string) (map[string]*Document, error) {
	out := make(map[string]*Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer r.Close()
	for _, id := range ids {
		if _, ok := out[id]; ok {
			continue
		}
		rec, err := r.Document(id)
		if err != nil {
			return nil, fmt.Errorf("read document %s: %w", id, err)
		}
		if rec == nil {
			continue // no such record
		}
		var js []byte
		rec.VisitFields(func(f index.Field) {
			if f.Name() == FieldJSON {
				js = f.Value()
			}
		})
		if len(js) == 0 {
			continue // a page record, not a document
		}
		var d Document
		if err := json.Unmarshal(js, &d); err != nil {
			return nil, fmt.Errorf("decode document %s: %w", id, err)
		}
		out[d.ID] = &d
	}
	return out, nil
}

// DocumentIDs returns the IDs of every document in the index, sorted. Each ID is
// read from its record, stored between the text of the pages: on a large index,
// reading them all maps in most of the index files, so what it read is released
// as it goes (ReleaseMapped).
func (ix *Index) DocumentIDs() ([]string, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(context.Background(), []byte(KindDoc), FieldKind, false, false, false)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer tfr.Close()
	var ids []string
	var td index.TermFieldDoc
	for {
		d, err := tfr.Next(td.Reset())
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		if d == nil {
			break
		}
		id, err := r.ExternalID(d.ID)
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		ids = append(ids, id)
		if len(ids)%releaseEvery == 0 {
			if err := ix.ReleaseMapped(); err != nil {
				return nil, fmt.Errorf("list documents: %w", err)
			}
		}
	}
	slices.Sort(ids)
	return ids, ix.ReleaseMapped()
}

// releaseEvery is how many stored records a scan of the whole index reads
// between two calls of ReleaseMapped.
const releaseEvery = 2000

// Count returns how many documents the index holds.
func (ix *Index) Count() (int, error) {
	q := query.NewTermQuery(KindDoc)
	q.SetField(FieldKind)
	res, err := ix.b.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return int(res.Total), nil
}
