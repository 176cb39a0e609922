import Foundation

/// A JSON value read back from a lecture program's record file.
public enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public subscript(key: String) -> JSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var array: [JSON]? { if case .array(let a) = self { return a }; return nil }
    /// A number; the runtime writes non-finite numbers as "nan", "inf", "-inf".
    public var number: Double? {
        switch self {
        case .number(let x): return x
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: return nil
        }
    }
    public var int: Int? { number.flatMap { $0.isFinite ? Int($0) : nil } }
}

extension JSON: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }
}

/// One structured record written by the runtime: its kind ("begin", "end",
/// "table", "check", ...), where standard output and standard error stood when
/// it was written, and its fields.
public struct Record: Equatable, Sendable {
    public var kind: String
    public var stdoutOffset: Int
    public var stderrOffset: Int
    public var fields: JSON

    /// Parses the record file: one JSON object per line. A line that does not
    /// parse ends the list (the program died while writing it).
    public static func parseFile(_ data: Data) -> [Record] {
        var records: [Record] = []
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let value = try? decoder.decode(JSON.self, from: Data(line)),
                  let kind = value["k"]?.string,
                  let o = value["o"]?.int, let e = value["e"]?.int
            else { break }
            records.append(Record(kind: kind, stdoutOffset: o, stderrOffset: e, fields: value))
        }
        return records
    }
}

/// What a cell produced, in the order it happened.
public enum CellOutput: Equatable, Sendable {
    /// Printed text.
    case text(String)
    /// A table or a plot record, drawn by Render.
    case record(Record)
    /// A `check` or `checkEstimate`, decided when the run was collected.
    case check(CheckResult)
}
