/// A token of folded text: a run of letters and digits (a word), or one punctuation mark,
/// symbol or CJK character. Whitespace separates tokens and is never part of one.
struct Token: Equatable {
  var start: Int
  var end: Int
  var hash: UInt64
}

/// Splits folded text into tokens. Words are runs of letters, marks and digits; a CJK
/// ideograph or kana is a token of its own (those scripts do not separate words with
/// spaces); any other character that is not a space is a one-character token. So a term
/// matches only on word boundaries, and "Double-Eight" is the tokens `double`, `-`,
/// `eight` whatever spaces surround the hyphen.
struct Tokenizer {
  enum CharacterClass: UInt8 {
    case separator = 0
    case word = 1
    case single = 2
  }

  static let asciiClasses: [CharacterClass] = (0..<128).map { value in
    switch UInt8(value) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .word
    case 0...0x20, 0x7F: return .separator
    default: return .single
    }
  }

  /// `asciiClasses` as raw values, for the hot loop (hoisted once per scan).
  static let asciiClassValues: [UInt8] = asciiClasses.map(\.rawValue)

  static func classify(_ scalar: UInt32) -> CharacterClass {
    if scalar < 0x80 { return asciiClasses[Int(scalar)] }
    // Common blocks first, without a property lookup.
    switch scalar {
    case 0xC0...0x24F where scalar != 0xD7 && scalar != 0xF7: return .word  // Latin letters
    case 0x4E00...0x9FFF, 0x3400...0x4DBF: return .single  // CJK ideographs
    case 0x3001...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20: return .single  // CJK punctuation
    default: break
    }
    guard let value = Unicode.Scalar(scalar) else { return .single }
    let properties = value.properties
    if properties.isWhitespace { return .separator }
    if properties.isIdeographic || (0x3040...0x30FF).contains(scalar)
      || (0x31F0...0x31FF).contains(scalar)
      || (0xFF66...0xFF9F).contains(scalar)
    {
      return .single
    }
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
      return .word
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator:
      return .separator
    default:
      return .single
    }
  }

  /// FNV-1a constants, for fingerprints (`Fingerprint.hash`), which must stay stable.
  static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

  /// The hash of a token's bytes, for the hash tables of tokens: eight bytes at a time
  /// (most words take one multiplication, where a byte-at-a-time hash takes one per byte).
  /// Every table of tokens and every token uses this one function.
  @inline(__always)
  static func hash(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: end - start) &* multiplier
    var index = start
    if let base = UnsafeRawPointer(text.baseAddress) {
      while index + 8 <= end {
        hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
        hash ^= hash >> 29
        index += 8
      }
    }
    if index < end {
      var tail: UInt64 = 0
      while index < end {
        tail = (tail << 8) | UInt64(text[index])
        index += 1
      }
      hash = (hash ^ tail) &* multiplier
      hash ^= hash >> 29
    }
    return hash
  }

  /// The high bit of each byte of `chunk` that is not an ASCII letter or digit (non-ASCII
  /// bytes included, for the scalar path to decide): SWAR range checks, no branch.
  @inline(__always)
  static func nonWordBytes(_ chunk: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    // Each byte 0x80 | its low seven bits: subtracting at most 0x7F never borrows.
    let raised = chunk | high
    @inline(__always) func atLeast(_ value: UInt64) -> UInt64 { (raised &- value &* ones) & high }
    let digit = atLeast(0x30) & ~atLeast(0x3A)
    let upper = atLeast(0x41) & ~atLeast(0x5B)
    let lower = atLeast(0x61) & ~atLeast(0x7B)
    let word = (digit | upper | lower) & ~(chunk & high)
    return ~word & high
  }

  /// `hash` of a whole byte sequence.
  static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
    let array = Array(bytes)
    return array.withUnsafeBufferPointer { hash($0, 0, $0.count) }
  }

  /// The next token at or after `position` in `text`, or nil at the end.
  static func next(in text: UnsafeBufferPointer<UInt8>, from position: Int) -> Token? {
    asciiClassValues.withUnsafeBufferPointer { next(in: text, from: position, classes: $0) }
  }

  /// The next token, with the ASCII class table passed in so the hot loop reads no global.
  @inline(__always)
  static func next(
    in text: UnsafeBufferPointer<UInt8>, from position: Int, classes: UnsafeBufferPointer<UInt8>
  ) -> Token? {
    let count = text.count
    var index = position
    let separator = CharacterClass.separator.rawValue
    let single = CharacterClass.single.rawValue
    let word = CharacterClass.word.rawValue
    // Skip separators.
    while index < count {
      let byte = text[index]
      if byte < 0x80 {
        let cls = classes[Int(byte)]
        if cls == separator {
          index += 1
          continue
        }
        if cls == single {
          return Token(start: index, end: index + 1, hash: hash(text, index, index + 1))
        }
        break
      }
      let (scalar, length) = Folder.decode(text, at: index)
      let cls = classify(scalar)
      if cls == .separator {
        index += length
        continue
      }
      if cls == .single {
        return Token(start: index, end: index + length, hash: hash(text, index, index + length))
      }
      break
    }
    guard index < count else { return nil }
    // A word: letters, marks and digits. ASCII runs are scanned eight bytes at a time, so
    // a word's end costs no mispredicted branch per byte.
    let start = index
    if let base = UnsafeRawPointer(text.baseAddress) {
      while index + 8 <= count {
        let stops = nonWordBytes(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        if stops != 0 {
          index += stops.trailingZeroBitCount >> 3
          break
        }
        index += 8
      }
    }
    while index < count {
      let byte = text[index]
      if byte < 0x80 {
        guard classes[Int(byte)] == word else { break }
        index += 1
        continue
      }
      let (scalar, length) = Folder.decode(text, at: index)
      guard classify(scalar) == .word else { break }
      index += length
    }
    return Token(start: start, end: index, hash: hash(text, start, index))
  }

  /// All tokens of `text`.
  static func tokens(of text: [UInt8]) -> [Token] {
    text.withUnsafeBufferPointer { buffer in
      var result: [Token] = []
      var position = 0
      while let token = next(in: buffer, from: position) {
        result.append(token)
        position = token.end
      }
      return result
    }
  }
}
