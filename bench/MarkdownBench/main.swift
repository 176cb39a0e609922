import Foundation
import Lectern

// Reads documents separated by NUL bytes on standard input and writes, for each,
// one JSON line: {"html": ..., "math": [[tex, display], ...]}. Driven by bench/markdown.
let input = FileHandle.standardInput.readDataToEndOfFile()
let documents = String(decoding: input, as: UTF8.self).split(separator: "\u{0}", omittingEmptySubsequences: false)
var out = Data()
for document in documents {
    let preview = MarkdownPreview(String(document))
    let object: [String: Any] = ["html": preview.html, "math": preview.math.map { [$0.tex, $0.display] as [Any] }]
    out.append(try JSONSerialization.data(withJSONObject: object))
    out.append(0x0A)
}
FileHandle.standardOutput.write(out)
