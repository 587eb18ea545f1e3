/// JUnit XML, the test report Jenkins and GitLab show: each finding is a failed test case,
/// each clean file a passing one.
///
/// One `<testsuite name="termlint">`; a finding is
/// `<testcase classname="PATH" name="RULE at LINE:COLUMN">` with a `<failure>` giving the
/// location, the message and the fix. A file that could not be checked is an `<error>` and a
/// skipped binary file is `<skipped/>`, each under `name="termlint"`.
public struct JUnitReporter: Reporter, Sendable {
  public init() {}

  public var headNeedsTotals: Bool { true }

  public var piecesSplit: Bool { true }

  public func head(_ totals: RunTotals?) -> String {
    let summary = totals?.summary ?? Summary()
    let tests =
      summary.filesChecked - summary.filesWithFindings + summary.findings + summary.problems
      + summary.skippedBinary
    let counts =
      "tests=\"\(tests)\" failures=\"\(summary.findings)\" errors=\"\(summary.problems)\""
      + " skipped=\"\(summary.skippedBinary)\""
    return XML.declaration
      + "<testsuites name=\"termlint\" \(counts)>\n"
      + "  <testsuite name=\"termlint\" \(counts)>\n"
  }

  public func piece(_ report: FileReport) -> String {
    let path = CIPath.relative(report.path)
    if report.isClean {
      return "    <testcase \(attributes(classname: path, name: "termlint"))/>\n"
    }
    var cases = ""
    for diagnostic in report.diagnostics {
      let name = "\(diagnostic.rule) at \(diagnostic.start.line):\(diagnostic.start.column)"
      cases += "    <testcase \(attributes(classname: path, name: name))>\n"
      cases += "      <failure message=\"\(XML.attribute(diagnostic.message))\""
      cases += " type=\"\(XML.attribute(diagnostic.rule))\">"
      cases += XML.text(body(diagnostic, path: path)) + "</failure>\n"
      cases += "    </testcase>\n"
    }
    return cases
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    var cases = ""
    for problem in totals.problems {
      let path = problem.path.map(CIPath.relative) ?? ""
      cases += "    <testcase \(attributes(classname: path, name: "termlint"))>\n"
      cases += "      <error message=\"\(XML.attribute(problem.message))\""
      cases += " type=\"\(XML.attribute(problem.kind.rawValue))\">"
      cases += XML.text(problem.description) + "</error>\n"
      cases += "    </testcase>\n"
    }
    for path in totals.skippedBinary {
      cases += "    <testcase \(attributes(classname: CIPath.relative(path), name: "termlint"))>\n"
      cases += "      <skipped message=\"binary file\"/>\n"
      cases += "    </testcase>\n"
    }
    return cases + "  </testsuite>\n" + "</testsuites>\n"
  }

  private func attributes(classname: String, name: String) -> String {
    "classname=\"\(XML.attribute(classname))\" name=\"\(XML.attribute(name))\""
  }

  /// `path:line:column: severity: message`, then the fix when there is one.
  private func body(_ diagnostic: Diagnostic, path: String) -> String {
    var text =
      "\(path):\(diagnostic.start.line):\(diagnostic.start.column): "
      + "\(diagnostic.severity.rawValue): \(diagnostic.message)"
    if let replacement = diagnostic.replacement {
      text += "\nfix: replace with \(quoted(replacement))"
    } else if let fix = diagnostic.fix {
      for edit in fix.edits {
        let bytes = "\(edit.range.start)..<\(edit.range.end)"
        text += "\nfix: replace bytes \(bytes) with \(quoted(edit.replacement))"
      }
    }
    return text
  }
}
