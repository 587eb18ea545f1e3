// Markdown inline masking: which bytes of a leaf block's content are text.
//
// The content is tokenized into items (text, decoded escapes and entities, emphasis
// delimiter runs, brackets, skipped code spans, autolinks, bare URLs and HTML tags), links
// are resolved at each `]` and emphasis with CommonMark's delimiter algorithm; matched
// delimiters, brackets, link destinations and tags are then left out and the rest is written
// to the extraction, mapped to the original bytes.

private let backslash: UInt8 = 0x5C

/// Byte constants for the tokenizer's hot loop (UInt8(ascii:) is a call in debug builds).
private enum ASCII {
  static let backtick: UInt8 = 0x60
  static let lessThan: UInt8 = 0x3C
  static let ampersand: UInt8 = 0x26
  static let asterisk: UInt8 = 0x2A
  static let underscore: UInt8 = 0x5F
  static let tilde: UInt8 = 0x7E
  static let openBracket: UInt8 = 0x5B
  static let exclamation: UInt8 = 0x21
  static let closeBracket: UInt8 = 0x5D
  static let lowerH: UInt8 = 0x68
  static let lowerW: UInt8 = 0x77
  static let upperH: UInt8 = 0x48
  static let upperW: UInt8 = 0x57
}
private let newline: UInt8 = 0x0A

/// Masks one leaf block's inline markup and writes its text into an extraction.
struct MarkdownInlineParser {
  struct Item {
    enum Kind { case text, decoded, separator, lineBreak, delimiter, bracket, removed }
    var kind: Kind
    /// The item's bytes in the content.
    var range: Range<Int>
    var decoded: [UInt8] = []
    // Delimiter runs.
    var marker: UInt8 = 0
    /// Where the delimiter run starts (several tilde pairs share one run).
    var runStart = 0
    var canOpen = false
    var canClose = false
    var usedLeft = 0
    var usedRight = 0
    var previousDelimiter = -1
    var nextDelimiter = -1
    var inStack = false

    var remaining: Int { range.count - usedLeft - usedRight }
  }

  private struct Bracket {
    var item: Int
    var image: Bool
  }

  private let content: MarkdownContent
  private let references: Set<String>
  var items: [Item] = []
  private var brackets: [Bracket] = []
  var lastDelimiter = -1
  /// Backtick run lengths with no closing run after the position searched.
  private var unclosedCodeLengths: Set<Int> = []
  /// Positions after which a comment, CDATA section, declaration or processing instruction
  /// has no end.
  private var noTagEndAfter = [Int](repeating: Int.max, count: 4)
  /// Non-image brackets below this index in `brackets` are inactive (a link was formed after
  /// them: no link inside a link).
  private var inactiveBelow = 0

  private init(content: MarkdownContent, references: Set<String>) {
    self.content = content
    self.references = references
  }

  /// Writes the text of `leaf` into `builder` as one segment.
  static func emit(
    _ leaf: MarkdownLeaf, original: UnsafeBufferPointer<UInt8>, references: Set<String>,
    into builder: inout ExtractionBuilder
  ) {
    let content = MarkdownContent(bytes: original, lines: leaf.lines, breaks: leaf.breaks)
    var parser = MarkdownInlineParser(content: content, references: references)
    content.text.withUnsafeBufferPointer { text in parser.tokenize(text) }
    parser.write(original: original, into: &builder)
    guard let first = leaf.lines.first, let last = leaf.lines.last else { return }
    var end = last.upperBound
    while end > last.lowerBound && (original[end - 1] == 0x20 || original[end - 1] == 0x09) {
      end -= 1
    }
    builder.closeSegment(
      originalRange: TextRange(start: first.lowerBound, end: max(first.lowerBound, end)))
  }

  // MARK: Tokenizing

