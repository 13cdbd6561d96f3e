// Package isolate runs PDF extraction in child processes, so that a file that makes
// the PDF library hang, panic or exhaust memory costs that file only: the child is
// killed or dies, the caller gets an error, and the next file gets a fresh child.
package isolate

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ssgsearch/ssgsearch/indexer/extract"
)

// Errors for a file the child could not finish.
var (
	ErrTimeout = errors.New("extraction timed out")
	ErrCrashed = errors.New("extractor crashed")
	ErrMemory  = errors.New("extraction exceeded its memory limit")
)

// MemLimitEnv passes the address-space limit, in bytes, to a child.
const MemLimitEnv = "SSGSEARCH_WORKER_MEM"

// Defaults for Options left zero.
const (
	DefaultTimeout  = 2 * time.Minute
	DefaultBase     = 10 * time.Second
	DefaultPerPage  = 2 * time.Second
	DefaultMemLimit = 2 << 30
	maxInput        = 1 << 30
)

// Options configure a Pool.
type Options struct {
	// Command starts a child that runs Serve: typically the running binary with a
	// hidden subcommand.
	Command []string
	// Size is how many children run at once; Timeout bounds one file; MemLimit
	// bounds each child's resident memory in bytes: the parent kills a child that
	// grows past it, and the child's address space is capped at MemLimit + 4 GiB
	// (room for the Go runtime's reservations) so that a huge allocation fails at once.
	Size     int
	Timeout  time.Duration
	MemLimit int64
	// Base and PerPage make a file's time budget: Base plus PerPage for each page
	// its bytes declare (extract.DeclaredPages), at most Timeout, so that a file the
	// extractor chokes on costs seconds, not the whole Timeout, before the fallback
	// extractors get their turn. A file whose pages are hidden gets Timeout.
	Base, PerPage time.Duration
}

// Pool hands PDFs to child processes.
type Pool struct {
	opts Options
	idle chan *child
	sem  chan struct{}
}

// New returns a pool; children start when first needed.
func New(opts Options) (*Pool, error) {
	if len(opts.Command) == 0 {
		return nil, errors.New("isolate: no worker command")
	}
	if opts.Size <= 0 {
		opts.Size = 2
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MemLimit <= 0 {
		opts.MemLimit = DefaultMemLimit
	}
	if opts.Base <= 0 {
		opts.Base = DefaultBase
	}
	if opts.PerPage <= 0 {
		opts.PerPage = DefaultPerPage
	}
	return &Pool{opts: opts, idle: make(chan *child, opts.Size), sem: make(chan struct{}, opts.Size)}, nil
}

// Close stops the idle children.
func (p *Pool) Close() error {
	for {
		select {
		case c := <-p.idle:
			c.kill()
		default:
			return nil
		}
	}
}

// PDF extracts a PDF in a child process. A child that does not answer within the
// timeout is killed (ErrTimeout); one that dies is reported with the end of what it
// wrote to stderr (ErrCrashed, e.g. "fatal error: out of memory"). Errors the
// extractor itself returns (a damaged or encrypted file) come back as they are;
// extract.ErrEncrypted stays recognisable.
func (p *Pool) PDF(ctx context.Context, data []byte) (*extract.Result, error) {
	if len(data) > maxInput {
		return nil, fmt.Errorf("isolate: file of %d bytes is too large", len(data))
	}
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.sem }()
	var c *child
	select {
	case c = <-p.idle:
	default:
		var err error
		if c, err = p.start(); err != nil {
			return nil, err
		}
	}
	res, err := c.do(ctx, data, p.budget(data))
	if !c.dead {
		p.idle <- c
	}
	return res, err
}

// budget is the time a child may take over data (Options.Base and PerPage).
func (p *Pool) budget(data []byte) time.Duration {
	n := extract.DeclaredPages(data)
	if n == 0 {
		return p.opts.Timeout
	}
	return min(p.opts.Timeout, p.opts.Base+time.Duration(n)*p.opts.PerPage)
}

// child is one worker process.
type child struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	stderr   *headBuffer
	memLimit int64
	dead     bool
}

// rss returns the child's resident memory in bytes, or 0 when it cannot be read.
func (c *child) rss() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	var size, resident int64
	if _, err := fmt.Sscan(string(b), &size, &resident); err != nil {
		return 0
	}
	return resident * int64(os.Getpagesize())
}

