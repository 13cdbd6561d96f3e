package extract

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want, precision string
	}{
		{"2021-03-04", "2021-03-04", "day"},
		{"2021-03-04T09:00:00+02:00", "2021-03-04", "day"},
		{"2021-03-04T23:30:00-05:00", "2021-03-04", "day"}, // the day as written, not in UTC
		{"2021/03/04", "2021-03-04", "day"},
		{"04.03.2021", "2021-03-04", "day"},
		{"04/03/2021", "2021-03-04", "day"},
		{"03/14/2021", "2021-03-14", "day"}, // month first when the day cannot be
		{"4 March 2021", "2021-03-04", "day"},
		{"March 4, 2021", "2021-03-04", "day"},
		{"Tuesday, 02 March 2021", "2021-03-02", "day"},
		{"March 2021", "2021-03-01", "month"},
		{"03.2021", "2021-03-01", "month"},
		{"2021", "2021-01-01", "year"},
		{"4 березня 2021 р.", "2021-03-04", "day"},
		{"П’ятниця, 12 травня 2023", "2023-05-12", "day"},
		{"пʼятниця, 12 травня 2023", "2023-05-12", "day"},
		{"Суббота, 22 ноября 2025", "2025-11-22", "day"},
		{"4 марта 2021 г.", "2021-03-04", "day"},
		{"листопад 2019", "2019-11-01", "month"},
		{"15.03.2021 р.", "2021-03-15", "day"},
		{"15.03.2021 14:35", "2021-03-15", "day"},
		{"12.10.18 14:35", "2018-10-12", "day"},
		{"12.10.18", "2018-10-12", "day"},
		{"Spring 2019", "2019-01-01", "year"},
		{"осінь 2020", "2020-01-01", "year"},
		{"Spring", "", ""},
		{"15.03.2021 г.", "2021-03-15", "day"},
		{"2021 року", "2021-01-01", "year"},
		{"12.03.2019 р", "2019-03-12", "day"},
		{"р.", "", ""},
		{"31.02.2021", "", ""},
		{"12.III.2019", "2019-03-12", "day"},
		{"12 III 2019", "2019-03-12", "day"},
		{"3-XI-2020", "2020-11-03", "day"},
		{"12.XIII.2019", "", ""},
		{"18 трав. 2023 р., 11:00 – 11:20", "2023-05-18", "day"},
		{"April 20, 2023 · 11:00–12:30", "2023-04-20", "day"},
		{"14 March 2024 at 10:00", "2024-03-14", "day"},
		{"14–15 жовтня 2021 р.", "2021-10-14", "day"},
		{"May 18–19, 2023", "2023-05-18", "day"},
		{"18-19 May 2023", "2023-05-18", "day"},
		{"15 14 March 2021", "", ""},
		{"Issue 14", "", ""},
		{"see page 2021", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		d := ParseDate(tt.in)
		got := ""
		if !d.IsZero() {
			got = d.Time.Format("2006-01-02")
		}
		if got != tt.want || d.Precision != tt.precision {
			t.Errorf("ParseDate(%q) = %s (%s), want %s (%s)", tt.in, got, d.Precision, tt.want, tt.precision)
		}
	}
}

func TestPlausibleDate(t *testing.T) {
	fetched := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		date             string
		plausible, stamp bool
	}{
		{"2019-05-14", true, false},
		{"1944-12-31", false, false}, // before any publication of the field
		{"1904-01-01", false, true},
		{"1970-01-01", true, true}, // an epoch: plausible in range, but a stamp
		{"2000-01-01", true, true}, // ReportLab's fixed date
		{"2026-12-02", true, false},
		{"2027-01-15", false, false}, // after the fetch
	} {
		d, _ := time.Parse("2006-01-02", tt.date)
		if got := PlausibleDate(d, fetched); got != tt.plausible {
			t.Errorf("PlausibleDate(%s) = %v", tt.date, got)
		}
		if got := StampedDate(d); got != tt.stamp {
			t.Errorf("StampedDate(%s) = %v", tt.date, got)
		}
	}
}
