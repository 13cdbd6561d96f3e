package web

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestResidentMapped: the pages of a mapped file that are read count, and leave
// the count when released.
func TestResidentMapped(t *testing.T) {
	const size = 8 << 20
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mem, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	before, ok := residentMapped()
	if !ok {
		t.Fatal("resident mapped memory not read")
	}
	sum := 0
	for i := 0; i < size; i += os.Getpagesize() {
		sum += int(mem[i])
	}
	read, _ := residentMapped()
	if read-before < size*3/4 {
		t.Errorf("after reading %d bytes of a mapped file, %d more resident (sum %d)", size, read-before, sum)
	}
	if err := syscall.Madvise(mem, syscall.MADV_DONTNEED); err != nil {
		t.Fatal(err)
	}
	if after, _ := residentMapped(); read-after < size*3/4 {
		t.Errorf("after releasing the %d bytes, %d fewer resident", size, read-after)
	}
}
