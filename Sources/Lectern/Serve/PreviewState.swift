import Foundation

/// What the preview knows about its last build, shared between the builder
/// thread and the HTTP handlers. Each finished build gets the next generation
/// number; pages long-poll for a generation newer than the one they show.
final class PreviewState: @unchecked Sendable {
    struct Status: Sendable {
        /// 0 until the first build is done.
        var generation = 0
        var diagnostics: [Diagnostic] = []
        /// false when the last build wrote no pages (the lectures folder is missing, empty, ...).
        var siteWritten = false
        var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    }

    private let lock = NSLock()
    private var status = Status()
    private var waiters: [UInt64: CheckedContinuation<Status, Never>] = [:]
    private var nextWaiter: UInt64 = 0
    private var closed = false

    var current: Status { lock.withLock { status } }

    /// Records a finished build and wakes every page waiting for it.
    @discardableResult
    func publish(diagnostics: [Diagnostic], siteWritten: Bool) -> Int {
        let (woken, now) = lock.withLock {
            status.generation += 1
            status.diagnostics = diagnostics
            status.siteWritten = siteWritten
            let woken = Array(waiters.values)
            waiters.removeAll()
            return (woken, status)
        }
        for w in woken { w.resume(returning: now) }
        return now.generation
    }

    /// Waits until a build newer than `generation` is done, the timeout passes, or
    /// the preview closes; returns the status then.
    func waitForBuild(after generation: Int, timeout: Double) async -> Status {
        let id = lock.withLock { () -> UInt64 in nextWaiter += 1; return nextWaiter }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Status, Never>) in
                let ready: Status? = lock.withLock {
                    if status.generation > generation || closed { return status }
                    waiters[id] = continuation
                    return nil
                }
                if let ready {
                    continuation.resume(returning: ready)
                    return
                }
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                    self.release(id)
                }
            }
        } onCancel: {
            self.release(id)
        }
    }

    /// Wakes every waiting page and answers later waits at once: the preview is stopping.
    func close() {
        let (woken, now) = lock.withLock {
            closed = true
            let woken = Array(waiters.values)
            waiters.removeAll()
            return (woken, status)
        }
        for w in woken { w.resume(returning: now) }
    }

    private func release(_ id: UInt64) {
        let (waiter, now) = lock.withLock { (waiters.removeValue(forKey: id), status) }
        waiter?.resume(returning: now)
    }
}
