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
  private enum Container {
    case blockQuote
    /// A list item: content starts `indent` columns in; `hasChildren` once a block was put in.
    case listItem(indent: Int, hasChildren: Bool)
  }

  private enum Leaf {
    case paragraph(lines: [Range<Int>], breaks: [Range<Int>])
    case fencedCode(fence: UInt8, length: Int, indent: Int)
    case indentedCode
    case html(kind: Int)
    case table(columns: Int)
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var result = MarkdownBlocks()
  private var containers: [Container] = []
  private var leaf: Leaf?

  // The current line.
  private var lineStart = 0
  private var lineEnd = 0
  private var nextLineStart = 0
  private var position = 0
  private var column = 0
  private var partiallyConsumedTab = false
  private var nextNonspace = 0
  private var nextNonspaceColumn = 0
  private var indent = 0
  private var blank = false
  /// The line `nextNonspace` was found on (-1: none yet).
  private var nextNonspaceLine = -1

  private init(bytes: UnsafeBufferPointer<UInt8>) {
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

  private mutating func findNextNonspace() {
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

  private mutating func advanceNextNonspace() {
    position = nextNonspace
    column = nextNonspaceColumn
    partiallyConsumedTab = false
  }

  /// Advances `count` characters, or `count` columns when `columns` (a tab may be split).
  private mutating func advance(_ count: Int, columns: Bool) {
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

  private func byte(at index: Int) -> UInt8? { index < lineEnd ? bytes[index] : nil }

  // MARK: Lines

  private mutating func incorporate(start: Int, end: Int, next: Int) {
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

  private func leafIsParagraph(_ lastMatched: Int) -> Bool {
    if case .paragraph = leaf, lastMatched == containers.count { return true }
    return false
  }

  /// Whether an open paragraph would take this line lazily (its containers did not match).
  private func isLazyParagraph(_ matched: Int) -> Bool {
    if case .paragraph(let lines, _) = leaf, !lines.isEmpty { return true }
    return false
  }

  /// Closes unmatched containers and the open leaf before a new block is added.
  private mutating func openBlock(_ lastMatched: inout Int) {
    closeLeaf()
    if lastMatched < containers.count {
      containers.removeLast(containers.count - lastMatched)
    }
    markChild()
  }

  private mutating func markChild() {
    if let last = containers.indices.last, case .listItem(let indent, _) = containers[last] {
      containers[last] = .listItem(indent: indent, hasChildren: true)
    }
  }

  private mutating func appendParagraphLine() {
    guard case .paragraph(var lines, var breaks) = leaf else { return }
    // Release the leaf's copy so that the arrays grow in place.
    leaf = nil
    // Paragraph lines are consecutive: the break is the previous line's line ending.
    if let previous = lines.last { breaks.append(previous.upperBound..<lineStart) }
    lines.append(nextNonspace..<lineEnd)
    leaf = .paragraph(lines: lines, breaks: breaks)
  }

  private mutating func closeLeaf() {
    defer { leaf = nil }
    guard case .paragraph(let lines, let breaks) = leaf else { return }
    let remaining = resolveReferences(lines: lines, breaks: breaks)
    if !remaining.lines.isEmpty {
      result.leaves.append(
        MarkdownLeaf(kind: .paragraph, lines: remaining.lines, breaks: remaining.breaks))
    }
  }

  // MARK: Leaf starts

  private func isClosingFence(fence: UInt8, length: Int) -> Bool {
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

  private func openingFence() -> (byte: UInt8, length: Int)? {
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
  private func atxHeading() -> Range<Int>? {
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

  private func setextUnderline() -> Bool {
    let marker = bytes[nextNonspace]
    guard marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-") else { return false }
    var index = nextNonspace
    while index < lineEnd && bytes[index] == marker { index += 1 }
    while index < lineEnd && isSpaceOrTab(bytes[index]) { index += 1 }
    return index == lineEnd
  }

  private func isThematicBreak() -> Bool {
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
  private mutating func listItemStart(interrupting paragraph: Bool) -> Int? {
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

  // MARK: HTML blocks

  private static let rawTags: [[UInt8]] = ["script", "pre", "style", "textarea"].map {
    Array($0.utf8)
  }
  private static let blockTags: Set<[UInt8]> = Set(
    [
      "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
      "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
      "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
      "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
      "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
      "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

  private func lowercasedName(from start: Int) -> (name: [UInt8], end: Int) {
    var index = start
    var name: [UInt8] = []
    while index < lineEnd {
      let byte = bytes[index]
      let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
      let isDigit = byte >= 0x30 && byte <= 0x39
      guard isLetter || (!name.isEmpty && (isDigit || byte == UInt8(ascii: "-"))) else { break }
      name.append(isLetter ? byte | 0x20 : byte)
      index += 1
    }
    return (name, index)
  }

  private func hasPrefix(_ text: String, at index: Int) -> Bool {
    var at = index
    for byte in text.utf8 {
      guard at < lineEnd, bytes[at] == byte else { return false }
      at += 1
    }
    return true
  }

  /// The HTML block kind (1–7) that starts at the next non-space character, or nil.
  private func htmlBlockStart() -> Int? {
    let start = nextNonspace
    if hasPrefix("<!--", at: start) { return 2 }
    if hasPrefix("<?", at: start) { return 3 }
    if hasPrefix("<![CDATA[", at: start) { return 5 }
    if hasPrefix("<!", at: start), start + 2 < lineEnd, (bytes[start + 2] | 0x20) >= 0x61,
      (bytes[start + 2] | 0x20) <= 0x7A
    {
      return 4
    }
    let closing = start + 1 < lineEnd && bytes[start + 1] == UInt8(ascii: "/")
    let (name, end) = lowercasedName(from: start + (closing ? 2 : 1))
    guard !name.isEmpty else { return nil }
    let after = end < lineEnd ? bytes[end] : nil
    if !closing && Self.rawTags.contains(name) {
      if after == nil || after == UInt8(ascii: ">") || isSpaceOrTab(after ?? 0) { return 1 }
    }
    if Self.blockTags.contains(name) {
      if after == nil || after == UInt8(ascii: ">") || isSpaceOrTab(after ?? 0)
        || (after == UInt8(ascii: "/") && end + 1 < lineEnd && bytes[end + 1] == UInt8(ascii: ">"))
      {
        return 6
      }
    }
    // Kind 7: a whole open or closing tag alone on the line.
    guard let tagEnd = MarkdownHTML.tagEnd(bytes, from: start, end: lineEnd, openOrCloseOnly: true)
    else { return nil }
    var index = tagEnd
    while index < lineEnd && isSpaceOrTab(bytes[index]) { index += 1 }
    return index == lineEnd ? 7 : nil
  }

  /// Whether the HTML block of `kind` ends on the current line (searched from `start`).
  private func htmlBlockEnds(kind: Int, from start: Int) -> Bool {
    func contains(_ needle: String, caseInsensitive: Bool = false) -> Bool {
      let pattern = Array(needle.utf8)
      guard lineEnd - start >= pattern.count else { return false }
      var index = start
      while index + pattern.count <= lineEnd {
        var equal = true
        for k in 0..<pattern.count {
          let byte = caseInsensitive ? bytes[index + k] | 0x20 : bytes[index + k]
          if byte != pattern[k] {
            equal = false
            break
          }
        }
        if equal { return true }
        index += 1
      }
      return false
    }
    switch kind {
    case 1:
      return contains("</script>", caseInsensitive: true)
        || contains("</pre>", caseInsensitive: true)
        || contains("</style>", caseInsensitive: true)
        || contains("</textarea>", caseInsensitive: true)
    case 2: return contains("-->")
    case 3: return contains("?>")
    case 4: return contains(">")
    case 5: return contains("]]>")
    default: return false
    }
  }

  // MARK: Tables (GFM, as markdown-it reads them)

  /// The number of columns of a delimiter row on the current line, or nil.
  private func tableDelimiterColumns() -> Int? {
    let start = nextNonspace
    var end = lineEnd
    guard start < end else { return nil }
    let first = bytes[start]
    guard first == UInt8(ascii: "|") || first == UInt8(ascii: "-") || first == UInt8(ascii: ":")
    else { return nil }
    guard start + 1 < end else { return nil }
    let second = bytes[start + 1]
    if first == UInt8(ascii: "-") && isSpaceOrTab(second) { return nil }
    for index in start..<end {
      let byte = bytes[index]
      guard
        byte == UInt8(ascii: "|") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
          || isSpaceOrTab(byte)
      else { return nil }
    }
    while end > start && isSpaceOrTab(bytes[end - 1]) { end -= 1 }
    // Split on pipes; empty first and last columns are allowed.
    var columns: [Range<Int>] = []
    var cellStart = start
    for index in start...end where index == end || bytes[index] == UInt8(ascii: "|") {
      columns.append(cellStart..<index)
      cellStart = index + 1
    }
    var count = 0
    for (number, cell) in columns.enumerated() {
      var low = cell.lowerBound
      var high = cell.upperBound
      while low < high && isSpaceOrTab(bytes[low]) { low += 1 }
      while high > low && isSpaceOrTab(bytes[high - 1]) { high -= 1 }
      if low == high {
        if number == 0 || number == columns.count - 1 { continue }
        return nil
      }
      if bytes[low] == UInt8(ascii: ":") { low += 1 }
      if high > low && bytes[high - 1] == UInt8(ascii: ":") { high -= 1 }
      guard low < high else { return nil }
      for index in low..<high where bytes[index] != UInt8(ascii: "-") { return nil }
      count += 1
    }
    return count
  }

  /// The cells of a table row (trimmed ranges), or nil when a header row has no pipe.
  private func tableCells(_ line: Range<Int>, requirePipe: Bool = true) -> [Range<Int>]? {
    var low = line.lowerBound
    var high = line.upperBound
    while low < high && isSpaceOrTab(bytes[low]) { low += 1 }
    while high > low && isSpaceOrTab(bytes[high - 1]) { high -= 1 }
    if requirePipe && !bytes[low..<high].contains(UInt8(ascii: "|")) { return nil }
    var cells: [Range<Int>] = []
    var cellStart = low
    var escaped = false
    var index = low
    while index < high {
      let byte = bytes[index]
      if byte == UInt8(ascii: "|") && !escaped {
        cells.append(cellStart..<index)
        cellStart = index + 1
      }
      escaped = byte == UInt8(ascii: "\\")
      index += 1
    }
    cells.append(cellStart..<high)
    if let first = cells.first, first.isEmpty { cells.removeFirst() }
    if let last = cells.last, last.isEmpty { cells.removeLast() }
    return cells.map { cell in
      var start = cell.lowerBound
      var end = cell.upperBound
      while start < end && isSpaceOrTab(bytes[start]) { start += 1 }
      while end > start && isSpaceOrTab(bytes[end - 1]) { end -= 1 }
      return start..<end
    }
  }

  private mutating func appendRow(_ cells: [Range<Int>], columns: Int) {
    for cell in cells.prefix(columns) where !cell.isEmpty {
      result.leaves.append(MarkdownLeaf(kind: .tableCell, lines: [cell], breaks: []))
    }
  }

  // MARK: Link reference definitions

  /// Takes the link reference definitions off the start of a paragraph and returns the
  /// lines that are left.
  private mutating func resolveReferences(lines: [Range<Int>], breaks: [Range<Int>]) -> (
    lines: [Range<Int>], breaks: [Range<Int>]
  ) {
    let (labels, consumedLines) = references(lines: lines, breaks: breaks)
    result.references.formUnion(labels)
    guard consumedLines > 0 else { return (lines, breaks) }
    return (Array(lines.dropFirst(consumedLines)), Array(breaks.dropFirst(consumedLines)))
  }

  /// The labels of the link reference definitions at the start of a paragraph, and the
  /// number of lines they take.
  private func references(lines: [Range<Int>], breaks: [Range<Int>]) -> (
    labels: [String], lines: Int
  ) {
    guard let first = lines.first, bytes[first.lowerBound] == UInt8(ascii: "[") else {
      return ([], 0)
    }
    let content = MarkdownContent(bytes: bytes, lines: lines, breaks: breaks)
    var labels: [String] = []
    var consumedLines = 0
    var at = 0
    while at < content.count, content[at] == UInt8(ascii: "[") {
      guard let (label, end) = MarkdownInlineParser.referenceDefinition(in: content, at: at) else {
        break
      }
      labels.append(label)
      // `end` is at a line break or the end: count the lines taken.
      consumedLines = content.breaks(before: end) + 1
      at = end + 1
    }
    return (labels, consumedLines)
  }

  /// Closes an open paragraph made only of link reference definitions, as markdown-it reads
  /// them (a block of their own): the next line is then not a paragraph continuation, and
  /// may start a list that could not interrupt a paragraph. Not when the line could be a
  /// definition's title; only for paragraphs of a few lines, so that this stays linear.
  private mutating func closeDefinitionsOnlyParagraph() {
    guard case .paragraph(let lines, let breaks) = leaf, lines.count <= 8, !blank,
      let first = lines.first, bytes[first.lowerBound] == UInt8(ascii: "[")
    else { return }
    let next = bytes[nextNonspace]
    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") || next == UInt8(ascii: "(") {
      return
    }
    let (labels, consumed) = references(lines: lines, breaks: breaks)
    guard consumed == lines.count else { return }
    result.references.formUnion(labels)
    leaf = nil
  }
}

/// A leaf's content lines joined by "\n", and where each byte is in the original.
struct MarkdownContent {
  private(set) var text: [UInt8] = []
  /// Where each line starts in `text` and in the original bytes.
  private var lineTextStarts: [Int] = []
  private var lineOriginalStarts: [Int] = []
  /// Where each joining "\n" is in `text`, in order, and its line break's original range.
  private(set) var breakPositions: [Int] = []
  private(set) var breakRanges: [Range<Int>] = []

  init(bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], breaks: [Range<Int>]) {
    var total = 0
    for line in lines { total += line.count + 1 }
    text.reserveCapacity(total)
    for (number, line) in lines.enumerated() {
      if number > 0 {
        let lineBreak =
          number - 1 < breaks.count ? breaks[number - 1] : line.lowerBound..<line.lowerBound
        breakPositions.append(text.count)
        breakRanges.append(lineBreak)
        text.append(0x0A)
      }
      lineTextStarts.append(text.count)
      lineOriginalStarts.append(line.lowerBound)
      text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
    }
  }

  var count: Int { text.count }

  subscript(index: Int) -> UInt8 { text[index] }

  /// The original offset of byte `index` of `text`; for a joining "\n", its line break's start.
  func origin(_ index: Int) -> Int {
    if let lineBreak = breakRange(at: index) { return lineBreak.lowerBound }
    var low = 0
    var high = lineTextStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineTextStarts[mid] <= index { low = mid } else { high = mid - 1 }
    }
    guard !lineTextStarts.isEmpty else { return index }
    return lineOriginalStarts[low] + (index - lineTextStarts[low])
  }

  /// The number of joining line breaks before `index`.
  func breaks(before index: Int) -> Int {
    var low = 0
    var high = breakPositions.count
    while low < high {
      let mid = (low + high) / 2
      if breakPositions[mid] < index { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The original range of the line break joined at `index`, if one is there.
  func breakRange(at index: Int) -> Range<Int>? {
    let found = breaks(before: index)
    guard found < breakPositions.count, breakPositions[found] == index else { return nil }
    return breakRanges[found]
  }
}