  private mutating func tokenize(_ text: UnsafeBufferPointer<UInt8>) {
    let end = text.count
    var index = 0
    var textStart = 0
    func flush(_ upTo: Int) {
      if upTo > textStart { items.append(Item(kind: .text, range: textStart..<upTo)) }
    }
    while index < end {
      let byte = text[index]
      switch byte {
      case backslash:
        if index + 1 < end && MarkdownBytes.isASCIIPunctuation(text[index + 1]) {
          flush(index)
          items.append(Item(kind: .decoded, range: index..<index + 2, decoded: [text[index + 1]]))
          index += 2
        } else if index + 1 < end && text[index + 1] == newline {
          // A hard line break: the backslash is markup.
          flush(index)
          items.append(Item(kind: .lineBreak, range: index + 1..<index + 2))
          index += 2
        } else {
          index += 1
          continue
        }
      case newline:
        flush(index)
        trimTrailingBlanks()
        items.append(Item(kind: .lineBreak, range: index..<index + 1))
        index += 1
      case ASCII.backtick:
        var runEnd = index
        while runEnd < end && text[runEnd] == byte { runEnd += 1 }
        if let close = codeSpanEnd(text, length: runEnd - index, from: runEnd) {
          flush(index)
          items.append(Item(kind: .separator, range: index..<close))
          index = close
        } else {
          index = runEnd
          continue
        }
      case ASCII.lessThan:
        if let close = Self.autolinkEnd(text, from: index) {
          flush(index)
          items.append(Item(kind: .separator, range: index..<close))
          index = close
        } else if let close = tagEnd(text, from: index) {
          flush(index)
          items.append(Item(kind: .removed, range: index..<close))
          index = close
        } else {
          index += 1
          continue
        }
      case ASCII.ampersand:
        if let (decoded, close) = HTMLEntities.decode(text, at: index, end: end) {
          flush(index)
          items.append(Item(kind: .decoded, range: index..<close, decoded: decoded))
          index = close
        } else {
          index += 1
          continue
        }
      case ASCII.asterisk, ASCII.underscore, ASCII.tilde:
        var runEnd = index
        while runEnd < end && text[runEnd] == byte { runEnd += 1 }
        if byte == ASCII.tilde {
          // Strikethrough as markdown-it reads it: pairs of tildes, an odd one is text.
          let length = runEnd - index
          if length < 2 {
            index = runEnd
            continue
          }
          let pairsStart = index + length % 2
          flush(pairsStart)
          var pair = pairsStart
          while pair < runEnd {
            pushDelimiter(text, marker: byte, range: pair..<pair + 2, run: index..<runEnd)
            pair += 2
          }
          index = runEnd
          textStart = index
          continue
        }
        flush(index)
        pushDelimiter(text, marker: byte, range: index..<runEnd, run: index..<runEnd)
        index = runEnd
      case ASCII.openBracket:
        flush(index)
        brackets.append(Bracket(item: items.count, image: false))
        items.append(Item(kind: .bracket, range: index..<index + 1))
        index += 1
      case ASCII.exclamation where index + 1 < end && text[index + 1] == ASCII.openBracket:
        flush(index)
        brackets.append(Bracket(item: items.count, image: true))
        items.append(Item(kind: .bracket, range: index..<index + 2))
        index += 2
      case ASCII.closeBracket:
        flush(index)
        index = closeBracket(text, at: index)
      case ASCII.lowerH, ASCII.lowerW, ASCII.upperH, ASCII.upperW:
        if let close = Self.bareURLEnd(text, from: index) {
          flush(index)
          items.append(Item(kind: .separator, range: index..<close))
          index = close
        } else {
          index += 1
          continue
        }
      default:
        index += 1
        continue
      }
      textStart = index
    }
    flush(end)
    trimTrailingBlanks()
    processEmphasis(above: -1)
  }

  /// Drops spaces and tabs at the end of the last text item (before a line break, at the end).
  private mutating func trimTrailingBlanks() {
    guard let last = items.indices.last, items[last].kind == .text else { return }
    var upper = items[last].range.upperBound
    let lower = items[last].range.lowerBound
    while upper > lower && (content[upper - 1] == 0x20 || content[upper - 1] == 0x09) { upper -= 1 }
    items[last].range = lower..<upper
    if lower == upper { items[last].kind = .removed }
  }

  private mutating func codeSpanEnd(_ text: UnsafeBufferPointer<UInt8>, length: Int, from: Int)
    -> Int?
  {
    if unclosedCodeLengths.contains(length) { return nil }
    var index = from
    while index < text.count {
      if text[index] == UInt8(ascii: "`") {
        var runEnd = index
        while runEnd < text.count && text[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
        if runEnd - index == length { return runEnd }
        index = runEnd
      } else {
        index += 1
      }
    }
    // No later position has a closer of this length either.
    unclosedCodeLengths.insert(length)
    return nil
  }

  private mutating func tagEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    // Comments, CDATA, declarations and processing instructions end at the first closer
    // after them: once none is found, none is found from a later start either.
    var kind: Int?
    if MarkdownHTML.has("<!--", in: text, at: start, end: text.count) {
      kind = 0
    } else if MarkdownHTML.has("<![CDATA[", in: text, at: start, end: text.count) {
      kind = 1
    } else if MarkdownHTML.has("<!", in: text, at: start, end: text.count) {
      kind = 2
    } else if MarkdownHTML.has("<?", in: text, at: start, end: text.count) {
      kind = 3
    }
    if let kind, start >= noTagEndAfter[kind] { return nil }
    let end = MarkdownHTML.tagEnd(text, from: start, end: text.count, openOrCloseOnly: false)
    if end == nil, let kind { noTagEndAfter[kind] = min(noTagEndAfter[kind], start) }
    return end
  }

  // MARK: Links

