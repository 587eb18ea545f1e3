// Report stage: JSON Lines, for tools that read findings as they come.

/// JSON Lines: each diagnostic is one line holding the same object as in the JSON report's
/// `diagnostics` array, written as soon as its file is done; the last line is
/// `{"version":1,"summary":{…},"errors":[…],"skipped":[…]}`. A reader can stream a report
/// of millions of findings without holding it.
public struct JSONLinesReporter: Reporter {
  public init() {}

  public func piece(_ report: FileReport) -> String {
    var out = ""
    for diagnostic in report.diagnostics {
      let json = JSONWriter()
      JSONReporter().render(diagnostic, into: json)
      out += json.output
      out += "\n"
    }
    return out
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    #"{"version":1,"# + JSONReporter.totals(totals) + "}\n"
  }
}
