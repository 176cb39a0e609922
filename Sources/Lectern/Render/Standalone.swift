/// Parses and renders a lecture without running its cells: the path that the
/// fuzzer drives (parse → math → render), and a quick preview of the prose.
///
/// - Throws: ``Diagnostics`` for errors in the text (bad cell options, math, front matter).
public func renderWithoutRunning(source: String, file: String) throws(Diagnostics) -> String {
    let lecture = try parseLecture(source: source, file: file)
    return renderBody(lecture, run: nil)
}
