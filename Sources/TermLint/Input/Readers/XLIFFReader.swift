// Input stage: XLIFF 1.2 and 2.0 (.xlf, .xliff, .sdlxliff, .mxliff) through libxml2.
//
// One segment per target: 1.2 `trans-unit`, 2.0 `segment` (its unit's id, with `#` and the
// segment id when a unit has several). The source goes with it; notes, attributes,
// `alt-trans`, `context-group`, `seg-source` and the content of codes are not text.

/// Reads XLIFF 1.2 and 2.0.
public enum XLIFFReader: FormatReader {
  public static var format: FileFormat { .xliff }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    var reader = XLIFFExtraction(file: file)
    try MarkupParser.parse(file, as: .xml) { (event) throws(FormatError) in
      reader.handle(event)
    }
    return reader.builder.finish(escaping: .xml)
  }

  /// The namespaces of XLIFF 1.2 and 2.x core, bound to any prefix or none; an element
  /// of another namespace (a tool's extension) keeps its prefix and is never a unit.
  static let coreNamespaces: Set<String> = [
    "urn:oasis:names:tc:xliff:document:1.1", "urn:oasis:names:tc:xliff:document:1.2",
    "urn:oasis:names:tc:xliff:document:2.0", "urn:oasis:names:tc:xliff:document:2.1",
    "urn:oasis:names:tc:xliff:document:2.2",
  ]
  /// XLIFF 2 modules whose elements are known here, with the prefix the specification
  /// uses for them.
  static let modulePrefixes: [String: String] = [
    "urn:oasis:names:tc:xliff:metadata:2.0": "mda"
  ]

  /// An element's name as the reader knows it: core elements unprefixed whatever prefix
  /// the document uses, module elements with their specified prefix, others as written.
  static func elementName(_ event: borrowing MarkupEvent) -> String {
    guard let namespace = event.namespace else { return event.name }
    if coreNamespaces.contains(namespace) { return event.name(resolvingTo: coreNamespaces) }
    if let prefix = modulePrefixes[namespace] {
      return prefix + ":" + event.name(resolvingTo: [namespace])
    }
    return event.name
  }

  /// 1.2 target states that mean a draft (`fuzzy`).
  static let draftStates: Set<String> = [
    "new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
    "needs-review-l10n", "needs-review-translation",
  ]
}

/// One source or target element's text, taken out of the original.
struct CapturedText {
  var pieces = TextPieces()
  /// The element's content in the original (a point after the tag for an empty element).
  var content: Range<Int> = 0..<0
  /// Just after the element's end tag.
  var end = 0
  var language: String?
  var state: String?
}

private struct XLIFFExtraction {
  let file: SourceFile
  var builder: ExtractionBuilder
  var isVersion2 = false
  var sourceLanguage: String?
  var targetLanguage: String?
  /// Element names from the root down.
  var stack: [String] = []
  /// While inside a subtree that holds no prose (notes, codes), the stack depth of its root.
  var skipDepth: Int?
  /// The element being captured (source or target) and the depth of its start tag.
  var capturing: (isTarget: Bool, depth: Int)?
  var current = CapturedText()

  // The unit (1.2 trans-unit, 2.0 unit) and its segments.
  var unitID: String?
  var unitTranslatable = true
  var unitStart = 0
  var segmentID: String?
  var segmentState: String?
  var source: CapturedText?
  var target: CapturedText?
  var segments: [(id: String?, source: CapturedText?, target: CapturedText?, state: String?)] = []

  init(file: SourceFile) {
    self.file = file
    self.builder = ExtractionBuilder(capacity: file.bytes.count / 2)
  }

  /// Elements whose whole subtree is not prose.
  static let nonProse: Set<String> = [
    "note", "notes", "alt-trans", "context-group", "count-group", "prop-group", "seg-source",
    "header", "originalData", "ignorable", "mda:metadata", "phase-group", "tool",
  ]
  /// Inline codes: their content is code, not text (paired wrappers `g`, `pc`, `mrk`
  /// keep theirs).
  static let codes: Set<String> = [
    "ph", "bpt", "ept", "it", "x", "bx", "ex", "sub", "sc", "ec", "sm", "em", "cp",
  ]

