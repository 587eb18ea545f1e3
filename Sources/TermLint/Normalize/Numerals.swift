import CICU
import Foundation

/// ICU's rule-based English spell-out format, owned by one value.
///
/// An ICU number formatter is not thread-safe, so it is never shared: the process-wide
/// word table is built with a formatter that is closed right after, and a `NumberReader`
/// that meets a number of a thousand or more opens its own.
final class SpelloutFormatter {
  private let handle: OpaquePointer?

  init() { handle = cicu_spellout_open() }

  deinit { cicu_spellout_close(handle) }

  /// `value` spelled out, as a cardinal ("eighty-eight") or an ordinal ("eighty-eighth").
  func format(_ value: Int64, ordinal: Bool) -> String? {
    guard let handle else { return nil }
    var buffer = [UInt16](repeating: 0, count: 64)
    while true {
      let capacity = Int32(buffer.count)
      let length = buffer.withUnsafeMutableBufferPointer {
        cicu_spellout_format(handle, value, ordinal ? 1 : 0, $0.baseAddress, capacity)
      }
      if length < 0 { return nil }
      if length <= capacity { return String(decoding: buffer[0..<Int(length)], as: UTF16.self) }
      buffer = [UInt16](repeating: 0, count: Int(length))
    }
  }
}

/// A number as read from text: its decimal digits, leading zeros counted (digit-by-digit
/// reading keeps them: "Zero Eight" is `08`). No heap storage, so tokens stay cheap.
struct NumberValue: Hashable, Sendable, CustomStringConvertible {
  var digits: UInt64
  /// How many decimal digits; 0 for a number too long to hold (it matches nothing).
  var length: UInt8

  init(_ value: UInt64) {
    digits = value
    var count: UInt8 = 1
    var rest = value / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    length = count
  }

  init(digits: UInt64, length: UInt8) {
    self.digits = digits
    self.length = length
  }

  static let tooLong = NumberValue(digits: 0, length: 0)

  /// This number followed by the digits of `other`, or `tooLong` past 19 digits.
  func appending(_ other: NumberValue) -> NumberValue {
    guard length > 0, other.length > 0, Int(length) + Int(other.length) <= 19 else {
      return .tooLong
    }
    var scale: UInt64 = 1
    for _ in 0..<other.length { scale *= 10 }
    return NumberValue(digits: digits * scale + other.digits, length: length + other.length)
  }

  var description: String {
    guard length > 0 else { return "?" }
    let text = String(digits)
    return String(repeating: "0", count: max(0, Int(length) - text.count)) + text
  }
}

/// The English number words, read once from ICU's spell-out rules: every word ICU uses to
/// spell 0–99 and the powers of ten, as cardinals and ordinals ("eight", "eighth",
/// "eighty", "hundred"), every compound of them it spells ("eighty-eight", "twenty-third",
/// "one hundred"), plus "double" and "twin", which repeat the digit after them.
///
/// Built by formatting with ICU (cheap, and exact: a compound is a number exactly when ICU
/// spells that number so), immutable afterwards, so one table serves every thread; only
/// the words listed here make a token a number candidate, so ordinary text never reaches
/// ICU.
struct NumberWords: Sendable {
  enum Kind: Sendable, Equatable {
    /// A word that is a number on its own ("eight", "eighth", "eighty").
    case value(Int64)
    /// A word that is a number only with others ("hundred" in "one hundred").
    case multiplier
    /// "double" or "twin": the next digit is written twice.
    case modifier
  }

  let table: TokenTable
  let kinds: [Kind]
  let words: [String]
  /// Compounds of several words, spaces for hyphens: "eighty eight" → 88.
  let compounds: [String: Int64]
  /// First letters of the words, as a bit set over a–z, for a quick refusal.
  let initials: UInt32
  /// Their first three letters, for the prefilter at word starts.
  let triples: TripleSet

  static let english = NumberWords()

