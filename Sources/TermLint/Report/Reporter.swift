/// Counts for the one-line summary and the JSON `summary` object.
public struct Summary: Equatable, Sendable {
  public var filesChecked: Int
  public var filesWithFindings: Int
  public var errors: Int
  public var warnings: Int
  public var infos: Int
  public var skippedBinary: Int
  public var problems: Int

  public init(_ result: RunResult) {
    filesChecked = result.files.count
    filesWithFindings = result.files.filter { !$0.diagnostics.isEmpty }.count
    let all = result.diagnostics
    errors = all.filter { $0.severity == .error }.count
    warnings = all.filter { $0.severity == .warning }.count
    infos = all.filter { $0.severity == .info }.count
    skippedBinary = result.skippedBinary.count
    problems = result.problems.count
  }

  public var findings: Int { errors + warnings + infos }
}

/// Renders a run's result in one output format.
public protocol Reporter {
  func render(_ result: RunResult) -> String
}

/// The output formats termlint writes.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text
  case json
  case sarif
  case github
  case junit
  case checkstyle
  case gitlab

  public var summary: String {
    switch self {
    case .text: "compiler-style lines with the source line, a caret under the span and the fix"
    case .json: "one versioned JSON object: diagnostics with byte offsets, and a summary"
    case .sarif: "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, with fixes"
    case .github: "GitHub Actions workflow commands: an annotation per finding"
    case .junit: "JUnit XML for Jenkins and GitLab: a failed test case per finding"
    case .checkstyle: "Checkstyle XML for reviewdog and Jenkins' warnings plugin"
    case .gitlab: "GitLab Code Quality JSON for merge requests, with stable fingerprints"
    }
  }
}

/// Pluralises an English noun by count: "1 file", "2 files".
func counted(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
