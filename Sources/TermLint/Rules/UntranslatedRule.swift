// Rules stage: `untranslated` — a target left empty or in the source language.

import GlossaryModel

/// A bilingual segment whose target is empty, or is its source again: nothing was
/// translated.
public struct UntranslatedRule: SegmentRule {
  public static let description = RuleDescription(
    id: "untranslated",
    summary: "A bilingual segment's target is empty or the same as its source, or Chinese "
      + "characters are left inside English text.",
    rationale: """
      An empty target or a copy of the source is a segment the machine translation or the \
      translator skipped. termlint reports it so that it is not delivered as if it were done \
      (info: a CAT tool may fill targets later). The same goes for a run of Chinese \
      characters (with the CJK punctuation 、。，：；！？ next to them) left inside English \
      prose or a target, as machine translation leaves a term it did not know: one finding \
      per run, only where the text should be English (`target_language`) and only in a \
      paragraph or segment whose letters are at least 60% Latin, so Chinese text quoting \
      English is not judged. The run takes the quotation marks around it and a number or \
      code glued to it (“千万工程”, 4A级). A deliberate gloss is not reported: the \
      characters in brackets right after an English term, alone or beside a label or \
      romanisation set off by a comma, colon or semicolon — “the Double-Eight Strategy \
      (八八战略)”, “Xi Jinping (习近平)”, “(Chinese: 八八战略)”, “(八八战略, Bābā \
      Zhànlüè)” — the characters followed by their English in brackets (“品质第一 (quality \
      first)”), and characters the text calls Chinese (“written 共同富裕 in Chinese”, \
      “Chinese: 共同富裕”). Characters in brackets with other words around them, or not \
      after a term, are reported. Both cases are one \
      rule, so one severity (info by default) applies to both; set `untranslated: warning` \
      to make the characters left in English count.
      """,
    defaultSeverity: .info, fixable: false,
    flagExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>八八战略</source><target>⟦八八战略⟧</target></trans-unit>
      <trans-unit id="2"><source>推进共同富裕示范区建设</source><target>promote the ⟦共同富裕⟧ demonstration zone</target></trans-unit>
      </body></file></xliff>
      """
    ],
    passExamples: [
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a">
      <body>
      <trans-unit id="1"><source>八八战略</source><target>the Double-Eight Strategy</target></trans-unit>
      <trans-unit id="2"><source>八八战略</source><target>the Double-Eight Strategy (八八战略)</target></trans-unit>
      </body></file></xliff>
      """
    ], exampleFormat: .xliff)

  public init() {}

  /// Whether the segment's target is empty or equal to its source (spacing ignored).
  static func isUntranslated(_ context: SegmentContext) -> Bool {
    guard let source = context.segment.source else { return false }
    if context.segment.range.isEmpty { return true }
    func squeezed(_ text: String) -> String {
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let target = squeezed(context.text)
    return target.isEmpty || target == squeezed(source.text)
  }

  public func check(_ context: SegmentContext) -> [Finding] {
    guard let source = context.segment.source, !source.text.allSatisfy(\.isWhitespace),
      Self.isUntranslated(context)
    else { return [] }
    let empty = context.segment.range.isEmpty || context.text.allSatisfy(\.isWhitespace)
    let unit = context.segment.unit.map { " (\($0))" } ?? ""
    return [
      Finding(
        rule: Self.description.id, range: context.segment.originalRange,
        message: empty
          ? "the target of this segment\(unit) is empty"
          : "the target of this segment\(unit) is the source text, untranslated",
        fix: nil, term: nil,
        notes: [Note(message: "source: \(quoted(source.text))", range: source.range)],
        unit: context.segment.unit)
    ]
  }
}

// The prose case: Chinese characters left inside English text.
extension UntranslatedRule: TextRule {
  /// CJK punctuation that belongs to a run of Han characters it touches.
  static let hanPunctuation: Set<UInt32> = [
    0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
  ]

  /// A paragraph is English prose when at least this share of its letters are Latin.
  static let latinShare = 60

