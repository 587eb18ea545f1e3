/// GitLab Code Quality JSON (a subset of Code Climate's issue format), shown in merge
/// requests.
///
/// An array of `{"description", "check_name", "fingerprint", "severity", "location"}`.
/// Severities map info → `info`, warning → `minor`, error → `major`; a file that could not be
/// checked is `critical`. The fingerprint (see `Fingerprint`) leaves out line numbers, so
/// GitLab does not report a finding as fixed and new again when lines move above it.
public struct GitLabReporter: Reporter, Sendable {
  public init() {}

  /// One entry of the report.
  private struct Issue {
    var description: String
    var checkName: String
    var fingerprint: String
    var severity: String
    var path: String
    var begin: Int
    var end: Int
  }

  public var separator: String { "," }

  public func head(_ totals: RunTotals?) -> String { "[" }

  public func piece(_ report: FileReport) -> String {
    let diagnostics = report.diagnostics
    return render(
      zip(diagnostics, Fingerprint.of(diagnostics)).map { diagnostic, fingerprint in
        Issue(
          description: diagnostic.message, checkName: diagnostic.rule, fingerprint: fingerprint,
          severity: Self.severity(diagnostic.severity), path: CIPath.relative(diagnostic.path),
          begin: diagnostic.start.line, end: diagnostic.end.line)
      })
  }

  /// The files that could not be checked, as critical issues; then the array's end.
  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    let problems = totals.problems.map { problem in
      let path = problem.path.map(CIPath.relative) ?? ""
      let line = problem.location?.line ?? 1
      let identity = ["problem", path, problem.kind.rawValue, problem.message]
      return Issue(
        description: problem.message, checkName: problem.kind.rawValue,
        fingerprint: Fingerprint.hash(identity.joined(separator: "\u{0}")),
        severity: "critical", path: path, begin: line, end: line)
    }
    let rendered = render(problems)
    return (afterPieces && !rendered.isEmpty ? "," : "") + rendered + "]\n"
  }

  /// Issues as array elements, separated by commas.
  private func render(_ issues: [Issue]) -> String {
    let json = JSONWriter()
    for issue in issues {
      json.object {
        json.field("description") { json.string(issue.description) }
        json.field("check_name") { json.string(issue.checkName) }
        json.field("fingerprint") { json.string(issue.fingerprint) }
        json.field("severity") { json.string(issue.severity) }
        json.field("location") {
          json.object {
            json.field("path") { json.string(issue.path) }
            json.field("lines") {
              json.object {
                json.field("begin") { json.number(issue.begin) }
                json.field("end") { json.number(issue.end) }
              }
            }
          }
        }
      }
    }
    return json.output
  }

  static func severity(_ severity: Severity) -> String {
    switch severity {
    case .info: "info"
    case .warning: "minor"
    case .error: "major"
    }
  }
}