  /// Handles the `]` at `index`; returns where tokenizing goes on.
  private mutating func closeBracket(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    guard let bracket = brackets.last else {
      items.append(Item(kind: .text, range: index..<index + 1))
      return index + 1
    }
    brackets.removeLast()
    let active = bracket.image || brackets.count >= inactiveBelow
    inactiveBelow = min(inactiveBelow, brackets.count)
    guard active else {
      items[bracket.item].kind = .text
      items.append(Item(kind: .text, range: index..<index + 1))
      return index + 1
    }
    let labelStart = items[bracket.item].range.upperBound
    var linkEnd: Int? = inlineLinkEnd(text, from: index + 1)
    if linkEnd == nil {
      if index + 1 < text.count && text[index + 1] == UInt8(ascii: "["),
        let (label, close) = linkLabel(text, from: index + 1)
      {
        // Full reference, or collapsed `[]`.
        if !label.isEmpty {
          if references.contains(label) { linkEnd = close }
        } else if index - labelStart <= 999,
          references.contains(normalizedLabel(text, labelStart..<index))
        {
          linkEnd = close
        }
      } else if index - labelStart <= 999,
        references.contains(normalizedLabel(text, labelStart..<index))
      {
        linkEnd = index + 1
      }
    }
    guard let end = linkEnd else {
      items[bracket.item].kind = .text
      items.append(Item(kind: .text, range: index..<index + 1))
      return index + 1
    }
    processEmphasis(above: bracket.item)
    items[bracket.item].kind = .removed
    items.append(Item(kind: .removed, range: index..<end))
    if !bracket.image {
      // No link inside a link.
      inactiveBelow = brackets.count
    }
    return end
  }

  private func normalizedLabel(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    MarkdownInlineParser.normalize(
      String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self))
  }

  /// A link label `[...]` at `start`: its normalized text and the end after `]`.
  private func linkLabel(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
    MarkdownInlineParser.label(text, from: start)
  }

  /// An inline link's `(destination "title")` at `start`: the end after `)`, or nil.
  private func inlineLinkEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard start < text.count, text[start] == UInt8(ascii: "(") else { return nil }
    var index = start + 1
    MarkdownInlineParser.skipBlanks(text, &index)
    if index < text.count && text[index] == UInt8(ascii: ")") { return index + 1 }
    if let destination = MarkdownInlineParser.destinationEnd(text, from: index) {
      index = destination
    }
    let beforeBlanks = index
    MarkdownInlineParser.skipBlanks(text, &index)
    if index > beforeBlanks, let title = MarkdownInlineParser.titleEnd(text, from: index) {
      index = title
      MarkdownInlineParser.skipBlanks(text, &index)
    }
    guard index < text.count, text[index] == UInt8(ascii: ")") else { return nil }
    return index + 1
  }

  // MARK: Writing

  private func write(original: UnsafeBufferPointer<UInt8>, into builder: inout ExtractionBuilder) {
    var pendingBreak: Int?
    var pendingSpace: Int?
    func flush(_ builder: inout ExtractionBuilder, before next: UInt8? = nil) {
      defer {
        pendingBreak = nil
        pendingSpace = nil
      }
      guard !builder.segmentIsEmpty else { return }
      if let lineBreak = pendingBreak, let range = content.breakRange(at: lineBreak) {
        if range.count == 1 && original[range.lowerBound] == newline {
          builder.copy(original, range)
        } else {
          builder.decoded([newline], from: range)
        }
      } else if let lineBreak = pendingBreak {
        builder.synthetic("\n", at: content.origin(lineBreak))
      } else if let space = pendingSpace, let last = builder.bytes.last,
        !MarkdownBytes.isBlank(last),
        !(next.map(MarkdownBytes.isBlank) ?? false)
      {
        // A skipped code span or URL separates words, once.
        builder.synthetic(" ", at: space)
      }
    }
    let text = content.text
    func copy(_ range: Range<Int>, _ builder: inout ExtractionBuilder) {
      guard !range.isEmpty else { return }
      flush(&builder, before: text[range.lowerBound])
      // Text items never contain a joining line break: within a line the content is the
      // original bytes one for one.
      let from = content.origin(range.lowerBound)
      builder.copy(original, from..<from + range.count)
    }
    for item in items {
      switch item.kind {
      case .text, .bracket:
        copy(item.range, &builder)
      case .delimiter:
        copy(
          item.range.lowerBound + item.usedLeft..<item.range.upperBound - item.usedRight, &builder)
      case .decoded:
        flush(&builder)
        let from = content.origin(item.range.lowerBound)
        let to = content.origin(item.range.upperBound - 1) + 1
        builder.decoded(item.decoded, from: from..<max(from, to))
      case .separator:
        if pendingBreak == nil { pendingSpace = content.origin(item.range.lowerBound) }
      case .lineBreak:
        pendingBreak = item.range.lowerBound
      case .removed:
        break
      }
    }
  }
}