  /// Runs of Han characters (with the CJK punctuation next to them) inside paragraphs whose
  /// letters are mostly Latin; a bracketed gloss right after an English term is not one.
  public func check(_ context: TextContext) -> [Finding] {
    context.bytes.withUnsafeBufferPointer { check(context, $0) }
  }

  func check(_ context: TextContext, _ bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
    guard context.targetIsEnglish else { return [] }
    var findings: [Finding] = []
    for paragraph in context.paragraphs {
      // Han characters are three or four bytes long, led by 0xE3 to 0xE9, 0xEF or 0xF0.
      var hasHanBytes = false
      for index in paragraph where bytes[index] >= 0xE3 {
        hasHanBytes = true
        break
      }
      guard hasHanBytes, Self.isMostlyLatin(bytes, paragraph) else { continue }
      var index = paragraph.lowerBound
      while index < paragraph.upperBound {
        let (value, length) = Scalars.decode(bytes, at: index)
        guard Scalars.isHan(value) else {
          index += length
          continue
        }
        let core = Self.hanRun(bytes, from: index, paragraph)
        index = core.upperBound
        if Self.isGloss(core, bytes, paragraph) || Self.isGlossed(core, bytes, paragraph)
          || Self.isNamedChinese(core, bytes, paragraph)
        {
          continue
        }
        let run = Self.withPunctuation(core, bytes, paragraph)
        let text = String(decoding: bytes[run], as: UTF8.self)
        findings.append(
          Finding(
            rule: Self.description.id,
            range: TextRange(start: run.lowerBound, end: run.upperBound),
            message: "\(quoted(text)) is left in Chinese inside English text", fix: nil,
            term: nil))
        index = max(index, run.upperBound)
      }
    }
    return findings
  }

  static func isMostlyLatin(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Bool {
    var latin = 0
    var letters = 0
    var index = paragraph.lowerBound
    while index < paragraph.upperBound {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A {
          latin += 1
          letters += 1
        }
        index += 1
        continue
      }
      let (value, length) = Scalars.decode(bytes, at: index)
      if Scalars.isLatinLetter(value) {
        latin += 1
        letters += 1
      } else if Scalars.isLetter(value) {
        letters += 1
      }
      index += length
    }
    return letters > 0 && latin * 100 >= latinShare * letters
  }

  /// Quotation marks and brackets that Chinese text puts around a phrase, by opening mark.
  static let hanPairs: [UInt32: UInt32] = [
    0x201C: 0x201D, 0x2018: 0x2019, 0x300A: 0x300B, 0x300C: 0x300D, 0x300E: 0x300F,
    0x3010: 0x3011, 0x3008: 0x3009, 0xFF08: 0xFF09,
  ]
  static let hanClosing = Set(hanPairs.values)

