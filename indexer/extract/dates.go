package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A Date is a publication date as precise as its source: a day, a month or a year.
type Date struct {
	Time time.Time
	// Precision is "day", "month" or "year"; "" for no date.
	Precision string
}

// IsZero reports whether d holds no date.
func (d Date) IsZero() bool { return d.Precision == "" }

// Year returns d's year, or 0.
func (d Date) Year() int {
	if d.IsZero() {
		return 0
	}
	return d.Time.Year()
}

// monthNames maps month names and their stems in English, Ukrainian and Russian (every
// case a date is written in) to months.
var monthNames = []struct {
	prefix string
	month  time.Month
}{
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
	{"січ", 1}, {"лют", 2}, {"берез", 3}, {"квіт", 4}, {"трав", 5}, {"черв", 6}, {"лип", 7}, {"серп", 8}, {"верес", 9}, {"жовт", 10}, {"листоп", 11}, {"груд", 12},
	{"янв", 1}, {"фев", 2}, {"мар", 3}, {"апр", 4}, {"мая", 5}, {"май", 5}, {"июн", 6}, {"июл", 7}, {"авг", 8}, {"сен", 9}, {"окт", 10}, {"ноя", 11}, {"дек", 12},
}

func monthOf(w string) time.Month {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if len([]rune(w)) < 3 {
		return 0
	}
	for _, m := range monthNames {
		if strings.HasPrefix(w, m.prefix) {
			return m.month
		}
	}
	return 0
}

var (
	reISO    = regexp.MustCompile(`^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	reSlash  = regexp.MustCompile(`^(\d{4})/(\d{1,2})(?:/(\d{1,2}))?$`)
	reNumDMY = regexp.MustCompile(`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	// reShortDMY is a day, month and two-digit year with dots, a time after it
	// as news modules write it ("12.10.18 14:35").
	reShortDMY = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	// reRomanDMY is a day, a month in Roman numerals and a year, as Ukrainian and
	// Russian documents write them ("12.III.2019", "12 III 2019").
	reRomanDMY = regexp.MustCompile(`^(\d{1,2})[.\s/-]\s*([IVX]{1,4})[.\s/-]\s*(\d{4})$`)
	reYear     = regexp.MustCompile(`^(\d{4})$`)
	reMonthY   = regexp.MustCompile(`^(\d{1,2})[./](\d{4})$`)
	// reEra is the word a Ukrainian or Russian date ends with ("15.03.2021 р.",
	// "2021 року", "2021 г.").
	reEra = regexp.MustCompile(`(?i)\s*(р\.?|г\.?|року|рік|года|год)\s*$`)
	// reClock is a time of day after a date, or a span of hours, as event
	// pages write them ("18 трав. 2023 р., 11:00 – 11:20", "April 20, 2023 ·
	// 11:00–12:30", "14 March 2024 at 10:00").
	reClock = regexp.MustCompile(`(?i)(?:[,·|]\s*|\s+)(?:(?:at|о|в|в\s+годину)\s+)?\d{1,2}[:.]\d{2}(?:\s*[-–—]\s*\d{1,2}[:.]\d{2})?(?:\s*(?:[ap]\.?m\.?|год\.?))?\s*$`)
)

// ParseDate reads a date as pages, structured metadata and PDFs write it: ISO 8601
// (with or without time), 2021/03/04, 04.03.2021, 04/03/2021 (day first unless the
// day cannot be), 04.III.2021, "4 March 2021", "March 4, 2021", "March 2021", "4 березня 2021 р.",
// "4 марта 2021 г.", "2021", a time of day after the date or a span of days its
// first ("18 трав. 2023 р., 11:00", "14–15 жовтня 2021"). It returns the zero
// Date for anything else.
func ParseDate(s string) Date {
	s = strings.TrimSpace(s)
	if t := strings.TrimSpace(reClock.ReplaceAllString(s, "")); t != "" && t != s && !reNumDMY.MatchString(s) && !reShortDMY.MatchString(s) {
		s = t // the day, not the hour
	}
	if t := strings.TrimSpace(reEra.ReplaceAllString(s, "")); t != "" && t != s && unicode.IsDigit([]rune(t)[len([]rune(t))-1]) {
		s = t
	}
	if s == "" {
		return Date{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return day(t.Year(), t.Month(), t.Day())
	}
	if m := reISO.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := reSlash.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := reNumDMY.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b > 12 && a <= 12 { // month first: 03/14/2021
			a, b = b, a
		}
		return ymd(m[3], strconv.Itoa(b), strconv.Itoa(a))
	}
	if m := reShortDMY.FindStringSubmatch(s); m != nil {
		yy, _ := strconv.Atoi(m[3])
		// The century that puts the year at most a year ahead of today.
		if yy += 2000; yy > time.Now().Year()+1 {
			yy -= 100
		}
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		return ymd(strconv.Itoa(yy), strconv.Itoa(b), strconv.Itoa(a))
	}
	if m := reRomanDMY.FindStringSubmatch(s); m != nil {
		if mm := slices.Index(romanMonths, m[2]) + 1; mm > 0 {
			return ymd(m[3], strconv.Itoa(mm), m[1])
		}
		return Date{}
	}
	if m := reMonthY.FindStringSubmatch(s); m != nil {
		return ymd(m[2], m[1], "")
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		return ymd(m[1], "", "")
	}
	// Words: a day, a month name and a year in any order, with "р."/"г."/"year" noise.
	var dd, yy int
	var mm time.Month
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != 'ʼ'
	}) {
		if n, err := strconv.Atoi(f); err == nil {
			switch {
			case len(f) == 4 && yy == 0:
				yy = n
			case len(f) <= 2 && dd == 0 && n >= 1 && n <= 31:
				dd = n
			case len(f) <= 2 && dd != 0 && yy == 0 && n > dd && n <= 31:
				// A span of days ("14–15 жовтня 2021", "May 18–19, 2023"): its first.
			default:
				return Date{}
			}
			continue
		}
		if m := monthOf(f); m != 0 && mm == 0 {
			mm = m
			continue
		}
		switch f {
		case "р", "г", "року", "рік", "года", "год", "of", "the", "th", "st", "nd", "rd", "on":
			continue
		}
		if weekday(f) {
			continue
		}
		if season(f) && mm == 0 && dd == 0 { // "Spring 2019": the year
			continue
		}
		return Date{} // a word that is no part of a date
	}
	switch {
	case yy == 0:
		return Date{}
	case mm == 0 && dd == 0:
		return ymd(strconv.Itoa(yy), "", "")
	case mm == 0:
		return Date{}
	case dd == 0:
		return Date{Time: time.Date(yy, mm, 1, 0, 0, 0, 0, time.UTC), Precision: "month"}
	}
	return day(yy, mm, dd)
}

