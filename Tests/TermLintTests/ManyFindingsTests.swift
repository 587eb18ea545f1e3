import Foundation
import Testing

@testable import TermLint

/// Findings at scale: reports identical to the ones before findings became cheap (golden
/// files `Fixtures/many/expected.*` written by the binary before that change), pieces
/// rendered in parts, positions in one pass, and `--max-findings`.
@Suite(.serialized) struct ManyFindingsTests {
  static let folder = Fixtures.path("many")
  static let lint = ["--no-config", "--no-builtin", "--glossary", "glossary.yml"]

  /// Every reporter writes the same bytes as before, on a file with variants, forms,
  /// `inconsistent` findings with related places, suppressions, CRLF and non-ASCII text.
  @Test(arguments: OutputFormat.allCases) func reportsAreUnchanged(format: OutputFormat) throws {
    let output = try CLI.run(
      Self.lint + ["--format", format.rawValue, "--color", "never", "--fail-on", "never"]
        + ["findings.txt"], in: Self.folder)
    #expect(output.status == 0)
    let expected = try String(
      contentsOfFile: Fixtures.path("many/expected.\(format.rawValue)"), encoding: .utf8)
    // Say where they differ, not the whole reports.
    let difference = zip(output.stdout.utf8, expected.utf8).enumerated().first { $0.1.0 != $0.1.1 }
    #expect(
      output.stdout.utf8.count == expected.utf8.count && difference == nil,
      "\(format.rawValue) differs from expected.\(format) at byte \(difference?.offset ?? -1)")
  }

  /// A linter with the fixture's glossary, and the fixture's bytes.
  static func fixture() throws -> (Linter, [UInt8]) {
    let glossary = try GlossaryLoader.load(
      yaml: try String(contentsOfFile: Fixtures.path("many/glossary.yml"), encoding: .utf8),
      path: "glossary.yml")
    let linter = Linter(
      glossary: CompiledGlossary(glossaries: [glossary]),
      configuration: Configuration(root: "."))
    let bytes = Array(
      try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("many/findings.txt"))))
    return (linter, bytes)
  }

  static func fixtureReport(excerpts: Bool = true) throws -> FileReport {
    let (linter, bytes) = try fixture()
    let file = try SourceFile(path: "findings.txt", bytes: bytes)
    return FileReport(
      path: file.path, diagnostics: try linter.lint(file), source: excerpts ? file : nil)
  }

  /// The byte writer of JSON and JSON Lines gives what `JSONWriter` gives, also for text
  /// that needs escaping.
  @Test func jsonBytesMatchTheWriter() throws {
    var diagnostics = try Self.fixtureReport().diagnostics
    #expect(diagnostics.count > 200)
    var odd = diagnostics[0]
    odd.message =
      "quote \" backslash \\ tab \t nl \n cr \r bs \u{08} ff \u{0C} \u{01}\u{1F} \u{2028}\u{2029} é 中"
    odd.unit = "unit\u{7F}"
    odd.notes = [
      Note(message: "n\u{2028}", rule: nil, path: "other", range: TextRange(start: 1, end: 2))
    ]
    diagnostics.append(odd)
    Self.expectBytesOfTheWriter(diagnostics)
    for value in [0, 7, 10, 99, 100, 12345, -1, -907, Int.max, Int.min] {
      var bytes: [UInt8] = []
      JSONBytes.number(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
  }

  /// The byte writer keeps the last message, matched text, replacement and path it wrote
  /// with their bytes: a string that is canonically equivalent but other bytes ("café" in
  /// NFC and in NFD, which `==` holds equal) is written as its own bytes, also when values
  /// alternate or go from nil to a string.
  @Test func repeatedFieldsAreTheirOwnBytes() throws {
    var base = try Self.fixtureReport().diagnostics[0]
    base.fix = nil
    let nfc = "caf\u{E9}"
    let nfd = "cafe\u{301}"
    var diagnostics: [Diagnostic] = []
    for (index, text) in [nfc, nfd, nfc, "x", nfc, nfd].enumerated() {
      var diagnostic = base
      diagnostic.message = "message " + text
      diagnostic.matched = text
      diagnostic.path = "f-" + text + ".txt"
      if index % 2 == 1 {
        diagnostic.fix = Fix(
          edits: [Edit(range: diagnostic.range, replacement: text)], applicability: .safe)
      }
      diagnostics.append(diagnostic)
    }
    Self.expectBytesOfTheWriter(diagnostics)
  }

  /// The byte writer, one cache for the whole sequence, gives `JSONWriter`'s bytes for
  /// each diagnostic (bytes compared: `String`'s == holds for NFC against NFD).
  static func expectBytesOfTheWriter(_ diagnostics: [Diagnostic]) {
    var cache = JSONReporter.Cache()
    for (index, diagnostic) in diagnostics.enumerated() {
      let writer = JSONWriter()
      JSONReporter().render(diagnostic, into: writer)
      var bytes: [UInt8] = []
      JSONReporter.append(diagnostic, to: &bytes, cache: &cache)
      #expect(bytes == Array(writer.output.utf8), "diagnostic \(index)")
    }
  }

  /// A variant written in NFC and in NFD in one file: each finding quotes its own bytes (its
  /// message was made once per entry and text, which `String`'s == did not tell apart).
  @Test func canonicallyEquivalentMatchesKeepTheirBytes() throws {
    let glossary = try GlossaryLoader.load(
      yaml: "terms:\n  - id: coffee\n    preferred: Coffee Strategy\n"
        + "    variants: [\"Caf\u{E9} Strategy\"]\n",
      path: "g.yml")
    let linter = Linter(
      glossary: CompiledGlossary(glossaries: [glossary]), configuration: Configuration(root: "."))
    let text = "The Caf\u{E9} Strategy.\nThe Cafe\u{301} Strategy.\n"
    let file = try SourceFile(path: "t.txt", bytes: Array(text.utf8))
    let found = try linter.lint(file).filter { $0.rule == "variant" }
    #expect(found.count == 2)
    var cache = JSONReporter.Cache()
    for diagnostic in found {
      let own = Array(file.bytes[diagnostic.range.start..<diagnostic.range.end])
      #expect(Array(diagnostic.matched.utf8) == own)
      #expect(Self.contains(Array(diagnostic.message.utf8), own))
      var bytes: [UInt8] = []
      JSONReporter.append(diagnostic, to: &bytes, cache: &cache)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
      let matched = try #require(object["matched"] as? String)
      #expect(Array(matched.utf8) == own)
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains {
      haystack[$0..<$0 + needle.count].elementsEqual(needle)
    }
  }

  /// For reporters whose pieces split, the parts of a file's report give the bytes of the
  /// whole report; a streamed run with small parts writes the whole report's bytes.
  @Test(arguments: [1, 7, 100]) func partsGiveTheWholePiece(size: Int) throws {
    let report = try Self.fixtureReport()
    let parts = report.parts(of: size)
    #expect(parts.count == (report.diagnostics.count + size - 1) / size)
    #expect(parts.map(\.diagnostics.count).reduce(0, +) == report.diagnostics.count)
    var result = RunResult()
    result.files = [report]
    let reporters: [any Reporter] = [
      JSONReporter(), JSONLinesReporter(), TextReporter(color: false), GitHubReporter(),
      JUnitReporter(),
    ]
    for reporter in reporters {
      #expect(reporter.piecesSplit)
      var output = ""
      var stream = ReportStream(reporter) { output += $0 }
      for part in parts { stream.add(reporter.piece(part), summary: Summary(file: part)) }
      let totals = stream.finish(problems: [], skippedBinary: [])
      #expect(output == reporter.render(result), "\(type(of: reporter))")
      #expect(totals.summary == Summary(result))
    }
  }

  @Test func streamedRunInPartsIsTheWholeReport() throws {
    let (linter, bytes) = try Self.fixture()
    let inputs: [Runner.Input] = [
      .text(path: "a.txt", bytes: bytes), .text(path: "b.txt", bytes: Array("clean".utf8)),
      .text(path: "c.txt", bytes: bytes),
    ]
    for reporter in [JSONReporter(), JSONLinesReporter()] as [any Reporter] {
      var whole = ""
      var wholeStream = ReportStream(reporter) { whole += $0 }
      _ = Runner.stream(
        inputs, linter: linter, jobs: 2, render: { (reporter.piece($0), Summary(file: $0)) },
        emit: { wholeStream.add($0.0, summary: $0.1) })
      wholeStream.finish(problems: [], skippedBinary: [])
      var split = ""
      var pieces = 0
      var splitStream = ReportStream(reporter) { split += $0 }
      _ = Runner.stream(
        inputs, linter: linter, jobs: 2, split: 5,
        render: { (reporter.piece($0), Summary(file: $0)) },
        emit: {
          pieces += 1
          splitStream.add($0.0, summary: $0.1)
        })
      splitStream.finish(problems: [], skippedBinary: [])
      #expect(pieces > 80)
      #expect(split == whole)
    }
  }

  /// Positions of sorted offsets in one pass agree with the position of each offset.
  @Test func positionsOfSortedOffsets() throws {
    let text = "ab\r\ncé中\rx\n\n日本語 text\r\n\u{FEFF}end"
    let bytes = Array(text.utf8)
    for (firstLine, firstColumn) in [(1, 1), (40, 7)] {
      let index = LineIndex(bytes: bytes, firstLine: firstLine, firstColumn: firstColumn)
      let offsets = Array(0...bytes.count)
      let positions = index.positions(ofSorted: offsets, in: bytes)
      for offset in offsets {
        #expect(positions[offset] == index.position(of: offset, in: bytes), "offset \(offset)")
      }
      let sparse = [2, 3, 9, 10, 30]
      #expect(
        index.positions(ofSorted: sparse, in: bytes)
          == sparse.map {
            index.position(of: $0, in: bytes)
          })
    }
  }

  /// The budget counts per file across its parts and for the run, in report order.
  @Test func budgetCutsPerFileAndRun() {
    let diagnostic = Diagnostic(
      path: "a", rule: "variant", severity: .warning, message: "m",
      range: TextRange(start: 0, end: 1), start: SourcePosition(line: 1, column: 1),
      end: SourcePosition(line: 1, column: 2), matched: "x")
    func report(_ path: String, _ count: Int) -> FileReport {
      var copy = diagnostic
      copy.path = path
      return FileReport(path: path, diagnostics: Array(repeating: copy, count: count))
    }
    var budget = FindingBudget(FindingLimit(run: 10, perFile: 4))
    var reports = [report("a", 3), report("a", 3), report("b", 2), report("c", 9), report("d", 5)]
    let dropped = reports.indices.map { budget.cut(&reports[$0]) }
    #expect(reports.map(\.diagnostics.count) == [3, 1, 2, 4, 0])
    #expect(dropped == [0, 2, 0, 5, 5])
  }

  static func twoFiles() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let text = String(repeating: "the 88th Strategy and more text here.\n", count: 30)
    try directory.write("a.txt", text)
    try directory.write("b.txt", text)
    try directory.write("glossary.yml", Fixtures.doubleEight)
    return directory
  }

  /// `--max-findings` shows the first findings in report order, counts the others and
  /// still fails on them; the same with one job or two.
  @Test func maxFindingsCutsTheReport() throws {
    let directory = try Self.twoFiles()
    let base = ["--no-config", "--no-builtin", "--glossary", "glossary.yml", "a.txt", "b.txt"]
    for jobs in ["1", "2"] {
      let output = try CLI.run(
        base + ["--format", "jsonl", "--max-findings", "40", "-j", jobs], in: directory.path)
      #expect(output.status == 1)
      let lines = output.stdout.split(separator: "\n")
      #expect(lines.count == 41)
      #expect(lines.prefix(30).allSatisfy { $0.contains(#""path":"a.txt""#) })
      #expect(lines[30].contains(#""path":"b.txt""#))
      #expect(lines[40].contains(#""diagnostics":60"#))
      #expect(lines[40].contains(#""omitted":20"#))
      #expect(output.stderr.contains("20 findings not shown (--max-findings 40)"))
    }
    let perFile = try CLI.run(
      base + ["--format", "json", "--max-findings-per-file", "2"], in: directory.path)
    let json = try CLI.json(perFile)
    #expect((json["diagnostics"] as? [Any])?.count == 4)
    #expect((json["summary"] as? [String: Any])?["omitted"] as? Int == 56)
    // Nothing shown, all counted: the exit status still says there are warnings.
    let none = try CLI.run(base + ["--max-findings", "0"], in: directory.path)
    #expect(none.status == 1)
    #expect(!none.stdout.contains("warning: "))
    #expect(
      none.stdout.contains(
        "60 warnings in 2 of 2 files; 60 findings not shown (--max-findings)."))
    let run = try CLI.run(
      base + ["--max-findings", "3", "--scope", "run", "--format", "jsonl"], in: directory.path)
    #expect(run.stdout.split(separator: "\n").count == 4)
    #expect(run.stdout.contains(#""omitted":57"#))
    let sarif = try CLI.run(
      base + ["--max-findings", "1", "--format", "sarif"], in: directory.path)
    #expect(sarif.stdout.contains("59 findings not shown (--max-findings)"))
    #expect(try CLI.run(base + ["--max-findings", "-1"], in: directory.path).status == 64)
  }

  /// `.lint.yml` carries the limits; the options win.
  @Test func maxFindingsInConfiguration() throws {
    let directory = try Self.twoFiles()
    try directory.write(
      ".lint.yml", "builtin: false\nglossaries: [glossary.yml]\nmax_findings_per_file: 1\n")
    let output = try CLI.run(["--format", "jsonl", "a.txt", "b.txt"], in: directory.path)
    #expect(output.stdout.split(separator: "\n").count == 3)
    let wider = try CLI.run(
      ["--format", "jsonl", "--max-findings-per-file", "5", "a.txt", "b.txt"], in: directory.path)
    #expect(wider.stdout.split(separator: "\n").count == 11)
    #expect(throws: TermLintError.self) {
      try Configuration.parse(yaml: "max_findings: -2\n", path: ".lint.yml")
    }
    let parsed = try Configuration.parse(
      yaml: "max_findings: 7\nmax_findings_per_file: 3\n", path: ".lint.yml")
    #expect(parsed.maxFindings == 7 && parsed.maxFindingsPerFile == 3)
  }
}
