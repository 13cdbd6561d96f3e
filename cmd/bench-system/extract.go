package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"
)

// extractRuns is how many times each extraction run is repeated (medians quoted).
const extractRuns = 3

// extractPDFTimeout bounds pdftotext over one file.
const extractPDFTimeout = time.Minute

// extractBench measures what a build costs when the PDFs must be read again: a
// full re-index (bin reindex --full: every PDF extracted anew, in the isolated
// children users run) of the PDFs in dir, with GOMAXPROCS 1 and the machine's,
// beside poppler's pdftotext over the same files, one at a time and a core each.
func extractBench(dir, bin string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if len(files) == 0 {
		return fmt.Errorf("extract: no PDFs in %s", dir)
	}
	data, err := os.MkdirTemp("", "bench-extract-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	// Not timed: the files are imported (and extracted once) before the runs.
	if out, err := exec.Command(bin, "ingest", "--data", data, dir).CombinedOutput(); err != nil {
		return fmt.Errorf("extract: %s ingest: %w: %s", bin, err, out)
	}
	cores := runtime.GOMAXPROCS(0)
	type run struct {
		name string
		one  func() (wall, cpu float64, err error)
	}
	reindex := func(procs int) func() (float64, float64, error) {
		return func() (float64, float64, error) {
			cmd := exec.Command(bin, "reindex", "--full", "--data", data)
			cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
			start := time.Now()
			out, err := cmd.CombinedOutput()
			wall := time.Since(start).Seconds()
			if err != nil {
				return 0, 0, fmt.Errorf("%s reindex --full: %w: %s", bin, err, out)
			}
			// The children's CPU is in the command's: it waits for them.
			return wall, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(), nil
		}
	}
	runs := []run{
		{"ssgsearch reindex --full, GOMAXPROCS 1", reindex(1)},
		{fmt.Sprintf("ssgsearch reindex --full, GOMAXPROCS %d", cores), reindex(cores)},
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		runs = append(runs,
			run{"pdftotext, one file at a time", func() (float64, float64, error) { return pdftotext(files, 1) }},
			run{fmt.Sprintf("pdftotext, %d files at a time", cores), func() (float64, float64, error) { return pdftotext(files, cores) }})
	}
	fmt.Printf("extract: %d PDFs of %s, %d runs each (median)\n", len(files), dir, extractRuns)
	fmt.Printf("| | wall | CPU | CPU ÷ wall |\n|---|---|---|---|\n")
	for _, r := range runs {
		var walls, cpus []float64
		for range extractRuns {
			wall, cpu, err := r.one()
			if err != nil {
				return err
			}
			walls, cpus = append(walls, wall), append(cpus, cpu)
		}
		wall, cpu := median(walls), median(cpus)
		fmt.Printf("| %s | %.2f s | %.2f s | %.2f |\n", r.name, wall, cpu, cpu/wall)
	}
	return nil
}

// pdftotext runs poppler's pdftotext over files, at most at once of them, and
// returns the wall and CPU seconds it took (its children's, which it waits for).
// A file it fails on counts as read: the edge cases among real PDFs fail.
func pdftotext(files []string, at int) (wall, cpu float64, err error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan string)
	start := time.Now()
	for range at {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				ctx, cancel := context.WithTimeout(context.Background(), extractPDFTimeout)
				cmd := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", "-q", f, os.DevNull)
				_ = cmd.Run()
				cancel()
				if cmd.ProcessState != nil {
					mu.Lock()
					cpu += (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return time.Since(start).Seconds(), cpu, nil
}

// median is the middle of xs (the mean of the two middle ones for an even count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
