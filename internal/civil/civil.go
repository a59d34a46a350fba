// Package civil provides calendar dates and times of day that carry no time zone, as editors
// write them in data files ("2026-11-23", "18:30").
package civil

import (
	"fmt"
	"time"
)

// Date is a day in the proleptic Gregorian calendar, with no time zone.
// The zero Date is not a valid day; IsZero reports it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date written as YYYY-MM-DD and rejects days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return Date{}, fmt.Errorf("%q is not a date written as YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	// Written out: feeds, calendars and the search index name the dates of every group.
	b := []byte{'0' + byte(d.Year/1000), '0' + byte(d.Year/100%10), '0' + byte(d.Year/10%10), '0' + byte(d.Year%10), '-', 0, 0, '-', 0, 0}
	putTwo(b[5:], int(d.Month))
	putTwo(b[8:], d.Day)
	return string(b)
}

// putTwo writes n, from 0 to 99, as two digits at the start of b.
func putTwo(b []byte, n int) {
	b[0], b[1] = '0'+byte(n/10), '0'+byte(n%10)
}

// In returns the instant at which d begins in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// At returns the instant of clock time c on day d in loc. A time that the day skips (2:30
// on the day clocks spring forward from 2:00 to 3:00) is read with the offset in use before
// the skip, as RFC 5545 reads a calendar's: 2:30 EST, which is 3:30 EDT. (Go's time.Date
// leaves the choice open, and gave 1:30 EST, an hour before a meeting that the calendar
// file puts at 3:30.)
func (d Date) At(c Clock, loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, loc)
	if t.Hour() == c.Hour && t.Minute() == c.Minute {
		return t
	}
	// The offset of the same clock time a day before: no zone changes twice in a day.
	_, before := time.Date(d.Year, d.Month, d.Day-1, c.Hour, c.Minute, 0, 0, loc).Zone()
	wall := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC)
	return wall.Add(-time.Duration(before) * time.Second).In(loc)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// DaysSince returns the number of days from e to d (positive when d is later).
func (d Date) DaysSince(e Date) int {
	return int(d.In(time.UTC).Sub(e.In(time.UTC)).Hours() / 24)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Clock is a time of day to the minute, written HH:MM on a 24-hour clock.
type Clock struct {
	Hour, Minute int
}

// ParseClock parses a time of day written as 24-hour HH:MM.
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return Clock{}, fmt.Errorf("%q is not a time written as 24-hour HH:MM", s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 23 || m > 59 {
		return Clock{}, fmt.Errorf("%q is not a time of day (00:00 to 23:59)", s)
	}
	return Clock{h, m}, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns c as HH:MM.
func (c Clock) String() string {
	if c.Hour < 0 || c.Hour > 99 || c.Minute < 0 || c.Minute > 99 {
		return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute)
	}
	b := []byte{0, 0, ':', 0, 0}
	putTwo(b, c.Hour)
	putTwo(b[3:], c.Minute)
	return string(b)
}

// Minutes returns the number of minutes since midnight.
func (c Clock) Minutes() int { return c.Hour*60 + c.Minute }

// AddMinutes returns c moved by n minutes, wrapping around midnight.
func (c Clock) AddMinutes(n int) Clock {
	m := ((c.Minutes()+n)%(24*60) + 24*60) % (24 * 60)
	return Clock{m / 60, m % 60}
}
