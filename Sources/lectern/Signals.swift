import Dispatch
import Foundation
import Lectern
import Synchronization

/// Held by whoever ends the process: a stop signal killing the programs, or the
/// normal end printing its summary. The other waits, and the process ends first.
let exitLock = Mutex(())

/// Turns SIGINT and SIGTERM into calls of `handler` with the signal (on a
/// dispatch queue) instead of ending the process. Keep the result alive while
/// the signals should be caught.
func catchStopSignals(_ handler: @escaping @Sendable (Int32) -> Void) -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler { handler(sig) }
        source.resume()
        return source
    }
}

/// For `build` and `check`: a stop signal kills the lecture programs that are
/// running (each in a process group of its own, which Ctrl-C does not reach),
/// then ends Lectern with 128 + the signal. What the build left half-written is
/// swept by the next build.
func stopOnSignals() -> [any DispatchSourceSignal] {
    catchStopSignals { sig in
        exitLock.withLock { _ in
            stopChildProcesses()
            FileHandle.standardError.write(Data("stopped by \(sig == SIGINT ? "SIGINT" : "SIGTERM"); no program is left running\n".utf8))
            exit(128 + sig)
        }
    }
}
