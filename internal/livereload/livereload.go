// Package livereload makes the pages open in a browser reload when the dev server has a new
// build. The server streams events with Server-Sent Events; a small script, served by the
// dev server as a file of its own (no inline script, so a strict Content-Security-Policy
// still allows it), listens and reloads. The tag loading the script is added to HTML
// responses as they are served ([Inject]): the built site never carries it.
//
// The stream sends, on connecting, a "hello" event whose data is the current build's id,
// then a "reload" event with the new id after every build that changed something. The script
// reloads on "reload", and on a "hello" with another id than the one it first saw, which
// covers a dev server restarted while the page stayed open.
package livereload

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Addresses the dev server answers for this package.
const (
	ScriptPath = "/_sitegen/reload.js" // the script
	EventsPath = "/_sitegen/events"    // the event stream
)

// Tag is the HTML that loads the script.
const Tag = `<script src="` + ScriptPath + `" defer></script>`

// script reloads the page when the stream says so. EventSource reconnects by itself after
// the server went away.
const script = `// Added by sitegen serve: reloads this page when the site is rebuilt.
(() => {
  let first = null;
  const events = new EventSource(` + "`" + EventsPath + "`" + `);
  events.addEventListener("hello", (e) => {
    if (first === null) first = e.data;
    else if (e.data !== first) location.reload();
  });
  events.addEventListener("reload", () => location.reload());
})();
`

// keepAlive is how often an idle stream sends a comment, so that a browser gone away is
// noticed and proxies do not close the stream.
const keepAlive = 25 * time.Second

// Hub sends reload events to every connected page. Its lifetime ends with [Hub.Close], which
// ends every stream (an http.Server's Shutdown waits for streams to end, so close the hub
// first). A Hub is safe for concurrent use.
type Hub struct {
	mu      sync.Mutex
	build   string                   // id of the current build, sent on connecting
	clients map[chan string]struct{} // one per open stream; holds the latest id to send
	closed  bool
	done    chan struct{} // closed by Close
}

// NewHub returns a hub whose current build has the given id.
func NewHub(build string) *Hub {
	return &Hub{build: build, clients: map[chan string]struct{}{}, done: make(chan struct{})}
}

// Reload records build as the current build's id and tells every connected page to reload.
func (h *Hub) Reload(build string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build = build
	for c := range h.clients {
		// Only the latest build matters: replace an id not yet sent.
		select {
		case <-c:
		default:
		}
		c <- build
	}
}

// Clients returns how many streams are open.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close ends every stream and refuses new ones. It may be called more than once.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// ServeHTTP serves the script at [ScriptPath] and the event stream at [EventsPath], and 404
// for anything else.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "reload.js", time.Time{}, strings.NewReader(script))
	case EventsPath:
		h.stream(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (h *Hub) stream(w http.ResponseWriter, r *http.Request) {
	c := make(chan string, 1)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "the dev server is shutting down", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = struct{}{}
	build := h.build
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	rc := http.NewResponseController(w)
	// A stream lasts as long as the page: no write deadline applies.
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	send := func(format string, args ...any) bool {
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 500\nevent: hello\ndata: %s\n\n", build) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case id := <-c:
			if !send("event: reload\ndata: %s\n\n", id) {
				return
			}
		case <-tick.C:
			if !send(": keep-alive\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

// Inject returns page with snippet inserted before its last "</body>" (in any case), or at
// its end when it has none. page is not modified.
func Inject(page []byte, snippet string) []byte {
	i := lastIndexFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(snippet))
	out = append(out, page[:i]...)
	out = append(out, snippet...)
	return append(out, page[i:]...)
}

// lastIndexFold returns the index of the last ASCII-case-insensitive match of sep in s, or -1.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
