// Markdown block structure: which lines of a document are prose, and in which leaf block.
//
// A line-by-line CommonMark container parser (block quotes, list items) with the leaf blocks
// that hold text (paragraphs, ATX and setext headings, GFM table cells) and the ones that do
// not (fenced and indented code, HTML blocks, thematic breaks, link reference definitions,
// front matter). It records where each leaf's lines lie in the original bytes; the inline
// pass (MarkdownInline.swift) then masks each leaf's markup.

/// One prose leaf block: its content lines as original byte ranges.
struct MarkdownLeaf {
  enum Kind { case paragraph, heading, tableCell }
  var kind: Kind
  /// Each line's content (leading indentation and container markers removed).
  var lines: [Range<Int>]
  /// The line ending after each line but the last (LF, CRLF or CR).
  var breaks: [Range<Int>]
}

/// The leaf blocks and link reference labels of a Markdown document.
struct MarkdownBlocks {
  var leaves: [MarkdownLeaf] = []
  /// Normalized labels of the link reference definitions.
  var references: Set<String> = []
}

private let tab: UInt8 = 0x09
private let space: UInt8 = 0x20

@inline(__always) private func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

/// Parses the block structure of `bytes[start...]`.
struct MarkdownBlockParser {
  enum Container {
    case blockQuote
    /// A list item: content starts `indent` columns in; `hasChildren` once a block was put in.
    case listItem(indent: Int, hasChildren: Bool)
  }

  enum Leaf {
    case paragraph(lines: [Range<Int>], breaks: [Range<Int>])
    case fencedCode(fence: UInt8, length: Int, indent: Int)
    case indentedCode
    case html(kind: Int)
    case table(columns: Int)
  }

  let bytes: UnsafeBufferPointer<UInt8>
  var result = MarkdownBlocks()
  var containers: [Container] = []
  var leaf: Leaf?

  // The current line.
  var lineStart = 0
  var lineEnd = 0
  var nextLineStart = 0
  var position = 0
  var column = 0
  var partiallyConsumedTab = false
  var nextNonspace = 0
  var nextNonspaceColumn = 0
  var indent = 0
  var blank = false
  /// The line `nextNonspace` was found on (-1: none yet).
  var nextNonspaceLine = -1

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> MarkdownBlocks {
    var parser = MarkdownBlockParser(bytes: bytes)
    var lineStart = start
    while lineStart < bytes.count {
      var end = lineStart
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      var next = end
      if next < bytes.count {
        next += bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A ? 2 : 1
      }
      parser.incorporate(start: lineStart, end: end, next: next)
      lineStart = next
    }
    parser.closeLeaf()
    return parser.result
  }

  // MARK: Line positions

  mutating func findNextNonspace() {
    // Still in the blanks before the non-space found last: it is the same one (columns are
    // counted from the line start, so tab stops agree). Deep nesting stays linear per line.
    if nextNonspaceLine == lineStart && position <= nextNonspace {
      indent = nextNonspaceColumn - column
      return
    }
    nextNonspaceLine = lineStart
    var index = position
    var columns = column
    while index < lineEnd {
      let byte = bytes[index]
      if byte == space {
        index += 1
        columns += 1
      } else if byte == tab {
        index += 1
        columns += 4 - (columns % 4)
      } else {
        break
      }
    }
    blank = index == lineEnd
    nextNonspace = index
    nextNonspaceColumn = columns
    indent = columns - column
  }

  mutating func advanceNextNonspace() {
    position = nextNonspace
    column = nextNonspaceColumn
    partiallyConsumedTab = false
  }

  /// Advances `count` characters, or `count` columns when `columns` (a tab may be split).
  mutating func advance(_ count: Int, columns: Bool) {
    var count = count
    while count > 0 && position < lineEnd {
      if bytes[position] == tab {
        let toTab = 4 - (column % 4)
        if columns {
          partiallyConsumedTab = toTab > count
          let step = min(count, toTab)
          column += step
          if !partiallyConsumedTab { position += 1 }
          count -= step
        } else {
          partiallyConsumedTab = false
          column += toTab
          position += 1
          count -= 1
        }
      } else {
        partiallyConsumedTab = false
        position += 1
        column += 1
        count -= 1
      }
    }
  }