// romanMonths are the months in Roman numerals.
var romanMonths = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// weekday reports whether w names a day of the week (pages write "Tuesday, 12 March
// 2021", «вівторок, 12 березня 2021»).
func weekday(w string) bool {
	for _, p := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun",
		"понеділ", "вівтор", "серед", "четвер", "п'ятниц", "пʼятниц", "п’ятниц", "субот", "неділ",
		"понедельн", "вторник", "сред", "пятниц", "суббот", "воскресен"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// season reports whether w names a season, as issues of a series are dated
// ("Spring 2019", "осінь 2020").
func season(w string) bool {
	switch w {
	case "spring", "summer", "autumn", "fall", "winter",
		"весна", "літо", "осінь", "зима", "весни", "літа", "осені", "зими",
		"лето", "осень", "весны", "лета", "осени", "зимы":
		return true
	}
	return false
}

// leadingDate is the date a value starts with, before a separator or the next
// field ("3 March 2021 | Updated: 12 January 2023"): the whole value's when it is
// one.
func leadingDate(s string) Date {
	if d := ParseDate(s); !d.IsZero() {
		return d
	}
	if loc := dateSeparator.FindStringIndex(s); loc != nil && loc[0] > 0 {
		return ParseDate(s[:loc[0]])
	}
	return Date{}
}

// dateSeparator ends the first of several details on a line.
var dateSeparator = regexp.MustCompile(`\s+[|·•—–]\s+|;\s*|\s+\p{L}+(?:\s\p{L}+)?:\s`)

func day(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m || t.Day() != d {
		return Date{} // 31 February
	}
	return Date{Time: t, Precision: "day"}
}

func ymd(y, m, d string) Date {
	yy, err := strconv.Atoi(y)
	if err != nil {
		return Date{}
	}
	if m == "" {
		return Date{Time: time.Date(yy, 1, 1, 0, 0, 0, 0, time.UTC), Precision: "year"}
	}
	mm, err := strconv.Atoi(m)
	if err != nil || mm < 1 || mm > 12 {
		return Date{}
	}
	if d == "" {
		return Date{Time: time.Date(yy, time.Month(mm), 1, 0, 0, 0, 0, time.UTC), Precision: "month"}
	}
	dd, err := strconv.Atoi(d)
	if err != nil {
		return Date{}
	}
	return day(yy, time.Month(mm), dd)
}

// EarliestPublication is the earliest date a publication of the field can bear:
// anything before is a file system's or program's default.
var EarliestPublication = time.Date(1945, 1, 1, 0, 0, 0, 0, time.UTC)

// stampedDates are creation dates that programs write when they know none, or that
// libraries write into every file unless told otherwise (ReportLab's invariant mode:
// 2000-01-01).
var stampedDates = map[string]bool{
	"1970-01-01": true, "1980-01-01": true, "1904-01-01": true, "1601-01-01": true,
	"2000-01-01": true, "1999-12-31": true, "1900-01-01": true, "0001-01-01": true,
}

// PlausibleDate reports whether t can be the publication date of something fetched
// at fetched: not before 1945 and not after the fetch (or today when fetched is zero).
func PlausibleDate(t, fetched time.Time) bool {
	if t.IsZero() {
		return false
	}
	if fetched.IsZero() {
		fetched = time.Now()
	}
	return !t.Before(EarliestPublication) && !t.After(fetched.Add(36*time.Hour))
}

// StampedDate reports whether t is a date programs write into files they know no
// date for: an epoch, or a library's fixed default.
func StampedDate(t time.Time) bool {
	return stampedDates[t.UTC().Format("2006-01-02")]
}
