import Foundation
import Synchronization

/// Step 2 of a build: runs the lectures' programs, up to one per core at once,
/// and stores each lecture's run with it. Progress lines are logged in lecture order.
func runLectures(_ lectures: inout [LectureBuild], executor: Executor, log: (@Sendable (String) -> Void)?,
                 verbose: Bool = false) {
    let results = ResultBox(count: lectures.count)
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lectures.count))
    let next = ResultBox(count: 0)
    let planned = lectures
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let i = next.claim(below: planned.count) {
            let lecture = planned[i].lecture, plan = planned[i].plan
            let start = Date()
            let run = executor.run(lecture, seed: plan.seed, timeout: plan.timeout)
            let seconds = Date().timeIntervalSince(start)
            if let log {
                var line = String(format: "%@ %.2f s", lecture.file, seconds)
                if run.cacheHit { line += " (cached)" }
                else { line += String(format: " (compile %.2f s, run %.2f s)", run.compileSeconds, run.runSeconds) }
                if !run.diagnostics.isEmpty { line += " — \(run.diagnostics.count) error(s)" }
                if verbose {
                    line += " seed \(plan.seed), time limit \(formatSeconds(plan.timeout))"
                    for cell in lecture.runCells {
                        let result = run.cells[cell.index]
                        let time = result?.seconds.map { String(format: "%.3f s", $0) } ?? "-"
                        line += "\n  \(lecture.file):\(cell.fenceLine) cell \(cell.index + 1): \(time)"
                        if case .runtimeError? = result?.status { line += " (failed)" }
                        if let stack = result?.backtrace, !stack.isEmpty {
                            line += "\n    stack of the trap, innermost first:\n" + stack.map { "      " + $0 }.joined(separator: "\n")
                        }
                    }
                    for stack in run.backtraces { line += "\n    stack of the trap, innermost first:\n" + stack }
                }
                results.set(i, run, line: line, log: log)
            } else {
                results.set(i, run, line: nil, log: nil)
            }
        }
    }
    for (i, run) in results.all().enumerated() { lectures[i].run = run }
}

/// A lock-protected array of results and a work counter, shared by the workers.
/// Progress lines are printed in lecture order, each as soon as those before it are done.
private final class ResultBox: Sendable {
    private struct State {
        var items: [LectureRun?]
        var lines: [String?]
        var printed = 0
        var counter = 0
    }
    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(items: Array(repeating: nil, count: count), lines: Array(repeating: nil, count: count)))
    }

    func set(_ i: Int, _ run: LectureRun, line: String?, log: (@Sendable (String) -> Void)?) {
        state.withLock { s in
            s.items[i] = run
            s.lines[i] = line
            while s.printed < s.lines.count, s.items[s.printed] != nil {
                if let line = s.lines[s.printed] { log?(line) }
                s.printed += 1
            }
        }
    }
    func all() -> [LectureRun] { state.withLock { $0.items.map { $0 ?? LectureRun() } } }
    func claim(below limit: Int) -> Int? {
        state.withLock { s in
            guard s.counter < limit else { return nil }
            s.counter += 1
            return s.counter - 1
        }
    }
}

/// Reruns every lecture with `seeds` seeds after the default one and counts,
/// for each check (plain checks, estimates and ```output blocks: any of them
/// can depend on the seed), in how many of those runs it failed. A check that
/// a seed's run did not reach (its cell trapped, say) failed in that run.
func rerunStatisticalChecks(_ lectures: [LectureBuild], executor: Executor, seeds: Int,
                            log: (@Sendable (String) -> Void)?) -> [(check: String, failed: Int, runs: Int)] {
    var order: [String] = []
    var failures: [String: Int] = [:]
    func key(_ check: CheckResult) -> String { "\(check.location): \(check.name)" }
    for build in lectures {
        for check in build.checks where failures[key(check)] == nil {
            order.append(key(check))
            failures[key(check)] = 0
        }
    }
    for k in 1...seeds {
        var seeded = lectures
        for i in seeded.indices { seeded[i].plan.seed &+= UInt64(k) }
        runLectures(&seeded, executor: executor, log: nil)
        var passed = Set<String>()
        for build in seeded {
            for check in verify(build.lecture, build.run) {
                if failures[key(check)] == nil { order.append(key(check)); failures[key(check)] = k - 1 }
                if check.passed { passed.insert(key(check)) }
            }
        }
        for name in order where !passed.contains(name) { failures[name, default: 0] += 1 }
        log?("seeds +\(k): done (\(k)/\(seeds))")
    }
    return order.map { ($0, failures[$0] ?? 0, seeds) }
}