  init() {
    let formatter = SpelloutFormatter()
    var values: [String: Int64] = [:]
    var parts: Set<String> = []
    var compounds: [String: Int64] = [:]
    // The words of 0–99 and of the powers of ten; compounds with "hundred" and more are
    // checked when met (`NumberReader.compound`).
    let samples: [Int64] = Array(0...99) + [100, 1000, 1_000_000, 1_000_000_000]
    for value in samples {
      for ordinal in [false, true] {
        guard let text = formatter.format(value, ordinal: ordinal) else { continue }
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        if pieces.count == 1 {
          values[pieces[0]] = value
        } else {
          parts.formUnion(pieces)
          compounds[pieces.joined(separator: " ")] = value
        }
      }
    }
    var found: [String: Kind] = values.mapValues(Kind.value)
    for part in parts where found[part] == nil { found[part] = .multiplier }
    found["double"] = .modifier
    found["twin"] = .modifier
    let sorted = found.keys.sorted()
    var vocabulary: [[UInt8]: Int32] = [:]
    var initials: UInt32 = 0
    var triples = TripleSet()
    for (index, word) in sorted.enumerated() {
      vocabulary[Array(word.utf8)] = Int32(index)
      triples.insert(Array(word.utf8))
      if let first = word.utf8.first, (97...122).contains(first) {
        initials |= 1 << UInt32(first - 97)
      }
    }
    table = TokenTable(vocabulary)
    kinds = sorted.compactMap { found[$0] }
    words = sorted
    self.compounds = compounds
    self.initials = initials
    self.triples = triples
  }

  /// The id of the number word `token` is, or -1.
  @inline(__always)
  func id(of token: Token, in text: UnsafeBufferPointer<UInt8>) -> Int32 {
    let first = text[token.start]
    guard first >= 97 && first <= 122, initials & (1 << UInt32(first - 97)) != 0 else {
      return -1
    }
    return table.lookup(token, in: text)
  }

  /// The kind of number word `token` is, or nil when it is not one.
  @inline(__always)
  func kind(of token: Token, in text: UnsafeBufferPointer<UInt8>) -> Kind? {
    let id = id(of: token, in: text)
    return id < 0 ? nil : kinds[Int(id)]
  }
}

/// A token of folded text with its numbers read: what the numeral matcher, the phrase
/// finder and the glossary's numeral keys all see.
///
/// A maximal run of number tokens joined by spaces or hyphens becomes one `number` token
/// whose `value` is the number in digits: "Eight-Eight", "Eighth Eighth", "88th", "8 8",
/// "Double-Eight" and "Twin 8" are all `88`; "eighty-eight" is 88 as ICU spells it. A
/// hyphen next to a number is part of it ("8-point" is `8` `point`).
struct NormalizedToken {
  enum Kind: Equatable {
    case word
    case number
    /// `-` between words.
    case hyphen
    /// `'`, as in "people's".
    case apostrophe
    /// `"` (every double quote folds to it).
    case quote
    /// Any other mark or symbol, a CJK character.
    case other
  }

  var kind: Kind
  /// The folded span: for a number, from its first to its last element.
  var start: Int
  var end: Int
  /// Where reading continues (after a hyphen that ends a number).
  var next: Int
  /// Tokenizer's hash of the span, for words and marks.
  var hash: UInt64
  /// For numbers: the value.
  var value = NumberValue(digits: 0, length: 1)
  /// For numbers: read digit by digit ("Eight Eight" as 88, "Double 8"), which could also
  /// be read as separate numbers.
  var ambiguous = false

  var token: Token { Token(start: start, end: end, hash: hash) }
}

/// Reads numbers in folded text: number words from `NumberWords`, digits (fullwidth ones
/// are ASCII after folding) with an optional ordinal suffix, and runs of them.
///
/// Not `Sendable`: it caches the compounds of a thousand and more it has checked, with an
/// ICU formatter opened the first time one needs it. Make one per thread or per file, like
/// `Folder`.
struct NumberReader {
  let words = NumberWords.english
  private var formatter: SpelloutFormatter?
  private var large: [String: Int64] = [:]
  private var notNumbers: Set<String> = []

  /// At most this many number tokens are joined into one number.
  static let maximumElements = 8

  init() {}

