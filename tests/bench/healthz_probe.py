#!/usr/bin/python3
"""Measures GET /healthz latency: one keep-alive HTTPS connection, a request every INTERVAL
seconds for SECONDS seconds (the next one at once when a request overran its slot).
Prints "samples p50_ms p99_ms max_ms". Fails on any answer other than 200.

Usage: healthz_probe.py PORT SECONDS [INTERVAL]
"""
import http.client
import math
import ssl
import sys
import time


def percentile(ordered, p):
    """Nearest-rank percentile of an ascending list."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main():
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
    # The server's certificate is self-signed; only latency is measured here.
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=ssl._create_unverified_context())
    conn.connect()  # the TLS handshake is not part of any sample
    latencies = []
    start = time.perf_counter()
    next_at = start
    while next_at < start + seconds:
        now = time.perf_counter()
        if now < next_at:
            time.sleep(next_at - now)
        sent = time.perf_counter()
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        response.read()
        done = time.perf_counter()
        if response.status != 200:
            sys.exit(f"/healthz answered {response.status}")
        latencies.append((done - sent) * 1000)
        next_at = max(next_at + interval, done)
    latencies.sort()
    print(f"{len(latencies)} {percentile(latencies, 50):.2f} {percentile(latencies, 99):.2f} "
          f"{latencies[-1]:.2f}")


if __name__ == "__main__":
    main()