  mutating func handle(_ event: borrowing MarkupEvent) {
    switch event.kind {
    case .start:
      start(event)
    case .end:
      end(event)
    case .text, .cdata:
      guard capturing != nil, skipDepth == nil else { return }
      current.pieces.append(decoded: event.text, from: event.contentRange, in: file.bytes)
    case .comment, .instruction:
      break
    }
  }

  private mutating func start(_ event: borrowing MarkupEvent) {
    let name = XLIFFReader.elementName(event)
    let parent = stack.last
    stack.append(name)
    if skipDepth != nil { return }
    if capturing != nil {
      if Self.codes.contains(name) || Self.nonProse.contains(name) { skipDepth = stack.count }
      return
    }
    switch name {
    case "xliff":
      isVersion2 = (event.attribute("version") ?? "").hasPrefix("2")
      sourceLanguage = event.attribute("srcLang")
      targetLanguage = event.attribute("trgLang")
    case "file" where !isVersion2:
      sourceLanguage = event.attribute("source-language") ?? sourceLanguage
      targetLanguage = event.attribute("target-language") ?? targetLanguage
    case "trans-unit" where !isVersion2, "unit" where isVersion2:
      unitID = event.attribute("id")
      unitTranslatable = event.attribute("translate") != "no"
      unitStart = event.range.upperBound
      source = nil
      target = nil
      segments = []
      segmentID = nil
      segmentState = nil
    case "segment" where isVersion2 && parent == "unit":
      segmentID = event.attribute("id")
      segmentState = event.attribute("state")
      source = nil
      target = nil
    case "source", "target":
      let inSegment = isVersion2 ? parent == "segment" : parent == "trans-unit"
      guard inSegment else {
        skipDepth = stack.count
        return
      }
      capturing = (name == "target", stack.count)
      current = CapturedText()
      current.content = event.contentRange
      current.language = event.attribute("xml:lang")
      current.state = event.attribute("state")
    default:
      if Self.nonProse.contains(name) { skipDepth = stack.count }
    }
  }

  private mutating func end(_ event: borrowing MarkupEvent) {
    let depth = stack.count
    let name = stack.popLast() ?? XLIFFReader.elementName(event)
    if let skip = skipDepth {
      if depth == skip { skipDepth = nil }
      return
    }
    if let capture = capturing {
      guard depth == capture.depth else { return }
      capturing = nil
      let contentStart = current.content.lowerBound
      current.content =
        event.range.isEmpty ? contentStart..<contentStart : contentStart..<event.range.lowerBound
      current.end = event.range.upperBound
      if capture.isTarget { target = current } else { source = current }
      return
    }
    switch name {
    case "segment" where isVersion2:
      segments.append((segmentID, source, target, segmentState))
      source = nil
      target = nil
    case "trans-unit" where !isVersion2:
      if unitTranslatable {
        let state = target?.state
        emit(
          unit: unitID, source: source, target: target,
          fuzzy: state.map { XLIFFReader.draftStates.contains($0) } ?? false)
      }
    case "unit" where isVersion2:
      guard unitTranslatable else { return }
      for (index, segment) in segments.enumerated() {
        var id = unitID
        if segments.count > 1 {
          id = "\(unitID ?? "")#\(segment.id ?? String(index + 1))"
        }
        emit(
          unit: id, source: segment.source, target: segment.target,
          fuzzy: segment.state == "initial")
      }
    default:
      break
    }
  }

  private mutating func emit(
    unit: String?, source: CapturedText?, target: CapturedText?, fuzzy: Bool
  ) {
    let sourceSegment = source.map {
      SourceSegment(
        text: $0.pieces.string(in: file.bytes),
        range: TextRange(start: $0.content.lowerBound, end: $0.content.upperBound),
        language: $0.language ?? sourceLanguage)
    }
    let language = target?.language ?? targetLanguage
    if let target, !target.pieces.isBlank(in: file.bytes) {
      target.pieces.write(into: &builder, original: file.bytes)
      builder.closeSegment(
        unit: unit, language: language, source: sourceSegment, fuzzy: fuzzy,
        originalRange: TextRange(start: target.content.lowerBound, end: target.content.upperBound))
    } else {
      // No target: the point where one would go, after the source.
      let at = target?.content ?? (source.map { $0.end..<$0.end } ?? unitStart..<unitStart)
      builder.emptySegment(
        at: TextRange(start: at.lowerBound, end: at.upperBound), unit: unit, language: language,
        source: sourceSegment, fuzzy: fuzzy)
    }
  }
}
