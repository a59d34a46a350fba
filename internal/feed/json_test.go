package feed

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestMeetingJSON: a meeting's hand-made JSON is byte for byte what encoding/json writes,
// for every field set and unset, strings that need escaping, and numbers of every form.
func TestMeetingJSON(t *testing.T) {
	odd := []string{
		"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnew\nline\rcr",
		"\b\f\x00\x01\x1f\x7f", "bad \xff\xfe utf-8 \xe2\x82", "line\u2028para\u2029", "Conexión 🌵 日本",
		"https://meet.example.org/j/1?a=1&b=<2>",
	}
	floats := []float64{0, math.Copysign(0, -1), 59.357, -158.8214, 1, 1e-7, -3.2e-9, 1e21, 1.5e300, 123456789.123}
	ptr := func(f float64) *float64 { return &f }
	var cases []meeting
	cases = append(cases, meeting{}, meeting{
		Slug: "a", Name: "b", Day: 6, Time: "18:30", EndTime: "20:00", Timezone: "America/Phoenix",
		Types: []string{"EN", "X", "TC"}, Location: "Hall", FormattedAddress: "1 Elm St, Akron, OH 44301",
		Address: "1 Elm St", City: "Akron", State: "OH", PostalCode: "44301", Country: "US",
		Latitude: ptr(41.08), Longitude: ptr(-81.51), Approximate: "no", ConferenceURL: "https://x.example",
		ConferenceURLNotes: "Zoom", Notes: "n", Updated: "2026-11-01 00:00:00", URL: "https://u.example/g/",
		Entity: "NAMI", EntityEmail: "e@example.org", EntityURL: "https://n.example", EntityWebsiteURL: "https://n.example",
		EntityPhone: "555-0100",
	})
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		if r.IntN(4) == 0 {
			// a random string of bytes, valid UTF-8 or not
			b := make([]byte, r.IntN(12))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			return string(b)
		}
		return odd[r.IntN(len(odd))]
	}
	for range 500 {
		// Every field, by reflection, so that a field added to meeting and not to appendJSON
		// is caught.
		var m meeting
		v := reflect.ValueOf(&m).Elem()
		for i := range v.NumField() {
			switch f := v.Field(i); f.Interface().(type) {
			case string:
				f.SetString(pick())
			case int:
				f.SetInt(int64(r.IntN(7)))
			case []string:
				var list []string
				for range r.IntN(3) {
					list = append(list, pick())
				}
				f.Set(reflect.ValueOf(list))
			case *float64:
				if r.IntN(3) > 0 {
					f.Set(reflect.ValueOf(ptr(floats[r.IntN(len(floats))])))
				}
			default:
				t.Fatalf("meeting.%s: a kind of field this test does not fill", v.Type().Field(i).Name)
			}
		}
		cases = append(cases, m)
	}
	for _, m := range cases {
		want, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.appendJSON(nil); string(got) != string(want) {
			t.Errorf("appendJSON(%#v)\n got %s\nwant %s", m, got, want)
		}
	}
}
