#!/usr/bin/env python3
"""Time from a lecture edit to the preview's reload signal, beside a reference.

Runs `lectern serve --port 0` on a copy of a fixture, keeps a reload long poll
open as a page would, edits a lecture and measures the time until the poll is
answered with the new build. The reference, in the same run, is what an author
does without the preview: run `lectern build --keep-going` after the same edit
(same cache). Two kinds of edit: prose only (the program is unchanged, so the
lecture is a cache hit) and a changed cell (recompiled and rerun).

    python3 bench/serve/latency.py [path/to/lectern] [rounds]
"""
import json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
lectern = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, ".build/debug/lectern")
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5

work = tempfile.mkdtemp(prefix="lectern-serve-bench-")
shutil.copytree(os.path.join(root, "Tests/EndToEndTests/Fixtures/basic/lectures"), os.path.join(work, "lectures"))
lecture = os.path.join(work, "lectures/01-intro.md")
original = open(lecture).read()
# The reference runs in its own copy, so the server does not see its edits.
reference = tempfile.mkdtemp(prefix="lectern-build-bench-")
shutil.copytree(os.path.join(root, "Tests/EndToEndTests/Fixtures/basic/lectures"), os.path.join(reference, "lectures"))
reference_lecture = os.path.join(reference, "lectures/01-intro.md")

server = subprocess.Popen([lectern, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
try:
    first = server.stdout.readline()
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", first).group(1))
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()  # drain

    def poll(since, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_lectern/events?since={since}", timeout=40) as r:
                event = json.load(r)
            if event["generation"] > since:
                return event
        raise TimeoutError("no build")

    generation = poll(0)["generation"]

    def serve_latency(text):
        nonlocal_box = {}
        def wait():
            nonlocal_box["event"] = poll(generation)
            nonlocal_box["t"] = time.perf_counter()
        t = threading.Thread(target=wait)
        t.start()
        time.sleep(0.35)  # the poll is open, and the watcher has seen the previous state
        start = time.perf_counter()
        with open(lecture, "w") as f:
            f.write(text)
        t.join(150)
        return nonlocal_box["t"] - start, nonlocal_box["event"]["generation"]

    def build_latency(text):
        with open(reference_lecture, "w") as f:
            f.write(text)
        start = time.perf_counter()
        subprocess.run([lectern, "build", "--keep-going", "--quiet"], cwd=reference,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    build_latency(original)  # warm the reference's cache, as the server's first build warmed its own

    results = {"prose": ([], []), "cell": ([], [])}
    for i in range(rounds):
        for kind in ("prose", "cell"):
            if kind == "prose":
                text = original.replace("Some *prose*", f"Some *prose* (round {i})")
            else:
                text = original.replace('print("x is", x)', f'print("x is", x, "round", {i})')
            # serve: edit, wait for the signal; then restore (a cache hit) and wait again
            seconds, generation = serve_latency(text)
            results[kind][0].append(seconds)
            _, generation = serve_latency(original)
            # reference: the same edit in the other copy, then a full CLI build
            results[kind][1].append(build_latency(text))
            with open(reference_lecture, "w") as f:
                f.write(original)

    print(f"lectern: {lectern}; {rounds} rounds; fixture basic (2 lectures)")
    print(f"{'edit':<8}{'serve: edit→reload signal (median)':>38}{'reference: lectern build (median)':>36}{'ratio':>8}")
    for kind, (serve, build) in results.items():
        s, b = statistics.median(serve), statistics.median(build)
        print(f"{kind:<8}{s:>35.3f} s{b:>33.3f} s{s / b:>8.2f}")
finally:
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=15)
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(reference, ignore_errors=True)
    print(f"serve exited with {code} on SIGTERM")
