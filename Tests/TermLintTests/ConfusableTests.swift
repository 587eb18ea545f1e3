import Foundation
import Testing

@testable import TermLint

@Suite struct ConfusableTests {
  func linter() throws -> Linter { try makeLinter("", builtin: true, off: ["inconsistent"]) }

  @Test func skeletonsAndLookalikes() {
    #expect(Confusables.skeleton("th\u{043E}ught") == Confusables.skeleton("thought"))
    #expect(Confusables.isLookalike(0x043E))  // Cyrillic о
    #expect(Confusables.isLookalike(0x03B1))  // Greek α
    #expect(Confusables.isLookalike(0x0131))  // dotless ı
    #expect(!Confusables.isLookalike(0x0101))  // ā keeps its mark
    #expect(!Confusables.isLookalike(0x00E9))  // é
    #expect(!Confusables.isLookalike(0x516B))  // 八
    #expect(!Confusables.isLookalike(UInt32(UInt8(ascii: "o"))))
  }

  @Test func onlyTextWithLookalikesReachesTheSpoofChecker() {
    var folder = Folder()
    #expect(!SkeletonIndex.hasLookalikes(folder.fold("plain ASCII text, “quotes” – dashes")))
    #expect(!SkeletonIndex.hasLookalikes(folder.fold("Jiāxīng 八八战略 café")))
    #expect(SkeletonIndex.hasLookalikes(folder.fold("Th\u{043E}ught")))
  }

  @Test func termsWithLookalikeLettersAreFlaggedWithTheCleanSpelling() throws {
    let linter = try linter()
    let found = try lint("the study of Xi Jinping Th\u{043E}ught", with: linter)
    #expect(found.map(\.rule) == ["confusable"])
    #expect(found.first?.matched == "Xi Jinping Th\u{043E}ught")
    #expect(found.first?.replacement == "Xi Jinping Thought")
    #expect(
      found.first?.message
        == "“Xi Jinping Th\u{043E}ught” is spelled with look-alike letters from another script "
        + "(Cyrillic \u{043E}); write “Xi Jinping Thought”")
    #expect(found.first?.fix?.applicability == .safe)
    // A Greek capital Alpha.
    let greek = try lint(
      "a loan from the \u{0391}sian Infrastructure Investment Bank", with: linter)
    #expect(greek.map(\.replacement) == ["Asian Infrastructure Investment Bank"])
    #expect(greek.first?.message.contains("Greek \u{0391}") == true)
    // Capitals and the text's own case are kept.
    let caps = try lint("XI JINPING TH\u{041E}UGHT", with: linter)
    #expect(caps.map(\.replacement) == ["XI JINPING THOUGHT"])
  }

  @Test func aLookalikeVariantIsFixedToThePreferredForm() throws {
    let found = try lint(
      "the Eight-Eight Str\u{0430}tegy of Zhejiang", with: linter())
    #expect(found.map(\.rule) == ["confusable"])
    #expect(found.first?.replacement == "Double-Eight Strategy")
    #expect(found.first?.message.contains("non-canonical rendering of 八八战略") == true)
  }

  @Test func mixedScriptWordsThatMatchNoTermAreLeftAlone() throws {
    let linter = try linter()
    for text in [
      "the Th\u{043E}ught of the day", "Москва and Jiāxīng", "a c\u{043E}ol idea", "Ελλάδα",
      "Xi Jinping Thought",
    ] {
      #expect(try lint(text, with: linter).isEmpty, "\(text)")
    }
  }

  @Test func derivedForms() throws {
    let linter = try linter()
    try DerivedForms.expect(
      "Café the study of Xi Jinping Th\u{043E}ught in Jiāxīng", rule: "confusable",
      matched: ["Xi Jinping Th\u{043E}ught"], linter: linter)
    // Fullwidth letters around the look-alike, and a line break inside the term.
    try DerivedForms.expect(
      "the study of Ｘｉ Jinping\nTh\u{043E}ught", rule: "confusable",
      matched: ["Ｘｉ Jinping\nTh\u{043E}ught"], linter: linter)
    let broken = try lint("Xi Jinping\r\n  Th\u{043E}ught", with: linter)
    #expect(broken.first?.replacement == "Xi Jinping\r\n  Thought")
  }
}
