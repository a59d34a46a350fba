package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitegen/internal/sitetest"
)

// freePort returns a TCP port on loopback that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestServeCommand runs `sitegen serve` over a real socket: it prints its address, serves the
// site there, and stops cleanly when interrupted (the context stands for Ctrl-C).
func TestServeCommand(t *testing.T) {
	dir := copySample(t)
	port := freePort(t)
	var stdout, stderr sitetest.Log
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return map[string]string{"SITEGEN_CACHE": "off"}[k] }}
	fs := serveFlags(e)
	if err := fs.Parse([]string{"-s", dir, "--port", strconv.Itoa(port), "--now", "2026-11-23"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- e.serve(ctx, nil) }()

	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/"
	var body []byte
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(url + "groups/"); err == nil {
			body, _ = io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !bytes.Contains(body, []byte("<h1")) || !bytes.Contains(body, []byte("/_sitegen/reload.js")) {
		t.Fatalf("GET %sgroups/ did not serve the finder page with the reload script:\n%.300s", url, body)
	}
	if !strings.Contains(stdout.String(), url) {
		t.Errorf("serve printed %q, want the address %s", stdout.String(), url)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve exited %d after Ctrl-C, want 0; stderr: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of Ctrl-C")
	}
	if !strings.Contains(stdout.String(), "stopped") {
		t.Errorf("serve printed %q, want it to say it stopped", stdout.String())
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after stopping")
	}
}

// TestServePortInUse gives a clear message that names --port when the port is taken.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	r := sitegen(t, "serve", "-s", copySample(t), "--port", strconv.Itoa(port))
	if r.code != exitSite {
		t.Errorf("serve on a port in use exited %d, want %d", r.code, exitSite)
	}
	if !strings.Contains(r.stderr, "already in use") || !strings.Contains(r.stderr, "--port") {
		t.Errorf("serve on a port in use said %q, want it to say the port is in use and suggest --port", r.stderr)
	}
}
