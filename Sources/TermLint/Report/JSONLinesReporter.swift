// Report stage: JSON Lines, for tools that read findings as they come.

/// JSON Lines: each diagnostic is one line holding the same object as in the JSON report's
/// `diagnostics` array, written as soon as its file is done; the last line is
/// `{"version":1,"summary":{…},"errors":[…],"skipped":[…]}`. A reader can stream a report
/// of millions of findings without holding it.
public struct JSONLinesReporter: Reporter {
  public init() {}

  public var piecesSplit: Bool { true }

  public var rendersBytes: Bool { true }

  public func piece(_ report: FileReport) -> String {
    String(decoding: pieceBytes(report), as: UTF8.self)
  }

  public func pieceBytes(_ report: FileReport) -> [UInt8] {
    var out: [UInt8] = []
    var cache = JSONReporter.Cache()
    for diagnostic in report.diagnostics {
      JSONReporter.append(diagnostic, to: &out, cache: &cache)
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    #"{"version":1,"# + JSONReporter.totals(totals) + "}\n"
  }
}
