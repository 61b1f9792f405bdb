// Command demo-app is the real application of the local cluster's real node (hack/node.sh): one
// static binary, three roles.
//
//	demo-app serve [-listen :8080]
//	    An HTTP server. GET / answers 200, or 500 for a share of the requests given by the
//	    ERROR_RATIO environment variable (0..1, default 0; a template change, so a new revision).
//	    GET /metrics: http_requests_total{code} in the Prometheus text format, counting every
//	    request to / since start. GET /healthz: 200 "ok" (the readiness probe). On SIGTERM it
//	    answers /healthz with 503 and keeps serving for DRAIN_SECONDS (default 3), so kube-proxy
//	    takes the pod out of its Service before the server stops accepting connections.
//	demo-app load -target URL [-rps 20]
//	    A load generator: GET URL at a steady rate forever, logging a summary every 10 s.
//	demo-app dial -addr HOST:PORT [-timeout 3s]
//	    One TCP connection attempt: exit 0 and "connected" when it is accepted, exit 1 and the
//	    error otherwise. The node's isolation test dials from a pod with it.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: demo-app serve|load|dial [flags]")
		os.Exit(2)
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "serve":
		serve(args)
	case "load":
		load(args)
	case "dial":
		os.Exit(dial(args))
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q: serve, load or dial\n", os.Args[1])
		os.Exit(2)
	}
}

// counters holds http_requests_total by status code.
type counters struct {
	mu     sync.Mutex
	byCode map[int]uint64
}

func (c *counters) add(code int) {
	c.mu.Lock()
	c.byCode[code]++
	c.mu.Unlock()
}

func (c *counters) write(w http.ResponseWriter) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	fmt.Fprintln(w, "# HELP http_requests_total Requests to / by status code.")
	fmt.Fprintln(w, "# TYPE http_requests_total counter")
	// Both codes always present, so a ratio query has a denominator from the first scrape on.
	for _, code := range []int{200, 500} {
		fmt.Fprintf(w, "http_requests_total{code=\"%d\"} %d\n", code, c.byCode[code])
	}
}

func errorRatio() float64 {
	v := os.Getenv("ERROR_RATIO")
	if v == "" {
		return 0
	}
	r, err := strconv.ParseFloat(v, 64)
	if err != nil || r < 0 || r > 1 {
		fmt.Fprintf(os.Stderr, "ERROR_RATIO=%q is not a number in 0..1\n", v)
		os.Exit(2)
	}
	return r
}

func serve(args []string) {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	listen := fs.String("listen", ":8080", "address to listen on")
	_ = fs.Parse(args)
	ratio := errorRatio()
	c := &counters{byCode: map[int]uint64{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		code := http.StatusOK
		if rand.Float64() < ratio {
			code = http.StatusInternalServerError
		}
		c.add(code)
		w.WriteHeader(code)
		fmt.Fprintln(w, http.StatusText(code))
	})
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) { c.write(w) })
	var draining atomic.Bool
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if draining.Load() {
			http.Error(w, "draining", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	fmt.Printf("demo-app %s serving on %s, error ratio %v\n", os.Getenv("VERSION"), *listen, ratio)
	server := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
		<-stop
		draining.Store(true)
		drain := 3 * time.Second
		if v, err := strconv.Atoi(os.Getenv("DRAIN_SECONDS")); err == nil && v >= 0 {
			drain = time.Duration(v) * time.Second
		}
		fmt.Printf("terminating: draining for %s\n", drain)
		time.Sleep(drain)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(ctx)
		close(done)
	}()
	if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	<-done
}

func load(args []string) {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	target := fs.String("target", "", "URL to GET")
	rps := fs.Float64("rps", 20, "requests per second")
	_ = fs.Parse(args)
	if *target == "" || *rps <= 0 {
		fmt.Fprintln(os.Stderr, "load needs -target URL and -rps > 0")
		os.Exit(2)
	}
	client := &http.Client{Timeout: 2 * time.Second}
	var ok, failed, errs atomic.Uint64
	go func() {
		for range time.Tick(10 * time.Second) {
			fmt.Printf("load %s: %d 2xx, %d other, %d errors\n", *target, ok.Load(), failed.Load(), errs.Load())
		}
	}()
	ticker := time.NewTicker(time.Duration(float64(time.Second) / *rps))
	for range ticker.C {
		go func() {
			resp, err := client.Get(*target)
			if err != nil {
				errs.Add(1)
				return
			}
			resp.Body.Close()
			if resp.StatusCode < 300 {
				ok.Add(1)
			} else {
				failed.Add(1)
			}
		}()
	}
}

func dial(args []string) int {
	fs := flag.NewFlagSet("dial", flag.ExitOnError)
	addr := fs.String("addr", "", "HOST:PORT")
	timeout := fs.Duration("timeout", 3*time.Second, "connect timeout")
	_ = fs.Parse(args)
	start := time.Now()
	conn, err := net.DialTimeout("tcp", *addr, *timeout)
	elapsed := time.Since(start).Round(time.Millisecond)
	if err != nil {
		fmt.Printf("failed after %s: %v\n", elapsed, err)
		return 1
	}
	conn.Close()
	fmt.Printf("connected after %s\n", elapsed)
	return 0
}
