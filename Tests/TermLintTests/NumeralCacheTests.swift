import Testing

@testable import TermLint

/// The per-file memory of numeral case checks (`NumeralCaseCache`) changes no finding.
@Suite struct NumeralCacheTests {
  /// Many repeated numeral variants and a few distinct ones, with the same numbers in
  /// lower case (refused by the case check) and after a currency sign (refused as money)
  /// between them: a cache keyed too loosely would give one of them another's answer.
  static let text: String = {
    let mentions = [
      "the 88 Strategy", "the 88 strategy", "the Eighty-Eight Strategy", "the 88 Strategy",
      "$88 Strategy", "the eighty-eight strategy", "the Double 8 Strategy", "the 88 Strategy",
      "the 88 STRATEGY",
    ]
    var lines: [String] = []
    for round in 0..<300 {
      lines.append(mentions[round % mentions.count] + " and more words here.")
      if round % 7 == 0 { lines.append("the 88th Strategy, listed.") }
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func cachedCaseChecksGiveTheSameFindings() throws {
    let linter = try makeLinter(off: textRuleIDs)
    #expect(linter.finder.cachesNumeralCase)
    var uncached = linter
    uncached.finder.cachesNumeralCase = false
    let cached = try lint(Self.text, with: linter)
    let plain = try lint(Self.text, with: uncached)
    // Compared whole (a difference would print 300 findings).
    let same = cached == plain
    #expect(same, "\(cached.count) findings cached, \(plain.count) not")
    // The check refuses some mentions: the cache must keep those apart.
    let numeral = plain.filter { $0.rule == "numeral-variant" }
    #expect(!numeral.isEmpty)
    #expect(numeral.count < 300)
  }

  @Test func theCacheKeysOnEntryAndBytes() {
    var cache = NumeralCaseCache()
    let bytes: [UInt8] = Array("88 Strategy 88 strategy".utf8)
    var checks = 0
    let first = cache.matches(entry: 1, bytes: bytes[0..<11]) {
      checks += 1
      return true
    }
    // The same bytes at another place come from the cache.
    let again = cache.matches(entry: 1, bytes: Array("x 88 Strategy".utf8)[2...]) {
      checks += 1
      return false
    }
    let lower = cache.matches(entry: 1, bytes: bytes[12...]) {
      checks += 1
      return false
    }
    let otherEntry = cache.matches(entry: 2, bytes: bytes[0..<11]) {
      checks += 1
      return false
    }
    #expect(first && again && !lower && !otherEntry)
    #expect(checks == 3)
  }
}
