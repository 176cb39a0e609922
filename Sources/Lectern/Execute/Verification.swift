/// Compares each cell's ```output block with what the cell printed, once, and
/// keeps the result on the cell.
func decideOutputChecks(_ lecture: Lecture, _ run: inout LectureRun) {
    for cell in lecture.cells {
        guard let expected = cell.expectedOutput, let result = run.cells[cell.index], result.status == .ok else { continue }
        let comparison = compareExpectedOutput(expected: expected.text, actual: result.printedText)
        run.cells[cell.index]?.outputCheck = CheckResult(output: comparison, file: lecture.file, line: expected.line)
    }
}

/// Every check of a lecture, in page order: the checks its cells recorded, and
/// each ```output block's comparison, as decided when the run was collected.
func verify(_ lecture: Lecture, _ run: LectureRun) -> [CheckResult] {
    var checks: [CheckResult] = []
    for cell in lecture.cells {
        guard let result = run.cells[cell.index] else { continue }
        for case .check(let check) in result.outputs { checks.append(check) }
        if let check = result.outputCheck { checks.append(check) }
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
