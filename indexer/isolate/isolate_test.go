package isolate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssgsearch/ssgsearch/data"
	"github.com/ssgsearch/ssgsearch/indexer/extract"
	"github.com/ssgsearch/ssgsearch/indexer/extract/pdftest"
)

// The test binary doubles as the worker: re-executed with this argument, it serves
// extraction requests instead of running tests. (An argument, not an environment
// variable: the fuzzer's own worker processes inherit the environment.)
const workerArg = "__isolate_worker__"

func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == workerArg {
		if err := serve(os.Stdin, os.Stdout, hangOnMarker); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// hangMarker in a file makes the test worker hang on it, as the PDF library does on
// some hostile files (the ones known are guarded against, so tests bring their own).
const hangMarker = "%ssgsearch-test-hang"

// hangPDF is a two-page PDF that hangs the test worker.
func hangPDF() []byte {
	line := []pdftest.Line{{X: 72, Y: 740, Size: 11, Text: "A page."}}
	return append(pdftest.Pages(line, line), "\n"+hangMarker+"\n"...)
}

// hangOnMarker is extract.PDF, except that it never returns on a file with hangMarker.
func hangOnMarker(data []byte) (*extract.Result, error) {
	if bytes.Contains(data, []byte(hangMarker)) {
		time.Sleep(24 * time.Hour)
	}
	return extract.PDF(data)
}

func newPool(t *testing.T, timeout time.Duration) *Pool {
	t.Helper()
	p, err := New(Options{Command: []string{os.Args[0], workerArg}, Size: 2, Timeout: timeout, MemLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestPoolExtracts(t *testing.T) {
	p := newPool(t, 30*time.Second)
	body, err := fs.ReadFile(data.Sample(), "wp-content/uploads/2019/05/parliamentary-oversight-handbook.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := extract.PDF(body)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 { // the same child serves several files
		got, err := p.PDF(context.Background(), body)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Pages) != len(want.Pages) || got.Pages[14].Text != want.Pages[14].Text || got.Meta.Title != want.Meta.Title {
			t.Fatalf("child result differs from in-process extraction")
		}
	}
}

// TestPoolBudgetByPages: a file the extractor chokes on is given up after the time
// its page count earns, not the whole Timeout.
func TestPoolBudgetByPages(t *testing.T) {
	p, err := New(Options{Command: []string{os.Args[0], workerArg}, Size: 1, Timeout: time.Minute, Base: 500 * time.Millisecond, PerPage: 250 * time.Millisecond, MemLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got, want := p.budget(hangPDF()), time.Second; got != want {
		t.Errorf("budget of a two-page file = %v, want %v", got, want)
	}
	if got := p.budget([]byte("%PDF-1.7 pages hidden")); got != time.Minute {
		t.Errorf("budget of a file without visible pages = %v, want the whole Timeout", got)
	}
	start := time.Now()
	_, err = p.PDF(context.Background(), hangPDF())
	if !errors.Is(err, ErrTimeout) && !errors.Is(err, ErrCrashed) {
		t.Fatalf("a hanging extraction: err = %v, want a timeout or a crash", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("gave up after %v: the page budget was not applied", d)
	}
}

func TestPoolSurvivesHangsAndErrors(t *testing.T) {
	p := newPool(t, 2*time.Second)
	start := time.Now()
	_, err := p.PDF(context.Background(), hangPDF())
	if !errors.Is(err, ErrTimeout) && !errors.Is(err, ErrCrashed) {
		t.Fatalf("a hanging extraction: err = %v, want a timeout or a crash", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	// A damaged file is an ordinary error, and the pool goes on working.
	if _, err := p.PDF(context.Background(), []byte("not a pdf")); err == nil || errors.Is(err, ErrCrashed) {
		t.Errorf("garbage: err = %v, want the extractor's error", err)
	}
	body, _ := fs.ReadFile(data.Sample(), "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	if res, err := p.PDF(context.Background(), body); err != nil || len(res.Pages) != 5 {
		t.Fatalf("after a hang: %v", err)
	}
}

// TestPoolRealEdgeCases runs the shared corpus's deliberately broken PDFs through the
// pool: whatever they do to the library, the parent gets an answer in bounded time.
func TestPoolRealEdgeCases(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realpdf", "pdfs")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		t.Skip("shared realpdf corpus not present")
	}
	p := newPool(t, 5*time.Second)
	var edge []string
	for _, f := range files {
		base := filepath.Base(f)
		if strings.Contains(base, "fuzzed") || strings.Contains(base, "Pages-tree") || strings.Contains(base, "corrupted") || strings.Contains(base, "password") || strings.Contains(base, "REDHAT") {
			edge = append(edge, f)
		}
	}
	for _, f := range edge {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = p.PDF(context.Background(), b)
		t.Logf("%s: %v (%v)", filepath.Base(f), err, time.Since(start).Round(time.Millisecond))
		if time.Since(start) > 8*time.Second {
			t.Errorf("%s: no answer in bounded time", filepath.Base(f))
		}
	}
}

// FuzzPDF feeds arbitrary bytes to the extractor through the pool: whatever an input
// does to the PDF library (panic, hang, runaway allocation), the parent gets an answer
// within the timeout and the pool keeps working.
func FuzzPDF(f *testing.F) {
	seed, err := fs.ReadFile(data.Sample(), "wp-content/uploads/2022/10/hromadska-dumka-2022.pdf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add(pdftest.Cyclic())
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF"))
	p, err := New(Options{Command: []string{os.Args[0], workerArg}, Size: 1, Timeout: time.Second, MemLimit: 1 << 30})
	if err != nil {
		f.Fatal(err)
	}
	defer p.Close()
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		res, err := p.PDF(context.Background(), b)
		if time.Since(start) > 10*time.Second {
			t.Fatalf("no answer for %v", time.Since(start))
		}
		if err == nil && res == nil {
			t.Fatalf("no result and no error")
		}
	})
}
