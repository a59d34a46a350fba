package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sitegen/internal/build"
	"sitegen/internal/livereload"
)

// TestHostCheck asks a dev server for its home page and its reload stream under many Host
// headers: it answers for the address it serves at and, when that is this computer, for the
// computer's own names; for any other name (a page whose name was rebound to this computer)
// it answers 421 and shows nothing of the site.
func TestHostCheck(t *testing.T) {
	s, err := New(Options{Root: copySite(t), Build: build.Options{Now: now, BaseURL: "http://127.0.0.1:1313/"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		base, host string
		ok         bool
	}{
		{"http://127.0.0.1:1313/", "127.0.0.1:1313", true},
		{"http://127.0.0.1:1313/", "localhost:1313", true},
		{"http://127.0.0.1:1313/", "LOCALHOST:1313", true},
		{"http://127.0.0.1:1313/", "[::1]:1313", true},
		{"http://127.0.0.1:1313/", "127.0.0.1", true},
		{"http://127.0.0.1:1313/", "", true},
		{"http://127.0.0.1:1313/", "attacker.example:1313", false},
		{"http://127.0.0.1:1313/", "127.0.0.1.attacker.example", false},
		{"http://127.0.0.1:1313/", "localhost.attacker.example:1313", false},
		{"http://127.0.0.1:1313/", "192.168.1.5:1313", false},
		{"http://[::1]:1313/", "[::1]:1313", true},
		{"http://[::1]:1313/", "localhost:1313", true},
		{"http://[::1]:1313/", "attacker.example:1313", false},
		// Listening on every address: reached by this computer's names and any address.
		{"http://localhost:1313/", "localhost:1313", true},
		{"http://localhost:1313/", "192.168.1.5:1313", true},
		{"http://localhost:1313/", "[fe80::1]:1313", true},
		{"http://localhost:1313/", "attacker.example:1313", false},
		// Listening on one address of a network: that address only.
		{"http://192.168.1.5:1313/", "192.168.1.5:1313", true},
		{"http://192.168.1.5:1313/", "localhost:1313", false},
		{"http://192.168.1.5:1313/", "attacker.example:1313", false},
	}
	for _, tt := range tests {
		s.opts.Build.BaseURL = tt.base
		for _, target := range []string{"/", livereload.EventsPath} {
			t.Run(tt.base+" "+tt.host+" "+target, func(t *testing.T) {
				req := httptest.NewRequest("GET", target, nil)
				req.Host = tt.host
				if target == livereload.EventsPath && tt.ok {
					return // a stream that stays open; its refusal is what matters
				}
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				switch {
				case tt.ok && rec.Code != http.StatusOK:
					t.Errorf("Host %q: status %d, want 200", tt.host, rec.Code)
				case !tt.ok && rec.Code != http.StatusMisdirectedRequest:
					t.Errorf("Host %q: status %d, want 421", tt.host, rec.Code)
				case !tt.ok && strings.Contains(rec.Body.String(), "<html"):
					t.Errorf("Host %q: the refusal shows a page of the site", tt.host)
				}
			})
		}
	}
}

// TestHostCheckOverSocket sends a rebinding page's request to a dev server on a real socket.
func TestHostCheckOverSocket(t *testing.T) {
	_, base := start(t, copySite(t), 0)
	addr := strings.TrimPrefix(base, "http://")
	for host, want := range map[string]int{addr: 200, "attacker.example:" + strings.Split(addr, ":")[1]: 421} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d (%s)", host, resp.StatusCode, want, body)
		}
	}
}
