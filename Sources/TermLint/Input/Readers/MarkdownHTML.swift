// HTML tags inside Markdown, as CommonMark recognizes them: inline raw HTML and the whole
// open or closing tag that starts an HTML block of kind 7.

private let backslash: UInt8 = 0x5C
private let newline: UInt8 = 0x0A

/// HTML tags as CommonMark recognizes them (inline raw HTML and HTML block kind 7).
enum MarkdownHTML {
  /// The end of the tag at `start` (open tag, closing tag, and unless `openOrCloseOnly` a
  /// comment, processing instruction, declaration or CDATA section), or nil.
  static func tagEnd(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, openOrCloseOnly: Bool
  ) -> Int? {
    guard start + 1 < end, text[start] == UInt8(ascii: "<") else { return nil }
    func skipBlanks(_ index: inout Int) {
      while index < end && MarkdownBytes.isBlank(text[index]) { index += 1 }
    }
    func skipName(_ index: inout Int) {
      while index < end
        && (MarkdownBytes.isLetter(text[index]) || MarkdownBytes.isDigit(text[index])
          || text[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
    }
    let second = text[start + 1]
    if MarkdownBytes.isLetter(second) {
      var index = start + 2
      skipName(&index)
      while true {
        let beforeBlanks = index
        skipBlanks(&index)
        guard index > beforeBlanks, index < end else {
          index = beforeBlanks
          break
        }
        let first = text[index]
        guard
          MarkdownBytes.isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
        else {
          index = beforeBlanks
          break
        }
        index += 1
        while index < end {
          let byte = text[index]
          guard
            MarkdownBytes.isLetter(byte) || MarkdownBytes.isDigit(byte) || byte == UInt8(ascii: "_")
              || byte == UInt8(ascii: ":")
              || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
          else { break }
          index += 1
        }
        let afterName = index
        skipBlanks(&index)
        if index < end && text[index] == UInt8(ascii: "=") {
          index += 1
          skipBlanks(&index)
          guard index < end else { return nil }
          let quote = text[index]
          if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index += 1
            while index < end && text[index] != quote { index += 1 }
            guard index < end else { return nil }
            index += 1
          } else {
            let valueStart = index
            while index < end {
              let byte = text[index]
              if byte <= 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<")
                || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "`")
              {
                break
              }
              index += 1
            }
            guard index > valueStart else { return nil }
          }
        } else {
          index = afterName
        }
      }
      skipBlanks(&index)
      if index < end && text[index] == UInt8(ascii: "/") { index += 1 }
      guard index < end, text[index] == UInt8(ascii: ">") else { return nil }
      return index + 1
    }
    if second == UInt8(ascii: "/") {
      var index = start + 2
      guard index < end, MarkdownBytes.isLetter(text[index]) else { return nil }
      skipName(&index)
      skipBlanks(&index)
      guard index < end, text[index] == UInt8(ascii: ">") else { return nil }
      return index + 1
    }
    if openOrCloseOnly { return nil }
    if second == UInt8(ascii: "!") {
      if has("<!--", in: text, at: start, end: end) {
        if has("<!-->", in: text, at: start, end: end) { return start + 5 }
        if has("<!--->", in: text, at: start, end: end) { return start + 6 }
        return find("-->", in: text, from: start + 4, end: end)
      }
      if has("<![CDATA[", in: text, at: start, end: end) {
        return find("]]>", in: text, from: start + 9, end: end)
      }
      guard start + 2 < end, MarkdownBytes.isLetter(text[start + 2]) else { return nil }
      return find(">", in: text, from: start + 2, end: end)
    }
    if second == UInt8(ascii: "?") { return find("?>", in: text, from: start + 2, end: end) }
    return nil
  }

  static func has(_ prefix: String, in text: UnsafeBufferPointer<UInt8>, at start: Int, end: Int)
    -> Bool
  {
    var index = start
    for byte in prefix.utf8 {
      guard index < end, text[index] == byte else { return false }
      index += 1
    }
    return true
  }

  /// The end of the first `needle` at or after `from`.
  static func find(_ needle: String, in text: UnsafeBufferPointer<UInt8>, from: Int, end: Int)
    -> Int?
  {
    let pattern = Array(needle.utf8)
    var index = from
    while index + pattern.count <= end {
      if text[index] == pattern[0] && has(needle, in: text, at: index, end: end) {
        return index + pattern.count
      }
      index += 1
    }
    return nil
  }
}
