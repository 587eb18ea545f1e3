import Foundation
import Testing

@testable import TermLint

/// `inconsistent` keeps the right rendering: a known concept its preferred form however
/// rarely it is used; a name no glossary knows the most used, on a tie the one a heading or
/// a quotation uses, and never a lower-case rendering over a capitalised one.
@Suite struct KeepTheRightSideTests {
  func inconsistent(_ text: String, glossary: String = Fixtures.doubleEight) throws
    -> [Diagnostic]
  {
    let linter = try makeLinter(glossary)
    let alone = Linter(glossary: linter.glossary, severities: ["inconsistent": .warning])
    return try lint(text, with: alone)
  }

  /// (text, the places reported, the rendering kept as the message names it).
  static let cases: [(String, [String], String)] = [
    // A known concept keeps its preferred form, even when it is the rarer one.
    (
      "the Eight-Eight Strategy, the Eight-Eight Strategy and the Double-Eight Strategy",
      ["Eight-Eight Strategy", "Eight-Eight Strategy"], "Double-Eight Strategy"
    ),
    // Names: the majority wins.
    (
      "the Nanhu Memorial Hall, the Nan Hu Memorial Hall and the Nan Hu Memorial Hall",
      ["Nanhu Memorial Hall"], "Nan Hu Memorial Hall"
    ),
    // A tie: the one a heading uses.
    (
      "Visit the Nan Hu Memorial Hall\n\nThe Nanhu Memorial Hall opened. The Nan Hu Memorial Hall closed.",
      ["Nanhu Memorial Hall"], "Nan Hu Memorial Hall"
    ),
    // A tie: the one quoted.
    (
      "the Qiantang Youth Plan began; the “Qian Tang Youth Plan” ended",
      ["Qiantang Youth Plan"], "Qian Tang Youth Plan"
    ),
    // A tie with neither: the first.
    (
      "the Qiantang Youth Plan began; the Qian Tang Youth Plan ended",
      ["Qian Tang Youth Plan"], "Qiantang Youth Plan"
    ),
    // Never lower case over a capitalised form, even in the majority.
    (
      "the 10 special actions began; the 10 special actions went on; the Ten Special Actions ended",
      ["10 special actions", "10 special actions"], "Ten Special Actions"
    ),
    ("the “two teams” and the “Two Teams”", ["two teams"], "Two Teams"),
  ]

  @Test func keepsTheRightRendering() throws {
    for (text, flagged, kept) in Self.cases {
      let found = try inconsistent(
        text,
        glossary: "terms:\n  - {id: x, preferred: Unrelated Term}\n"
          + (text.contains("Eight") ? Fixtures.doubleEight.dropFirst(7) : ""))
      #expect(found.map(\.matched) == flagged, "\(text): \(found.map(\.message))")
      for finding in found {
        #expect(finding.message.contains("keep “\(kept)”"), "\(text): \(finding.message)")
      }
    }
  }

  /// Ordinary prose and styles that are not inconsistencies.
  static let pass = [
    "Visit the Nanhu Memorial Hall\n\nThe Nanhu Memorial Hall opened. It is in Jiaxing.",
    "Happy New Year! Plans for the new year",
    "The Party Committee met; the party committee of the county",
    "the Double-Eight Strategy and again the Double-Eight Strategy",
    "Zhejiang Youth Plan\n\nThe zhejiang youth plan is not a name here.",
  ]

  @Test func leavesConsistentTextAlone() throws {
    for text in Self.pass {
      let found = try inconsistent(text)
      #expect(found.isEmpty, "\(text): \(found.map(\.message))")
    }
  }

  @Test func headingsAreNeverReported() throws {
    let found = try inconsistent(
      "The Nan Hu Memorial Hall\n\nThe Nanhu Memorial Hall opened. The Nanhu Memorial Hall closed. "
        + "The Nan Hu Memorial Hall reopened.")
    #expect(found.map(\.start.line) == [3])
    #expect(found.map(\.matched) == ["Nan Hu Memorial Hall"])
  }

  /// A name is keyed once per distinct text (`AnchorFinder`), but only where it may anchor:
  /// the same text in a heading first still anchors in the body.
  @Test func aNameFirstSeenInAHeadingStillAnchors() throws {
    let found = try inconsistent(
      "The Nan Hu Memorial Hall\n\nthen we visited the Nan Hu Memorial Hall. Later the nanhu "
        + "memorial hall closed, and the Nan Hu Memorial Hall reopened.")
    #expect(found.map(\.matched) == ["nanhu memorial hall"])
  }
}
