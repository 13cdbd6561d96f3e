package pdftest

import "fmt"

// PagesLoop is a two-page PDF (root /Count 2) whose first page shows text in
// Helvetica and whose second branch is a loop of /Pages nodes (3 → 4 → 5 → 3) with no
// page in it, as in pdf.js's test file Pages-tree-refs.pdf. A page walk without a
// visited set never ends; poppler reads the first page and an empty second one.
func PagesLoop(text string) []byte {
	return Build([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Pages /Parent 3 0 R /Kids [5 0 R] /Count 1 >>",
		"<< /Type /Pages /Parent 4 0 R /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 8 0 R >> >> /Contents 7 0 R >>",
		stream("", fmt.Sprintf("BT /F1 22 Tf 30 800 Td %s Tj ET", pdfString(text))),
		helveticaFont(),
	})
}
