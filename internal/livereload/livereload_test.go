package livereload

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestInject(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"before body end", "<html><body><p>x</p></body></html>", "<html><body><p>x</p>TAG</body></html>"},
		{"upper case", "<BODY>x</BODY></HTML>", "<BODY>xTAG</BODY></HTML>"},
		{"the last of several", "<body><pre>&lt;/body></pre></body>\n</html>\n", "<body><pre>&lt;/body></pre>TAG</body>\n</html>\n"},
		{"no body end", "<p>x", "<p>xTAG"},
		{"empty", "", "TAG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := []byte(tt.page)
			if got := string(Inject(page, "TAG")); got != tt.want {
				t.Errorf("Inject(%q, TAG) = %q, want %q", tt.page, got, tt.want)
			}
			if string(page) != tt.page {
				t.Errorf("Inject(%q, TAG) modified its argument to %q", tt.page, page)
			}
		})
	}
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// readEvent reads the next event of an SSE stream, skipping comments and retry lines.
func readEvent(t *testing.T, r *bufio.Reader) (event, error) {
	t.Helper()
	var ev event
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return ev, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if ev.name != "" {
				return ev, nil
			}
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data = strings.TrimPrefix(line, "data: ")
		}
	}
}

func TestHubStream(t *testing.T) {
	h := NewHub("b1")
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer h.Close()

	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q, want text/event-stream", ct)
	}
	r := bufio.NewReader(resp.Body)
	if ev, err := readEvent(t, r); err != nil || ev != (event{"hello", "b1"}) {
		t.Fatalf("first event = %v, %v; want hello b1", ev, err)
	}
	h.Reload("b2")
	if ev, err := readEvent(t, r); err != nil || ev != (event{"reload", "b2"}) {
		t.Fatalf("event after Reload(b2) = %v, %v; want reload b2", ev, err)
	}
	h.Close()
	done := make(chan error, 1)
	go func() { _, err := readEvent(t, r); done <- err }()
	select {
	case err := <-done:
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			t.Errorf("reading after Close: %v, want the end of the stream", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the stream did not end within 10 s of Close")
	}

	resp2, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET %s after Close: status %d, want 503", EventsPath, resp2.StatusCode)
	}
}

func TestScript(t *testing.T) {
	h := NewHub("b1")
	defer h.Close()
	tests := []struct {
		path       string
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{ScriptPath, 200, "text/javascript; charset=utf-8", "new EventSource(`" + EventsPath + "`)"},
		{"/_sitegen/other.js", 404, "", ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.wantStatus {
			t.Errorf("GET %s: status %d, want %d", tt.path, rec.Code, tt.wantStatus)
		}
		if tt.wantType != "" && rec.Header().Get("Content-Type") != tt.wantType {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, rec.Header().Get("Content-Type"), tt.wantType)
		}
		if !strings.Contains(rec.Body.String(), tt.wantBody) {
			t.Errorf("GET %s: body %q, want it to hold %q", tt.path, rec.Body.String(), tt.wantBody)
		}
	}
}
