// Rules stage: `unpaired` — a quotation mark or bracket without its partner in its
// paragraph.

/// An opening quotation mark or bracket that nothing closes in its paragraph (or segment),
/// or a closing one that nothing opened.
public struct UnpairedRule: TextRule {
  public static let description = RuleDescription(
    id: "unpaired",
    summary: "A quotation mark or bracket has no partner in its paragraph.",
    rationale: """
      Machine translation drops or duplicates quotation marks when it reorders a sentence \
      (“implement the “No. 1 Reform Project” Development Project”), and an unclosed \
      bracket makes the reader guess where an aside ends. Each paragraph (each segment of a \
      bilingual or markup file) is checked on its own: “ ”, ‘ ’, ASCII " (paired by their \
      place: an opening one follows a space, a closing one is followed by one), ( ), [ ], \
      { } (with their full-width forms （ ） ［ ］ ｛ ｝) and 【 】 「 」 『 』 《 》 〈 〉. The \
      finding points at the mark without a partner. Not reported: ’ between letters or \
      digits, after an s (“People’s”, “workers’”) or before a word or number (“’90s”); \
      an opening quotation mark left open when the next paragraph opens with the same \
      mark (a quotation that runs on over paragraphs); " after a digit outside quotations \
      (inches); a closing bracket after a list number or letter (“1)”, “b)”); emoticons; \
      brackets and quotation marks inside URLs. No fix: only a reader knows where the \
      partner belongs.
      """,
    defaultSeverity: .warning, fixable: false,
    flagExamples: [
      "Implement the “No. 1 Digital Economy Project” Development Project⟦”⟧ in depth.",
      "The specific deployment of the ⟦“⟧No. The practical activities were carried out.",
      "The conference ⟦(⟧held in Hangzhou on Tuesday was attended by 300 delegates.",
      "He stressed the need to implement the ⟦\"⟧Double-Eight Strategy in depth.",
      "The theme of the forum was ⟦【⟧Common Prosperity⟦》⟧ and reform.",
    ],
    passExamples: [
      "The Party Committee’s study group and the workers’ union studied the People’s Daily.",
      "“We must deepen reform,” he said, “and (as the plan says) open up further.”",
      "The tasks are: 1) deepen reform; 2) expand opening up; b) improve people’s lives.",
      "See https://en.wikipedia.org/wiki/Double-Eight_Strategy_(Zhejiang) for the history.",
      "“The first paragraph of a long quotation runs on,\n\n“and the second one closes it.”",
      "In the ’90s the screen was 21\" wide and he said \"yes\" to ‘the plan’ :)",
    ])

  public init() {}

  struct Mark {
    var at: Int
    var length: Int
    var value: UInt32
    var before: UInt32?
    var after: UInt32?

    var range: TextRange { TextRange(start: at, end: at + length) }
    var spaceBefore: Bool { before.map(Scalars.isSpace) ?? true }
    var spaceAfter: Bool { after.map(Scalars.isSpace) ?? true }
    var wordBefore: Bool { before.map { Scalars.isLetter($0) || Scalars.isDigit($0) } ?? false }
    var wordAfter: Bool { after.map { Scalars.isLetter($0) || Scalars.isDigit($0) } ?? false }
    /// Placed as an opening mark: after a space or an opening mark, before text.
    var opens: Bool {
      (spaceBefore || before.map(UnpairedRule.opensAfter.contains) == true) && !spaceAfter
    }
    /// Placed as a closing mark: after text, before a space or punctuation.
    var closes: Bool { !spaceBefore && !wordAfter }
  }

  /// Characters after which a quotation mark opens.
  static let opensAfter: Set<UInt32> = [
    0x28, 0x5B, 0x7B, 0xFF08, 0x3010, 0x300C, 0x300E, 0x300A, 0x3008, 0x201C, 0x2018, 0x2014,
    0x2013, 0x2D, 0x2F, 0x3A,
  ]

  /// Bracket families: the opening and closing characters of each.
  static let brackets: [(opening: Set<UInt32>, closing: Set<UInt32>, shown: (String, String))] =
    [
      ([0x28, 0xFF08], [0x29, 0xFF09], ("(", ")")),
      ([0x5B, 0xFF3B], [0x5D, 0xFF3D], ("[", "]")),
      ([0x7B, 0xFF5B], [0x7D, 0xFF5D], ("{", "}")),
      ([0x3010], [0x3011], ("【", "】")),
      ([0x300C], [0x300D], ("「", "」")),
      ([0x300E], [0x300F], ("『", "』")),
      ([0x300A], [0x300B], ("《", "》")),
      ([0x3008], [0x3009], ("〈", "〉")),
    ]

  static let bracketFamily: [UInt32: (family: Int, opening: Bool)] = {
    var result: [UInt32: (Int, Bool)] = [:]
    for (index, family) in brackets.enumerated() {
      for value in family.opening { result[value] = (index, true) }
      for value in family.closing { result[value] = (index, false) }
    }
    return result
  }()

  public func check(_ context: TextContext) -> [Finding] {
    context.bytes.withUnsafeBufferPointer { check(context, $0) }
  }

