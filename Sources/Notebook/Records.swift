// The record format: the contract between a running lecture program (this
// module) and the pipeline that reads the record file (module Lectern,
// `Record.parseFile`, `renderRecord`, `checkResult(from:)`).
//
// One JSON object per line. Every record has
//   "k"  kind (string), "o" standard-output byte offset, "e" standard-error byte offset
// followed by the fields of its kind. Numbers that are not finite are written as
// the strings "nan", "inf", "-inf". Fields marked `?` may be absent.
//
// Control records (written by Channel.swift, not rendered):
//   start   seed: string (decimal UInt64)
//   begin   cell: int                      end  cell: int
//   error   cell: int, message: string     done (no fields)
//   inline  index: int, text: string       (the value of `{swift} expr`, already formatted)
//
// table   (show, table)
//   columns: [string]           header cells; [] means no header row
//   rows:    [[string]]         cells already formatted as text
//   numeric: [bool]             per column: true when every cell is a number (drawn right-aligned)
//   caption?: string
//
// plot    (plot, show(Plot))
//   title?: string, x?: string, y?: string      title and axis titles
//   xScale, yScale: "linear" | "log"
//   xRange?, yRange?: [lo, hi]                  fixed axis ranges
//   series: [object], each with "type" and "label" (string, "" = not in the legend):
//     line, scatter  xs: [number], ys: [number]
//     band           xs, mean, lower, upper: [number]; runs: int (0 when given explicitly)
//     histogram      edges: [number] (bins + 1), heights: [number] (bins), density: bool, n: int
//     vline          x: number                   hline  y: number
//
// check   (check)
//   name: string, file: string, line: int, passed: bool
//   form: "scalar" | "vector" | "condition" | "equal"
//   scalar:    actual, expected, tolerance, relative, error: number
//   vector:    actual, expected: [number]; tolerance, relative, error (max abs error): number;
//              worst: int (component of the max error, -1 if none); note?: string
//   condition: (nothing more)
//   equal:     actual, expected: string (their descriptions)
//
// estimate (checkEstimate)
//   name, file, line, passed, sigmas: number, n: int (samples)
//   form: "scalar" | "vector"
//   scalar:   mean, se, z, expected: number
//   vector:   mean, se, z, expected: [number]; worst: int (component of max |z|), maxZ: number
//   note?: string (why a check could not be evaluated, e.g. fewer than 2 samples)

/// Builds the fields of a record without writing it; the writers below and the tests share these.
enum RecordFields {
    static func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
    static func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
    static func location(_ file: String, _ line: Int) -> [(String, JSONValue)] {
        [("file", .string(file)), ("line", .number(Double(line)))]
    }
}
