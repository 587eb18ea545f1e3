import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Inline suppressions, written in a comment on a line of their own:
///
///     <!-- termlint-disable-next-line variant -- the quote is verbatim -->
///     # termlint-disable form
///     // termlint-enable
///
/// `termlint-disable-next-line [RULES]` silences findings that start on the next line;
/// `termlint-disable [RULES]` silences them until `termlint-enable [RULES]` or the end of
/// the file. With no rules, every rule. Text after ` -- ` is the reason. A suppression that
/// silences nothing, or names an unknown rule, is itself reported (`unused-suppression`).
struct Suppressions {
  enum Kind: Equatable {
    case nextLine, disable, enable
  }

  struct Directive {
    var kind: Kind
    /// Empty means every rule.
    var rules: [String]
    /// 1-based line of the comment.
    var line: Int
    var range: TextRange
    /// For `disable`, the line of the matching `enable` (exclusive), or nil for the end.
    var endLine: Int?
    var used = Set<String>()
    var usedAny = false
  }

  static let marker = Array("termlint-".utf8)

  private(set) var directives: [Directive] = []

  init(_ file: SourceFile) {
    guard Self.contains(file.bytes, Self.marker) else { return }
    var open: [Int] = []
    for line in 0..<file.lineIndex.lineCount {
      let range = file.lineIndex.contentRange(ofLine: line, in: file.bytes)
      guard range.length >= Self.marker.count,
        Self.contains(file.bytes[range.start..<range.end], Self.marker),
        let (kind, rules) = Self.parse(file.text(range))
      else { continue }
      let directive = Directive(kind: kind, rules: rules, line: line + 1, range: range)
      switch kind {
      case .nextLine:
        directives.append(directive)
      case .disable:
        open.append(directives.count)
        directives.append(directive)
      case .enable:
        // An enable closes the open disables it covers.
        for index in open.reversed()
        where rules.isEmpty || directives[index].rules.isEmpty
          || !Set(directives[index].rules).isDisjoint(with: rules)
        {
          directives[index].endLine = line + 1
          open.removeAll { $0 == index }
        }
      }
    }
  }

  /// Parses a line that is only a comment holding a directive.
  static func parse(_ line: String) -> (Kind, [String])? {
    var text = line.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("<!--") && text.hasSuffix("-->") {
      text = String(text.dropFirst(4).dropLast(3))
    } else if text.hasPrefix("//") {
      text = String(text.dropFirst(2))
    } else if text.hasPrefix("#") {
      text = String(text.dropFirst(1))
    } else {
      return nil
    }
    text = text.trimmingCharacters(in: .whitespaces)
    if let reason = text.range(of: " -- ") { text = String(text[..<reason.lowerBound]) }
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(
      String.init)
    guard let first = words.first else { return nil }
    let kind: Kind
    switch first {
    case "termlint-disable-next-line": kind = .nextLine
    case "termlint-disable": kind = .disable
    case "termlint-enable": kind = .enable
    default: return nil
    }
    return (kind, Array(words.dropFirst()))
  }

  /// Whether `needle` occurs in `haystack`. This runs over every file, so it jumps with
  /// libc's memchr between occurrences of the needle's last byte (`-` for `termlint-`,
  /// rare in prose) and compares backwards from there.
  static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let last = needle.last, haystack.count >= needle.count else { return false }
    let tail = needle.count - 1
    return haystack.withUnsafeBufferPointer { hay in
      guard let base = hay.baseAddress else { return false }
      var index = tail
      while index < hay.count {
        guard let found = memchr(base + index, Int32(last), hay.count - index) else {
          return false
        }
        index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        var k = 1
        while k <= tail && hay[index - k] == needle[tail - k] { k += 1 }
        if k > tail { return true }
        index += 1
      }
      return false
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    contains(haystack[...], needle)
  }

  var isEmpty: Bool { directives.isEmpty }

  /// Whether a finding of `rule` starting on `line` is silenced; records the use.
  mutating func suppresses(rule: String, line: Int) -> Bool {
    for index in directives.indices {
      let directive = directives[index]
      guard directive.rules.isEmpty || directive.rules.contains(rule) else { continue }
      let covers: Bool
      switch directive.kind {
      case .nextLine: covers = line == directive.line + 1
      case .disable: covers = line > directive.line && line < (directive.endLine ?? Int.max)
      case .enable: covers = false
      }
      if covers {
        directives[index].used.insert(rule)
        directives[index].usedAny = true
        return true
      }
    }
    return false
  }

  /// Findings for directives that silenced nothing or name unknown rules.
  func unused(knownRules: Set<String>, enabledRules: Set<String>) -> [Finding] {
    var findings: [Finding] = []
    for directive in directives where directive.kind != .enable {
      let name = directive.kind == .nextLine ? "termlint-disable-next-line" : "termlint-disable"
      let unknown = directive.rules.filter { !knownRules.contains($0) }
      if !unknown.isEmpty {
        findings.append(
          Finding(
            rule: UnusedSuppression.description.id, range: directive.range,
            message: "\(name) names unknown rule\(unknown.count == 1 ? "" : "s") "
              + unknown.map { "'\($0)'" }.joined(separator: ", ")
              + "; known: \(knownRules.sorted().joined(separator: ", "))",
            fix: nil, term: nil))
        continue
      }
      // A rule that is off cannot be silenced; naming it is not an error.
      let relevant = directive.rules.filter { enabledRules.contains($0) }
      if directive.rules.isEmpty {
        if !directive.usedAny {
          findings.append(
            Finding(
              rule: UnusedSuppression.description.id, range: directive.range,
              message: "\(name) suppresses nothing; remove it", fix: nil, term: nil))
        }
      } else {
        let unusedRules = relevant.filter { !directive.used.contains($0) }
        if !unusedRules.isEmpty {
          findings.append(
            Finding(
              rule: UnusedSuppression.description.id, range: directive.range,
              message: "\(name) \(unusedRules.joined(separator: ", ")) suppresses nothing; remove "
                + (unusedRules.count == directive.rules.count ? "it" : "the unused rule names"),
              fix: nil, term: nil))
        }
      }
    }
    return findings
  }
}

/// `unused-suppression`: an inline suppression that silences nothing.
public enum UnusedSuppression {
  public static let description = RuleDescription(
    id: "unused-suppression",
    summary: "A termlint-disable comment that suppresses nothing or names an unknown rule.",
    rationale: """
      Suppressions outlive the findings they were written for. One that silences nothing \
      hides nothing today but would hide a new finding tomorrow; remove it.
      """,
    defaultSeverity: .warning,
    fixable: false,
    flagExamples: ["⟦<!-- termlint-disable-next-line variant -->⟧\nthe Double-Eight Strategy"],
    passExamples: ["<!-- termlint-disable-next-line variant -->\nthe 88th Strategy"])
}
