import Foundation
import Testing

@testable import TermLint

@Suite struct FixerTests {
  func fixed(_ text: String, linter: Linter? = nil, unsafe: Bool = false) throws -> Fixer.Outcome {
    let file = try SourceFile(path: "t.txt", bytes: Array(text.utf8))
    return try Fixer.fix(file, linter: try linter ?? makeLinter(), unsafe: unsafe)
  }

  @Test func fixesVariantsAndFormsKeepingEverythingElse() throws {
    let text = "\u{FEFF}Title\r\nthe 88th Strategy and the double-eight\r\n  strategy.\r\n"
    let outcome = try fixed(text)
    #expect(
      String(decoding: outcome.bytes, as: UTF8.self)
        == "\u{FEFF}Title\r\nthe Double-Eight Strategy and the Double-Eight\r\n  Strategy.\r\n")
    #expect(outcome.remaining.isEmpty)
    #expect(outcome.applied.count == 2)
  }

  @Test func aSecondFixChangesNothing() throws {
    let once = try fixed("A “Eighth Eighth Strategy”, ONE BELT ONE ROAD, the 88th Strategy.")
    let twice = try fixed(String(decoding: once.bytes, as: UTF8.self))
    #expect(twice.bytes == once.bytes)
    #expect(!twice.changed)
  }

  @Test func replacementContainingTheMatchDoesNotGrow() throws {
    // prh's bug: サーバ -> サーバー turned サーバー into サーバーー on the next run.
    let linter = try makeLinter(
      """
      terms:
        - {id: server, preferred: サーバー, variants: [サーバ]}
        - {id: road, preferred: Silk Road Economic Belt, variants: [Silk Road]}
      """)
    var text = "サーバ と サーバー, the Silk Road and the Silk Road Economic Belt"
    for _ in 0..<3 {
      text = String(decoding: try fixed(text, linter: linter).bytes, as: UTF8.self)
    }
    #expect(text == "サーバー と サーバー, the Silk Road Economic Belt and the Silk Road Economic Belt")
  }

  @Test func overlappingFixesFirstWins() throws {
    let a = Diagnostic(
      path: "p", rule: "variant", severity: .warning, message: "",
      range: TextRange(start: 0, end: 5),
      start: .init(line: 1, column: 1), end: .init(line: 1, column: 6), matched: "",
      fix: Fix(
        edits: [Edit(range: TextRange(start: 0, end: 5), replacement: "AAAAA")],
        applicability: .safe),
      term: nil)
    var b = a
    b.range = TextRange(start: 3, end: 8)
    b.fix = Fix(
      edits: [Edit(range: TextRange(start: 3, end: 8), replacement: "B")], applicability: .safe)
    var c = a
    c.range = TextRange(start: 9, end: 10)
    c.fix = Fix(
      edits: [Edit(range: TextRange(start: 9, end: 10), replacement: "C")], applicability: .unsafe)
    let result = Fixer.apply([b, a, c], to: Array("0123456789".utf8), unsafe: false)
    #expect(String(decoding: result.bytes, as: UTF8.self) == "AAAAA56789")
    #expect(result.skipped.map(\.range) == [b.range])
    let withUnsafe = Fixer.apply([b, a, c], to: Array("0123456789".utf8), unsafe: true)
    #expect(String(decoding: withUnsafe.bytes, as: UTF8.self) == "AAAAA5678C")
  }

  @Test func caseIsAdaptedWhereThePolicyAllows() throws {
    let linter = try makeLinter(
      """
      terms:
        - {id: a, preferred: common prosperity, variants: [common wealth], case: any}
        - {id: b, preferred: Double-Eight Strategy, variants: [88th Strategy]}
        - {id: c, preferred: xi Thought, variants: [xi Idea], case: exact}
      """)
    func fix(_ text: String) throws -> String {
      String(decoding: try fixed(text, linter: linter).bytes, as: UTF8.self)
    }
    #expect(try fix("Common wealth is the goal.") == "Common prosperity is the goal.")
    #expect(try fix("we seek common wealth.") == "we seek common prosperity.")
    #expect(try fix("“Common wealth” is the goal.") == "“Common prosperity” is the goal.")
    #expect(try fix("THE 88TH STRATEGY") == "THE DOUBLE-EIGHT STRATEGY")
    #expect(try fix("Xi Idea. XI IDEA") == "xi Thought. xi Thought")
  }

  @Test func unsafeAndDisplayOnlyFixes() throws {
    let linter = try makeLinter(
      """
      terms:
        - {id: a, preferred: Alpha Term, variants: [Alfa Term], fix: unsafe}
        - {id: b, preferred: Beta Term, variants: [Betta Term], fix: none}
      """)
    let text = "Alfa Term and Betta Term"
    #expect(try fixed(text, linter: linter).bytes == Array(text.utf8))
    #expect(
      String(decoding: try fixed(text, linter: linter, unsafe: true).bytes, as: UTF8.self)
        == "Alpha Term and Betta Term")
    let found = try lint(text, with: linter)
    #expect(found.map { $0.fix?.applicability } == [.unsafe, .displayOnly])
  }
}

