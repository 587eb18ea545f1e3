import Foundation
import Testing

@testable import TermLint

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The CI formats: snapshots over the fixed result of `ReporterSnapshotTests`, and checks
/// against the rules of the tools that read them (the Actions runner's unescaping, XML and
/// JSON parsers, the OASIS SARIF schema, GitLab's fingerprint matching).
@Suite struct FormatTests {
  /// A fixed version, so the SARIF snapshot does not depend on the machine's ICU.
  static let sarif = SARIFReporter(toolVersion: "0.1.0-test")

  static func render(_ format: OutputFormat, _ result: RunResult) -> String {
    switch format {
    case .text: TextReporter(color: false).render(result)
    case .json: JSONReporter().render(result)
    case .jsonl: JSONLinesReporter().render(result)
    case .sarif: sarif.render(result)
    case .github: GitHubReporter().render(result)
    case .junit: JUnitReporter().render(result)
    case .checkstyle: CheckstyleReporter().render(result)
    case .gitlab: GitLabReporter().render(result)
    case .html: HTMLReporter(toolVersion: "0.0.0-test").render(result)
    }
  }

  /// One finding with the given path and message, on line 2, columns 3 to 7.
  static func finding(
    path: String, message: String, severity: Severity = .warning, rule: String = "variant"
  ) -> Diagnostic {
    Diagnostic(
      path: path, rule: rule, severity: severity, message: message,
      range: TextRange(start: 10, end: 14), start: SourcePosition(line: 2, column: 3),
      end: SourcePosition(line: 2, column: 7), matched: "88th", fix: nil, term: nil)
  }

  static func result(_ diagnostics: [Diagnostic]) -> RunResult {
    var result = RunResult()
    result.files = [FileReport(path: diagnostics[0].path, diagnostics: diagnostics, source: nil)]
    return result
  }

  // MARK: Snapshots

  @Test(arguments: [
    (OutputFormat.sarif, "report.sarif"), (.github, "report.github.txt"),
    (.junit, "report.junit.xml"), (.checkstyle, "report.checkstyle.xml"),
    (.gitlab, "report.gitlab.json"), (.jsonl, "report.jsonl"),
  ])
  func snapshot(format: OutputFormat, file: String) throws {
    try expectSnapshot(Self.render(format, try ReporterSnapshotTests.result()), file: file)
  }

  @Test(arguments: OutputFormat.allCases)
  func outputIsDeterministic(format: OutputFormat) throws {
    let first = Self.render(format, try ReporterSnapshotTests.result())
    #expect(first == Self.render(format, try ReporterSnapshotTests.result()))
  }

  // MARK: GitHub workflow commands

