// Reading what swiftc and a crashed program print.

/// Parses `file:line:col: severity: message` lines of swiftc's llvm-style output.
func parseCompilerDiagnostics(_ text: String) -> [Diagnostic] {
    var result: [Diagnostic] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        for severity in [Diagnostic.Severity.error, .warning, .note] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let l = Int(location[location.count - 2]), let c = Int(location[location.count - 1]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            result.append(Diagnostic(file: file, line: l, column: c, severity: severity, String(line[marker.upperBound...])))
            break
        }
    }
    return result
}
