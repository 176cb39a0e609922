/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), over
/// Unicode scalars: the edits that turn `a` into `b`, a swap of neighbours counting as one.
/// Lectern's suggestions ("did you mean ...?") use it too.
///
///     editDistance("titel", "title")     // 1
///     editDistance("kitten", "sitting")  // 3
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            var v = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { v = min(v, d[i - 2][j - 2] + 1) }
            d[i][j] = v
        }
    }
    return d[x.count][y.count]
}

/// The candidate closest to `name` if it is close enough to be a likely typo
/// (distance 1 for short names, 2 for names of five characters or more); ties go to the first in order.
func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let limit = name.unicodeScalars.count >= 5 ? 2 : 1
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(name, c)
        if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && c < (best?.0 ?? "")) { best = (c, d) }
    }
    return best?.0
}
