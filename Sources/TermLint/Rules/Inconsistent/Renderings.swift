// Rules stage (inconsistent): how renderings of a phrase are told apart, shown and
// placed (headings say nothing about how the text writes a name).

extension Phrases {
  /// How a rendering is told apart from the others of its phrase: its words as written
  /// (width, dashes and quotes folded), a function word in lower case, a word in capitals
  /// as if capitalised, and the first letter's case ignored (a sentence may start with it).
  static func renderingKey(_ original: String) -> String {
    var parts: [String] = []
    for (index, token) in FormComparison.rawTokens(original).enumerated() {
      var text = FormComparison.keepingCase(token.text)
      let lower = text.lowercased()
      if functionWordSet.contains(lower) {
        text = lower
      } else if text.unicodeScalars.filter(\.properties.isAlphabetic).count >= 2
        && text == text.uppercased() && text != lower
      {
        text = FormComparison.capitalizingFirst(lower)
      }
      if index == 0, let first = text.first {
        text = first.lowercased() + text.dropFirst()
      }
      parts.append(text)
    }
    return parts.joined(separator: " ")
  }

  /// Text for a message: whitespace runs (line breaks included) become one space.
  static func display(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Whether 0-based line `line` of `file` is a heading: it reads as one (`isHeading`) and
  /// stands alone, at the start of the text or after a blank line or a finished sentence
  /// (a line of a wrapped paragraph never does).
  static func isHeading(line: Int, in file: SourceFile) -> Bool {
    let range = file.lineIndex.contentRange(ofLine: line, in: file.bytes)
    guard isHeading(file.bytes[range.start..<range.end]) else { return false }
    guard line > 0 else { return true }
    let previous = file.lineIndex.contentRange(ofLine: line - 1, in: file.bytes)
    let text = file.text(previous).trimmingTrailingWhitespace()
    guard let last = text.last else { return true }
    return ".!?:;。！？：；".contains(last)
  }

  /// Whether a line reads as a heading: a few words, the first and every other word that is
  /// not a function word capitalised, and no sentence punctuation at the end. Headings capitalise by
  /// style, so names found in them say nothing about how the text writes them. Reads the
  /// line's bytes and stops at the first lower-case word that is not a function word.
  static func isHeading(_ line: ArraySlice<UInt8>) -> Bool {
    var end = line.endIndex
    while end > line.startIndex && (line[end - 1] == 0x20 || line[end - 1] == 0x09) { end -= 1 }
    guard end > line.startIndex else { return false }
    var lastStart = end - 1
    while lastStart > line.startIndex && line[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
    let last = String(decoding: line[lastStart..<end], as: UTF8.self)
    if ".!?;:,。！？；：，".contains(last) { return false }
    var words = 0
    var index = line.startIndex
    while index < end {
      while index < end && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
      let pieceStart = index
      while index < end && line[index] != 0x20 && line[index] != 0x09 { index += 1 }
      // The piece's first letter.
      var at = pieceStart
      var first: Unicode.Scalar?
      while at < index {
        let byte = line[at]
        if byte < 0x80 {
          if (byte | 0x20) >= 97 && (byte | 0x20) <= 122 {
            first = Unicode.Scalar(byte)
            break
          }
          at += 1
          continue
        }
        var length = 1
        var value = UInt32(byte & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F))
        while at + length < index && line[at + length] & 0xC0 == 0x80 {
          value = (value << 6) | UInt32(line[at + length] & 0x3F)
          length += 1
        }
        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic {
          first = scalar
          break
        }
        at += length
      }
      guard let first else { continue }
      words += 1
      let lowercase =
        first.value < 0x80 ? (97...122).contains(first.value) : first.properties.isLowercase
      // A heading starts with a capital.
      if words == 1
        && !(first.value < 0x80 ? (65...90).contains(first.value) : first.properties.isUppercase)
      {
        return false
      }
      if lowercase {
        let word = String(decoding: line[at..<index], as: UTF8.self).lowercased()
          .filter(\.isLetter)
        if !functionWordSet.contains(word) { return false }
      }
    }
    return words >= 2 && words <= 20
  }
}

extension String {
  /// The string without spaces, tabs and line breaks at its end.
  func trimmingTrailingWhitespace() -> Substring {
    var end = endIndex
    while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
    return self[..<end]
  }
}