  @Test func githubEscapesDataAndPropertiesLikeTheToolkit() {
    let diagnostic = Self.finding(path: "./reports/a,b:c%.txt", message: "100% sure\r\nnext: a, b")
    let output = GitHubReporter().render(Self.result([diagnostic]))
    #expect(
      output
        == "::warning file=reports/a%2Cb%3Ac%25.txt,line=2,col=3,endLine=2,endColumn=7,"
        + "title=termlint (variant)::100%25 sure%0D%0Anext: a, b\n")
  }

  /// Parses a workflow command as the Actions runner does (`ActionCommand.TryParse`).
  static func parseCommand(_ line: String) -> (
    command: String, properties: [String: String], data: String
  )? {
    guard line.hasPrefix("::") else { return nil }
    let rest = line.dropFirst(2)
    guard let end = rest.range(of: "::") else { return nil }
    let head = rest[..<end.lowerBound]
    let data = String(rest[end.upperBound...])
    let parts = head.split(separator: " ", maxSplits: 1)
    var properties: [String: String] = [:]
    if parts.count == 2 {
      for pair in parts[1].split(separator: ",") {
        let keyValue = pair.split(separator: "=", maxSplits: 1)
        guard keyValue.count == 2 else { continue }
        properties[String(keyValue[0])] = unescape(String(keyValue[1]), property: true)
      }
    }
    return (String(parts[0]), properties, unescape(data, property: false))
  }

  static func unescape(_ text: String, property: Bool) -> String {
    var text = text.replacingOccurrences(of: "%0D", with: "\r")
      .replacingOccurrences(of: "%0A", with: "\n")
    if property {
      text = text.replacingOccurrences(of: "%3A", with: ":")
        .replacingOccurrences(of: "%2C", with: ",")
    }
    return text.replacingOccurrences(of: "%25", with: "%")
  }

  @Test func githubCommandsReadBackAsWritten() throws {
    let message = "a % b %25 c\rd\ne :: f, g"
    let diagnostics = [
      Self.finding(path: "x:y,z %0A.txt", message: message),
      Self.finding(path: "x:y,z %0A.txt", message: "note", severity: .info, rule: "form"),
    ]
    var result = Self.result(diagnostics)
    result.problems = [TermLintError(.io, "cannot read: 100%, really", path: "bad,1:2.txt")]
    let lines = GitHubReporter().render(result).split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    let first = try #require(Self.parseCommand(lines[0]))
    #expect(first.command == "warning")
    #expect(first.data == message)
    #expect(first.properties["file"] == "x:y,z %0A.txt")
    #expect(first.properties["title"] == "termlint (variant)")
    #expect(first.properties["line"] == "2" && first.properties["endColumn"] == "7")
    #expect(try #require(Self.parseCommand(lines[1])).command == "notice")
    let problem = try #require(Self.parseCommand(lines[2]))
    #expect(problem.command == "error")
    #expect(problem.properties == ["file": "bad,1:2.txt"])
    #expect(problem.data == "cannot read: 100%, really")
  }

  @Test func githubLeavesColumnsOutOfMultiLineSpans() throws {
    let output = GitHubReporter().render(try ReporterSnapshotTests.result())
    let wrapped = try #require(
      output.split(separator: "\n").first { $0.contains("line=2,endLine=3") })
    #expect(!wrapped.contains("col="))
  }

  // MARK: XML

  static let hostile = "a & b < c > d \"e\" 'f'\tg\nh\r\ni \u{1}\u{FFFF}j ]]> 报告"
  static let hostileKept = "a & b < c > d \"e\" 'f'\tg\nh\r\ni j ]]> 报告"

  static func parse(_ xml: String) throws -> XMLDocument {
    try XMLDocument(data: Data(xml.utf8), options: [])
  }

  static func values(_ document: XMLDocument, _ xpath: String) throws -> [String] {
    try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
  }

  @Test(arguments: [OutputFormat.junit, .checkstyle])
  func xmlIsWellFormed(format: OutputFormat) throws {
    _ = try Self.parse(Self.render(format, try ReporterSnapshotTests.result()))
    let hostile = Self.result([Self.finding(path: Self.hostile, message: Self.hostile)])
    _ = try Self.parse(Self.render(format, hostile))
  }

  @Test func junitCountsMatchItsTestCases() throws {
    var result = try ReporterSnapshotTests.result()
    result.files.append(FileReport(path: "clean.txt", diagnostics: [], source: nil))
    let document = try Self.parse(JUnitReporter().render(result))
    let suite = "/testsuites/testsuite"
    #expect(try Self.values(document, "/testsuites/@tests") == ["7"])
    #expect(try Self.values(document, "\(suite)/@tests") == ["7"])
    #expect(try Self.values(document, "\(suite)/testcase").count == 7)
    #expect(try Self.values(document, "\(suite)/@failures") == ["4"])
    #expect(try Self.values(document, "\(suite)/testcase/failure").count == 4)
    #expect(try Self.values(document, "\(suite)/@errors") == ["1"])
    #expect(try Self.values(document, "\(suite)/testcase/error/@type") == ["io"])
    #expect(try Self.values(document, "\(suite)/@skipped") == ["1"])
    #expect(
      try Self.values(document, "\(suite)/testcase[@classname='clean.txt']/@name") == [
        "termlint"
      ])
    #expect(
      try Self.values(document, "\(suite)/testcase[@classname='clean.txt']/*").isEmpty)
    #expect(
      try Self.values(document, "\(suite)/testcase/failure/@type") == [
        "variant", "variant", "variant", "form",
      ])
    #expect(try Self.values(document, "\(suite)/testcase/@name").first == "variant at 1:1")
  }

  @Test func xmlAttributesReadBackAsWritten() throws {
    let result = Self.result([Self.finding(path: Self.hostile, message: Self.hostile)])
    let junit = try Self.parse(JUnitReporter().render(result))
    #expect(try Self.values(junit, "//testcase/@classname") == [Self.hostileKept])
    #expect(try Self.values(junit, "//failure/@message") == [Self.hostileKept])
    let body = try #require(try Self.values(junit, "//failure").first)
    #expect(body.hasPrefix(Self.hostileKept + ":2:3: warning: " + Self.hostileKept))
    let checkstyle = try Self.parse(CheckstyleReporter().render(result))
    #expect(try Self.values(checkstyle, "//file/@name") == [Self.hostileKept])
    #expect(try Self.values(checkstyle, "//error/@message") == [Self.hostileKept])
    #expect(try Self.values(checkstyle, "//error/@source") == ["termlint.variant"])
    #expect(try Self.values(checkstyle, "//error/@line") == ["2"])
    #expect(try Self.values(checkstyle, "//error/@column") == ["3"])
  }

  @Test func checkstyleListsEveryFile() throws {
    var result = try ReporterSnapshotTests.result()
    result.files.append(FileReport(path: "clean.txt", diagnostics: [], source: nil))
    let document = try Self.parse(CheckstyleReporter().render(result))
    #expect(try Self.values(document, "/checkstyle/@version") == ["4.3"])
    #expect(
      try Self.values(document, "/checkstyle/file/@name") == [
        "docs/new folder/报告 1.txt", "clean.txt", "bad file.txt",
      ])
    let severities = Set(try Self.values(document, "//error/@severity"))
    #expect(severities.isSubset(of: ["error", "warning", "info"]))
  }

  // MARK: SARIF

  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
  }

  @Test func sarifIsValidJSONWithConsistentRulesAndRegions() throws {
    let result = try ReporterSnapshotTests.result()
    let bytes = Array(ReporterSnapshotTests.text.utf8)
    let log = try #require(try Self.json(Self.sarif.render(result)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let run = runs[0]
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
    let tool = try #require(run["tool"] as? [String: Any])
    let driver = try #require(tool["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "termlint")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.compactMap { $0["id"] as? String } == RuleRegistry.all.map(\.id))
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 4)
    for (sarif, diagnostic) in zip(results, result.diagnostics) {
      let index = try #require(sarif["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == sarif["ruleId"] as? String)
      #expect(sarif["level"] as? String == "warning")
      let locations = try #require(sarif["locations"] as? [[String: Any]])
      let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
      let artifact = try #require(physical["artifactLocation"] as? [String: Any])
      let uri = try #require(artifact["uri"] as? String)
      #expect(uri == "docs/new%20folder/%E6%8A%A5%E5%91%8A%201.txt")
      #expect(uri.removingPercentEncoding == diagnostic.path)
      let region = try #require(physical["region"] as? [String: Any])
      let offset = try #require(region["byteOffset"] as? Int)
      let length = try #require(region["byteLength"] as? Int)
      #expect(
        String(decoding: bytes[offset..<offset + length], as: UTF8.self) == diagnostic.matched)
      #expect(region["startLine"] as? Int == diagnostic.start.line)
      #expect(region["startColumn"] as? Int == diagnostic.start.column)
      #expect(region["endLine"] as? Int == diagnostic.end.line)
      #expect(region["endColumn"] as? Int == diagnostic.end.column)
      let fixes = try #require(sarif["fixes"] as? [[String: Any]])
      let changes = try #require(fixes.first?["artifactChanges"] as? [[String: Any]])
      let replacements = try #require(changes.first?["replacements"] as? [[String: Any]])
      let deleted = try #require(replacements.first?["deletedRegion"] as? [String: Any])
      #expect(deleted["byteOffset"] as? Int == offset && deleted["byteLength"] as? Int == length)
      let inserted = try #require(replacements.first?["insertedContent"] as? [String: Any])
      #expect(inserted["text"] as? String == "Double-Eight Strategy")
    }
    // Column 1, and a span that ends the last line: columns are 1-based, the end exclusive.
    let first = try #require(results.first?["locations"] as? [[String: Any]])
    let firstRegion = (first[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
    #expect(firstRegion?["startColumn"] as? Int == 1)
    #expect(result.diagnostics.last?.end == SourcePosition(line: 4, column: 29))
    let invocations = try #require(run["invocations"] as? [[String: Any]])
    #expect(invocations.first?["executionSuccessful"] as? Bool == false)
    let notifications = try #require(
      invocations.first?["toolExecutionNotifications"] as? [[String: Any]])
    #expect(notifications.compactMap { $0["level"] as? String } == ["error", "note"])
  }

  @Test func sarifURIs() {
    #expect(CIPath.uri("./a b/ü#1?.txt") == "a%20b/%C3%BC%231%3F.txt")
    #expect(CIPath.uri("c:d/100%.txt") == "c%3Ad/100%25.txt")
    #expect(CIPath.uri("/tmp/x y.txt") == "file:///tmp/x%20y.txt")
    #expect(CIPath.uri("../up.txt") == "../up.txt")
    #expect(CIPath.relative(".//a.txt") == "a.txt")
    #expect(CIPath.relative("./") == "./")
  }

  @Test func sarifMatchesTheOASISSchema() throws {
    let folder = try TemporaryDirectory()
    // With merged notes too: `relatedLocations` with and without a region.
    var result = try ReporterSnapshotTests.result()
    result.files[0].diagnostics[0].notes = [
      Note(message: "written 2 ways", rule: "inconsistent"),
      Note(
        message: "also written “x”", range: TextRange(start: 0, end: 3),
        start: SourcePosition(line: 1, column: 1)),
    ]
    let log = try folder.write("report.sarif", Self.sarif.render(result))
    let script = Fixtures.packageRoot.appendingPathComponent("Tests/validate_sarif.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, Fixtures.path("sarif-schema-2.1.0.json"), log]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(
      decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0: break
    case 127:
      Issue.record(
        "python3 is not installed: the SARIF schema check needs python3 with jsonschema (\(text))")
    case 3:
      Issue.record(
        "the Python package jsonschema is missing: python3 -m pip install jsonschema (\(text))")
    default:
      Issue.record("SARIF output does not match the SARIF 2.1.0 schema:\n\(text)")
    }
  }

  // MARK: GitLab Code Quality

  @Test func gitlabIsValidCodeQualityJSON() throws {
    let issues = try #require(
      try Self.json(GitLabReporter().render(try ReporterSnapshotTests.result()))
        as? [[String: Any]])
    #expect(issues.count == 5)
    for issue in issues {
      #expect(issue["description"] is String && issue["check_name"] is String)
      let severity = try #require(issue["severity"] as? String)
      #expect(["info", "minor", "major", "critical", "blocker"].contains(severity))
      let location = try #require(issue["location"] as? [String: Any])
      #expect(location["path"] is String)
      let lines = try #require(location["lines"] as? [String: Any])
      #expect((lines["begin"] as? Int ?? 0) >= 1)
    }
    let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
    #expect(fingerprints.count == issues.count)
    #expect(Set(fingerprints).count == fingerprints.count)
    #expect(fingerprints.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
  }

  @Test func gitlabSeverities() {
    #expect(GitLabReporter.severity(.info) == "info")
    #expect(GitLabReporter.severity(.warning) == "minor")
    #expect(GitLabReporter.severity(.error) == "major")
  }

  @Test func fingerprintsSurviveALineInsertedAbove() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let text = "the 88th Strategy and the 88th Strategy\nthen the Eight-Eight Strategy\n"
    let before = try linter.lint(try SourceFile(path: "a.txt", bytes: Array(text.utf8)))
    let after = try linter.lint(
      try SourceFile(path: "a.txt", bytes: Array(("A new first line.\n" + text).utf8)))
    #expect(before.count == 3)
    #expect(after.map(\.start.line) == before.map { $0.start.line + 1 })
    let fingerprints = Fingerprint.of(before)
    #expect(Set(fingerprints).count == 3)
    #expect(Fingerprint.of(after) == fingerprints)
    #expect(
      Fingerprint.of(
        before.map {
          var d = $0
          d.path = "./a.txt"
          return d
        }) == fingerprints)
    var moved = before
    moved[0].path = "b.txt"
    #expect(Fingerprint.of(moved)[0] != fingerprints[0])
  }

  @Test func fnv1aMatchesTheReferenceValues() {
    #expect(Fingerprint.hash("") == "cbf29ce484222325")
    #expect(Fingerprint.hash("a") == "af63dc4c8601ec8c")
    #expect(Fingerprint.hash("foobar") == "85944171f73967e8")
  }

  // MARK: CLI

  @Test func formatsCommandListsEveryFormat() throws {
    let output = try CLI.run(["formats"])
    #expect(output.status == 0)
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count == OutputFormat.allCases.count)
    for (line, format) in zip(lines, OutputFormat.allCases) {
      #expect(line.hasPrefix(format.rawValue + " "))
      #expect(line.hasSuffix(format.summary))
    }
  }

  @Test(arguments: [OutputFormat.sarif, .github, .junit, .checkstyle, .gitlab])
  func cliWritesEachFormat(format: OutputFormat) throws {
    let folder = try TemporaryDirectory()
    try folder.write("a b.txt", "We implement the 88th Strategy.\n")
    try folder.write("clean.txt", "Nothing to see.\n")
    let output = try CLI.run(
      ["--no-config", "--format", format.rawValue, "."], in: folder.path)
    #expect(output.status == 1)
    // Paths as the repository knows them: no leading ./ from walking the current folder.
    #expect(output.stdout.contains("a b.txt") || output.stdout.contains("a%20b.txt"))
    #expect(!output.stdout.contains("./a b") && !output.stdout.contains("./a%20b"))
  }

  /// JSON Lines holds the JSON report's diagnostics, one per line, and its totals last.
  @Test func jsonLinesHoldTheJSONReport() throws {
    let result = try ReporterSnapshotTests.result()
    let whole = try #require(
      try JSONSerialization.jsonObject(with: Data(Self.render(.json, result).utf8))
        as? [String: Any])
    let lines = Self.render(.jsonl, result).split(separator: "\n").map {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(lines.allSatisfy { $0 != nil })
    let diagnostics = try #require(whole["diagnostics"] as? [[String: Any]])
    #expect(lines.count == diagnostics.count + 1)
    for (line, diagnostic) in zip(lines, diagnostics) {
      #expect(NSDictionary(dictionary: line ?? [:]).isEqual(to: diagnostic))
    }
    let last = try #require(lines.last ?? nil)
    #expect(
      NSDictionary(dictionary: last["summary"] as? [String: Any] ?? [:]).isEqual(
        to: whole["summary"] as? [String: Any] ?? [:]))
    #expect(last["version"] as? Int == 1)
  }
}