func (p *Pool) start() (*child, error) {
	cmd := exec.Command(p.opts.Command[0], p.opts.Command[1:]...)
	cmd.Env = append(os.Environ(), MemLimitEnv+"="+strconv.FormatInt(p.opts.MemLimit, 10))
	c := &child{memLimit: p.opts.MemLimit}
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tail := &headBuffer{max: 16 << 10}
	cmd.Stderr = tail
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("isolate: start worker: %w", err)
	}
	c.cmd, c.in, c.out, c.stderr = cmd, in, bufio.NewReader(out), tail
	return c, nil
}

func (c *child) kill() {
	if c.dead {
		return
	}
	c.dead = true
	c.in.Close()
	c.cmd.Process.Kill()
	c.cmd.Wait()
}

// answer is a child's reply to one file.
type answer struct {
	Result    *extract.Result `json:"result,omitempty"`
	Error     string          `json:"error,omitempty"`
	Encrypted bool            `json:"encrypted,omitempty"`
}

func (c *child) do(ctx context.Context, data []byte, timeout time.Duration) (*extract.Result, error) {
	type reply struct {
		a   answer
		err error
	}
	done := make(chan reply, 1)
	go func() {
		var r reply
		if err := writeFrame(c.in, data); err != nil {
			r.err = err
		} else if b, err := readFrame(c.out); err != nil {
			r.err = err
		} else {
			r.err = json.Unmarshal(b, &r.a)
		}
		done <- r
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	watch := time.NewTicker(50 * time.Millisecond)
	defer watch.Stop()
	for {
		select {
		case r := <-done:
			return c.result(r.a, r.err)
		case <-watch.C:
			if rss := c.rss(); rss > c.memLimit {
				c.kill()
				return nil, fmt.Errorf("%w (%d MB resident, limit %d MB)", ErrMemory, rss>>20, c.memLimit>>20)
			}
		case <-t.C:
			c.kill()
			return nil, fmt.Errorf("%w after %s", ErrTimeout, timeout)
		case <-ctx.Done():
			c.kill()
			return nil, ctx.Err()
		}
	}
}

func (c *child) result(a answer, err error) (*extract.Result, error) {
	switch {
	case err != nil:
		c.kill()
		return nil, fmt.Errorf("%w: %s", ErrCrashed, c.stderr.reason())
	case a.Encrypted:
		return nil, extract.ErrEncrypted
	case a.Error != "":
		return nil, errors.New(a.Error)
	}
	return a.Result, nil
}

// Serve is the child's side: it limits its own address space, then reads PDFs from r
// and writes extraction answers to w until r ends.
func Serve(r io.Reader, w io.Writer) error {
	return serve(r, w, extract.PDF)
}

// serve is Serve with the extraction to run (tests make one that hangs).
func serve(r io.Reader, w io.Writer, pdf func([]byte) (*extract.Result, error)) error {
	if v, err := strconv.ParseInt(os.Getenv(MemLimitEnv), 10, 64); err == nil && v > 0 {
		as := uint64(v) + 4<<30
		lim := &syscall.Rlimit{Cur: as, Max: as}
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, lim); err != nil {
			return fmt.Errorf("isolate: limit address space: %w", err)
		}
		debug.SetMemoryLimit(v * 3 / 4) // collect hard before the parent's limit
	}
	br := bufio.NewReader(r)
	for {
		data, err := readFrame(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var a answer
		res, err := pdf(data)
		switch {
		case errors.Is(err, extract.ErrEncrypted):
			a.Encrypted = true
		case err != nil:
			a.Error = err.Error()
		default:
			a.Result = res
		}
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if err := writeFrame(w, b); err != nil {
			return err
		}
		debug.FreeOSMemory()
	}
}

// Frames are a 4-byte big-endian length and the bytes.
func writeFrame(w io.Writer, b []byte) error {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

func readFrame(r *bufio.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxInput {
		return nil, fmt.Errorf("isolate: frame of %d bytes", size)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// headBuffer keeps the first bytes written to it: a child writes to stderr only
// when it dies, and Go puts the reason ("fatal error: …", "panic: …") first.
type headBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// reason returns the line that says why the child died, or the first line.
func (h *headBuffer) reason() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	lines := splitLines(string(h.b))
	for _, prefix := range []string{"fatal error", "panic:", "runtime: "} {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
	}
	if len(lines) == 0 {
		return "no output"
	}
	return lines[0]
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if l := s[start:i]; len(l) > 0 {
				out = append(out, l)
			}
			start = i + 1
		}
	}
	return out
}
