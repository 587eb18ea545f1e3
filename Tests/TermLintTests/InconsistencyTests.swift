import Foundation
import Testing

@testable import TermLint

@Suite struct InconsistencyTests {
  /// The findings of `inconsistent` alone (no other rule to merge with).
  func inconsistent(_ text: String, with linter: Linter) throws -> [Diagnostic] {
    let alone = Linter(glossary: linter.glossary, severities: ["inconsistent": .warning])
    return try lint(text, with: alone)
  }

  @Test func glossaryConceptRenderedSeveralWays() throws {
    let linter = try makeLinter()
    let text = "the Double-Eight Strategy, the 88th Strategy\nand again the 88th Strategy"
    let found = try inconsistent(text, with: linter)
    #expect(found.map(\.matched) == ["88th Strategy", "88th Strategy"])
    #expect(
      found.first?.message
        == "八八战略 is written 2 ways in this file: “Double-Eight Strategy” (line 1), "
        + "“88th Strategy” ×2 (lines 1, 2); keep “Double-Eight Strategy”, the preferred form")
    // The fix is left to `variant`.
    #expect(found.allSatisfy { $0.fix == nil })
  }

  @Test func oneRenderingIsNotInconsistent() throws {
    let linter = try makeLinter()
    #expect(try inconsistent("the 88th Strategy and the 88th strategy", with: linter).isEmpty)
    #expect(
      try inconsistent("the Double-Eight Strategy, the double-eight strategy", with: linter).isEmpty
    )
  }

  @Test func acceptedFormsAreListedButNotReported() throws {
    let linter = try makeLinter()
    #expect(
      try inconsistent("the Double-Eight Strategy and the Double Eight Strategy", with: linter)
        .isEmpty)
    let found = try inconsistent(
      "the Double Eight Strategy and the Eight-Eight Strategy", with: linter)
    #expect(found.map(\.matched) == ["Eight-Eight Strategy"])
    #expect(found.first?.message.contains("“Double Eight Strategy” (line 1)") == true)
  }

  @Test func withoutPreferredTheMostUsedIsKept() throws {
    let linter = try makeLinter(
      """
      terms:
        - id: che-di-jian-shi
          source: 撤地建市
          preferred: null
          variants: [withdrawal of land and establishment of the city, abolishing the prefecture]
      """)
    let text =
      "abolishing the prefecture; withdrawal of land and establishment of the city; "
      + "abolishing the prefecture"
    let found = try inconsistent(text, with: linter)
    #expect(found.map(\.matched) == ["withdrawal of land and establishment of the city"])
    #expect(found.first?.replacement == "abolishing the prefecture")
    #expect(found.first?.fix?.applicability == .unsafe)
    #expect(found.first?.message.hasSuffix("(no authoritative English rendering exists)") == true)
  }

  /// Names no glossary knows: numbers, case and spacing inside a word set aside.
  @Test(arguments: [
    (
      "carried out the Ten Special Actions; the 10 special actions worked",
      ["10 special actions"]
    ),
    ("the Two Pioneers and the two pioneers", ["two pioneers"]),
    ("visit the Nanhu Memorial Hall, then the Nan Hu Memorial Hall", ["Nan Hu Memorial Hall"]),
    (
      "the “Eight-Eight Strategy” was the “88th Strategy”, the “Eighth Eighth Strategy”",
      ["88th Strategy", "Eighth Eighth Strategy"]
    ),
    (
      "Zhang Jiansheng spoke; later Zhang Jian Sheng left; Zhang Jiansheng stayed",
      ["Zhang Jian Sheng"]
    ),
    ("the First Plenary Session and the 1st Plenary Session", ["1st Plenary Session"]),
    // Never a lower-case rendering over a capitalised one: the lower-case one is reported.
    ("the “two teams” and the “Two Teams”", ["two teams"]),
  ])
  func phrasesRenderedSeveralWaysAreFlagged(text: String, flagged: [String]) throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    let found = try inconsistent(text, with: linter)
    #expect(found.map(\.matched) == flagged, "\(text)")
    #expect(found.allSatisfy { $0.fix?.applicability == .unsafe })
  }

  @Test func thePhraseMessageAndFix() throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    let found = try inconsistent(
      "The Ten Special Actions began.\nThe 10 special actions ended.\nTen Special Actions again.",
      with: linter)
    #expect(found.map(\.matched) == ["10 special actions"])
    #expect(
      found.first?.message
        == "This name is written 2 ways in this file: “Ten Special Actions” ×2 (lines 1, 3), "
        + "“10 special actions” (line 2); keep “Ten Special Actions”, the most used")
    #expect(found.first?.replacement == "Ten Special Actions")
  }

  /// The false-positive traps: none of these is an inconsistency.
  @Test(arguments: [
    "Gifts for the New Year holiday; plans for the new year",  // case only, no number
    "The Party Committee met; the party committee of the county",  // sentence start, case only
    "Xi Meets Biden In San Francisco\nXi meets Biden in San Francisco.",  // headline case
    "On February 1 and on February 1st",  // a date is no name
    "the “high-quality development” and high-quality development",  // one rendering
    "Zhang Jiansheng pointed out\nZhang Jiansheng emphasized",  // names at line starts
    "the Party Committee and the party-committee members",  // a hyphen is not a space
    "Ten Special Actions\nthe 10 special actions",  // a heading says nothing
    "JIAXING CITY FEDERATION\nthe Jiaxing City Federation met",  // capitals as capitalised
    "the Jiaxing City Federation Of Industry And Commerce",  // title case
    "Visit the Nanhu Memorial Hall and the Nanhu Memorial Hall",  // the same rendering
    "the Red Cross and the red crosses",  // plural is another phrase
    "the Ten Special Actions",  // one rendering
  ])
  func falsePositiveTrapsPass(text: String) throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    #expect(try inconsistent(text, with: linter).isEmpty, "\(text)")
  }

  @Test func seedReportsTheThreeRenderingsTogether() throws {
    let linter = try makeLinter("", builtin: true)
    let path = Fixtures.packageRoot.appendingPathComponent("seeds/000_76698df1679eb6cb.txt").path
    let file = try SourceFile(
      path: "seed", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let found = try linter.lint(file).filter { $0.reports(rule: "inconsistent") }
    #expect(
      found.map(\.matched) == ["Eight-Eight Strategy", "88th Strategy", "Eighth Eighth Strategy"])
    // One finding per place: `variant`, with what `inconsistent` knows as notes.
    #expect(found.allSatisfy { $0.rule == "variant" })
  }

  @Test func suppressionsApply() throws {
    let linter = try makeLinter()
    let text =
      "the Double-Eight Strategy\n<!-- termlint-disable-next-line inconsistent -->\nthe 88th Strategy\n"
    let found = try lint(text, with: linter)
    #expect(found.map(\.rule) == ["variant"])
  }

  @Test func derivedForms() throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    try DerivedForms.expect(
      "Café the Ten Special Actions and the 10 special actions in Jiāxīng", rule: "inconsistent",
      matched: ["10 special actions"], linter: linter)
    // Fullwidth, and line breaks inside both renderings.
    try DerivedForms.expect(
      "the Ｔｅｎ Special\nActions and the １０\nspecial actions", rule: "inconsistent",
      matched: ["１０\nspecial actions"], linter: linter)
    let glossary = try makeLinter()
    try DerivedForms.expect(
      "the Eighth\nEighth Strategy and the 88th Strategy", rule: "inconsistent",
      matched: ["Eighth\nEighth Strategy", "88th Strategy"], linter: glossary)
  }

  @Test func runScopeComparesAcrossFiles() throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    let inputs: [Runner.Input] = [
      .text(path: "b.txt", bytes: Array("then the 10 special actions\n".utf8)),
      .text(path: "a.txt", bytes: Array("the Ten Special Actions began\n".utf8)),
      .text(path: "c.txt", bytes: Array("the Ten Special Actions again\n".utf8)),
    ]
    #expect(Runner.run(inputs, linter: linter).diagnostics.isEmpty)
    let result = Runner.run(inputs, linter: linter, scope: .run)
    let found = result.diagnostics
    #expect(found.map(\.path) == ["b.txt"])
    #expect(
      found.first?.message
        == "This name is written 2 ways in 3 files of this run: “Ten Special Actions” ×2 "
        + "(a.txt:1, c.txt:1), “10 special actions” (b.txt:1); keep “Ten Special Actions”, "
        + "the most used")
    // The same whatever the number of threads.
    let serial = Runner.run(inputs, linter: linter, jobs: 1, scope: .run)
    #expect(serial.diagnostics == result.diagnostics)
    #expect(result.files.map(\.path) == ["a.txt", "b.txt", "c.txt"])
  }

  @Test func runScopeOnTheCommandLine() throws {
    let dir = try TemporaryDirectory()
    try dir.write("a.txt", "the 88th Strategy\n")
    try dir.write("b.txt", "the Eighth Eighth Strategy\n<!-- termlint-disable-next-line -->\n")
    let fileScope = try CLI.run(["--no-config", "--format", "json", dir.path])
    let fileRules = try #require(try CLI.json(fileScope)["diagnostics"] as? [[String: Any]])
      .compactMap { $0["rule"] as? String }
    #expect(fileRules == ["variant", "variant", "unused-suppression"])
    let runScope = try CLI.run(["--no-config", "--scope", "run", "--format", "json", dir.path])
    let runRules = try #require(try CLI.json(runScope)["diagnostics"] as? [[String: Any]])
      .compactMap { $0["rule"] as? String }
    #expect(runRules == ["variant", "variant", "unused-suppression"])
    // Across the run, the related place is in the other file.
    let notes =
      try #require(
        try CLI.json(runScope)["diagnostics"] as? [[String: Any]]
      ).first?["notes"] as? [[String: Any]]
    #expect(notes?.compactMap { $0["rule"] as? String } == ["inconsistent"])
    #expect(notes?.compactMap { $0["path"] as? String }.contains { $0.hasSuffix("b.txt") } == true)
    #expect(try CLI.run(["--no-config", "--scope", "run", "--fix", dir.path]).status == 64)
    #expect(try CLI.run(["--no-config", "--scope", "everything", dir.path]).status == 64)
  }

  @Test func unsafeFixesMakeANameConsistent() throws {
    let linter = try makeLinter("terms:\n  - {id: x, preferred: Unrelated Term}\n")
    let file = try SourceFile(
      path: "a.txt", bytes: Array("the Ten Special Actions, the 10 special actions\n".utf8))
    #expect(try !Fixer.fix(file, linter: linter, unsafe: false).changed)
    let fixed = try Fixer.fix(file, linter: linter, unsafe: true)
    #expect(
      String(decoding: fixed.bytes, as: UTF8.self)
        == "the Ten Special Actions, the Ten Special Actions\n")
    #expect(fixed.remaining.isEmpty)
  }
}
