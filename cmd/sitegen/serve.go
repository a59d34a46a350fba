package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"sitegen/internal/build"
	"sitegen/internal/serve"
	"sitegen/internal/site"
)

func serveFlags(e *env) *flag.FlagSet {
	fs := sourceFlags(e)
	fs.StringVar(&e.nowFlag, "now", "", "the build `DATE` (YYYY-MM-DD); default SOURCE_DATE_EPOCH's day, or today (UTC)")
	fs.StringVar(&e.bind, "bind", "127.0.0.1", "the `ADDRESS` to listen on; the default, loopback, keeps the preview on this computer")
	fs.IntVar(&e.port, "port", 1313, "the TCP `PORT` to listen on")
	return fs
}

func runServe(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return e.serve(ctx, args)
}

// serve runs the dev server until ctx is done (Ctrl-C), then shuts it down cleanly.
func (e *env) serve(ctx context.Context, args []string) int {
	if len(args) > 0 {
		fmt.Fprintf(e.stderr, "sitegen serve: unexpected argument %q (use -s DIR for the site's folder)\n", args[0])
		return exitUsage
	}
	now, err := e.now()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitegen serve: %v\n", err)
		return exitUsage
	}
	if _, err := openSource(e.source); err != nil {
		fmt.Fprintf(e.stderr, "sitegen serve: %v\n", err)
		return exitUsage
	}
	if e.port < 0 || e.port > 65535 {
		fmt.Fprintf(e.stderr, "sitegen serve: --port %d is not a port number (0 to 65535)\n", e.port)
		return exitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(e.bind, strconv.Itoa(e.port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(e.stderr, "sitegen serve: port %d on %s is already in use (another sitegen serve?): stop it, or choose another port with --port, e.g. --port %d\n", e.port, e.bind, e.port+1)
		} else {
			fmt.Fprintf(e.stderr, "sitegen serve: cannot listen on %s port %d: %v\n", e.bind, e.port, err)
		}
		return exitSite
	}
	url := "http://" + browserHost(ln.Addr().(*net.TCPAddr)) + "/"
	srv, err := serve.New(serve.Options{
		Root:  e.source,
		Build: build.Options{Now: now, BaseURL: url, FileDates: e.fileDates("serve")},
		Log:   e.stdout,
		Watch: true,
		// Read again when a training changes, quietly: the notes were said as it started.
		FileDates: func() map[string]site.FileDates {
			dates, _, _ := e.trainingDates()
			return dates
		},
	})
	if err != nil {
		ln.Close()
		fmt.Fprintf(e.stderr, "sitegen serve: %v\n", err)
		return exitSite
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	// The address is printed before serving starts: the listener is already open, and a
	// browser (or test) that connects early must find it printed.
	fmt.Fprintf(e.stdout, "serving %s at %s (watching data/, content/ and templates/; Ctrl-C to stop)\n", e.source, url)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	code := exitOK
	select {
	case <-ctx.Done():
	case err := <-served:
		fmt.Fprintf(e.stderr, "sitegen serve: %v\n", err)
		code = exitSite
	}
	// The reload streams end with the server's Close; Shutdown would wait for them.
	if err := srv.Close(); err != nil {
		fmt.Fprintf(e.stderr, "sitegen serve: %v\n", err)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		fmt.Fprintf(e.stderr, "sitegen serve: shutting down: %v\n", err)
		code = exitSite
	}
	if code == exitOK {
		fmt.Fprintln(e.stdout, "stopped")
	}
	return code
}

// browserHost is the host:port a browser on this computer reaches addr at: a server bound to
// every address is reached at localhost.
func browserHost(addr *net.TCPAddr) string {
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, strconv.Itoa(addr.Port))
}
