/// Checkstyle XML, which reviewdog, Jenkins' warnings plugin and many review bots read.
///
/// `<checkstyle version="4.3">`, a `<file name="...">` per checked file (empty when clean)
/// holding `<error line= column= severity= message= source="termlint.RULE"/>` per finding.
/// Columns are 1-based Unicode scalars. A file that could not be checked gets one
/// `severity="error"` entry with `source="termlint.KIND"` (for example `termlint.io`).
public struct CheckstyleReporter: Reporter, Sendable {
  public init() {}

  public func head(_ totals: RunTotals?) -> String {
    XML.declaration + "<checkstyle version=\"4.3\">\n"
  }

  public func piece(_ report: FileReport) -> String {
    let name = XML.attribute(CIPath.relative(report.path))
    if report.isClean { return "  <file name=\"\(name)\"/>\n" }
    // A clean section of a file linted in sections adds nothing.
    if report.diagnostics.isEmpty { return "" }
    var out = "  <file name=\"\(name)\">\n"
    for diagnostic in report.diagnostics {
      out += "    <error line=\"\(diagnostic.start.line)\" column=\"\(diagnostic.start.column)\""
      out += " severity=\"\(diagnostic.severity.rawValue)\""
      out += " message=\"\(XML.attribute(diagnostic.message))\""
      out += " source=\"\(XML.attribute("termlint." + diagnostic.rule))\"/>\n"
    }
    return out + "  </file>\n"
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    var out = ""
    for problem in totals.problems {
      out += "  <file name=\"\(XML.attribute(problem.path.map(CIPath.relative) ?? ""))\">\n"
      out += "    <error"
      if let location = problem.location {
        out += " line=\"\(location.line)\" column=\"\(location.column)\""
      }
      out += " severity=\"error\" message=\"\(XML.attribute(problem.message))\""
      out += " source=\"\(XML.attribute("termlint." + problem.kind.rawValue))\"/>\n"
      out += "  </file>\n"
    }
    return out + "</checkstyle>\n"
  }
}
