import Foundation

extension Executor {
    func cacheKey(_ source: String, salt: String = "") -> String {
        var h = SHA256()
        h.update(source)
        h.update("\u{0}" + engine.compilerVersion + "\u{0}" + engine.fingerprint + "\u{0}")
        h.update(engine.compileFlags.joined(separator: " ") + "\u{0}" + salt)
        return h.finalize()
    }

    /// Compiles `program`; returns nil on success, or the compiler's diagnostics.
    func compile(_ program: Program, to binary: String, in directory: String, typecheckOnly: Bool) -> String? {
        // Lectures with the same program share an entry, and may compile it at the same
        // time: each compilation works in a folder of its own.
        let work = directory + "/compiling-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let source = work + "/main.swift"
        defer { try? FileManager.default.removeItem(atPath: work) }
        do {
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            try program.source.write(toFile: source, atomically: false, encoding: .utf8)
        } catch {
            return "cannot write \(source): \(error.localizedDescription)"
        }
        let temporary = work + "/program"
        var arguments = engine.compileFlags + ["-module-cache-path", settings.moduleCacheDirectory, source]
        arguments += typecheckOnly ? ["-typecheck"] : ["-o", temporary]
        let out = work + "/compile.out", err = work + "/compile.err"
        do {
            let status = try runProcess(engine.swiftc, arguments, environment: ProcessInfo.processInfo.environment,
                                        stdoutPath: out, stderrPath: err, timeout: 600)
            let diagnostics = ((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
            if !status.succeeded {
                return diagnostics.isEmpty ? "swiftc failed (\(status))" : diagnostics
            }
            if !typecheckOnly {
                // The checksum is written after the binary: a binary without a
                // matching checksum is never run from the cache.
                guard let bytes = FileManager.default.contents(atPath: temporary), rename(temporary, binary) == 0 else {
                    return "cannot store the compiled program at \(binary): \(String(cString: strerror(errno)))"
                }
                do {
                    try sha256Hex(Array(bytes)).write(toFile: binary + ".sha256", atomically: true, encoding: .utf8)
                } catch {
                    return "cannot store the compiled program's checksum at \(binary).sha256: \(error.localizedDescription)"
                }
                // The source beside the binary, for whoever reads the cache.
                try? program.source.write(toFile: directory + "/main.swift", atomically: true, encoding: .utf8)
            }
            return nil
        } catch {
            return error.description
        }
    }

    /// The diagnostics of type-checking `program` (empty when it type-checks), from the
    /// cache when they are there whole.
    func typecheck(_ program: Program) -> String {
        let directory = settings.cacheDirectory + "/" + cacheKey(program.source, salt: "typecheck")
        let saved = directory + "/diagnostics"
        if settings.useCache, let text = CheckedFile.read(saved) { return text }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = compile(program, to: directory + "/unused", in: directory, typecheckOnly: true) ?? ""
        CheckedFile.write(text, to: saved)
        return text
    }

    /// Maps swiftc's `file:line:col: error: message` lines to the items they point into.
    /// Returns the first item (in program order) with an error, if any error is in an item.
    func attachCompileErrors(_ text: String, program: Program, lecture: Lecture, to run: inout LectureRun) -> ProgramItem? {
        var first: Int?
        var unplaced: [Diagnostic] = []
        for d in parseCompilerDiagnostics(text) {
            guard let line = d.line, let place = program.location(file: d.file, line: line, column: d.column) else {
                if d.severity == .error { unplaced.append(d) }
                continue
            }
            let mapped = Diagnostic(file: lecture.file, line: place.line, column: place.column, severity: d.severity, d.message)
            if d.severity == .error {
                run.diagnostics.append(mapped)
                if let k = program.items.firstIndex(of: place.item) { first = min(first ?? k, k) }
            }
            if case .cell(let cell) = place.item { run.compileErrors[cell.index, default: []].append(mapped.description) }
        }
        if first == nil {
            // Nothing points into a cell: say what the compiler said.
            let shown = unplaced.isEmpty ? text : unplaced.map(\.description).joined(separator: "\n")
            run.diagnostics.append(Diagnostic(file: lecture.file, "the lecture's program did not compile:\n\(program.mapPositions(in: shown, file: lecture.file))"))
        }
        return first.map { program.items[$0] }
    }

    /// The first item that uses a name a later cell declares, with an error for each such use.
    ///
    /// Items in which such a name appears as a word are type-checked with the
    /// program cut after them: where the later declarations do not exist, an
    /// error naming one is a use before definition. Other errors are left to
    /// the compilation of the whole program.
    func firstUseBeforeDefinition(_ items: [ProgramItem], lecture: Lecture, into run: inout LectureRun) -> Int? {
        for (k, names) in possibleEarlyUses(in: items) {
            let program = Program(items: Array(items[...k]), finish: false)
            var found: [Diagnostic] = []
            for d in parseCompilerDiagnostics(typecheck(program)) where d.severity == .error {
                guard let line = d.line, let place = program.location(file: d.file, line: line, column: d.column),
                      let name = names.keys.sorted().first(where: { d.message.contains("'\($0)'") }),
                      let declaration = names[name] else { continue }
                let message = "'\(name)' is used before the cell that defines it (\(lecture.file):\(declaration.line))"
                let mapped = Diagnostic(file: lecture.file, line: place.line, column: place.column, message)
                found.append(mapped)
                if case .cell(let cell) = place.item { run.compileErrors[cell.index, default: []].append(mapped.description) }
            }
            if !found.isEmpty {
                run.diagnostics += found
                return k
            }
        }
        return nil
    }

    /// A cached binary is used only when its checksum matches.
    func isIntact(_ binary: String) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: binary),
              let sum = try? String(contentsOfFile: binary + ".sha256", encoding: .utf8)
        else { return false }
        return sha256Hex(Array(bytes)) == sum
    }

    // MARK: - Cells that must not compile

    func probeCompileError(_ cell: Cell, lecture: Lecture, into run: inout LectureRun) {
        let probe = Program.compileErrorProbe(for: cell, in: lecture)
        let diagnostics = parseCompilerDiagnostics(typecheck(probe)).compactMap { d -> Diagnostic? in
            guard let line = d.line, let place = probe.location(file: d.file, line: line, column: d.column),
                  place.item == probe.items.last else { return nil }
            return Diagnostic(file: lecture.file, line: place.line, column: place.column, severity: d.severity, d.message)
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            run.cells[cell.index] = CellResult(status: .compileError(diagnostics.map(\.description).joined(separator: "\n")))
        } else {
            run.cells[cell.index] = CellResult(status: .runtimeError("expected a compile error, but the cell compiled"))
            run.diagnostics.append(Diagnostic(file: lecture.file, line: cell.fenceLine,
                                              "cell \(cell.index + 1) is marked expect-compile-error but compiled without errors"))
        }
    }
}

/// A cached text file stored with its checksum on the first line, so that a
/// file cut short or altered is not trusted.
enum CheckedFile {
    static func write(_ text: String, to path: String) {
        try? (sha256Hex(Array(text.utf8)) + "\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let sum = String(decoding: data[..<newline], as: UTF8.self)
        let body = Array(data[(newline + 1)...])
        guard sha256Hex(body) == sum else { return nil }
        return String(decoding: body, as: UTF8.self)
    }
}