  /// The Han characters from `start` on, with the CJK punctuation, quotation marks and
  /// brackets between them and spaces between two of them: from the first Han character
  /// to the last.
  static func hanRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ paragraph: Range<Int>)
    -> Range<Int>
  {
    var end = start
    var index = start
    while index < paragraph.upperBound {
      let (value, length) = Scalars.decode(bytes, at: index)
      if Scalars.isHan(value) {
        index += length
        end = index
      } else if hanPunctuation.contains(value) || hanPairs[value] != nil
        || hanClosing.contains(value) || Scalars.isSpace(value) && value != 0x0A
      {
        index += length
      } else {
        break
      }
    }
    return start..<end
  }

  /// `core` with what belongs to it around it: the CJK punctuation and digits that touch
  /// it, the closing marks of quotations it opened, and quotation marks or brackets that
  /// enclose it (“千万工程”, 15分钟).
  static func withPunctuation(
    _ core: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  )
    -> Range<Int>
  {
    let lower = paragraph.lowerBound
    let upper = paragraph.upperBound
    var start = core.lowerBound
    var end = core.upperBound
    func extend(_ accept: (UInt32) -> Bool) {
      while let value = Scalars.before(start, in: bytes, lower: lower), accept(value) {
        start = Scalars.start(before: start, in: bytes, lower: lower)
      }
      while let value = Scalars.at(end, in: bytes, upper: upper), accept(value) {
        end += Scalars.decode(bytes, at: end).length
      }
    }
    extend { hanPunctuation.contains($0) || Scalars.isDigit($0) }
    // A number or code glued to it (4A级, 5G网络).
    func isAlphanumeric(_ byte: UInt8) -> Bool {
      (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
    var left = start
    while left > lower && isAlphanumeric(bytes[left - 1]) { left -= 1 }
    if bytes[left..<start].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { start = left }
    var right = end
    while right < upper && isAlphanumeric(bytes[right]) { right += 1 }
    if bytes[end..<right].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { end = right }
    // Quotations opened inside and closed right after, or closed inside and opened right
    // before.
    var open: [UInt32] = []
    var unopened: [UInt32] = []
    var index = start
    while index < end {
      let (value, length) = Scalars.decode(bytes, at: index)
      if let closing = hanPairs[value] {
        open.append(closing)
      } else if open.last == value {
        open.removeLast()
      } else if open.isEmpty, let opening = hanPairs.first(where: { $0.value == value })?.key {
        unopened.append(opening)
      }
      index += length
    }
    while let expected = open.last, Scalars.at(end, in: bytes, upper: upper) == expected {
      end += Scalars.decode(bytes, at: end).length
      open.removeLast()
    }
    while let expected = unopened.last,
      Scalars.before(start, in: bytes, lower: lower) == expected
    {
      start = Scalars.start(before: start, in: bytes, lower: lower)
      unopened.removeLast()
    }
    // Marks around the whole.
    while let before = Scalars.before(start, in: bytes, lower: lower),
      let closing = hanPairs[before], Scalars.at(end, in: bytes, upper: upper) == closing
    {
      start = Scalars.start(before: start, in: bytes, lower: lower)
      end += Scalars.decode(bytes, at: end).length
      extend { hanPunctuation.contains($0) }
    }
    return start..<end
  }

  static let openingBrackets: Set<UInt32> = [0x28, 0x5B, 0xFF08, 0xFF3B, 0x3010]
  static let closingBrackets: Set<UInt32> = [0x29, 0x5D, 0xFF09, 0xFF3D, 0x3011]
  static let quotes: Set<UInt32> = [0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D]
  static let separators: Set<UInt32> = [0x2C, 0x3B, 0x3A, 0xFF0C, 0xFF1B, 0xFF1A, 0x3001]

  /// How far around a Han run a gloss is looked for (bytes): a gloss is short, and a long
  /// paragraph with many runs must not be read again for each.
  static let glossReach = 240

  /// The part of the paragraph within `glossReach` of `core`, cut at scalar boundaries.
  static func reach(
    _ core: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  ) -> (lower: Int, upper: Int) {
    var lower = max(paragraph.lowerBound, core.lowerBound - glossReach)
    while lower < core.lowerBound && bytes[lower] & 0xC0 == 0x80 { lower += 1 }
    var upper = min(paragraph.upperBound, core.upperBound + glossReach)
    while upper < paragraph.upperBound && bytes[upper] & 0xC0 == 0x80 { upper += 1 }
    return (lower, upper)
  }

  /// Whether a Han run is glossed: followed by its English in brackets, “品质第一 (quality
  /// first)”: the brackets hold Latin letters and no Han character.
  static func isGlossed(
    _ core: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  ) -> Bool {
    var end = core.upperBound
    while let value = Scalars.at(end, in: bytes, upper: paragraph.upperBound),
      Scalars.isSpace(value) || quotes.contains(value)
    {
      end += Scalars.decode(bytes, at: end).length
    }
    guard let bracket = Scalars.at(end, in: bytes, upper: paragraph.upperBound),
      openingBrackets.contains(bracket)
    else { return false }
    end += Scalars.decode(bytes, at: end).length
    var latin = false
    let upper = reach(core, bytes, paragraph).upper
    while end < upper {
      let (value, length) = Scalars.decode(bytes, at: end)
      if closingBrackets.contains(value) { return latin }
      if Scalars.isHan(value) || value == 0x0A { return false }
      if Scalars.isLatinLetter(value) { latin = true }
      end += length
    }
    return false
  }

  /// Whether the text says the run is Chinese: “written 共同富裕 in Chinese”, “Chinese:
  /// 共同富裕”.
  static func isNamedChinese(
    _ core: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  )
    -> Bool
  {
    func matches(_ word: String, at index: Int) -> Bool {
      let utf8 = Array(word.utf8)
      guard index >= paragraph.lowerBound, index + utf8.count <= paragraph.upperBound else {
        return false
      }
      return zip(bytes[index..<index + utf8.count], utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
    var end = core.upperBound
    while let value = Scalars.at(end, in: bytes, upper: paragraph.upperBound),
      Scalars.isSpace(value) || quotes.contains(value)
    {
      end += Scalars.decode(bytes, at: end).length
    }
    if matches("in Chinese", at: end) { return true }
    var start = core.lowerBound
    while let value = Scalars.before(start, in: bytes, lower: paragraph.lowerBound),
      Scalars.isSpace(value) || quotes.contains(value)
    {
      start = Scalars.start(before: start, in: bytes, lower: paragraph.lowerBound)
    }
    return matches("Chinese:", at: start - 8) || matches("Chinese,", at: start - 8)
  }

  /// Whether a Han run is a gloss: in brackets right after an English term, alone or beside
  /// a label or a romanisation set off by a comma, colon or semicolon: “the Double-Eight
  /// Strategy (八八战略)”, “(Chinese: 八八战略)”, “(八八战略, Bābā Zhànlüè)”.
  static func isGloss(
    _ core: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>
  ) -> Bool {
    let (lower, upper) = reach(core, bytes, paragraph)
    func isLabel(_ value: UInt32) -> Bool {
      Scalars.isLatinLetter(value) || Scalars.isMark(value) || value == 0x20 || value == 0x2D
        || value == 0x27 || value == 0x2019 || value == 0x2E
    }
    // Left: quotes, a label and its separator, the opening bracket.
    var at = core.lowerBound
    func back(while condition: (UInt32) -> Bool) {
      while let value = Scalars.before(at, in: bytes, lower: lower), condition(value) {
        at = Scalars.start(before: at, in: bytes, lower: lower)
      }
    }
    back { Scalars.isSpace($0) || quotes.contains($0) }
    if let value = Scalars.before(at, in: bytes, lower: lower), separators.contains(value) {
      at = Scalars.start(before: at, in: bytes, lower: lower)
      back(while: isLabel)
    }
    guard let bracket = Scalars.before(at, in: bytes, lower: lower),
      openingBrackets.contains(bracket)
    else { return false }
    at = Scalars.start(before: at, in: bytes, lower: lower)
    back { Scalars.isSpace($0) || quotes.contains($0) }
    guard let term = Scalars.before(at, in: bytes, lower: lower),
      Scalars.isLatinLetter(term) || Scalars.isDigit(term) || closingBrackets.contains(term)
    else { return false }
    // Right: quotes, a separator and what it sets off, the closing bracket.
    var end = core.upperBound
    func forward(while condition: (UInt32) -> Bool) {
      while let value = Scalars.at(end, in: bytes, upper: upper), condition(value) {
        end += Scalars.decode(bytes, at: end).length
      }
    }
    forward { Scalars.isSpace($0) || quotes.contains($0) }
    if let value = Scalars.at(end, in: bytes, upper: upper), separators.contains(value) {
      end += Scalars.decode(bytes, at: end).length
      forward { isLabel($0) || Scalars.isDigit($0) }
    }
    guard let closing = Scalars.at(end, in: bytes, upper: upper) else { return false }
    return closingBrackets.contains(closing)
  }
}
