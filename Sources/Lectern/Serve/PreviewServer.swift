import FlyingFox
import Foundation

/// What `lectern serve` is asked to do.
public struct PreviewOptions: Sendable {
    /// How the site is built; the output folder and `keepGoing` are set by the preview.
    public var build = BuildOptions()
    /// The loopback port; 0 takes a free one (the URL printed names it).
    public var port: UInt16 = 8000
    /// How often the lectures folder is checked for changes, in seconds.
    public var pollInterval = 0.3
    /// How long a page's request for the next build is held open, in seconds.
    public var longPollSeconds = 20.0

    /// The folder the preview is built into: `preview` inside the cache folder,
    /// never the published site.
    public var previewDirectory: String { build.cacheDirectory + "/preview" }

    public init() {}
}

/// The authoring preview: builds the lectures into a preview folder, serves it on
/// 127.0.0.1, rebuilds when a lecture changes, and makes open pages reload.
///
///     let server = PreviewServer(options, log: { print($0) }, errorLog: { eprint($0) })
///     try await server.run { port in print("Serving http://127.0.0.1:\(port)/") }
///     // elsewhere, on SIGINT: server.stop()
public final class PreviewServer: Sendable {
    private let options: PreviewOptions
    private let log: @Sendable (String) -> Void
    private let errorLog: @Sendable (String) -> Void
    private let state = PreviewState()
    private let stopSignal = StopSignal()

    /// - Parameters:
    ///   - options: the port, the lectures folder and the build settings.
    ///   - log: progress lines (builds, timings).
    ///   - errorLog: the diagnostics of each build.
    public init(_ options: PreviewOptions, log: @escaping @Sendable (String) -> Void,
                errorLog: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        self.errorLog = errorLog
    }

