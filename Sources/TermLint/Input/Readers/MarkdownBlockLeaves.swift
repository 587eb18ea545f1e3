// Markdown block structure, continued: the leaf blocks with rules of their own — HTML
// blocks (CommonMark's seven kinds), GFM tables as markdown-it reads them, and link
// reference definitions taken off the start of paragraphs.

private let tab: UInt8 = 0x09
private let space: UInt8 = 0x20

@inline(__always) private func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

extension MarkdownBlockParser {
  // MARK: HTML blocks

  static let rawTags: [[UInt8]] = ["script", "pre", "style", "textarea"].map {
    Array($0.utf8)
  }
  static let blockTags: Set<[UInt8]> = Set(
    [
      "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
      "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
      "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
      "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
      "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
      "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

  func lowercasedName(from start: Int) -> (name: [UInt8], end: Int) {
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

  func hasPrefix(_ text: String, at index: Int) -> Bool {
    var at = index
    for byte in text.utf8 {
      guard at < lineEnd, bytes[at] == byte else { return false }
      at += 1
    }
    return true
  }

  /// The HTML block kind (1–7) that starts at the next non-space character, or nil.
  func htmlBlockStart() -> Int? {
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
  func htmlBlockEnds(kind: Int, from start: Int) -> Bool {
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
  func tableDelimiterColumns() -> Int? {
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
  func tableCells(_ line: Range<Int>, requirePipe: Bool = true) -> [Range<Int>]? {
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

  mutating func appendRow(_ cells: [Range<Int>], columns: Int) {
    for cell in cells.prefix(columns) where !cell.isEmpty {
      result.leaves.append(MarkdownLeaf(kind: .tableCell, lines: [cell], breaks: []))
    }
  }

  // MARK: Link reference definitions

  /// Takes the link reference definitions off the start of a paragraph and returns the
  /// lines that are left.
  mutating func resolveReferences(lines: [Range<Int>], breaks: [Range<Int>]) -> (
    lines: [Range<Int>], breaks: [Range<Int>]
  ) {
    let (labels, consumedLines) = references(lines: lines, breaks: breaks)
    result.references.formUnion(labels)
    guard consumedLines > 0 else { return (lines, breaks) }
    return (Array(lines.dropFirst(consumedLines)), Array(breaks.dropFirst(consumedLines)))
  }

  /// The labels of the link reference definitions at the start of a paragraph, and the
  /// number of lines they take.
  func references(lines: [Range<Int>], breaks: [Range<Int>]) -> (
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
  mutating func closeDefinitionsOnlyParagraph() {
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
