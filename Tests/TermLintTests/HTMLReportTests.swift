import Foundation
import Testing

@testable import TermLint

@Suite struct HTMLReportTests {
  static let reporter = HTMLReporter(toolVersion: "0.0.0-test")

  /// The JSON data block of a page, parsed.
  static func data(_ page: String) throws -> [String: Any] {
    let open = #"<script type="application/json" id="termlint-data">"#
    let start = try #require(page.firstRange(of: open))
    let end = try #require(page[start.upperBound...].firstRange(of: "</script>"))
    let json = Data(page[start.upperBound..<end.lowerBound].utf8)
    return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
  }

  static func findings(_ page: String) throws -> [[String: Any]] {
    let files = try #require(try data(page)["files"] as? [[String: Any]])
    return files.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }
  }

  /// The page's finding of `variant` (other rules may find other things in the text).
  static func variant(_ page: String) throws -> [String: Any]? {
    try findings(page).first { $0["rule"] as? String == "variant" }
  }

  static func occurrences(of needle: String, in text: String) -> Int {
    text.lowercased().ranges(of: needle.lowercased()).count
  }

  static func page(_ text: String, path: String = "t.txt", off: Set<String> = []) throws
    -> String
  {
    let linter = try makeLinter(off: off)
    let file = try SourceFile(path: path, bytes: Array(text.utf8))
    var result = RunResult()
    result.files = [FileReport(path: path, diagnostics: try linter.lint(file), source: file)]
    return reporter.render(result)
  }

  @Test func snapshot() throws {
    try expectSnapshot(
      Self.reporter.render(try ReporterSnapshotTests.result()), file: "report.html")
  }

  @Test func sameInputSameBytes() throws {
    let result = try ReporterSnapshotTests.result()
    let first = Self.reporter.render(result)
    #expect(Self.reporter.render(try ReporterSnapshotTests.result()) == first)
    // Streamed piece by piece, as the CLI writes it: the same bytes.
    var streamed = ""
    var stream = ReportStream(Self.reporter) { streamed += $0 }
    for file in result.files {
      stream.add(Self.reporter.piece(file), summary: Summary(file: file))
    }
    stream.finish(problems: result.problems, skippedBinary: result.skippedBinary)
    #expect(streamed == first)
  }

  @Test func snapshotDataMatchesTheFindings() throws {
    let result = try ReporterSnapshotTests.result()
    let page = Self.reporter.render(result)
    let findings = try Self.findings(page)
    let diagnostics = result.files.flatMap(\.diagnostics)
    #expect(findings.count == diagnostics.count)
    for (finding, diagnostic) in zip(findings, diagnostics) {
      #expect(finding["rule"] as? String == diagnostic.rule)
      #expect(finding["line"] as? Int == diagnostic.start.line)
      #expect(finding["column"] as? Int == diagnostic.start.column)
      let excerpt = try #require(finding["excerpt"] as? [String])
      // The highlighted part is the span's text on its first line.
      let firstLine = diagnostic.matched.split(separator: "\r\n").first.map(String.init)
      #expect(excerpt[1] == firstLine?.split(separator: "\n").first.map(String.init))
    }
    let data = try Self.data(page)
    let summary = try #require(data["summary"] as? [String: Any])
    #expect(summary["findings"] as? Int == diagnostics.count)
    #expect(summary["problems"] as? Int == 1)
    #expect((data["skipped"] as? [String]) == ["image.png"])
  }

  @Test func fileTextStaysInsideTheData() throws {
    let text =
      "A </script><script>alert(1)</script> <!-- x & y \"q\" 'q' \u{1B}[31m \u{202E}rev "
      + "Eight-Eight Strategy </SCRIPT >&amp;\u{07} <img src=x onerror=alert(2)>\n"
    let page = try Self.page(text, path: "a</script>&\"b\".txt")
    // Only the page's own two script elements and no comment opener.
    #expect(Self.occurrences(of: "<script", in: page) == 2)
    #expect(Self.occurrences(of: "</script", in: page) == 2)
    #expect(!page.contains("<!--"))
    #expect(!page.contains("<img"))
    #expect(!page.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{07}" })
    // The text still reaches the page's data intact, control characters shown as \u{…}.
    let finding = try #require(try Self.variant(page))
    let excerpt = try #require(finding["excerpt"] as? [String])
    #expect(excerpt[0].hasPrefix("A </script><script>alert(1)</script> <!-- x & y \"q\" 'q' "))
    #expect(excerpt[0].contains("\\u{1B}[31m \\u{202E}rev "))
    #expect(excerpt[1] == "Eight-Eight Strategy")
    #expect(excerpt[2].hasPrefix(" </SCRIPT >&amp;\\u{7} <img"))
    let files = try #require(try Self.data(page)["files"] as? [[String: Any]])
    #expect(files.first?["path"] as? String == "a</script>&\"b\".txt")
  }

  @Test func theScriptUsesNoHTMLParsing() {
    for banned in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
      #expect(!HTMLPage.script.contains(banned), "\(banned)")
    }
    #expect(!HTMLPage.script.contains("</"))
    #expect(!HTMLPage.style.contains("</"))
  }

  @Test func policyAllowsExactlyThePagesStyleAndScript() throws {
    // FIPS 180-4 test vectors.
    #expect(SHA256.cspSource("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    #expect(SHA256.cspSource("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    #expect(
      SHA256.cspSource("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "sha256-JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=")
    // More than one block and a length that needs padding in the last.
    #expect(
      SHA256.cspSource(String(repeating: "a", count: 1000))
        == "sha256-Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=")
    let page = Self.reporter.render(try ReporterSnapshotTests.result())
    let script = try #require(page.ranges(of: "<script>").last)
    let scriptEnd = try #require(page[script.upperBound...].firstRange(of: "</script>"))
    let style = try #require(page.firstRange(of: "<style>"))
    let styleEnd = try #require(page[style.upperBound...].firstRange(of: "</style>"))
    let policy =
      "default-src 'none'; script-src '"
      + SHA256.cspSource(String(page[script.upperBound..<scriptEnd.lowerBound]))
      + "'; style-src '"
      + SHA256.cspSource(String(page[style.upperBound..<styleEnd.lowerBound]))
      + "'; img-src 'none'; base-uri 'none'; form-action 'none'"
    #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"))
  }

  @Test func renderingsIncludeThePlacesInNotes() throws {
    let text =
      "The Eight-Eight Strategy began.\nThen the 88th Strategy.\nNow the Double-Eight Strategy.\n"
    let findings = try Self.findings(try Self.page(text))
    #expect(findings.count == 2)
    for finding in findings {
      let concept = try #require(finding["concept"] as? [String: Any])
      #expect(concept["key"] as? String == "term:double-eight-strategy")
      #expect(concept["name"] as? String == "八八战略")
      #expect(concept["keep"] as? String == "“Double-Eight Strategy”")
      #expect((concept["verdict"] as? String)?.hasPrefix("八八战略 is written 3 ways") == true)
      let renderings = try #require(finding["renderings"] as? [[String: Any]])
      let labels = renderings.compactMap { $0["label"] as? String }
      #expect(
        Set(labels) == ["“Eight-Eight Strategy”", "“88th Strategy”", "“Double-Eight Strategy”"])
      #expect(labels.first == "“\(finding["matched"] as? String ?? "")”")
    }
    let kept = try #require(
      (findings[0]["renderings"] as? [[String: Any]])?.first {
        $0["label"] as? String == "“Double-Eight Strategy”"
      })
    #expect(kept["line"] as? Int == 3)
    #expect(kept["column"] as? Int == 9)
  }

  @Test func namesNoGlossaryKnowsAreGroupedByTheKeptRendering() throws {
    let text = "They began the Ten Special Actions.\nLater the 10 special actions ended.\n"
    let findings = try Self.findings(try Self.page(text))
    let finding = try #require(findings.first { $0["rule"] as? String == "inconsistent" })
    #expect(finding["term"] is NSNull)
    let concept = try #require(finding["concept"] as? [String: Any])
    #expect(concept["key"] as? String == "name:“Ten Special Actions”")
    #expect(concept["keep"] as? String == "“Ten Special Actions”")
  }

  @Test func keptRenderingIsReadFromEveryReason() {
    #expect(
      HTMLReporter.keptLabel("X is written 2 ways in this file; keep “A; keep B”, the most used")
        == "“A; keep B”")
    #expect(
      HTMLReporter.keptLabel(
        "X is written 2 ways: “a” (line 1); keep “a”, the first of the most used")
        == "“a”")
    #expect(
      HTMLReporter.keptLabel(
        "X is written 2 ways in this file: “a; keep “b”” (line 1), “c” (line 2); keep “c”, "
          + "the preferred form (no authoritative English rendering exists)") == "“c”")
    #expect(HTMLReporter.keptLabel("no verdict here") == nil)
    for reason in [RenderingGroup.Reason.headingOrQuoted, .capitalised] {
      #expect(
        HTMLReporter.keptLabel("X is written 2 ways; keep “K”, " + InconsistentRule.reason(reason))
          == "“K”")
    }
  }

  @Test func referencesAreLinksOnlyWhenWebAddresses() {
    #expect(HTMLReporter.webLink("https://example.org/a?b=1") == "https://example.org/a?b=1")
    #expect(HTMLReporter.webLink("javascript:alert(1)") == nil)
    #expect(HTMLReporter.webLink("data:text/html,x") == nil)
    #expect(HTMLReporter.webLink("https://a b") == nil)
  }

  @Test func longLinesShowAWindowAroundTheSpan() throws {
    let text =
      String(repeating: "word ", count: 100) + "Eight-Eight Strategy"
      + String(repeating: " more", count: 100) + "\n"
    let finding = try #require(try Self.variant(try Self.page(text)))
    let excerpt = try #require(finding["excerpt"] as? [String])
    #expect(excerpt[0].hasPrefix("…") && excerpt[0].count == HTMLReporter.context + 1)
    #expect(excerpt[1] == "Eight-Eight Strategy")
    #expect(excerpt[2].hasSuffix("…") && excerpt[2].count == HTMLReporter.context + 1)
  }

  /// Clean files (empty pieces) around files with findings, with and without problems: the
  /// data still parses, with every finding once.
  @Test func cleanFilesLeaveTheDataWhole() throws {
    var result = try ReporterSnapshotTests.result()
    let clean = { (path: String) in FileReport(path: path, diagnostics: []) }
    let count = result.diagnostics.count
    result.files = [clean("0.txt")] + result.files.flatMap { [$0, clean($0.path + ".clean"), $0] }
    for problems in [result.problems, []] {
      result.problems = problems
      let page = Self.reporter.render(result)
      #expect(try Self.findings(page).count == 2 * count)
      #expect((try Self.data(page)["problems"] as? [Any])?.count == problems.count)
    }
  }

  @Test func htmlIsAnOutputFormat() {
    #expect(OutputFormat(rawValue: "html") == .html)
  }
}