  func check(_ context: TextContext, _ bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
    var findings: [Finding] = []
    let paragraphs = context.paragraphs
    for (number, paragraph) in paragraphs.enumerated() {
      let marks = Self.marks(bytes, paragraph)
      guard !marks.isEmpty else { continue }
      // The opening mark of the next paragraph: a quotation may run on into it.
      let next: UInt32? =
        number + 1 < paragraphs.count ? Self.firstScalar(bytes, paragraphs[number + 1]) : nil
      Self.checkASCIIQuotes(marks.filter { $0.value == 0x22 }, next: next, into: &findings)
      Self.checkDoubleQuotes(
        marks.filter { $0.value == 0x201C || $0.value == 0x201D }, next: next, into: &findings)
      Self.checkSingleQuotes(
        marks.filter { $0.value == 0x2018 || $0.value == 0x2019 }, bytes, next: next,
        into: &findings)
      Self.checkBrackets(marks, bytes, paragraph, into: &findings)
    }
    return findings.sorted { $0.range < $1.range }
  }

  static func finding(_ mark: Mark, _ message: String) -> Finding {
    Finding(rule: description.id, range: mark.range, message: message, fix: nil, term: nil)
  }

  /// The quotation marks and brackets of a paragraph, outside URLs.
  static func marks(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> [Mark] {
    var marks: [Mark] = []
    var index = paragraph.lowerBound
    let end = paragraph.upperBound
    while index < end {
      let byte = bytes[index]
      switch byte {
      case 0x22, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D:
        marks.append(mark(bytes, at: index, value: UInt32(byte), length: 1, paragraph))
        index += 1
      case 0xE2, 0xE3, 0xEF:
        let (value, length) = Scalars.decode(bytes, at: index)
        if value == 0x201C || value == 0x201D || value == 0x2018 || value == 0x2019
          || bracketFamily[value] != nil
        {
          marks.append(mark(bytes, at: index, value: value, length: length, paragraph))
        }
        index += length
      default:
        index += 1
      }
    }
    guard !marks.isEmpty else { return marks }
    let urls = URLSpans.find(in: bytes, paragraph)
    guard !urls.isEmpty else { return marks }
    return marks.filter { !URLSpans.overlap(urls, $0.at..<$0.at + $0.length) }
  }

  static func mark(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, value: UInt32, length: Int,
    _ paragraph: Range<Int>
  ) -> Mark {
    Mark(
      at: index, length: length, value: value,
      before: Scalars.before(index, in: bytes, lower: paragraph.lowerBound),
      after: Scalars.at(index + length, in: bytes, upper: paragraph.upperBound))
  }

  static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32? {
    var index = range.lowerBound
    while index < range.upperBound {
      let (value, length) = Scalars.decode(bytes, at: index)
      if !Scalars.isSpace(value) { return value }
      index += length
    }
    return nil
  }

  /// ASCII ": each one opens or closes by turns; one placed as an opening mark where a
  /// closing one is due means the previous one had no partner, and one placed as a closing
  /// mark where an opening one is due has none itself.
  static func checkASCIIQuotes(_ marks: [Mark], next: UInt32?, into findings: inout [Finding]) {
    var open: Mark?
    for mark in marks {
      if let opened = open {
        if mark.opens && !mark.closes {
          findings.append(finding(opened, "\" has no closing \" in its paragraph"))
          open = mark
        } else {
          open = nil
        }
      } else if mark.closes && !mark.opens {
        // After a digit it is an inch or second sign.
        if let before = mark.before, Scalars.isDigit(before) { continue }
        findings.append(finding(mark, "\" has no opening \" before it in its paragraph"))
      } else {
        open = mark
      }
    }
    if let open, next != 0x22 {
      findings.append(finding(open, "\" has no closing \" in its paragraph"))
    }
  }

  /// “ and ”: nested by a stack. A “ placed as a closing mark inside a quotation closes it
  /// (and is reported as the wrong mark); a ” placed as an opening mark outside one opens it.
  static func checkDoubleQuotes(_ marks: [Mark], next: UInt32?, into findings: inout [Finding]) {
    var stack: [(mark: Mark, reported: Bool)] = []
    for mark in marks {
      if mark.value == 0x201C {
        if !stack.isEmpty && mark.closes && !mark.opens {
          findings.append(finding(mark, "“ where the closing ” of a quotation is expected"))
          stack.removeLast()
        } else {
          stack.append((mark, false))
        }
      } else if !stack.isEmpty {
        stack.removeLast()
      } else if mark.opens && !mark.closes {
        findings.append(finding(mark, "” where an opening “ is expected"))
        stack.append((mark, true))
      } else {
        findings.append(finding(mark, "” has no opening “ before it in its paragraph"))
      }
    }
    guard next != 0x201C else { return }
    for (mark, reported) in stack where !reported {
      findings.append(finding(mark, "“ has no closing ” in its paragraph"))
    }
  }

  /// ‘ and ’, where ’ is also the apostrophe: a ’ between letters or digits, before a word
  /// (“’90s”) or after an s with a later ’ to close the quotation is an apostrophe.
  static func checkSingleQuotes(
    _ marks: [Mark], _ bytes: UnsafeBufferPointer<UInt8>, next: UInt32?,
    into findings: inout [Finding]
  ) {
    /// Whether a ’ at `index` could only be an apostrophe.
    func isApostrophe(_ mark: Mark) -> Bool {
      (mark.wordBefore && mark.wordAfter)
        || ((mark.spaceBefore || mark.before.map(opensAfter.contains) == true) && mark.wordAfter)
    }
    /// Whether a later ’ before the next ‘ can close the quotation (the scan stops at the
    /// first one, so the whole paragraph is read once however many possessives it has).
    func laterCloser(after index: Int) -> Bool {
      let mark = marks[index]
      var next = index + 1
      while next < marks.count && marks[next].value == 0x2019 {
        if !isApostrophe(marks[next]) && marks[next].at != mark.at + mark.length { return true }
        next += 1
      }
      return false
    }
    var stack: [Mark] = []
    for (index, mark) in marks.enumerated() {
      if mark.value == 0x2018 {
        if mark.wordBefore && mark.wordAfter {
          findings.append(finding(mark, "‘ between letters: the apostrophe is ’"))
        } else if mark.spaceBefore, let after = mark.after, Scalars.isDigit(after) {
          continue  // ‘90s: an apostrophe written the wrong way round.
        } else if !stack.isEmpty && mark.closes && !mark.opens {
          findings.append(finding(mark, "‘ where the closing ’ of a quotation is expected"))
          stack.removeLast()
        } else {
          stack.append(mark)
        }
        continue
      }
      if isApostrophe(mark) { continue }
      if mark.before == 0x73 || mark.before == 0x53 {
        // “workers’”: a possessive, unless it is the last ’ that can close the quotation.
        // (A ’ right after it doubles it: that one is the mark too many.)
        if !stack.isEmpty && !laterCloser(after: index) { stack.removeLast() }
        continue
      }
      // rock ’n’ roll
      if mark.before == 0x6E, mark.at >= 4,
        Scalars.before(mark.at - 1, in: bytes, lower: 0) == 0x2019
      {
        continue
      }
      if !stack.isEmpty {
        stack.removeLast()
      } else {
        findings.append(finding(mark, "’ has no opening ‘ before it in its paragraph"))
      }
    }
    guard next != 0x2018 else { return }
    for mark in stack {
      findings.append(finding(mark, "‘ has no closing ’ in its paragraph"))
    }
  }

  /// Brackets, family by family, nested by a stack.
  static func checkBrackets(
    _ marks: [Mark], _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>,
    into findings: inout [Finding]
  ) {
    var stacks = [[Mark]](repeating: [], count: brackets.count)
    for mark in marks {
      guard let (family, opening) = bracketFamily[mark.value] else { continue }
      if isEmoticon(mark, bytes, paragraph) { continue }
      let shown = brackets[family].shown
      if opening {
        stacks[family].append(mark)
      } else if !stacks[family].isEmpty {
        stacks[family].removeLast()
      } else if !isListMarker(mark, bytes, paragraph) {
        let character = String(decoding: bytes[mark.at..<mark.at + mark.length], as: UTF8.self)
        findings.append(
          finding(mark, "\(character) has no opening \(shown.0) before it in its paragraph"))
      }
    }
    for (family, stack) in stacks.enumerated() {
      for mark in stack {
        let character = String(decoding: bytes[mark.at..<mark.at + mark.length], as: UTF8.self)
        findings.append(
          finding(mark, "\(character) has no closing \(brackets[family].shown.1) in its paragraph"))
      }
    }
  }

  /// “1)”, “b)”, “iv)”: up to three digits, one letter or a small roman numeral after a
  /// space or the start of the paragraph.
  static func isListMarker(
    _ mark: Mark, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  ) -> Bool {
    guard mark.value == 0x29 || mark.value == 0xFF09 else { return false }
    var at = mark.at
    while at > paragraph.lowerBound && mark.at - at < 5 {
      let byte = bytes[at - 1]
      guard (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      else { break }
      at -= 1
    }
    guard at == paragraph.lowerBound || Scalars.isSpace(UInt32(bytes[at - 1])) else {
      return false
    }
    let marker = String(decoding: bytes[at..<mark.at], as: UTF8.self).lowercased()
    if marker.count == 1 { return true }
    if marker.count <= 3 && marker.allSatisfy(\.isNumber) { return true }
    return romanNumerals.contains(marker)
  }

  static let romanNumerals: Set<String> = [
    "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii",
  ]

  /// `:)`, `;-(`, `=)` and the like.
  static func isEmoticon(_ mark: Mark, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>)
    -> Bool
  {
    guard mark.value == 0x28 || mark.value == 0x29, mark.spaceAfter || !mark.wordAfter,
      let before = mark.before
    else { return false }
    if before == 0x3A || before == 0x3B || before == 0x3D { return true }
    if before == 0x2D && mark.at - 2 >= paragraph.lowerBound {
      let eyes = bytes[mark.at - 2]
      return eyes == 0x3A || eyes == 0x3B
    }
    return false
  }
}
