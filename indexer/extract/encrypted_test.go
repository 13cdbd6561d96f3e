package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEncryptedEmptyUserPassword: PDFs encrypted with an owner password only (an
// empty user password: printing or copying restricted) are read like any other, in
// the schemes the Go library decrypts; AES-256 and 40-bit RC4 (which it cannot) and
// files that need a password give ErrEncrypted (the poppler fallback reads the
// former, see package poppler).
func TestEncryptedEmptyUserPassword(t *testing.T) {
	for name, readable := range map[string]bool{
		"rc4-40":        false,
		"rc4-128":       true,
		"aes-128":       true,
		"aes-256":       false,
		"user-password": false,
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "encrypted", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := PDF(data)
			if !readable {
				if !errors.Is(err, ErrEncrypted) {
					t.Fatalf("err = %v, want ErrEncrypted", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 5 || !strings.Contains(res.Pages[2].Text, "request the documents it needs") {
				t.Fatalf("%d pages, page 3 %q", len(res.Pages), res.Pages[min(2, len(res.Pages)-1)].Text)
			}
			if res.Pages[1].Header != "Parliamentary Oversight of the Security Sector" {
				t.Errorf("page 2 header %q", res.Pages[1].Header)
			}
		})
	}
}