  func byte(at index: Int) -> UInt8? { index < lineEnd ? bytes[index] : nil }

  // MARK: Lines

  mutating func incorporate(start: Int, end: Int, next: Int) {
    lineStart = start
    lineEnd = end
    nextLineStart = next
    position = start
    column = 0
    partiallyConsumedTab = false
    nextNonspaceLine = -1

    // Which open containers this line continues.
    var matched = 0
    while matched < containers.count {
      findNextNonspace()
      var continues = false
      switch containers[matched] {
      case .blockQuote:
        if indent <= 3 && byte(at: nextNonspace) == UInt8(ascii: ">") {
          advanceNextNonspace()
          advance(1, columns: false)
          if let next = byte(at: position), isSpaceOrTab(next) { advance(1, columns: true) }
          continues = true
        }
      case .listItem(let itemIndent, let hasChildren):
        if blank {
          // An item can start with at most one blank line.
          if hasChildren || leaf != nil {
            advanceNextNonspace()
            continues = true
          }
        } else if indent >= itemIndent {
          advance(itemIndent, columns: true)
          continues = true
        }
      }
      if !continues { break }
      matched += 1
    }
    let allMatched = matched == containers.count

    // Whether the open leaf takes this line.
    var leafMatched = false
    if allMatched, let open = leaf {
      findNextNonspace()
      switch open {
      case .fencedCode(let fence, let length, let fenceIndent):
        if indent <= 3 && isClosingFence(fence: fence, length: length) {
          leaf = nil
          return
        }
        var skip = fenceIndent
        while skip > 0, let next = byte(at: position), isSpaceOrTab(next) {
          advance(1, columns: true)
          skip -= 1
        }
        leafMatched = true
      case .indentedCode:
        leafMatched = indent >= 4 || blank
      case .html(let kind):
        leafMatched = !(blank && kind >= 6)
      case .paragraph:
        leafMatched = !blank
      case .table:
        leafMatched = !blank
      }
      if !leafMatched { closeLeaf() }
    }

    if leafMatched, let open = leaf {
      switch open {
      case .fencedCode, .indentedCode:
        return
      case .html(let kind):
        if htmlBlockEnds(kind: kind, from: lineStart) { leaf = nil }
        return
      case .paragraph, .table:
        break
      }
    }

    findNextNonspace()
    closeDefinitionsOnlyParagraph()

    // New blocks that start on this line.
    var lastMatched = matched
    var startedContainer = false
    while true {
      findNextNonspace()
      let first = byte(at: nextNonspace)
      if indent >= 4 {
        // A paragraph (also a lazy one) takes an indented line as text.
        if case .paragraph = leaf { break }
        if blank { break }
        // Indented code.
        openBlock(&lastMatched)
        advance(4, columns: true)
        leaf = .indentedCode
        return
      }
      guard let first else { break }
      if first == UInt8(ascii: ">") {
        openBlock(&lastMatched)
        advanceNextNonspace()
        advance(1, columns: false)
        if let next = byte(at: position), isSpaceOrTab(next) { advance(1, columns: true) }
        containers.append(.blockQuote)
        lastMatched = containers.count
        startedContainer = true
        continue
      }
      if first == UInt8(ascii: "#"), let content = atxHeading() {
        openBlock(&lastMatched)
        if !content.isEmpty {
          result.leaves.append(MarkdownLeaf(kind: .heading, lines: [content], breaks: []))
        }
        return
      }
      if first == UInt8(ascii: "`") || first == UInt8(ascii: "~"), let fence = openingFence() {
        openBlock(&lastMatched)
        leaf = .fencedCode(fence: fence.byte, length: fence.length, indent: indent)
        return
      }
      if first == UInt8(ascii: "<"), let kind = htmlBlockStart() {
        // Kind 7 interrupts neither a paragraph nor a table.
        var interrupts = false
        switch leaf {
        case .paragraph, .table: interrupts = true
        default: break
        }
        if kind != 7 || !interrupts {
          openBlock(&lastMatched)
          leaf = htmlBlockEnds(kind: kind, from: nextNonspace) ? nil : .html(kind: kind)
          return
        }
      }
      if case .paragraph(let lines, let breaks) = leaf, lastMatched == containers.count,
        !startedContainer
      {
        if let columns = tableDelimiterColumns(), let header = lines.last,
          let cells = tableCells(header), cells.count == columns
        {
          // The paragraph's last line is the header row of a table.
          let rest = Array(lines.dropLast())
          leaf = .paragraph(lines: rest, breaks: Array(breaks.dropLast()))
          if rest.isEmpty { leaf = nil } else { closeLeaf() }
          appendRow(cells, columns: columns)
          leaf = .table(columns: columns)
          return
        }
        if setextUnderline() {
          let remaining = resolveReferences(lines: lines, breaks: breaks)
          if !remaining.lines.isEmpty {
            result.leaves.append(
              MarkdownLeaf(kind: .heading, lines: remaining.lines, breaks: remaining.breaks))
            leaf = nil
            return
          }
          leaf = nil
        }
      }
      if isThematicBreak() {
        openBlock(&lastMatched)
        return
      }
      if let item = listItemStart(interrupting: leafIsParagraph(lastMatched)) {
        openBlock(&lastMatched)
        containers.append(.listItem(indent: item, hasChildren: false))
        lastMatched = containers.count
        startedContainer = true
        continue
      }
      break
    }

    // The rest of the line: a lazy paragraph line, a table row or a new paragraph.
    if !startedContainer, lastMatched < containers.count, !blank, isLazyParagraph(lastMatched) {
      appendParagraphLine()
      return
    }
    if lastMatched < containers.count {
      closeLeaf()
      containers.removeLast(containers.count - lastMatched)
    }
    if blank {
      if case .paragraph = leaf { closeLeaf() }
      return
    }
    if case .table(let columns) = leaf {
      if let cells = tableCells(nextNonspace..<lineEnd, requirePipe: false) {
        appendRow(cells, columns: columns)
      }
      return
    }
    advanceNextNonspace()
    if case .paragraph = leaf {
      appendParagraphLine()
    } else {
      markChild()
      leaf = .paragraph(lines: [], breaks: [])
      appendParagraphLine()
    }
  }