  /// The value of a digit token ("88", "088", "88th", "1st"), or nil. Any of the suffixes
  /// st, nd, rd and th is read ("88st" as well: machine translation gets them wrong).
  static func digits(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> NumberValue? {
    var index = token.start
    var value: UInt64 = 0
    var tooLong = false
    while index < token.end && text[index] >= 48 && text[index] <= 57 {
      let digit = UInt64(text[index] - 48)
      if value > (UInt64.max - digit) / 10 { tooLong = true } else { value = value * 10 + digit }
      index += 1
    }
    guard index > token.start else { return nil }
    let suffixLength = token.end - index
    if suffixLength != 0 {
      guard suffixLength == 2 else { return nil }
      switch (text[index], text[index + 1]) {
      case (115, 116), (110, 100), (114, 100), (116, 104): break  // st nd rd th
      default: return nil
      }
    }
    if tooLong || value >= 10_000_000_000_000_000_000 { return .tooLong }
    return NumberValue(value)
  }

  /// What a token is as part of a number.
  enum Element {
    case digits(NumberValue)
    /// Digits with a decimal part ("1.5"), read only before a scale word ("1.5 million").
    case decimal(whole: UInt64, fraction: NumberValue)
    /// A number word, by its id in `NumberWords`.
    case word(Int32, NumberWords.Kind)
  }

  @inline(__always)
  func element(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Element? {
    let first = text[token.start]
    if first >= 48 && first <= 57 {
      return Self.digits(token, in: text).map(Element.digits)
    }
    let id = words.id(of: token, in: text)
    return id < 0 ? nil : .word(id, words.kinds[Int(id)])
  }

  /// Whether `token` can start or continue a number: a cheap test that needs no parsing.
  @inline(__always)
  func isCandidate(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    let first = text[token.start]
    if first >= 48 && first <= 57 { return true }
    return words.id(of: token, in: text) >= 0
  }

  /// The next token at or after `position`, numbers read.
  mutating func next(in text: UnsafeBufferPointer<UInt8>, from position: Int) -> NormalizedToken? {
    guard let token = Tokenizer.next(in: text, from: position) else { return nil }
    let first = text[token.start]
    if first < 0x80 {
      if token.end - token.start == 1 {
        switch first {
        case UInt8(ascii: "-"):
          // A hyphen before a number is part of it.
          if let after = Tokenizer.next(in: text, from: token.end), isCandidate(after, in: text),
            let number = run(startingWith: after, in: text)
          {
            return number
          }
          return NormalizedToken(
            kind: .hyphen, start: token.start, end: token.end, next: token.end, hash: token.hash)
        case UInt8(ascii: "'"):
          return NormalizedToken(
            kind: .apostrophe, start: token.start, end: token.end, next: token.end,
            hash: token.hash)
        case UInt8(ascii: "\""):
          return NormalizedToken(
            kind: .quote, start: token.start, end: token.end, next: token.end, hash: token.hash)
        default:
          break
        }
      }
      if (first >= 48 && first <= 57) || words.id(of: token, in: text) >= 0,
        let number = run(startingWith: token, in: text)
      {
        return number
      }
      // A token that starts with an ASCII letter or digit is a word (tokens of other ASCII
      // characters are one character long).
      let isWord = token.end - token.start > 1 || (first | 0x20) >= 97 && (first | 0x20) <= 122
      return NormalizedToken(
        kind: isWord ? .word : .other, start: token.start, end: token.end, next: token.end,
        hash: token.hash)
    }
    let isWord = Tokenizer.classify(Folder.decode(text, at: token.start).0) == .word
    return NormalizedToken(
      kind: isWord ? .word : .other, start: token.start, end: token.end, next: token.end,
      hash: token.hash)
  }

  /// Reads the number that starts with `token`, or nil when it is not one. A run whose
  /// number elements do not make one number (a lone "hundred") is shortened until they do.
  mutating func run(startingWith token: Token, in text: UnsafeBufferPointer<UInt8>)
    -> NormalizedToken?
  {
    guard let firstElement = element(token, in: text) else { return nil }
    // The usual case: one number token, not followed by another ("88th Strategy"), read
    // without the arrays below.
    if let next = loneNext(firstElement, token: token, in: text) {
      let value: NumberValue
      switch firstElement {
      case .digits(let digits): value = digits
      case .word(_, .value(let number)): value = NumberValue(UInt64(number))
      case .word, .decimal: return nil
      }
      return NormalizedToken(
        kind: .number, start: token.start, end: token.end, next: next, hash: 0, value: value,
        ambiguous: false)
    }
    var elements = [firstElement]
    var ends = [token.end]
    var trailingHyphenEnd: Int?
    var position = token.end
    // Whether the last element is a group of digits a separator may continue ("10,000"):
    // a run of one to three digits, or groups already joined.
    var groupable = Self.isGroupLead(token, in: text)
    while elements.count < Self.maximumElements,
      let following = Tokenizer.next(in: text, from: position)
    {
      if groupable, case .digits(let lead)? = elements.last,
        let (group, groupEnd) = Self.digitGroup(after: position, next: following, in: text)
      {
        // "10,000,000", "1 000" (a space, or a no-break or thin space, which fold to one):
        // one number, not digits read one by one.
        guard lead.length > 0, lead.digits <= (UInt64.max - 999) / 1000 else { break }
        elements[elements.count - 1] = .digits(
          NumberValue(lead.digits * 1000 + group))
        ends[ends.count - 1] = groupEnd
        position = groupEnd
        continue
      }
      if case .digits(let whole)? = elements.last, elements.count == 1,
        let (fraction, fractionEnd) = Self.decimalPart(
          after: position, next: following, in: text)
      {
        // "1.5 million": a decimal point joins only when a scale word follows.
        elements[0] = .decimal(whole: whole.digits, fraction: fraction)
        ends[0] = fractionEnd
        position = fractionEnd
        groupable = false
        continue
      }
      groupable = false
      if following.end - following.start == 1 && text[following.start] == UInt8(ascii: "-") {
        guard let after = Tokenizer.next(in: text, from: following.end),
          let element = element(after, in: text)
        else {
          // A hyphen after a number is part of it ("8-point").
          trailingHyphenEnd = following.end
          break
        }
        elements.append(element)
        ends.append(after.end)
        position = after.end
      } else if let element = element(following, in: text) {
        elements.append(element)
        ends.append(following.end)
        position = following.end
      } else {
        break
      }
    }
    var count = elements.count
    while count > 0 {
      if let (value, ambiguous) = value(of: elements[0..<count]) {
        let end = ends[count - 1]
        let next = count == elements.count ? (trailingHyphenEnd ?? end) : end
        return NormalizedToken(
          kind: .number, start: token.start, end: end, next: next, hash: 0, value: value,
          ambiguous: ambiguous)
      }
      count -= 1
    }
    return nil
  }

  /// Where reading goes on after a number that is `token` alone, when the loop of `run`
  /// would join nothing to it (a hyphen after it is then part of it, as there); nil when
  /// another element, a digit group or a decimal part may follow.
  @inline(__always)
  func loneNext(_ first: Element, token: Token, in text: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let following = Tokenizer.next(in: text, from: token.end) else { return token.end }
    if case .digits = first {
      if Self.isGroupLead(token, in: text),
        Self.digitGroup(after: token.end, next: following, in: text) != nil
      {
        return nil
      }
      if Self.decimalPart(after: token.end, next: following, in: text) != nil { return nil }
    }
    if following.end - following.start == 1 && text[following.start] == UInt8(ascii: "-") {
      if let after = Tokenizer.next(in: text, from: following.end), element(after, in: text) != nil
      {
        return nil
      }
      return following.end
    }
    return element(following, in: text) == nil ? token.end : nil
  }

  /// Whether a digit token may start a grouped number: one to three digits, no suffix.
  static func isGroupLead(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    let length = token.end - token.start
    guard length >= 1 && length <= 3 else { return false }
    for index in token.start..<token.end where text[index] < 48 || text[index] > 57 {
      return false
    }
    return true
  }

  /// The group after a thousands separator at `position`: a comma written tight between
  /// digits ("10,000"), or one space ("1 000"), then exactly three digits (an ordinal
  /// suffix allowed: "1,000th"); nil otherwise. `next` is the token after `position`.
  static func digitGroup(after position: Int, next: Token, in text: UnsafeBufferPointer<UInt8>)
    -> (UInt64, Int)?
  {
    var groupToken = next
    if next.start == position && next.end - next.start == 1 && text[next.start] == 0x2C {
      guard let after = Tokenizer.next(in: text, from: next.end), after.start == next.end else {
        return nil
      }
      groupToken = after
    } else if !(next.start == position + 1 && text[position] == 0x20) {
      return nil
    }
    let length = groupToken.end - groupToken.start
    guard length == 3 || length == 5, let value = digits(groupToken, in: text) else { return nil }
    for index in groupToken.start..<groupToken.start + 3 where text[index] < 48 || text[index] > 57
    {
      return nil
    }
    return (value.digits, groupToken.end)
  }

  /// The decimal part at `position` ("." then digits, written tight), when a scale word
  /// (thousand, million, billion) follows; nil otherwise.
  static func decimalPart(after position: Int, next: Token, in text: UnsafeBufferPointer<UInt8>)
    -> (NumberValue, Int)?
  {
    guard next.start == position, next.end - next.start == 1, text[next.start] == 0x2E,
      let fraction = Tokenizer.next(in: text, from: next.end), fraction.start == next.end,
      fraction.end - fraction.start <= 18,
      text[fraction.start..<fraction.end].allSatisfy({ $0 >= 48 && $0 <= 57 }),
      let read = digits(fraction, in: text),
      let scaleToken = Tokenizer.next(in: text, from: fraction.end),
      let scale = self.scale(of: scaleToken, in: text)
    else { return nil }
    // Only a whole number: "1.5 million" is, "1.3333 thousand" is not (it then reads as 1).
    var denominator: UInt64 = 1
    for _ in 0..<(fraction.end - fraction.start) { denominator *= 10 }
    let (scaled, overflow) = read.digits.multipliedReportingOverflow(by: scale)
    guard !overflow, scaled % denominator == 0 else { return nil }
    return (
      NumberValue(digits: read.digits, length: UInt8(fraction.end - fraction.start)), fraction.end
    )
  }

  /// The value of a scale word token (thousand, million, billion), or nil.
  static func scale(of token: Token, in text: UnsafeBufferPointer<UInt8>) -> UInt64? {
    let word = String(decoding: text[token.start..<token.end], as: UTF8.self)
    return scaleWords[word]
  }

  static let scaleWords: [String: UInt64] = [
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
  ]

  /// A number in digits times its scale words ("10 million", "1.5 million", "3 thousand"),
  /// or nil when `elements` are not that, or the value is not whole.
  func scaled(_ elements: ArraySlice<Element>) -> NumberValue? {
    guard elements.count >= 2 else { return nil }
    var numerator: UInt64
    var denominator: UInt64 = 1
    switch elements[elements.startIndex] {
    case .digits(let value):
      guard value.length > 0 else { return nil }
      numerator = value.digits
    case .decimal(let whole, let fraction):
      for _ in 0..<fraction.length { denominator *= 10 }
      let (product, overflow) = whole.multipliedReportingOverflow(by: denominator)
      guard !overflow else { return nil }
      numerator = product + fraction.digits
    case .word: return nil
    }
    for element in elements.dropFirst() {
      guard case .word(let id, _) = element, let scale = Self.scaleWords[words.words[Int(id)]]
      else { return nil }
      let (product, overflow) = numerator.multipliedReportingOverflow(by: scale)
      guard !overflow else { return nil }
      numerator = product
    }
    guard numerator % denominator == 0 else { return nil }
    let value = numerator / denominator
    guard value < 10_000_000_000_000_000_000 else { return nil }
    return NumberValue(value)
  }

  /// The value of a run of number elements, and whether it was read digit by digit.
  mutating func value(of elements: ArraySlice<Element>) -> (NumberValue, Bool)? {
    if elements.count == 1 {
      switch elements[elements.startIndex] {
      case .digits(let digits): return (digits, false)
      case .word(_, .value(let value)): return (NumberValue(UInt64(value)), false)
      case .word, .decimal: return nil
      }
    }
    // Digits and scale words: "10 million" is ten million, as "ten million" is.
    if let value = scaled(elements) { return (value, false) }
    // Words only: a compound ICU spells so ("eighty-eight", "one hundred twenty",
    // "twenty-eighth") is one number.
    var phrase: [String] = []
    for element in elements {
      guard case .word(let id, let kind) = element, kind != .modifier else {
        phrase = []
        break
      }
      phrase.append(words.words[Int(id)])
    }
    if !phrase.isEmpty, let value = compound(phrase) {
      return (NumberValue(UInt64(value)), false)
    }
    // Otherwise digit by digit, as machine translation renders 八八: "Eight-Eight",
    // "Eighth Eighth", "8 8"; "double"/"twin" repeat the single digit after them.
    var result: NumberValue?
    var index = elements.startIndex
    while index < elements.endIndex {
      var part: NumberValue
      switch elements[index] {
      case .digits(let digits):
        part = digits
      case .word(_, .value(let value)):
        part = NumberValue(UInt64(value))
      case .word(_, .multiplier), .decimal:
        return nil
      case .word(_, .modifier):
        guard index + 1 < elements.endIndex, let digit = Self.singleDigit(elements[index + 1])
        else { return nil }
        part = NumberValue(digits: digit * 11, length: 2)
        index += 1
      }
      result = result.map { $0.appending(part) } ?? part
      index += 1
    }
    return result.map { ($0, true) }
  }

  static func singleDigit(_ element: Element) -> UInt64? {
    switch element {
    case .digits(let value) where value.length == 1: value.digits
    case .word(_, .value(let value)) where value < 10: UInt64(value)
    default: nil
    }
  }

  /// The number a phrase of several number words spells as one compound: one ICU spells
  /// exactly so (hyphens and spaces alike), from the table for those under a hundred, else
  /// computed from the words and checked by spelling it with ICU (cached). (ICU's lenient parser
  /// alone would read "eight eight" as 808.)
  mutating func compound(_ words: [String]) -> Int64? {
    let phrase = words.joined(separator: " ")
    if let value = self.words.compounds[phrase] { return value }
    if let value = large[phrase] { return value }
    if notNumbers.contains(phrase) { return nil }
    var result: Int64?
    if let value = Self.arithmetic(words, table: self.words) {
      if formatter == nil { formatter = SpelloutFormatter() }
      for ordinal in [false, true] {
        if let spelled = formatter?.format(value, ordinal: ordinal),
          spelled.replacingOccurrences(of: "-", with: " ") == phrase
        {
          result = value
        }
      }
    }
    if let result { large[phrase] = result } else { notNumbers.insert(phrase) }
    return result
  }

  /// The value English number words add up to ("two thousand twenty three" is 2023), not
  /// checked: the caller asks ICU to spell it back.
  static func arithmetic(_ words: [String], table: NumberWords) -> Int64? {
    var total: Int64 = 0
    var current: Int64 = 0
    for word in words {
      switch word {
      case "hundred", "hundredth": current = max(current, 1) * 100
      case "thousand", "thousandth":
        total += max(current, 1) * 1000
        current = 0
      case "million", "millionth":
        total += max(current, 1) * 1_000_000
        current = 0
      case "billion", "billionth":
        total += max(current, 1) * 1_000_000_000
        current = 0
      default:
        guard let id = table.words.firstIndex(of: word), case .value(let value) = table.kinds[id]
        else { return nil }
        current += value
      }
    }
    return total + current
  }

  /// The tokens of folded `text` with numbers read: words as they are, numbers as `#`
  /// and their value (and the value).
  mutating func keyTokens(of text: [UInt8]) -> [(key: [UInt8], number: NumberValue?)] {
    text.withUnsafeBufferPointer { buffer in
      var result: [(key: [UInt8], number: NumberValue?)] = []
      var position = 0
      while let token = next(in: buffer, from: position) {
        if token.kind == .number {
          result.append((Array("#\(token.value)".utf8), token.value))
        } else {
          result.append((Array(buffer[token.start..<token.end]), nil))
        }
        position = token.next
      }
      return result
    }
  }
}
