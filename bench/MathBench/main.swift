// Converts the formulas of bench/math-corpus.txt with TeXMath, repeated, and prints formulas per second.
//
//   MathBench [corpus] [--repeat N]      time the conversion (last line: texmath_per_s=<x> formulas=<n>)
//   MathBench [corpus] --page out.html   write an HTML page with every formula, for looking at in a browser
//   MathBench [corpus] --print           print the MathML (or error) of every formula
import Foundation
import TeXMath

var args = Array(CommandLine.arguments.dropFirst())
var corpusPath = "bench/math-corpus.txt"
var repeats = 10
var pagePath: String?
var printOnly = false
while let a = args.first {
    args.removeFirst()
    switch a {
    case "--repeat": repeats = Int(args.first ?? "") ?? repeats; if !args.isEmpty { args.removeFirst() }
    case "--print": printOnly = true
    case "--page": pagePath = args.first; if !args.isEmpty { args.removeFirst() }
    default: corpusPath = a
    }
}

guard let text = try? String(contentsOfFile: corpusPath, encoding: .utf8) else {
    FileHandle.standardError.write("cannot read \(corpusPath)\n".data(using: .utf8) ?? Data())
    exit(2)
}
let corpus: [(tex: String, display: Bool)] = text.split(separator: "\n").compactMap { line in
    guard line.hasPrefix("D ") || line.hasPrefix("I ") else { return nil }
    return (String(line.dropFirst(2)), line.hasPrefix("D "))
}
let renderer = MathRenderer()

if let pagePath {
    var html = "<!doctype html><meta charset=utf-8><title>TeXMath corpus</title>"
    html += "<style>body{font:16px serif;max-width:860px;margin:1em auto} div{border-bottom:1px solid #ddd;padding:2px} code{font-size:11px;color:#666} math{font-family:'DejaVu Math TeX Gyre',math}</style>"
    for (i, f) in corpus.enumerated() {
        let esc = f.tex.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        switch Result(catching: { try renderer.render(f.tex, display: f.display) }) {
        case .success(let m): html += "<div>\(i + 1). <code>\(esc)</code> \(f.display ? m : "text " + m + " text")</div>\n"
        case .failure(let e): html += "<div style=color:red>\(i + 1). <code>\(esc)</code> ERROR \(e)</div>\n"
        }
    }
    try html.write(toFile: pagePath, atomically: true, encoding: .utf8)
    print("wrote \(corpus.count) formulas to \(pagePath)")
    exit(0)
}

if printOnly {
    for f in corpus {
        switch Result(catching: { try renderer.render(f.tex, display: f.display) }) {
        case .success(let m): print(f.tex, "=>", m.replacingOccurrences(of: #"<annotation encoding="application/x-tex">.*</annotation>"#, with: "", options: .regularExpression))
        case .failure(let e): print(f.tex, "=> ERROR", e)
        }
    }
    exit(0)
}

// Every formula must convert; a benchmark of failures would measure nothing.
for f in corpus {
    do { _ = try renderer.render(f.tex, display: f.display) } catch {
        print("error in corpus formula \(f.tex): \(error)")
        exit(1)
    }
}
let work = Array(repeatElement(corpus, count: repeats).joined())
var best = Double.infinity
var bytes = 0
for _ in 0..<20 {
    let clock = ContinuousClock()
    let start = clock.now
    bytes = 0
    for f in work {
        if case .success(let m) = Result(catching: { try renderer.render(f.tex, display: f.display) }) { bytes += m.utf8.count }
    }
    let d = clock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    best = min(best, seconds)
}
print("texmath: \(work.count) formulas, best of 20 runs \(String(format: "%.4f", best)) s, \(bytes) bytes of MathML")
print("texmath_per_s=\(String(format: "%.0f", Double(work.count) / best)) formulas=\(work.count)")
