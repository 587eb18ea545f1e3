/// JUnit XML, the test report Jenkins and GitLab show: each finding is a failed test case,
/// each clean file a passing one.
///
/// One `<testsuite name="termlint">`; a finding is
/// `<testcase classname="PATH" name="RULE at LINE:COLUMN">` with a `<failure>` giving the
/// location, the message and the fix. A file that could not be checked is an `<error>` and a
/// skipped binary file is `<skipped/>`, each under `name="termlint"`.
public struct JUnitReporter: Reporter, Sendable {
  public init() {}

  public func render(_ result: RunResult) -> String {
    var cases = ""
    var tests = 0
    var failures = 0
    for file in result.files {
      let path = CIPath.relative(file.path)
      if file.diagnostics.isEmpty {
        tests += 1
        cases += "    <testcase \(attributes(classname: path, name: "termlint"))/>\n"
      }
      for diagnostic in file.diagnostics {
        tests += 1
        failures += 1
        let name = "\(diagnostic.rule) at \(diagnostic.start.line):\(diagnostic.start.column)"
        cases += "    <testcase \(attributes(classname: path, name: name))>\n"
        cases += "      <failure message=\"\(XML.attribute(diagnostic.message))\""
        cases += " type=\"\(XML.attribute(diagnostic.rule))\">"
        cases += XML.text(body(diagnostic, path: path)) + "</failure>\n"
        cases += "    </testcase>\n"
      }
    }
    for problem in result.problems {
      tests += 1
      let path = problem.path.map(CIPath.relative) ?? ""
      cases += "    <testcase \(attributes(classname: path, name: "termlint"))>\n"
      cases += "      <error message=\"\(XML.attribute(problem.message))\""
      cases += " type=\"\(XML.attribute(problem.kind.rawValue))\">"
      cases += XML.text(problem.description) + "</error>\n"
      cases += "    </testcase>\n"
    }
    for path in result.skippedBinary {
      tests += 1
      cases += "    <testcase \(attributes(classname: CIPath.relative(path), name: "termlint"))>\n"
      cases += "      <skipped message=\"binary file\"/>\n"
      cases += "    </testcase>\n"
    }
    let counts =
      "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(result.problems.count)\""
      + " skipped=\"\(result.skippedBinary.count)\""
    return XML.declaration
      + "<testsuites name=\"termlint\" \(counts)>\n"
      + "  <testsuite name=\"termlint\" \(counts)>\n"
      + cases
      + "  </testsuite>\n"
      + "</testsuites>\n"
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
