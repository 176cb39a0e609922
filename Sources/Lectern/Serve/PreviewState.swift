import Foundation
import Synchronization

/// What the preview knows about its last build, shared between the builder
/// thread and the connections. Each finished build gets the next generation
/// number; pages long-poll for a generation newer than the one they show.
final class PreviewState: Sendable {
    struct Status: Sendable {
        /// 0 until the first build is done.
        var generation = 0
        var diagnostics: [Diagnostic] = []
        /// false when the last build wrote no pages (the lectures folder is missing, empty, ...).
        var siteWritten = false
        var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    }

    private let state = Mutex<(status: Status, closed: Bool)>((Status(), false))

    var current: Status { state.withLock { $0.status } }

    /// Records a finished build; pages waiting for it see it within their next check.
    @discardableResult
    func publish(diagnostics: [Diagnostic], siteWritten: Bool) -> Int {
        state.withLock { s in
            s.status.generation += 1
            s.status.diagnostics = diagnostics
            s.status.siteWritten = siteWritten
            return s.status.generation
        }
    }

    /// Waits (on the connection's thread) until a build newer than `generation` is
    /// done, the timeout passes, or the preview closes; returns the status then.
    func waitForBuild(after generation: Int, timeout: Double) -> Status {
        let deadline = monotonic() + timeout
        while true {
            let (status, closed) = state.withLock { ($0.status, $0.closed) }
            if status.generation > generation || closed || monotonic() >= deadline { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Answers every waiting page and later waits at once: the preview is stopping.
    func close() { state.withLock { $0.closed = true } }
}
