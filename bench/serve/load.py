#!/usr/bin/env python3
"""Requests per second and latency of the preview server, alone and under attack.

Runs `lectern serve --port 0` on a copy of the `basic` fixture (127.0.0.1 only)
and, for a fixed time each, measures GETs of a lecture page from keep-alive
clients:
  1. alone (the reference);
  2. while 50 slow clients each trickle a request head one byte every 0.5 s
     and 2 clients send 1 MB request lines in a loop.
Prints requests/s, p50 and p99 latency of each, their ratio, what the attackers
got back, and how long the server took to stop on one SIGTERM. Every loop is
bounded in time; nothing leaves the loopback.

    python3 bench/serve/load.py [path/to/lectern] [seconds per phase]
"""
import http.client, multiprocessing, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
lectern = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, ".build/debug/lectern")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
CLIENTS, SLOW, LONG = 4, 50, 2


def measure(port, duration):
    """GET /01-intro.html from CLIENTS keep-alive connections for `duration` s."""
    latencies, failures, lock = [], [0], threading.Lock()
    stop = time.time() + duration

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad = [], 0
        while time.time() < stop:
            t = time.perf_counter()
            try:
                conn.request("GET", "/01-intro.html")
                r = conn.getresponse()
                body = r.read()
                if r.status != 200 or b"x is 21" not in body:
                    bad += 1
                mine.append(time.perf_counter() - t)
                if r.getheader("Connection") == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            except Exception:
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads: t.start()
    for t in threads: t.join()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    return len(latencies) / duration, p(0.50), p(0.99), failures[0]


def slow_client(port, until, results):
    """Trickles a request head, one byte every 0.5 s, reconnecting when cut off."""
    head = b"GET /01-intro.html HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: " % port + b"z" * 200
    cut = 0
    while time.time() < until:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=15)
            for i in range(len(head)):
                if time.time() >= until: break
                s.sendall(head[i:i + 1])
                time.sleep(0.5)
            s.close()
        except OSError:
            cut += 1
            time.sleep(0.1)
    results.put(("slow", cut))


def long_line_client(port, until, results):
    """Sends 1 MB request lines in a loop and counts the answers."""
    line = b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port
    answers = {}
    while time.time() < until:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            try:
                s.sendall(line)
            except OSError:
                pass
            reply = s.recv(64)
            s.close()
            status = reply.split(b" ")[1].decode() if reply.startswith(b"HTTP/1.1 ") else "none"
        except OSError:
            status = "error"
        answers[status] = answers.get(status, 0) + 1
    results.put(("long", answers))


work = tempfile.mkdtemp(prefix="lectern-load-bench-")
shutil.copytree(os.path.join(root, "Tests/EndToEndTests/Fixtures/basic/lectures"), os.path.join(work, "lectures"))
server = subprocess.Popen([lectern, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
try:
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/_lectern/events?since=0", timeout=300).read()  # first build

    alone = measure(port, seconds)

    results = multiprocessing.Queue()
    until = time.time() + seconds + 2
    attackers = [multiprocessing.Process(target=slow_client, args=(port, until, results)) for _ in range(SLOW)]
    attackers += [multiprocessing.Process(target=long_line_client, args=(port, until, results)) for _ in range(LONG)]
    for a in attackers: a.start()
    time.sleep(1)  # let the slow clients connect
    attacked = measure(port, seconds)
    for a in attackers: a.join(timeout=seconds + 30)
    outcomes = [results.get(timeout=5) for _ in attackers]
    cut = sum(n for kind, n in outcomes if kind == "slow")
    answers = {}
    for kind, a in outcomes:
        if kind == "long":
            for k, v in a.items(): answers[k] = answers.get(k, 0) + v

    start = time.time()
    server.send_signal(signal.SIGTERM)
    status = server.wait(timeout=30)
    stop_seconds = time.time() - start
finally:
    if server.poll() is None:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)

print(f"preview server, GET /01-intro.html, {CLIENTS} keep-alive clients, {seconds:.0f} s per phase, {os.cpu_count()} cores")
print(f"  alone:                         {alone[0]:8.0f} req/s   p50 {alone[1]:6.2f} ms   p99 {alone[2]:6.2f} ms   failed {alone[3]}")
print(f"  under {SLOW} slow + {LONG} x 1 MB lines: {attacked[0]:8.0f} req/s   p50 {attacked[1]:6.2f} ms   p99 {attacked[2]:6.2f} ms   failed {attacked[3]}")
print(f"  ratio under attack / alone:    {attacked[0] / alone[0]:8.2f} (req/s)   p99 x{attacked[2] / alone[2]:.2f}")
print(f"  slow clients cut off: {cut} times; 1 MB request lines answered: {answers}")
print(f"  stopped on one SIGTERM in {stop_seconds:.2f} s, exit {status}")