@Suite struct AtomicWriterTests {
  @Test func replacesKeepingPermissions() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "old")
    chmod(path, 0o640)
    try AtomicWriter.replace(path, expecting: Array("old".utf8), with: Array("new".utf8))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o640)
    // No temporary files are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.txt"])
  }

  @Test func refusesAFileThatChangedSinceItWasRead() throws {
    let dir = try TemporaryDirectory()
    let path = try dir.write("a.txt", "changed")
    #expect(throws: FileError.self) {
      try AtomicWriter.replace(path, expecting: Array("old".utf8), with: Array("new".utf8))
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "changed")
  }

  @Test func writesThroughSymbolicLinks() throws {
    let dir = try TemporaryDirectory()
    let target = try dir.write("target.txt", "old")
    try FileManager.default.createSymbolicLink(
      atPath: dir.path + "/link.txt", withDestinationPath: target)
    try AtomicWriter.replace(
      dir.path + "/link.txt", expecting: Array("old".utf8), with: Array("new".utf8))
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/link.txt") == target)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
  }
}

@Suite struct SuppressionTests {
  func rules(_ text: String, configuration: String = "") throws -> [String] {
    var config = try Configuration.parse(yaml: configuration, path: "/p/.lint.yml")
    config.root = "/p"
    // These tests are about single findings; `inconsistent` (InconsistencyTests) is off
    // unless a test sets it.
    if config.rules["inconsistent"] == nil { config.rules["inconsistent"] = .off }
    let glossary = try GlossaryLoader.load(yaml: Fixtures.doubleEight, path: "g.yml")
    let linter = Linter(glossary: CompiledGlossary(glossaries: [glossary]), configuration: config)
    return try linter.lint(try SourceFile(path: "/p/docs/a.txt", bytes: Array(text.utf8))).map {
      "\($0.start.line):\($0.rule)"
    }
  }

  @Test func nextLineInEveryCommentStyle() throws {
    for comment in [
      "<!-- termlint-disable-next-line variant -->",
      "# termlint-disable-next-line variant -- quoted",
      "  // termlint-disable-next-line",
      "<!-- termlint-disable-next-line form, variant -- as published -->",
    ] {
      let found = try rules("\(comment)\nthe 88th Strategy\nthe 88th Strategy\n")
      #expect(
        found == ["3:variant"] || found.sorted() == ["1:unused-suppression", "3:variant"],
        "\(comment)")
    }
    #expect(try rules("<!-- termlint-disable-next-line variant -->\nthe 88th Strategy\n").isEmpty)
  }

  @Test func disableAndEnableBlocks() throws {
    let text = """
      the 88th Strategy
      <!-- termlint-disable -->
      the 88th Strategy and the double-eight strategy
      <!-- termlint-enable -->
      the 88th Strategy
      # termlint-disable form
      the 88th Strategy and the double-eight strategy
      """
    #expect(try rules(text) == ["1:variant", "5:variant", "7:variant"])
  }

  @Test func unusedAndUnknownSuppressionsAreReported() throws {
    #expect(
      try rules("# termlint-disable-next-line variant\nclean text\n") == ["1:unused-suppression"])
    #expect(
      try rules("# termlint-disable-next-line varient\nthe 88th Strategy\n") == [
        "1:unused-suppression", "2:variant",
      ])
    // A comment that merely mentions the word is not a directive.
    #expect(try rules("see termlint-disable in the docs\n").isEmpty)
    // Off: not reported.
    #expect(
      try rules(
        "# termlint-disable-next-line\nclean\n", configuration: "rules: {unused-suppression: off}"
      ).isEmpty)
  }

  @Test func allowListAndOverrides() throws {
    #expect(
      try rules("the 88th Strategy, the 88TH  STRATEGY", configuration: "allow: ['88th Strategy']")
        .isEmpty)
    let overrides = """
      overrides:
        - files: ["docs/**"]
          rules: {variant: off}
        - files: ["other/**"]
          rules: {form: off}
      """
    #expect(
      try rules("the 88th Strategy and the double-eight strategy", configuration: overrides) == [
        "1:form"
      ])
  }
}