  func leafIsParagraph(_ lastMatched: Int) -> Bool {
    if case .paragraph = leaf, lastMatched == containers.count { return true }
    return false
  }

  /// Whether an open paragraph would take this line lazily (its containers did not match).
  func isLazyParagraph(_ matched: Int) -> Bool {
    if case .paragraph(let lines, _) = leaf, !lines.isEmpty { return true }
    return false
  }

  /// Closes unmatched containers and the open leaf before a new block is added.
  mutating func openBlock(_ lastMatched: inout Int) {
    closeLeaf()
    if lastMatched < containers.count {
      containers.removeLast(containers.count - lastMatched)
    }
    markChild()
  }

  mutating func markChild() {
    if let last = containers.indices.last, case .listItem(let indent, _) = containers[last] {
      containers[last] = .listItem(indent: indent, hasChildren: true)
    }
  }

  mutating func appendParagraphLine() {
    guard case .paragraph(var lines, var breaks) = leaf else { return }
    // Release the leaf's copy so that the arrays grow in place.
    leaf = nil
    // Paragraph lines are consecutive: the break is the previous line's line ending.
    if let previous = lines.last { breaks.append(previous.upperBound..<lineStart) }
    lines.append(nextNonspace..<lineEnd)
    leaf = .paragraph(lines: lines, breaks: breaks)
  }

  mutating func closeLeaf() {
    defer { leaf = nil }
    guard case .paragraph(let lines, let breaks) = leaf else { return }
    let remaining = resolveReferences(lines: lines, breaks: breaks)
    if !remaining.lines.isEmpty {
      result.leaves.append(
        MarkdownLeaf(kind: .paragraph, lines: remaining.lines, breaks: remaining.breaks))
    }
  }
}
