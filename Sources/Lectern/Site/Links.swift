import CommonMark
import Foundation

/// A local file a lecture links to or embeds, copied into the site at the same
/// relative path.
struct LinkedFile: Equatable, Sendable {
    /// The path inside the site (and inside the lectures folder).
    var path: String
    /// The file to copy.
    var source: String
}

/// Checks every link and image of the lectures and works out what the site needs:
///
/// - `#anchor` must be a heading or figure of the same page;
/// - `NN-slug.md` and `NN-slug.md#anchor` must name a lecture (and one of its anchors),
///   and become links to its page;
/// - any other local path must be a file inside the lectures folder; it is copied
///   into the site once, however often it is used;
/// - links with a scheme (`https:`, `mailto:`) or `//host` are left alone.
///
/// Problems are errors at the link's `file:line:col`, with a suggestion when a close
/// name exists. Sets each lecture's ``Lecture/linkRewrites``.
func resolveLinks(_ lectures: inout [Lecture], lecturesDirectory: String) -> (assets: [LinkedFile], problems: [Diagnostic]) {
    var anchors: [String: Set<String>] = [:]
    for lecture in lectures { anchors[lecture.slug + ".md"] = lecture.anchorIDs }
    var assets: [String: LinkedFile] = [:]
    var problems: [Diagnostic] = []
    for i in lectures.indices {
        var rewrites: [String: String] = [:]
        var stack = [lectures[i].document]
        while let node = stack.popLast() {
            stack += node.children.reversed()
            let destination: String
            switch node.kind {
            case .link(let d, _), .image(let d, _): destination = d
            default: continue
            }
            let r = node.range
            func problem(_ message: String) {
                problems.append(Diagnostic(file: lectures[i].file, line: r.startLine, column: r.startColumn, message))
            }
            guard !destination.isEmpty, !hasScheme(destination), !destination.hasPrefix("//") else { continue }
            var path = destination
            var fragment: String?
            if let hash = path.firstIndex(of: "#") {
                fragment = String(path[path.index(after: hash)...])
                path = String(path[..<hash])
            }
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            path = path.removingPercentEncoding ?? path
            if path.isEmpty {
                if let f = fragment, !f.isEmpty, !lectures[i].anchorIDs.contains(f) {
                    problem(missingAnchor(f, page: "this page", among: lectures[i].anchorIDs))
                }
                continue
            }
            guard let relative = insideFolder(path) else {
                problem("the link '\(destination)' leaves the lectures folder; put the file inside it and link it by a relative path")
                continue
            }
            if let ids = anchors[relative] {
                if let f = fragment, !f.isEmpty, !ids.contains(f) {
                    problem(missingAnchor(f, page: relative, among: ids))
                    continue
                }
                rewrites[destination] = String(relative.dropLast(3)) + ".html" + (fragment.map { "#" + $0 } ?? "")
                continue
            }
            let source = lecturesDirectory == "." ? relative : lecturesDirectory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else {
                var message = "the linked file '\(relative)' does not exist"
                if relative.hasSuffix(".md"), isLectureName(splitPath(relative).name) == false {
                    message += " (only NN-slug.md files are lectures)"
                }
                if let near = nearbyName(relative, in: lecturesDirectory) { message += "; did you mean '\(near)'?" }
                problem(message)
                continue
            }
            assets[relative] = LinkedFile(path: relative, source: source)
        }
        lectures[i].linkRewrites = rewrites
    }
    return (assets.values.sorted { $0.path < $1.path }, problems)
}

/// Whether a file name is a lecture's: `NN-slug.md` (digits, a hyphen, a name).
func isLectureName(_ name: String) -> Bool {
    guard name.hasSuffix(".md") else { return false }
    let stem = name.dropLast(3)
    let digits = stem.prefix { $0.isASCII && $0.isNumber }
    return !digits.isEmpty && stem.dropFirst(digits.count).first == "-" && stem.count > digits.count + 1
}

private func hasScheme(_ s: String) -> Bool {
    guard let colon = s.firstIndex(of: ":"), let first = s.first, first.isASCII, first.isLetter else { return false }
    return s[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "." || $0 == "-") }
}

/// The path with `.` and `..` resolved, or nil when it is absolute or leaves the folder.
private func insideFolder(_ path: String) -> String? {
    guard !path.hasPrefix("/") else { return nil }
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == ".." {
            guard !parts.isEmpty else { return nil }
            parts.removeLast()
        } else {
            parts.append(part)
        }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
}

private func missingAnchor(_ id: String, page: String, among ids: Set<String>) -> String {
    var message = "no heading or figure with the id '\(id)' on \(page)"
    if let near = suggestion(for: id, among: ids.sorted()) { message += "; did you mean '#\(near)'?" }
    return message
}

/// A file in the same folder whose name is close to the missing one's.
private func nearbyName(_ relative: String, in lecturesDirectory: String) -> String? {
    let (folder, name) = splitPath(relative)
    let directory = lecturesDirectory + (folder.isEmpty ? "" : "/" + folder.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
    guard let near = suggestion(for: name, among: names.sorted()) else { return nil }
    return folder.isEmpty ? near : folder.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" + near
}
