// Markdown block structure, continued: how a line starts a leaf block — code fences (and
// their closing fences), ATX headings, setext underlines, thematic breaks — and list items.

private let tab: UInt8 = 0x09
private let space: UInt8 = 0x20

@inline(__always) private func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

extension MarkdownBlockParser {
  func isClosingFence(fence: UInt8, length: Int) -> Bool {
    var index = nextNonspace
    var count = 0
    while index < lineEnd && bytes[index] == fence {
      index += 1
      count += 1
    }
    guard count >= length else { return false }
    while index < lineEnd && isSpaceOrTab(bytes[index]) { index += 1 }
    return index == lineEnd
  }

  func openingFence() -> (byte: UInt8, length: Int)? {
    let fence = bytes[nextNonspace]
    var index = nextNonspace
    while index < lineEnd && bytes[index] == fence { index += 1 }
    let length = index - nextNonspace
    guard length >= 3 else { return nil }
    if fence == UInt8(ascii: "`") {
      // A backtick fence's info string has no backtick.
      while index < lineEnd {
        if bytes[index] == fence { return nil }
        index += 1
      }
    }
    return (fence, length)
  }

  /// An ATX heading's content range (empty for an empty heading), or nil.
  func atxHeading() -> Range<Int>? {
    var index = nextNonspace
    while index < lineEnd && bytes[index] == UInt8(ascii: "#") { index += 1 }
    let level = index - nextNonspace
    guard level >= 1 && level <= 6 else { return nil }
    guard index == lineEnd || isSpaceOrTab(bytes[index]) else { return nil }
    while index < lineEnd && isSpaceOrTab(bytes[index]) { index += 1 }
    var end = lineEnd
    while end > index && isSpaceOrTab(bytes[end - 1]) { end -= 1 }
    // A closing sequence of #s, preceded by a space or alone.
    var hashes = end
    while hashes > index && bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
    if hashes < end && (hashes == index || isSpaceOrTab(bytes[hashes - 1])) {
      end = hashes
      while end > index && isSpaceOrTab(bytes[end - 1]) { end -= 1 }
    }
    return index..<max(index, end)
  }

  func setextUnderline() -> Bool {
    let marker = bytes[nextNonspace]
    guard marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-") else { return false }
    var index = nextNonspace
    while index < lineEnd && bytes[index] == marker { index += 1 }
    while index < lineEnd && isSpaceOrTab(bytes[index]) { index += 1 }
    return index == lineEnd
  }

  func isThematicBreak() -> Bool {
    let marker = bytes[nextNonspace]
    guard marker == UInt8(ascii: "*") || marker == UInt8(ascii: "-") || marker == UInt8(ascii: "_")
    else { return false }
    var count = 0
    for index in nextNonspace..<lineEnd {
      let byte = bytes[index]
      if byte == marker {
        count += 1
      } else if !isSpaceOrTab(byte) {
        return false
      }
    }
    return count >= 3
  }

  /// Starts a list item at the next non-space character: returns its content indent and
  /// leaves the position at its content.
  mutating func listItemStart(interrupting paragraph: Bool) -> Int? {
    let markerColumn = nextNonspaceColumn - column
    var index = nextNonspace
    let first = bytes[index]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
      index += 1
    } else {
      var digits = 0
      var value = 0
      while index < lineEnd, digits < 10, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
        value = value * 10 + Int(bytes[index] - 0x30)
        index += 1
        digits += 1
      }
      guard digits >= 1 && digits <= 9, index < lineEnd,
        bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")
      else { return nil }
      if paragraph && value != 1 { return nil }
      index += 1
    }
    guard index == lineEnd || isSpaceOrTab(bytes[index]) else { return nil }
    if paragraph {
      var rest = index
      while rest < lineEnd && isSpaceOrTab(bytes[rest]) { rest += 1 }
      if rest == lineEnd { return nil }
    }
    let markerWidth = index - nextNonspace
    advanceNextNonspace()
    advance(markerWidth, columns: true)
    let spacesStartColumn = column
    let spacesStartOffset = position
    let spacesStartPartial = partiallyConsumedTab
    while column - spacesStartColumn < 5, let next = byte(at: position), isSpaceOrTab(next) {
      advance(1, columns: true)
    }
    let blankItem = position == lineEnd
    let spaces = column - spacesStartColumn
    let padding: Int
    if spaces >= 5 || spaces < 1 || blankItem {
      padding = markerWidth + 1
      column = spacesStartColumn
      position = spacesStartOffset
      partiallyConsumedTab = spacesStartPartial
      if let next = byte(at: position), isSpaceOrTab(next) { advance(1, columns: true) }
    } else {
      padding = markerWidth + spaces
    }
    return markerColumn + padding
  }
}
