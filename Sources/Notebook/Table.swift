/// How the numbers of one table column are written.
public enum ColumnFormat: Sendable, Equatable {
    /// Integers as integers, other numbers with up to 6 significant digits,
    /// padded to the same number of decimals within the column so they line up.
    case auto
    /// A fixed number of decimals: `.fixed(3)` writes 0.5 as `0.500`.
    case fixed(Int)
    /// Scientific notation with that many decimals: `.scientific(2)` writes 1234 as `1.23e+03`.
    case scientific(Int)
    /// A percentage with that many decimals: `.percent(1)` writes 0.256 as `25.6%`.
    case percent(Int)
}

/// A table built row by row, shown with `show(_:)`.
///
///     var t = Table(columns: ["samples", "estimate", "exact"], caption: "Monte-Carlo estimates")
///     for n in [10, 100, 1000] { t.row(n, estimate(n), 0.5) }
///     show(t)
public struct Table {
    /// Header cells; empty for a table without a header row.
    public var columns: [String]
    /// The rows, each a list of cells (numbers, strings, booleans, anything printable).
    public var rows: [[Any]]
    /// How each column's numbers are written; missing entries mean `.auto`.
    public var formats: [ColumnFormat]
    /// A caption shown with the table.
    public var caption: String?

    /// A table with these columns and, optionally, rows already.
    /// - Parameters:
    ///   - columns: the header cells.
    ///   - rows: the rows so far.
    ///   - formats: per-column number formats (`.auto` where missing).
    ///   - caption: a caption shown with the table.
    public init(columns: [String], rows: [[Any]] = [], formats: [ColumnFormat] = [], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.formats = formats
        self.caption = caption
    }

    /// Appends a row: `t.row(10, 0.52, "ok")`.
    public mutating func row(_ cells: Any...) {
        rows.append(cells)
    }

    /// The record fields of this table: cells formatted column by column.
    var recordFields: [(String, JSONValue)] {
        let width = max(columns.count, rows.map(\.count).max() ?? 0)
        var text = rows.map { _ in [String](repeating: "", count: width) }
        var numeric = [Bool](repeating: true, count: width)
        for c in 0..<width {
            let format = c < formats.count ? formats[c] : .auto
            let cells = rows.map { c < $0.count ? unwrapOptional($0[c]) : nil }
            let column = formatColumn(cells, format: format)
            for r in rows.indices { text[r][c] = column.text[r] }
            numeric[c] = column.numeric
        }
        var fields: [(String, JSONValue)] = [
            ("columns", RecordFields.strings(columns)),
            ("rows", .array(text.map { RecordFields.strings($0) })),
            ("numeric", .array(numeric.map { .bool($0) })),
        ]
        if let caption { fields.append(("caption", .string(caption))) }
        return fields
    }
}

/// Formats one column; `numeric` is true when every present cell is a number.
func formatColumn(_ cells: [Any?], format: ColumnFormat) -> (text: [String], numeric: Bool) {
    let present = cells.compactMap { $0 }
    let numeric = !present.isEmpty && present.allSatisfy { numericValue($0) != nil }
    var text = cells.map { cell -> String in
        guard let cell else { return "" }
        guard let x = numericValue(cell) else { return formatAny(cell) }
        switch format {
        case .auto: return numberText(cell) ?? formatNumber(x)
        case .fixed(let d): return fixedDecimals(x, max(0, d))
        case .scientific(let d): return x.isFinite ? cFormat("%.\(max(0, d))e", x) : formatNumber(x)
        case .percent(let d): return x.isFinite ? fixedDecimals(100 * x, max(0, d)) + "%" : formatNumber(x)
        }
    }
    if format == .auto, numeric { text = alignDecimals(text) }
    return (text, numeric)
}

/// `x` with `d` decimals; never `-0`.
func fixedDecimals(_ x: Double, _ d: Int) -> String {
    guard x.isFinite else { return formatNumber(x) }
    let s = cFormat("%.\(d)f", x)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
    return s
}

