import ArgumentParser
import Foundation
import Lectern
import Synchronization

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on 127.0.0.1, rebuilding it and reloading the page when a lecture changes.",
        discussion: """
            The first line printed is the address, e.g. `Serving http://127.0.0.1:8000/`; with --port 0 \
            a free port is taken and named there. The preview is built into <cache-dir>/preview, never \
            into the published site, and pages show the lectures' errors instead of failing. Ctrl-C \
            (SIGINT) or SIGTERM stops it (exit 0) once a build in progress is done; a second signal \
            stops it at once (exit 1), with the lecture programs it was running.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "The port on 127.0.0.1 (0 takes a free one).")
    var port: UInt16 = 8000

    func run() async throws {
        var options = PreviewOptions()
        options.build = common.buildOptions()
        options.port = port
        let server = PreviewServer(options, log: { writeLine($0, to: .standardOutput) },
                                   errorLog: { writeLine($0, to: .standardError) })
        let lectures = common.lectures
        let signals = Mutex(0)
        let stopping = catchStopSignals { _ in
            if signals.withLock({ $0 += 1; return $0 }) == 1 {
                server.stop()
            } else {
                exitLock.withLock { _ in
                    stopChildProcesses()
                    writeLine("stopped before the build in progress finished", to: .standardError)
                    Foundation.exit(1)
                }
            }
        }
        do {
            try await server.run { port in
                writeLine("Serving http://127.0.0.1:\(port)/ (preview of \(lectures)/; Ctrl-C stops)", to: .standardOutput)
            }
        } catch {
            writeLine(error.description, to: .standardError)
            Foundation.exit(2)
        }
        withExtendedLifetime(stopping) {}
        writeLine("stopped", to: .standardOutput)
        Foundation.exit(0)
    }
}

/// Writes one line at once, unbuffered, so a reader of a pipe sees it immediately.
private func writeLine(_ line: String, to handle: FileHandle) {
    handle.write(Data((line + "\n").utf8))
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
