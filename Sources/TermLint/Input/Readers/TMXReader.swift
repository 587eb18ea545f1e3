// Input stage: TMX translation memories (.tmx) through libxml2.
//
// Each `tu`: the `tuv` in `header@srclang` is the source (the first one when srclang is
// `*all*` or no tuv is in it); every other `tuv` is a target segment. In `seg`, `bpt`,
// `ept`, `ph`, `it`, `ut` and `sub` are codes, not text; `hi` keeps its text.

/// Reads TMX 1.4 (and 1.1's `lang` attribute).
public enum TMXReader: FormatReader {
  public static var format: FileFormat { .tmx }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    var reader = TMXExtraction(file: file)
    try MarkupParser.parse(file, as: .xml) { (event) throws(FormatError) in
      reader.handle(event)
    }
    return reader.builder.finish(escaping: .xml)
  }
}

private struct TMXExtraction {
  let file: SourceFile
  var builder: ExtractionBuilder
  var sourceLanguage: String?
  var stack: [String] = []
  var skipDepth: Int?
  var segDepth: Int?
  var ordinal = 0
  var unitID: String?
  var variantLanguage: String?
  var current = CapturedText()
  var variants: [CapturedText] = []

  static let codes: Set<String> = ["bpt", "ept", "ph", "it", "ut", "sub"]

  init(file: SourceFile) {
    self.file = file
    self.builder = ExtractionBuilder(capacity: file.bytes.count / 2)
  }

  mutating func handle(_ event: borrowing MarkupEvent) {
    switch event.kind {
    case .start:
      let parent = stack.last
      stack.append(event.name)
      if skipDepth != nil { return }
      if segDepth != nil {
        if Self.codes.contains(event.name) { skipDepth = stack.count }
        return
      }
      switch event.name {
      case "header":
        sourceLanguage = event.attribute("srclang")
      case "tu":
        ordinal += 1
        unitID = event.attribute("tuid")
        variants = []
      case "tuv":
        variantLanguage = event.attribute("xml:lang") ?? event.attribute("lang")
      case "seg" where parent == "tuv":
        segDepth = stack.count
        current = CapturedText()
        current.content = event.contentRange
        current.language = variantLanguage
      case "note", "prop":
        skipDepth = stack.count
      default:
        break
      }
    case .end:
      let depth = stack.count
      let name = stack.popLast() ?? event.name
      if let skip = skipDepth {
        if depth == skip { skipDepth = nil }
        return
      }
      if let seg = segDepth {
        guard depth == seg else { return }
        segDepth = nil
        let start = current.content.lowerBound
        current.content = event.range.isEmpty ? start..<start : start..<event.range.lowerBound
        current.end = event.range.upperBound
        variants.append(current)
        return
      }
      if name == "tu" { emitUnit() }
    case .text, .cdata:
      guard segDepth != nil, skipDepth == nil else { return }
      current.pieces.append(decoded: event.text, from: event.contentRange, in: file.bytes)
    case .comment, .instruction:
      break
    }
  }

  private func sourceIndex() -> Int? {
    guard !variants.isEmpty else { return nil }
    guard let wanted = sourceLanguage?.lowercased(), wanted != "*all*" else { return 0 }
    if let exact = variants.firstIndex(where: { $0.language?.lowercased() == wanted }) {
      return exact
    }
    // `en` names the language of `en-US`, and the other way round.
    let primary = wanted.split(separator: "-").first.map(String.init) ?? wanted
    return variants.firstIndex {
      ($0.language?.lowercased().split(separator: "-").first).map(String.init) == primary
    }
  }

  private mutating func emitUnit() {
    let unit = unitID ?? String(ordinal)
    let sourceAt = sourceIndex()
    let source = sourceAt.map { index in
      let variant = variants[index]
      return SourceSegment(
        text: variant.pieces.string(in: file.bytes),
        range: TextRange(start: variant.content.lowerBound, end: variant.content.upperBound),
        language: variant.language)
    }
    for (index, variant) in variants.enumerated() where index != sourceAt {
      let range = TextRange(start: variant.content.lowerBound, end: variant.content.upperBound)
      if variant.pieces.isBlank(in: file.bytes) {
        builder.emptySegment(at: range, unit: unit, language: variant.language, source: source)
      } else {
        variant.pieces.write(into: &builder, original: file.bytes)
        builder.closeSegment(
          unit: unit, language: variant.language, source: source, originalRange: range)
      }
    }
    variants = []
  }
}