    /// Listens, builds, watches and serves until ``stop()`` is called.
    /// - Parameter onListening: called once with the port, before the first build.
    /// - Throws: a ``Diagnostic`` when the port cannot be bound.
    public func run(onListening: @Sendable (UInt16) -> Void) async throws(Diagnostic) {
        let address: sockaddr_in
        do {
            address = try .inet(ip4: "127.0.0.1", port: options.port)
        } catch {
            throw Diagnostic(file: "127.0.0.1:\(options.port)", "cannot make the address: \(error)")
        }
        let config = HTTPServer.Configuration(address: address, timeout: options.longPollSeconds + 10,
                                              logger: .disabled)
        let server = HTTPServer(config: config, handler: ClosureHTTPHandler { [self] request in
            let response = await respond(to: request)
            if options.build.verbose { log("\(request.method.rawValue) \(request.target.rawValue) \(response.statusCode.code)") }
            return response
        })
        let failure = ErrorBox()
        let serverTask = Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        let deadline = Date().addingTimeInterval(10)
        while await !server.isListening {
            if let error = failure.get() {
                throw Diagnostic(file: "127.0.0.1:\(options.port)",
                                 "cannot listen: \(error.localizedDescription); choose another port with --port (0 takes a free one)")
            }
            if Date() > deadline {
                serverTask.cancel()
                throw Diagnostic(file: "127.0.0.1:\(options.port)", "the server did not start listening within 10 s")
            }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        var port = options.port
        if case .ip4(_, let bound)? = await server.listeningAddress { port = bound }
        onListening(port)

        let watcher = FolderWatcher(directory: options.build.lecturesDirectory, interval: options.pollInterval) {
            [self] changed in rebuild(changed: changed)
        }
        watcher.start()
        await stopSignal.wait()

        state.close()
        await server.stop(timeout: 1)
        serverTask.cancel()
        watcher.stop { log("stopping: waiting for the build in progress to finish (signal again to stop at once)") }
    }

    /// Stops ``run(onListening:)``: open pages are answered, the server closes.
    public func stop() { stopSignal.fire() }

    /// Builds into the preview folder, keeping going past errors, and publishes the result.
    private func rebuild(changed: [String]) {
        let start = Date()
        if !changed.isEmpty { log("changed: \(changed.joined(separator: ", "))") }
        var build = options.build
        build.outputDirectory = options.previewDirectory
        build.keepGoing = true
        build.writeSite = true
        let before = folderIdentity(options.previewDirectory)
        let report = buildSite(build, log: log)
        let after = folderIdentity(options.previewDirectory)
        // A build that wrote nothing leaves the previous pages; they are stale, so not shown.
        let siteWritten = after != nil && after != before
        for d in report.diagnostics { errorLog(d.description) }
        let generation = state.publish(diagnostics: report.diagnostics, siteWritten: siteWritten)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        log(String(format: "build %d: %d lecture(s) in %.2f s, %@", generation, report.lectures,
                   Date().timeIntervalSince(start), errors == 0 ? "no errors" : "\(errors) error(s)"))
    }

    /// Answers one request: the long poll, or a file of the preview.
    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET"]))
        }
        if request.path == previewEventsPath {
            let since = request.query["since"].flatMap(Int.init) ?? -1
            let status = await state.waitForBuild(after: since, timeout: options.longPollSeconds)
            let body = "{\"generation\":\(status.generation),\"errors\":\(status.errorCount)}"
            return response(.ok, type: "application/json", Data(body.utf8))
        }
        let status = state.current
        guard let file = previewFile(for: request.target.path(), in: options.previewDirectory) else {
            return response(.notFound, type: "text/plain; charset=utf-8", Data("not found\n".utf8))
        }
        let wantsPage = file.hasSuffix(".html")
        if wantsPage && !status.siteWritten {
            let message = status.generation == 0 ? "Building the lectures; this page reloads when the build is done."
                                                 : "The last build wrote no pages; fix the errors above and this page reloads."
            let page = previewPlaceholder(title: "Lectern preview", message: message,
                                          generation: status.generation, diagnostics: status.diagnostics)
            return response(.ok, type: contentType(for: file), Data(page.utf8))
        }
        // The preview folder is swapped whole at the end of a build: a miss may be that instant.
        var data = FileManager.default.contents(atPath: file)
        if data == nil {
            try? await Task.sleep(nanoseconds: 100_000_000)
            data = FileManager.default.contents(atPath: file)
        }
        guard let data else {
            guard wantsPage else {
                return response(.notFound, type: "text/plain; charset=utf-8", Data("not found\n".utf8))
            }
            let page = previewPlaceholder(title: "Page not found", message: "The site has no page \(request.path).",
                                          generation: status.generation, diagnostics: status.diagnostics)
            return response(.notFound, type: contentType(for: file), Data(page.utf8))
        }
        guard wantsPage else { return response(.ok, type: contentType(for: file), data) }
        let page = injectPreview(into: String(decoding: data, as: UTF8.self),
                                 generation: status.generation, diagnostics: status.diagnostics)
        return response(.ok, type: contentType(for: file), Data(page.utf8))
    }

    private func response(_ code: HTTPStatusCode, type: String, _ body: Data) -> HTTPResponse {
        HTTPResponse(statusCode: code, headers: HTTPHeaders([.contentType: type, HTTPHeader("Cache-Control"): "no-store"]), body: body)
    }
}

/// The identity of a folder (device and inode): it changes when the build swaps a new one in.
private func folderIdentity(_ path: String) -> [UInt64]? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return [UInt64(st.st_dev), UInt64(st.st_ino)]
}

/// A one-shot signal that ``PreviewServer/run(onListening:)`` waits on.
private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiter: CheckedContinuation<Void, Never>?

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = lock.withLock { () -> Bool in
                if fired { return true }
                waiter = c
                return false
            }
            if now { c.resume() }
        }
    }

    func fire() {
        let w = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            fired = true
            defer { waiter = nil }
            return waiter
        }
        w?.resume()
    }
}

private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ e: any Error) { lock.withLock { error = e } }
    func get() -> (any Error)? { lock.withLock { error } }
}
