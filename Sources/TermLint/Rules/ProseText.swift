// Rules stage: what text rules share — paragraphs of a view, scalars read from UTF-8 bytes,
// character classes and the places of URLs.
//
// Takes: a `Document`'s view (valid UTF-8). Gives: paragraph ranges, scalars and classes by
// byte offset, URL ranges: all in view coordinates, with ASCII handled without decoding.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The paragraphs text rules judge (see `TextContext`).
enum Paragraphs {
  static func of(_ document: Document, targetLanguage: String) -> [Range<Int>] {
    document.view.bytes.withUnsafeBufferPointer { of(document, targetLanguage, $0) }
  }

  static func of(
    _ document: Document, _ targetLanguage: String, _ bytes: UnsafeBufferPointer<UInt8>
  ) -> [Range<Int>] {
    guard let extraction = document.extraction, !extraction.segments.isEmpty else {
      return split(bytes, document.view.textStart..<bytes.count, linesOfLongBlocks: true)
    }
    var result: [Range<Int>] = []
    for segment in extraction.segments where !segment.range.isEmpty {
      guard Document.isLanguage(segment.language, targetLanguage),
        segment.range.upperBound <= bytes.count
      else { continue }
      result += split(bytes, segment.range, linesOfLongBlocks: false)
    }
    return result
  }

  /// The blocks of `range` between blank lines (lines of only spaces and tabs); with
  /// `linesOfLongBlocks`, a block with a line over `TextContext.longLine` characters gives
  /// its lines instead. Ranges exclude line terminators.
  static func split(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, linesOfLongBlocks: Bool
  )
    -> [Range<Int>]
  {
    var result: [Range<Int>] = []
    var lines: [Range<Int>] = []
    var longest = 0
    func closeBlock() {
      guard let first = lines.first, let last = lines.last else { return }
      if linesOfLongBlocks && longest > TextContext.longLine {
        result += lines
      } else {
        result.append(first.lowerBound..<last.upperBound)
      }
      lines.removeAll(keepingCapacity: true)
      longest = 0
    }
    // Without a CR, lines end at LF only: find them with memchr and look inside a line only
    // to tell a blank one, and to count characters only when its bytes could exceed
    // `longLine`.
    if let base = bytes.baseAddress, !range.isEmpty,
      memchr(base + range.lowerBound, 0x0D, range.count) == nil
    {
      var start = range.lowerBound
      while start <= range.upperBound {
        let rest = range.upperBound - start
        let found = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
        let lineEnd =
          found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
          ?? range.upperBound
        var blank = true
        for index in start..<lineEnd where bytes[index] != 0x20 && bytes[index] != 0x09 {
          blank = false
          break
        }
        if blank {
          closeBlock()
        } else {
          lines.append(start..<lineEnd)
          if lineEnd - start > TextContext.longLine {
            var characters = 0
            for index in start..<lineEnd where bytes[index] & 0xC0 != 0x80 { characters += 1 }
            longest = max(longest, characters)
          }
        }
        start = lineEnd + 1
      }
      closeBlock()
      return result
    }
    var start = range.lowerBound
    var index = start
    var blank = true
    var characters = 0
    while index <= range.upperBound {
      let byte: UInt8 = index < range.upperBound ? bytes[index] : 0x0A
      if byte == 0x0A || byte == 0x0D {
        if blank {
          closeBlock()
        } else {
          lines.append(start..<index)
          longest = max(longest, characters)
        }
        if byte == 0x0D && index + 1 < range.upperBound && bytes[index + 1] == 0x0A {
          index += 1
        }
        index += 1
        start = index
        blank = true
        characters = 0
        continue
      }
      if byte != 0x20 && byte != 0x09 { blank = false }
      if byte & 0xC0 != 0x80 { characters += 1 }
      index += 1
    }
    closeBlock()
    return result
  }
}

