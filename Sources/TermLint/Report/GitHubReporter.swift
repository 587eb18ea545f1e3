/// GitHub Actions workflow commands, one line per finding, which the runner turns into
/// annotations on the files of a pull request.
///
/// `::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=termlint (RULE)::MESSAGE`;
/// info findings are `notice`, files that could not be checked are `error`. Escaping is the
/// Actions toolkit's (`escapeData`, `escapeProperty`), so the runner reads back exactly the
/// text written.
public struct GitHubReporter: Reporter, Sendable {
  public init() {}

  public var piecesSplit: Bool { true }

  public func piece(_ report: FileReport) -> String {
    var out = ""
    for diagnostic in report.diagnostics {
      var properties = [
        ("file", CIPath.relative(diagnostic.path)), ("line", String(diagnostic.start.line)),
      ]
      // GitHub's annotations take columns only for a span on one line.
      if diagnostic.start.line == diagnostic.end.line {
        properties.append(("col", String(diagnostic.start.column)))
        properties.append(("endLine", String(diagnostic.end.line)))
        properties.append(("endColumn", String(diagnostic.end.column)))
      } else {
        properties.append(("endLine", String(diagnostic.end.line)))
      }
      properties.append(("title", "termlint (\(diagnostic.rule))"))
      out += command(
        Self.command(for: diagnostic.severity), properties: properties,
        message: diagnostic.message)
    }
    return out
  }

  /// An error annotation for each file that could not be checked.
  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    var out = ""
    for problem in totals.problems {
      var properties: [(String, String)] = []
      if let path = problem.path { properties.append(("file", CIPath.relative(path))) }
      if let location = problem.location {
        properties.append(("line", String(location.line)))
        properties.append(("col", String(location.column)))
      }
      out += command("error", properties: properties, message: problem.message)
    }
    if totals.summary.omitted > 0 {
      out += command(
        "notice", properties: [("title", "termlint")],
        message: "\(counted(totals.summary.omitted, "finding")) not shown (--max-findings)")
    }
    return out
  }

  static func command(for severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "notice"
    }
  }

  private func command(_ name: String, properties: [(String, String)], message: String) -> String {
    let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(name)\(list.isEmpty ? "" : " " + list)::\(Self.escapeData(message))\n"
  }

  /// The toolkit's `escapeData`: `%`, CR and LF, so the command stays on one line.
  static func escapeData(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The toolkit's `escapeProperty`: as `escapeData`, and `:` and `,`, which end a value.
  static func escapeProperty(_ text: String) -> String {
    var result = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": result += "%3A"
      case ",": result += "%2C"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