/// Pads plain decimal numbers with zeros to the same number of decimals (at most 6),
/// so a column reads 0.10, 0.25, 1.00 rather than 0.1, 0.25, 1.
func alignDecimals(_ cells: [String]) -> [String] {
    let plain = cells.filter { !$0.isEmpty }
    guard plain.allSatisfy({ $0.allSatisfy { "-0123456789.".contains($0) } }) else { return cells }
    let decimals = plain.map { s in s.firstIndex(of: ".").map { s.distance(from: $0, to: s.endIndex) - 1 } ?? 0 }
    let target = decimals.max() ?? 0
    guard target > 0, target <= 6 else { return cells }
    return cells.map { s in
        guard !s.isEmpty else { return s }
        let have = s.firstIndex(of: ".").map { s.distance(from: $0, to: s.endIndex) - 1 }
        return (have == nil ? s + "." : s) + String(repeating: "0", count: target - (have ?? 0))
    }
}

/// Shows a table of rows under the cell.
///
///     table(columns: ["n", "mean", "exact"],
///           rows: [[10, 0.52, 0.5], [100, 0.497, 0.5]],
///           caption: "Estimates of J(θ)")
///
/// - Parameters:
///   - columns: the header cells (`[]` for no header row).
///   - rows: the rows; cells may be numbers, strings, booleans or anything printable.
///   - formats: per-column number formats, e.g. `[.auto, .fixed(3)]` (`.auto` where missing).
///   - caption: a caption shown with the table.
public func table(columns: [String], rows: [[Any]], formats: [ColumnFormat] = [], caption: String? = nil) {
    show(Table(columns: columns, rows: rows, formats: formats, caption: caption))
}

/// Shows a table built with `Table` and `row(...)`.
public func show(_ table: Table) {
    _lecternRecord("table", table.recordFields)
}

/// Shows a value under the cell: as a table when it is tabular, else as text.
///
/// Tabular values are arrays of rows (arrays, tuples, or structs, whose
/// property names become the header) and dictionaries (a key/value table, or
/// one column per key when every value is an array of the same length).
/// Anything else is printed with `formatValue`.
///
///     show([[1, 0.5], [2, 0.25]])                  // a 2×2 table
///     show([(n: 10, error: 0.1), (n: 100, error: 0.03)]) // columns "n", "error"
///     show(["exact": 0.5, "estimate": 0.497])      // a key/value table
///     show(1.0 / 3)                                 // prints 0.333333
///
/// - Parameters:
///   - value: what to show.
///   - caption: a caption, when the value is shown as a table.
public func show<T>(_ value: T, caption: String? = nil) {
    if let t = tabulate(value, caption: caption) {
        show(t)
    } else {
        print(formatValue(value))
    }
}

/// The table a value reads as, or nil when it is not tabular.
func tabulate(_ value: Any, caption: String?) -> Table? {
    guard let value = unwrapOptional(value) else { return nil }
    if value is String { return nil }
    if let items = value as? [Any], !items.isEmpty {
        var header: [String]? = nil
        var rows: [[Any]] = []
        for item in items {
            guard let item = unwrapOptional(item), let cells = rowCells(item) else { return nil }
            if header == nil { header = cells.labels }
            rows.append(cells.values)
        }
        return Table(columns: header ?? [], rows: rows, caption: caption)
    }
    if let dict = value as? [AnyHashable: Any], !dict.isEmpty {
        let entries = sortedEntries(dict)
        let columns = entries.map { $0.value as? [Any] }
        if let first = columns.first ?? nil, !first.isEmpty,
           columns.allSatisfy({ $0?.count == first.count }) {
            let cols = columns.map { $0 ?? [] }
            let rows = (0..<first.count).map { r in cols.map { $0[r] } }
            return Table(columns: entries.map { formatAny($0.key.base) }, rows: rows, caption: caption)
        }
        return Table(columns: ["key", "value"], rows: entries.map { [formatAny($0.key.base), $0.value] }, caption: caption)
    }
    return nil
}

/// The cells of one row: an array (no labels), a tuple, or a struct or class (labelled by property name).
func rowCells(_ item: Any) -> (labels: [String], values: [Any])? {
    if item is String { return nil }
    if let cells = item as? [Any] { return ([], cells) }
    let mirror = Mirror(reflecting: item)
    guard let style = mirror.displayStyle, [.tuple, .struct, .class].contains(style),
          !mirror.children.isEmpty else { return nil }
    let labels = mirror.children.map { $0.label ?? "" }
    let positional = labels.allSatisfy { $0.hasPrefix(".") || $0.isEmpty }
    return (positional ? [] : labels, mirror.children.map(\.value))
}
