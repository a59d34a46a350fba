package render

import (
	"html/template"
	"testing"
	"time"

	"sitegen/internal/civil"
)

func TestDateRange(t *testing.T) {
	d := func(y int, m time.Month, day int) civil.Date { return civil.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		name string
		lang string
		a, b civil.Date
		want string
	}{
		{name: "one day", lang: "en", a: d(2026, 10, 9), b: d(2026, 10, 9), want: "October 9, 2026"},
		{name: "same month", lang: "en", a: d(2026, 10, 9), b: d(2026, 10, 11), want: "October 9–11, 2026"},
		{name: "two months", lang: "en", a: d(2026, 10, 30), b: d(2026, 11, 1), want: "October 30 – November 1, 2026"},
		{name: "two years", lang: "en", a: d(2026, 12, 30), b: d(2027, 1, 1), want: "December 30, 2026 – January 1, 2027"},
		{name: "Spanish, same month", lang: "es", a: d(2027, 4, 9), b: d(2027, 4, 11), want: "9–11 de abril de 2027"},
		{name: "Spanish, two months", lang: "es", a: d(2027, 4, 30), b: d(2027, 5, 2), want: "30 de abril – 2 de mayo de 2027"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dateRange(tt.lang, tt.a, tt.b); got != tt.want {
				t.Errorf("dateRange(%q, %v, %v) = %q, want %q", tt.lang, tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestClockRange(t *testing.T) {
	c := func(h, m int) civil.Clock { return civil.Clock{Hour: h, Minute: m} }
	tests := []struct {
		name string
		lang string
		a, b civil.Clock
		want string
	}{
		{name: "both pm", lang: "en", a: c(18, 30), b: c(20, 0), want: "6:30–8:00 pm"},
		{name: "am to pm", lang: "en", a: c(9, 0), b: c(16, 30), want: "9:00 am–4:30 pm"},
		{name: "noon", lang: "en", a: c(11, 0), b: c(12, 0), want: "11:00 am–12:00 pm"},
		{name: "midnight", lang: "en", a: c(0, 15), b: c(1, 0), want: "12:15–1:00 am"},
		{name: "Spanish", lang: "es", a: c(9, 0), b: c(16, 30), want: "9:00–16:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clockRange(tt.lang, tt.a, tt.b); got != tt.want {
				t.Errorf("clockRange(%q, %v, %v) = %q, want %q", tt.lang, tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestTimeWords(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		t    time.Time
		want string
	}{
		{lang: "en", t: time.Date(2026, 12, 1, 18, 30, 0, 0, ny), want: "Tuesday, December 1, 2026, 6:30 pm EST"},
		{lang: "en", t: time.Date(2026, 7, 4, 10, 0, 0, 0, ny), want: "Saturday, July 4, 2026, 10:00 am EDT"},
		{lang: "es", t: time.Date(2026, 12, 1, 18, 30, 0, 0, ny), want: "martes, 1 de diciembre de 2026, 18:30 EST"},
		{lang: "en", t: time.Date(2026, 12, 1, 9, 5, 0, 0, time.FixedZone("", -7*3600)), want: "Tuesday, December 1, 2026, 9:05 am UTC-07"},
	}
	for _, tt := range tests {
		if got := timeWords(tt.lang, tt.t); got != tt.want {
			t.Errorf("timeWords(%q, %v) = %q, want %q", tt.lang, tt.t, got, tt.want)
		}
	}
}

func TestPhoneLinks(t *testing.T) {
	tests := []struct {
		name      string
		phone     string
		wantTel   template.URL
		wantWords string
	}{
		{name: "short code", phone: "988", wantTel: "tel:988", wantWords: "988"},
		{name: "US number", phone: "(614) 555-0190", wantTel: "tel:+16145550190", wantWords: "614-555-0190"},
		{name: "with country code", phone: "1-800-950-6264", wantTel: "tel:+18009506264", wantWords: "1-800-950-6264"},
		{name: "no digits", phone: "call us", wantTel: "", wantWords: "call us"},
		{name: "injection", phone: "javascript:alert(1)", wantTel: "tel:1", wantWords: "javascript:alert(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := telURL(tt.phone); got != tt.wantTel {
				t.Errorf("telURL(%q) = %q, want %q", tt.phone, got, tt.wantTel)
			}
			if got := phoneWords(tt.phone); got != tt.wantWords {
				t.Errorf("phoneWords(%q) = %q, want %q", tt.phone, got, tt.wantWords)
			}
		})
	}
}

func TestTextLinks(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantSMS   template.URL
		wantLabel string
	}{
		{name: "number only", text: "988", wantSMS: "sms:988", wantLabel: "text 988"},
		{name: "keyword", text: `Text "helpline" to 62640`, wantSMS: "sms:62640?body=helpline", wantLabel: `text "helpline" to 62640`},
		{name: "keyword with space", text: `Text "home now" to 741741`, wantSMS: "sms:741741?body=home%20now", wantLabel: `text "home now" to 741741`},
		{name: "no number", text: "Text us", wantSMS: "", wantLabel: "text us"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := smsURL(tt.text); got != tt.wantSMS {
				t.Errorf("smsURL(%q) = %q, want %q", tt.text, got, tt.wantSMS)
			}
			if got := textLabel(tt.text); got != tt.wantLabel {
				t.Errorf("textLabel(%q) = %q, want %q", tt.text, got, tt.wantLabel)
			}
		})
	}
}
