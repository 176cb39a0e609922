/// How a lecture's code prints: in full, folded to its first lines, or left out
/// (`print-code` in `course.yml` or a lecture's front matter).
public enum PrintCode: String, Equatable, Sendable, CaseIterable {
    case full, folded, none
}
