import Foundation

/// Creates a new course folder: `course.yml`, one sample lecture under
/// `lectures/`, a README for the author, and a GitHub Pages workflow that
/// builds the site with `--strict` and publishes `output/`.
///
///     try initCourse(at: "rl-course", title: "Reinforcement Learning")
///     // ["rl-course/course.yml", "rl-course/lectures/01-welcome.md", "rl-course/README.md"]
///
/// - Parameters:
///   - directory: the course folder; created when missing, refused when not empty.
///   - title: the course title written into `course.yml`.
/// - Returns: the paths of the files created.
/// - Throws: a ``Diagnostic`` when the folder is not empty, is a file, or cannot be written.
public func initCourse(at directory: String, title: String) throws(Diagnostic) -> [String] {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            throw Diagnostic(file: directory, "refusing to create a course here: it is a file, not a folder")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        if !entries.isEmpty {
            throw Diagnostic(file: directory,
                             "refusing to create a course in a folder that is not empty (it has \(entries.count) entr\(entries.count == 1 ? "y" : "ies")); name a new or empty folder")
        }
    }
    let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    do {
        try fm.createDirectory(atPath: root + "/lectures", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/.github/workflows", withIntermediateDirectories: true)
    } catch {
        throw Diagnostic(file: directory, "cannot create the folder: \(error.localizedDescription)")
    }
    let files = [
        (root + "/course.yml", courseFileTemplate(title: title)),
        (root + "/lectures/01-welcome.md", sampleLecture),
        (root + "/README.md", authorReadme(title: title)),
        (root + "/.github/workflows/pages.yml", pagesWorkflow),
    ]
    for (path, contents) in files {
        try writeNewFile(path, contents: contents)
    }
    return files.map(\.0)
}

/// A course title made from a folder name, for when none is given.
///
///     courseTitle(fromFolder: "courses/deep_rl")  // "Deep Rl"
///
/// - Parameter directory: the course folder as the author named it.
/// - Returns: its last component, words capitalized; `Course` when empty.
public func courseTitle(fromFolder directory: String) -> String {
    let name = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
    let words = name.split { $0 == "-" || $0 == "_" || $0 == " " }
    let title = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    return title.isEmpty ? "Course" : title
}

func courseFileTemplate(title: String) -> String {
    """
    # The course, as Lectern shows it on the site's front page.
    title: \(yamlQuoted(title))
    term: ""          # e.g. "Spring 2027"
    instructor: ""    # your name

    """
}

let sampleLecture = """
    ---
    title: "Welcome"
    lecture: 1
    date:            # the date of the lecture, e.g. 2027-01-18
    ---

    # Welcome

    This is a sample lecture. Its cells run when the site is built, and what
    they print appears under them.

    ```swift run
    // The discounted return G = r_0 + γ r_1 + γ² r_2 of three rewards.
    let rewards = [1.0, 0.0, 2.0]
    let gamma = 0.5
    var G = 0.0
    for r in rewards.reversed() { G = r + gamma * G }
    print("G =", G)
    ```

    ```output
    G = 1.5
    ```

    The return is `{swift} G`: with γ = 0.5 the reward 2 two steps ahead counts
    for a quarter of its value.

    """

func authorReadme(title: String) -> String {
    """
    # \(title)

    The lecture notes of this course, written for Lectern. Each lecture is a
    Markdown file `lectures/NN-slug.md` whose Swift cells run when the site is
    built; what they print, tabulate, plot or check appears under them.

    ## Writing

    - `lectern new "Title"` adds the next numbered lecture and prints its path.
    - `lectern serve` builds a preview at http://127.0.0.1:8000/ and rebuilds it
      whenever a lecture changes; the open page reloads by itself, and errors
      show at the top of the page with their file and line.
    - `lectern build` writes the site to `output/`; it stops at the first
      lecture with an error unless given `--keep-going`.
    - `lectern check` runs every lecture and its checks without writing the site.

    ## Cells

    | in the Markdown | meaning |
    |---|---|
    | ` ```swift ` | shown, not run |
    | ` ```swift run ` | run; code and output shown |
    | ` ```swift run hide-code ` | run; only the output shown |
    | ` ```swift run hide-output ` | run; only the code shown |
    | ` ```swift run allow-error ` | a run-time error is shown instead of failing the build |
    | ` ```swift run expect-compile-error ` | must fail to compile; its diagnostics are shown |
    | ` ```output ` right after a run cell | the output the cell must print |
    | `` `{swift} expr` `` in prose | replaced by the value of `expr` |

    All run cells of a lecture form one program: later cells see what earlier
    cells define. `course.yml` holds the course title, term and instructor.

    """
}

/// The GitHub Actions workflow `lectern init` writes: on every push to `main`,
/// build Lectern, build the site with `--strict` (a warning fails it too), and
/// publish `output/` to GitHub Pages. The site's links are all relative, so it
/// works under the repository's sub-path (`https://owner.github.io/course/`).
let pagesWorkflow = """
    # Builds the course site with Lectern and publishes output/ to GitHub Pages.
    # Turn Pages on once: Settings > Pages > Source: GitHub Actions.
    name: Publish the course site

    on:
      push:
        branches: [main]
      workflow_dispatch:

    permissions:
      contents: read
      pages: write
      id-token: write

    concurrency:
      group: pages
      cancel-in-progress: true

    env:
      # Where the build gets Lectern from: its git repository and branch or tag.
      LECTERN_GIT: https://github.com/OWNER/lectern.git
      LECTERN_REF: main

    jobs:
      build:
        runs-on: ubuntu-latest
        container: swift:6.1-bookworm
        steps:
          - uses: actions/checkout@v4
          - name: Install cmark
            run: apt-get update -qq && apt-get install -y -qq libcmark-dev pkg-config git
          - name: Build Lectern
            run: |
              git clone --depth 1 --branch "$LECTERN_REF" "$LECTERN_GIT" /tmp/lectern
              swift build -c release --package-path /tmp/lectern
          - name: Build the site (warnings fail it)
            run: /tmp/lectern/.build/release/lectern build --strict
          - uses: actions/upload-pages-artifact@v3
            with:
              path: output

      deploy:
        needs: build
        runs-on: ubuntu-latest
        environment:
          name: github-pages
          url: ${{ steps.deployment.outputs.page_url }}
        steps:
          - id: deployment
            uses: actions/deploy-pages@v4

    """
