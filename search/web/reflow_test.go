package web

import (
	"strings"
	"testing"
)

func TestReflow(t *testing.T) {
	text := strings.Join([]string{
		"Chapter 7. Parliamentary inquiries",
		"An inquiry is an in-depth examination of a specific",
		"problem, such as a failed procurement, an accident or",
		"allegations of abuse. It usually has stronger powers",
		"than routine committee work.",
		"The terms of reference of an inquiry should be",
		"precise & short: an inquiry into everything finds",
		"nothing at all, as every committee learns.",
		"• hearings",
		"• site visits",
	}, "\n")
	got := string(reflow(text, ""))
	want := "Chapter 7. Parliamentary inquiries\n\n" +
		"An inquiry is an in-depth examination of a specific problem, such as a failed procurement, an accident or allegations of abuse. It usually has stronger powers than routine committee work.\n\n" +
		"The terms of reference of an inquiry should be precise &amp; short: an inquiry into everything finds nothing at all, as every committee learns.\n\n" +
		"• hearings\n\n• site visits"
	if got != want {
		t.Errorf("reflow:\n%s\nwant:\n%s", got, want)
	}
	// Marked HTML keeps its marks; lines that do not match are left as they are.
	marked := strings.Replace(strings.ReplaceAll(text, "&", "&amp;"), "everything", "<mark>everything</mark>", 1)
	if got := string(reflow(text, marked)); !strings.Contains(got, "into <mark>everything</mark> finds nothing") {
		t.Errorf("marked reflow: %s", got)
	}
	if got := string(reflow("a\nb", "a<br>b")); got != "a<br>b" {
		t.Errorf("mismatched lines: %q", got)
	}
}