@Suite struct BaselineTests {
  func diagnostic(_ path: String, _ matched: String, line: Int) -> Diagnostic {
    Diagnostic(
      path: path, rule: "variant", severity: .warning, message: "m",
      range: TextRange(start: 0, end: 1),
      start: .init(line: line, column: 1), end: .init(line: line, column: 2), matched: matched,
      fix: nil, term: nil)
  }

  @Test func keyedByPathRuleAndTextNotLine() throws {
    let baseline = Baseline([
      diagnostic("a.txt", "88th Strategy", line: 3), diagnostic("a.txt", "88th\nStrategy", line: 9),
    ])
    let later = [
      diagnostic("a.txt", "88th Strategy", line: 30),
      diagnostic("a.txt", "88th  Strategy", line: 40),
      diagnostic("a.txt", "88th Strategy", line: 50), diagnostic("b.txt", "88th Strategy", line: 1),
    ]
    let (kept, unused) = baseline.filter(later)
    #expect(kept.map(\.start.line) == [50, 1])
    #expect(unused == 0)
    #expect(baseline.filter([]).unusedEntries == 2)
  }

  @Test func roundTripsThroughItsFile() throws {
    let dir = try TemporaryDirectory()
    let baseline = Baseline([diagnostic("a b/报告.txt", "“88th” %", line: 1)])
    let path = try dir.write("baseline.json", baseline.render())
    #expect(try Baseline.load(path: path) == baseline)
    let bad = try dir.write("bad.json", "{\"version\": 2}")
    #expect(throws: TermLintError.self) { try Baseline.load(path: bad) }
  }
}

@Suite struct UnifiedDiffTests {
  @Test func smallDiff() {
    let old = Array("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".utf8)
    let new = Array("a\nB\nc\nd\ne\nf\ng\nh\ni\nJ\n".utf8)
    let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a/x", newName: "b/x")
    #expect(
      diff == """
        --- a/x
        +++ b/x
        @@ -1,5 +1,5 @@
         a
        -b
        +B
         c
         d
         e
        @@ -7,4 +7,4 @@
         g
         h
         i
        -j
        +J

        """)
    #expect(UnifiedDiff.diff(old: old, new: old, oldName: "a", newName: "b").isEmpty)
  }

  /// Random edits, applied with `git apply`: the diff must turn old into new exactly.
  @Test func gitAppliesTheDiff() throws {
    var generator = SystemRandomNumberGenerator()
    let dir = try TemporaryDirectory()
    for round in 0..<20 {
      var lines = (0..<Int.random(in: 0...40, using: &generator)).map {
        "line \($0)\(round % 3 == 0 ? "\r" : "")\n"
      }
      let old = lines.joined()
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let position = Int.random(in: 0...lines.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: lines.insert("inserted \(position)\n", at: position)
        case 1 where position < lines.count: lines.remove(at: position)
        default: if position < lines.count { lines[position] = "changed \(position)\n" }
        }
      }
      var new = lines.joined()
      if round % 4 == 1 && new.hasSuffix("\n") { new.removeLast() }
      try dir.write("f.txt", old)
      let diff = UnifiedDiff.diff(
        old: Array(old.utf8), new: Array(new.utf8), oldName: "a/f.txt", newName: "b/f.txt")
      guard !diff.isEmpty else { continue }
      try dir.write("f.diff", diff)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
      process.arguments = ["apply", "--unidiff-zero", "--whitespace=nowarn", "f.diff"]
      process.currentDirectoryURL = dir.url
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "round \(round):\n\(diff)")
      #expect(
        try String(contentsOfFile: dir.path + "/f.txt", encoding: .utf8) == new, "round \(round)")
    }
  }
}
