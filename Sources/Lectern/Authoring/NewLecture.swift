import Foundation

/// The file-name part of a lecture made from its title: lower-case ASCII
/// letters and digits, words joined by hyphens, accents dropped.
///
///     lectureSlug(for: "Policy Gradients: REINFORCE & Baselines")  // "policy-gradients-reinforce-baselines"
///     lectureSlug(for: "Économie")                                 // "economie"
///
/// - Parameter title: the lecture's title as the author wrote it.
/// - Returns: the slug, or `lecture` when the title has no letter or digit to keep.
func lectureSlug(for title: String) -> String {
    let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                               locale: Locale(identifier: "en_US_POSIX"))
    let slug = slugify(folded, asciiOnly: true)
    return slug.isEmpty ? "lecture" : slug
}

/// The number and zero-padded width of the next lecture: one more than the
/// highest `NN-` prefix among the file names, at least two digits wide.
///
///     nextLectureNumber(among: ["01-intro.md", "07-pg.md", "notes.txt"])  // (8, "08")
///
/// - Parameter names: the file names in the lectures folder.
/// - Returns: the number, and the number as it starts the file name.
func nextLectureNumber(among names: [String]) -> (number: Int, prefix: String) {
    var highest = 0
    var width = 2
    for name in names where name.hasSuffix(".md") {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, name.dropFirst(digits.count).first == "-", let n = Int(digits) else { continue }
        highest = max(highest, n)
        width = max(width, digits.count)
    }
    let number = highest + 1
    let text = String(number)
    return (number, String(repeating: "0", count: max(0, width - text.count)) + text)
}

/// The Markdown of a new lecture: YAML front matter (`title`, `lecture`, and
/// `date` left for the author), a heading and one run cell.
///
///     lectureTemplate(title: "Bandits", number: 3)  // "---\ntitle: \"Bandits\"\nlecture: 3\n..."
///
/// - Parameters:
///   - title: the lecture's title.
///   - number: its number in the course.
func lectureTemplate(title: String, number: Int) -> String {
    """
    ---
    title: \(yamlQuoted(title))
    lecture: \(number)
    date:            # the date of the lecture, e.g. 2027-01-18
    ---

    # \(title)

    Write the lecture here. A ` ```swift run ` cell is compiled and run when the
    site is built, and what it prints appears under it. All run cells of a
    lecture share one program, so later cells can use what earlier ones define.

    ```swift run
    let rewards = [1, 0, 2]
    print("total reward:", rewards.reduce(0, +))
    ```

    """
}

/// Creates the next numbered lecture in `lecturesDirectory` from the template.
///
///     try createLecture(title: "Bandits", in: "lectures")  // "lectures/03-bandits.md"
///
/// - Parameters:
///   - title: the lecture's title; its slug names the file.
///   - lecturesDirectory: the folder of lecture files; it must exist.
/// - Returns: the path of the new file.
/// - Throws: a ``Diagnostic`` when the title is empty, the folder is missing, or
///   the file exists already (it is never overwritten).
public func createLecture(title: String, in lecturesDirectory: String) throws(Diagnostic) -> String {
    let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !title.isEmpty else { throw Diagnostic(file: lecturesDirectory, "the lecture title is empty") }
    guard !title.contains(where: \.isNewline) else {
        throw Diagnostic(file: lecturesDirectory, "the lecture title must fit on one line")
    }
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: lecturesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw Diagnostic(file: lecturesDirectory,
                         "lectures folder not found; run `lectern init DIR` to start a course, or name the folder with --lectures")
    }
    let names: [String]
    do {
        names = try fm.contentsOfDirectory(atPath: lecturesDirectory)
    } catch {
        throw Diagnostic(file: lecturesDirectory, "cannot list the folder: \(error.localizedDescription)")
    }
    let (number, prefix) = nextLectureNumber(among: names)
    let folder = lecturesDirectory.hasSuffix("/") ? lecturesDirectory : lecturesDirectory + "/"
    let path = folder + "\(prefix)-\(lectureSlug(for: title)).md"
    try writeNewFile(path, contents: lectureTemplate(title: title, number: number))
    return path
}

/// Writes a file that must not exist yet; an existing file is left untouched.
func writeNewFile(_ path: String, contents: String) throws(Diagnostic) {
    guard !FileManager.default.fileExists(atPath: path) else {
        throw Diagnostic(file: path, "the file exists already; refusing to overwrite it")
    }
    do {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    } catch {
        throw Diagnostic(file: path, "cannot write the file: \(error.localizedDescription)")
    }
}

/// A YAML double-quoted scalar: a JSON string is one.
func yamlQuoted(_ s: String) -> String {
    jsonString(s)
}