/// Scalars read from valid UTF-8 by byte offset, and the character classes text rules use.
enum Scalars {
  /// The scalar that starts at `index` and its length in bytes.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
    value: UInt32, length: Int
  ) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    guard index + length <= bytes.count else { return (0xFFFD, 1) }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (value, length)
  }

  /// The offset where the scalar before `index` starts (`index` if there is none after
  /// `lower`).
  @inline(__always)
  static func start(before index: Int, in bytes: UnsafeBufferPointer<UInt8>, lower: Int) -> Int {
    var at = index - 1
    while at > lower && bytes[at] & 0xC0 == 0x80 { at -= 1 }
    return at < lower ? index : at
  }

  /// The scalar before `index` within `lower..<index`, or nil at `lower`.
  static func before(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>, lower: Int) -> UInt32? {
    guard index > lower else { return nil }
    return decode(bytes, at: start(before: index, in: bytes, lower: lower)).value
  }

  /// The scalar at `index` if it is below `upper`, or nil.
  static func at(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>, upper: Int) -> UInt32? {
    guard index < upper else { return nil }
    return decode(bytes, at: index).value
  }

  /// Spaces, tabs, line breaks and the Unicode space separators.
  static func isSpace(_ value: UInt32) -> Bool {
    switch value {
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028,
      0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default: return false
    }
  }

  /// A Han ideograph (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
  static func isHan(_ value: UInt32) -> Bool {
    switch value {
    case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:
      return true
    default: return false
    }
  }

  /// A letter of the Latin script (ASCII and the Latin supplements and extensions, pinyin's
  /// tone marks included).
  static func isLatinLetter(_ value: UInt32) -> Bool {
    switch value {
    case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,
      0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFB00...0xFB06:
      return true
    default: return false
    }
  }

  /// A letter of any script (Han and kana included).
  static func isLetter(_ value: UInt32) -> Bool {
    if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
    // Without a property lookup: the Latin-1 signs and spaces (only ª, µ and º are
    // letters) and General Punctuation (curly quotes, dashes, spaces: no letters), which
    // translated text is full of.
    if value < 0xC0 { return value == 0xAA || value == 0xB5 || value == 0xBA }
    if value >= 0x2000 && value <= 0x206F { return false }
    if isLatinLetter(value) { return true }
    // The CJK ideograph blocks (all assigned, all letters) and the full-width ASCII forms
    // (letters A–Z and a–z only): the rest of what text translated from Chinese holds.
    if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) { return true }
    if value >= 0xFF01 && value <= 0xFF5E {
      return (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value)
    }
    guard let scalar = Unicode.Scalar(value) else { return false }
    return scalar.properties.isAlphabetic
  }

  /// A combining mark (kept inside words).
  static func isMark(_ value: UInt32) -> Bool {
    if value < 0x300 || (value >= 0x2000 && value <= 0x206F) { return false }
    guard let scalar = Unicode.Scalar(value) else { return false }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }

  static func isDigit(_ value: UInt32) -> Bool {
    if value < 0x80 { return value >= 0x30 && value <= 0x39 }
    guard let scalar = Unicode.Scalar(value) else { return false }
    return scalar.properties.numericType == .decimal
  }

  /// Scripts written without spaces: Han, kana, Hangul (never words to compare).
  static func isCJK(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x11FF, 0x3040...0x30FF, 0x31F0...0x31FF, 0xAC00...0xD7AF: return true
    default: return isHan(value)
    }
  }
}

/// Where URLs (and e-mail addresses) stand in a paragraph: their words and brackets are
/// not prose.
enum URLSpans {
  /// The URL ranges inside `range`, sorted: a scheme and `://` or a `www.` start, up to
  /// whitespace, a non-ASCII character or `<>"`, without trailing punctuation (a closing
  /// bracket the URL did not open is punctuation too); e-mail addresses as `x@y.z`.
  static func find(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var index = range.lowerBound
    let end = range.upperBound
    func isURLByte(_ byte: UInt8) -> Bool {
      byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
        && byte != UInt8(ascii: "\"")
    }
    func isAlnum(_ byte: UInt8) -> Bool {
      (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
    while index < end {
      let byte = bytes[index]
      var start: Int?
      if byte == UInt8(ascii: ":") && index + 2 < end && bytes[index + 1] == UInt8(ascii: "/")
        && bytes[index + 2] == UInt8(ascii: "/")
      {
        var at = index
        while at > range.lowerBound && isAlnum(bytes[at - 1]) { at -= 1 }
        if index - at >= 2 { start = at }
      } else if byte | 0x20 == UInt8(ascii: "w") && index + 4 <= end
        && bytes[index + 1] | 0x20 == UInt8(ascii: "w")
        && bytes[index + 2] | 0x20 == UInt8(ascii: "w")
        && bytes[index + 3] == UInt8(ascii: ".")
        && (index == range.lowerBound || !isAlnum(bytes[index - 1]))
      {
        start = index
      } else if byte == UInt8(ascii: "@") && index > range.lowerBound
        && isAlnum(bytes[index - 1]) && index + 1 < end && isAlnum(bytes[index + 1])
      {
        var at = index
        while at > range.lowerBound
          && (isAlnum(bytes[at - 1]) || bytes[at - 1] == UInt8(ascii: ".")
            || bytes[at - 1] == UInt8(ascii: "_") || bytes[at - 1] == UInt8(ascii: "-"))
        {
          at -= 1
        }
        if let last = result.last, last.upperBound > at { at = last.upperBound }
        start = at
      }
      guard let start else {
        index += 1
        continue
      }
      var stop = index
      while stop < end && isURLByte(bytes[stop]) { stop += 1 }
      // Trailing punctuation, and closing brackets the URL did not open.
      while stop > index + 1 {
        let last = bytes[stop - 1]
        if ".,:;!?'*_~".utf8.contains(last) {
          stop -= 1
        } else if last == UInt8(ascii: ")") || last == UInt8(ascii: "]") {
          let open: UInt8 = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
          let opened = bytes[start..<stop].filter { $0 == open }.count
          let closed = bytes[start..<stop].filter { $0 == last }.count
          if closed > opened { stop -= 1 } else { break }
        } else {
          break
        }
      }
      if let last = result.last, last.upperBound >= start {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, stop)
      } else {
        result.append(start..<stop)
      }
      index = max(stop, index + 1)
    }
    return result
  }

  /// Whether `range` overlaps one of `spans` (sorted, not overlapping), by binary search.
  static func overlap(_ spans: [Range<Int>], _ range: Range<Int>) -> Bool {
    var low = 0
    var high = spans.count
    while low < high {
      let mid = (low + high) / 2
      if spans[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
    }
    return low < spans.count && spans[low].lowerBound < max(range.upperBound, range.lowerBound + 1)
  }
}
