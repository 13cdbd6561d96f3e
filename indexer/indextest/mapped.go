package indextest

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// MappedKB is how much of the files whose paths keep says yes to is mapped into
// this process and resident, in kB, as /proc/self/smaps counts it (Linux).
func MappedKB(t testing.TB, keep func(path string) bool) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = keep(fields[len(fields)-1]) // a mapping's first line ends with its path
		case in && len(fields) == 3 && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatal(err)
			}
			total += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
