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

/// A record decoded once into what it says (the format: Sources/Notebook/Records.swift).
public enum RecordValue: Equatable, Sendable {
    /// The program started, from this seed.
    case start(seed: UInt64)
    /// Cell number `cell` of the program began, at monotonic time `time`.
    case begin(cell: Int, time: Double?)
    /// It ran to its end.
    case end(cell: Int, time: Double?)
    /// An `allow-error` cell's child process died: by a signal, or with an exit status.
    case error(cell: Int, termination: Termination)
    /// The value of inline expression number `index`, formatted.
    case inline(index: Int, text: String)
    /// The program ran to its end.
    case done
    /// A `check` or `checkEstimate`, decided.
    case check(CheckResult)
    case table(TableRecord)
    /// A plot; Render reads its series (with their optional style fields) into a `PlotSpec`.
    case plot(Record)
    /// A kind this version does not know, or a record missing a field its kind needs.
    case unknown(Record)

    public init(_ record: Record) {
        let f = record.fields
        switch record.kind {
        case "start": self = f["seed"]?.string.flatMap { UInt64($0) }.map { .start(seed: $0) } ?? .unknown(record)
        case "begin": self = f["cell"]?.int.map { .begin(cell: $0, time: f["t"]?.number) } ?? .unknown(record)
        case "end": self = f["cell"]?.int.map { .end(cell: $0, time: f["t"]?.number) } ?? .unknown(record)
        case "error":
            guard let cell = f["cell"]?.int else { self = .unknown(record); return }
            self = .error(cell: cell, termination: f["signal"]?.int.map { .signalled(Int32($0)) } ?? .exited(Int32(f["status"]?.int ?? -1)))
        case "inline":
            guard let index = f["index"]?.int, let text = f["text"]?.string else { self = .unknown(record); return }
            self = .inline(index: index, text: text)
        case "done": self = .done
        case "check", "estimate": self = checkResult(from: record).map { .check($0) } ?? .unknown(record)
        case "table":
            self = .table(TableRecord(columns: f["columns"]?.array?.map { $0.string ?? "" } ?? [],
                                      rows: f["rows"]?.array?.map { $0.array?.map { $0.string ?? "" } ?? [] } ?? [],
                                      numeric: f["numeric"]?.array?.map { $0.bool ?? false } ?? [],
                                      caption: f["caption"]?.string))
        case "plot": self = .plot(record)
        default: self = .unknown(record)
        }
    }
}

/// A `table` record: header cells ([] for none), rows of formatted cells, which columns are numbers, a caption.
public struct TableRecord: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[String]]
    public var numeric: [Bool]
    public var caption: String?
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
