// Input stage: HTML (.html, .htm, .xhtml) through libxml2's forgiving HTML parser.
//
// Text is grouped into one segment per block (p, li, h1–h6, td, th, div text runs…);
// inline elements (em, strong, a, span) do not break it. The values of `alt`, `title`,
// `placeholder` and `aria-label` are segments of their own. Code and scripts (script,
// style, code, pre, kbd, samp, var, template), comments and `translate="no"` subtrees are
// not text.

/// Reads HTML and XHTML.
public enum HTMLReader: FormatReader {
  public static var format: FileFormat { .html }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    var reader = HTMLExtraction(file: file)
    try MarkupParser.parse(file, as: .html) { (event) throws(FormatError) in
      reader.handle(event)
    }
    reader.closeBlock()
    return reader.builder.finish(escaping: .html)
  }

  /// Elements that start and end a block of text.
  static let blocks: Set<String> = [
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li",
    "main", "menu", "nav", "noscript", "ol", "optgroup", "option", "p", "section", "select",
    "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
    "button", "iframe", "object", "video", "audio", "canvas", "svg", "math",
  ]
  /// Elements whose content is not prose.
  static let skipped: Set<String> = [
    "script", "style", "code", "pre", "kbd", "samp", "var", "template",
  ]
  /// Attributes whose values are prose.
  static let proseAttributes = ["alt", "title", "placeholder", "aria-label"]
}

private struct HTMLExtraction {
  struct Frame {
    var name: String
    var skip: Bool
    var language: String?
  }

  let file: SourceFile
  var builder: ExtractionBuilder
  var stack: [Frame] = []
  var blockLanguage: String?
  var blockHasText = false
  /// Attribute values met inside the current block, added after it.
  var pendingAttributes: [(pieces: TextPieces, range: Range<Int>, language: String?)] = []

  init(file: SourceFile) {
    self.file = file
    self.builder = ExtractionBuilder(capacity: file.bytes.count / 2)
  }

  mutating func handle(_ event: borrowing MarkupEvent) {
    switch event.kind {
    case .start:
      let parent = stack.last
      let name = event.name.lowercased()
      let skip =
        (parent?.skip ?? false) || HTMLReader.skipped.contains(name)
        || event.attribute("translate")?.lowercased() == "no"
      let language =
        event.attribute("lang").flatMap { $0.isEmpty ? nil : $0 }
        ?? event.attribute("xml:lang") ?? parent?.language
      stack.append(Frame(name: name, skip: skip, language: language))
      if HTMLReader.blocks.contains(name) {
        closeBlock()
      } else if name == "br", blockHasText {
        builder.synthetic("\n", at: event.range.lowerBound)
      }
      if !skip && !event.attributes.isEmpty { collectAttributes(event, language: language) }
      if blockHasText == false { flushAttributes() }
    case .end:
      let name = event.name.lowercased()
      if let index = stack.lastIndex(where: { $0.name == name }) {
        stack.removeSubrange(index...)
      }
      if HTMLReader.blocks.contains(name) { closeBlock() }
    case .text:
      if stack.last?.skip ?? false { return }
      var pieces = TextPieces()
      pieces.append(decoded: event.text, from: event.contentRange, in: file.bytes)
      if !blockHasText {
        if pieces.isBlank(in: file.bytes) { return }
        blockHasText = true
        blockLanguage = stack.last?.language
      }
      pieces.write(into: &builder, original: file.bytes)
    case .cdata, .comment, .instruction:
      // Script and style content, comments: not prose.
      break
    }
  }

  mutating func closeBlock() {
    if blockHasText {
      builder.closeSegment(language: blockLanguage)
      blockHasText = false
    }
    flushAttributes()
  }

  private mutating func flushAttributes() {
    for attribute in pendingAttributes {
      attribute.pieces.write(into: &builder, original: file.bytes)
      builder.closeSegment(
        language: attribute.language,
        originalRange: TextRange(start: attribute.range.lowerBound, end: attribute.range.upperBound)
      )
    }
    pendingAttributes = []
  }

  private mutating func collectAttributes(_ event: borrowing MarkupEvent, language: String?) {
    var ranges: [String: Range<Int>]?
    for name in HTMLReader.proseAttributes {
      guard let value = event.attribute(name), !value.allSatisfy(\.isWhitespace) else { continue }
      if ranges == nil {
        ranges = MarkupParser.attributeValueRanges(in: file.bytes, tag: event.range)
      }
      // The value's own bytes when the tag reads back, else the whole tag.
      let range = ranges?[name] ?? event.range
      var pieces = TextPieces()
      Array(value.utf8).withUnsafeBufferPointer { buffer in
        pieces.append(decoded: buffer, from: range, in: file.bytes)
      }
      pendingAttributes.append((pieces, range, language))
    }
  }
}
