/// Every check of a lecture, in page order: the checks its cells recorded, and
/// each ```output block compared with what its cell printed.
func verify(_ lecture: Lecture, _ run: LectureRun) -> [CheckResult] {
    var checks: [CheckResult] = []
    for cell in lecture.cells {
        guard let result = run.cells[cell.index] else { continue }
        for case .record(let record) in result.outputs {
            if let check = checkResult(from: record) { checks.append(check) }
        }
        if let expected = cell.expectedOutput, result.status == .ok {
            let comparison = compareExpectedOutput(expected: expected.text, actual: result.printedText)
            checks.append(CheckResult(output: comparison, file: lecture.file, line: expected.line))
        }
    }
    return checks
}

/// A failed check as a compiler-style error at its line.
func diagnostic(for check: CheckResult) -> Diagnostic {
    var message = "check failed: \(check.name)"
    var figures: [String] = []
    if !check.value.isEmpty { figures.append("value \(check.value)") }
    if !check.expected.isEmpty { figures.append("expected \(check.expected)") }
    if !check.tolerance.isEmpty { figures.append(check.tolerance) }
    if !check.detail.isEmpty { figures.append(check.detail) }
    if let note = check.note { figures.append(note) }
    if !figures.isEmpty { message += " (" + figures.joined(separator: ", ") + ")" }
    if let diff = check.diff { message += "\n" + diff.trimmingTrailingNewlines() }
    return Diagnostic(file: check.file, line: check.line, message)
}
