import ArgumentParser
import Foundation
import Lectern

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on 127.0.0.1, rebuilding it and reloading the page when a lecture changes.",
        discussion: """
            The first line printed is the address, e.g. `Serving http://127.0.0.1:8000/`; with --port 0 \
            a free port is taken and named there. The preview is built into <cache-dir>/preview, never \
            into the published site, and pages show the lectures' errors instead of failing. Ctrl-C \
            (SIGINT) or SIGTERM stops it (exit 0) once a build in progress is done; a second signal \
            stops it at once (exit 1).
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "The port on 127.0.0.1 (0 takes a free one).")
    var port: UInt16 = 8000

    func run() throws {
        var options = PreviewOptions()
        options.build = common.buildOptions()
        options.port = port
        let server = PreviewServer(options, log: { writeLine($0, to: .standardOutput) },
                                   errorLog: { writeLine($0, to: .standardError) })
        let lectures = common.lectures
        let signals = SignalCount()
        let stopping = SignalWatch(signals: [SIGINT, SIGTERM]) {
            if signals.next() == 1 {
                server.stop()
            } else {
                writeLine("stopped before the build in progress finished", to: .standardError)
                Foundation.exit(1)
            }
        }
        let result = ExitBox()
        Task {
            do {
                try await server.run { port in
                    writeLine("Serving http://127.0.0.1:\(port)/ (preview of \(lectures)/; Ctrl-C stops)", to: .standardOutput)
                }
                writeLine("stopped", to: .standardOutput)
                result.finish(0)
            } catch {
                writeLine(String(describing: error), to: .standardError)
                result.finish(2)
            }
        }
        let code = result.wait()
        withExtendedLifetime(stopping) {}
        Foundation.exit(code)
    }
}

/// Writes one line at once, unbuffered, so a reader of a pipe sees it immediately.
private func writeLine(_ line: String, to handle: FileHandle) {
    handle.write(Data((line + "\n").utf8))
}

/// Turns the given signals into a call of `handler` (once each time), instead of ending the process.
private final class SignalWatch: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}

/// How many stop signals have come.
private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}

/// The exit status of the serving task, waited for on the main thread.
private final class ExitBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var code: Int32 = 0
    func finish(_ c: Int32) {
        lock.withLock { code = c }
        done.signal()
    }
    func wait() -> Int32 {
        done.wait()
        return lock.withLock { code }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the next numbered lecture from a template and print its path.")

    @Argument(help: "The lecture's title, e.g. \"Policy gradients\".")
    var title: String

    @Option(help: "The folder of lecture files.")
    var lectures = "lectures"

    func run() throws {
        do {
            print(try createLecture(title: title, in: lectures))
        } catch {
            FileHandle.standardError.write(Data((String(describing: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new course folder: course.yml, a sample lecture and a README.")

    @Argument(help: "The course folder to create; it must be new or empty.")
    var directory: String

    @Option(help: "The course title (default: from the folder name).")
    var title: String?

    func run() throws {
        do {
            let files = try initCourse(at: directory, title: title ?? courseTitle(fromFolder: directory))
            for file in files { print("created \(file)") }
            print("next: cd \(directory) && lectern serve")
        } catch {
            FileHandle.standardError.write(Data((String(describing: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
