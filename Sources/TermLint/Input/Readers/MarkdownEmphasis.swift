// Markdown inline masking, emphasis: CommonMark's delimiter runs (left- and right-flanking
// by the scalars around them) and its "process emphasis" algorithm, which decides which
// `*`, `_` and `~~` runs are markup (left out of the text) and which stay text.

private let newline: UInt8 = 0x0A

extension MarkdownInlineParser {
  /// Scalar before and after a delimiter run, as CommonMark classifies them.
  private enum Neighbour { case blank, punctuation, other }

  private func neighbour(_ text: UnsafeBufferPointer<UInt8>, before index: Int) -> Neighbour {
    guard index > 0 else { return .blank }
    var start = index - 1
    while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
    return classify(text, at: start)
  }

  private func neighbour(_ text: UnsafeBufferPointer<UInt8>, after index: Int) -> Neighbour {
    guard index < text.count else { return .blank }
    return classify(text, at: index)
  }

  private func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Neighbour {
    let byte = text[index]
    if byte < 0x80 {
      if byte == 0x20 || byte == 0x09 || byte == newline || byte == 0x0C || byte == 0x0B {
        return .blank
      }
      return MarkdownBytes.isASCIIPunctuation(byte) ? .punctuation : .other
    }
    var end = index + 1
    while end < text.count && text[end] & 0xC0 == 0x80 { end += 1 }
    guard
      let scalar = String(decoding: UnsafeBufferPointer(rebasing: text[index..<end]), as: UTF8.self)
        .unicodeScalars.first
    else { return .other }
    switch scalar.properties.generalCategory {
    case .spaceSeparator: return .blank
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
      .modifierSymbol, .otherSymbol:
      return .punctuation
    default: return .other
    }
  }

  mutating func pushDelimiter(
    _ text: UnsafeBufferPointer<UInt8>, marker: UInt8, range: Range<Int>, run: Range<Int>
  ) {
    let before = neighbour(text, before: run.lowerBound)
    let after = neighbour(text, after: run.upperBound)
    let leftFlanking = after != .blank && (after != .punctuation || before != .other)
    let rightFlanking = before != .blank && (before != .punctuation || after != .other)
    var item = Item(kind: .delimiter, range: range, marker: marker, runStart: run.lowerBound)
    if marker == UInt8(ascii: "_") {
      item.canOpen = leftFlanking && (!rightFlanking || before == .punctuation)
      item.canClose = rightFlanking && (!leftFlanking || after == .punctuation)
    } else {
      item.canOpen = leftFlanking
      item.canClose = rightFlanking
    }
    let index = items.count
    if item.canOpen || item.canClose {
      item.inStack = true
      item.previousDelimiter = lastDelimiter
      if lastDelimiter >= 0 { items[lastDelimiter].nextDelimiter = index }
      lastDelimiter = index
    }
    items.append(item)
  }

  private mutating func removeDelimiter(_ index: Int) {
    let previous = items[index].previousDelimiter
    let next = items[index].nextDelimiter
    if previous >= 0 { items[previous].nextDelimiter = next }
    if next >= 0 { items[next].previousDelimiter = previous } else { lastDelimiter = previous }
    items[index].inStack = false
  }

  /// Matches the delimiter runs after item `bottom` (CommonMark's process emphasis).
  mutating func processEmphasis(above bottom: Int) {
    // The first delimiter above the bottom.
    var closer = lastDelimiter
    var first = -1
    while closer > bottom {
      first = closer
      closer = items[closer].previousDelimiter
    }
    guard first >= 0 else { return }
    var openersBottom: [Int: Int] = [:]
    closer = first
    while closer >= 0 {
      let current = items[closer]
      guard current.canClose else {
        closer = current.nextDelimiter
        continue
      }
      let key =
        Int(current.marker) * 8 + (current.canOpen ? 4 : 0) + (current.range.count % 3)
      let lowest = max(bottom, openersBottom[key] ?? bottom)
      var opener = current.previousDelimiter
      var found = -1
      while opener > lowest {
        let candidate = items[opener]
        if candidate.marker == current.marker && candidate.canOpen && candidate.remaining > 0 {
          if current.marker == UInt8(ascii: "~") {
            // Pairs of one run never match each other.
            if candidate.remaining == 2 && current.remaining == 2
              && candidate.runStart != current.runStart
            {
              found = opener
              break
            }
          } else {
            let sum = candidate.range.count + current.range.count
            let odd =
              (candidate.canClose || current.canOpen) && sum % 3 == 0
              && !(candidate.range.count % 3 == 0 && current.range.count % 3 == 0)
            if !odd {
              found = opener
              break
            }
          }
        }
        opener = candidate.previousDelimiter
      }
      if found >= 0 {
        let use =
          current.marker == UInt8(ascii: "~")
          ? 2 : (items[found].remaining >= 2 && current.remaining >= 2 ? 2 : 1)
        items[found].usedRight += use
        items[closer].usedLeft += use
        // Delimiters between the two are text.
        var between = items[found].nextDelimiter
        while between >= 0 && between != closer {
          let next = items[between].nextDelimiter
          removeDelimiter(between)
          between = next
        }
        if items[found].remaining == 0 { removeDelimiter(found) }
        if items[closer].remaining == 0 {
          let next = items[closer].nextDelimiter
          removeDelimiter(closer)
          closer = next
        }
      } else {
        // No opener down to here; tilde pairs of this run stay candidates for later closers.
        var bottomOpener = current.previousDelimiter
        while bottomOpener >= 0 && items[bottomOpener].runStart == current.runStart {
          bottomOpener = items[bottomOpener].previousDelimiter
        }
        openersBottom[key] = bottomOpener
        let next = current.nextDelimiter
        if !current.canOpen { removeDelimiter(closer) }
        closer = next
      }
    }
    // Everything above the bottom leaves the stack.
    var index = lastDelimiter
    while index > bottom {
      let previous = items[index].previousDelimiter
      removeDelimiter(index)
      index = previous
    }
  }
}
