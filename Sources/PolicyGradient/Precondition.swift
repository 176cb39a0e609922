/// The engine's preconditions keep their message in optimised builds.
///
/// The standard library's `precondition` drops its message under `-O`: a
/// lecture that passes the engine a wrong argument would only learn that the
/// program stopped. This one, which the engine's code calls instead, always
/// says why, through `fatalError`, which keeps its message in every build.
@inline(__always)
func precondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
                  file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError(message().isEmpty ? "precondition failed" : message(), file: file, line: line)
    }
}
