import GlossaryModel

// Glossary stage: a cache file to damage on purpose, for the `cache` fuzz target
// (fuzz/Sources) and the regression tests of what it finds (FuzzRegressionTests), which
// must start from the same bytes.
//
// Takes: edits (four bytes each: a 24-bit payload offset, the new byte). Gives: the
// exercise glossary's cache file with them applied and its header made right, so that
// only the structural checks of decoding stand between the bytes and the matcher; and a
// read of every term and form of what decodes.

extension GlossaryCache {
  /// A small glossary whose cache file has every table: numeral forms, forms of three and
  /// more content words (the reorder index), an accepted form, punctuation between words.
  static let exerciseGlossary = """
    terms:
      - id: double-eight-strategy
        preferred: Double-Eight Strategy
        variants: [Eight-Eight Strategy, 88th Strategy, Eighth Eighth Strategy]
      - id: common-prosperity-zone
        preferred: Demonstration Zone for Common Prosperity
        variants: [Common Prosperity Demonstration Area]
      - id: ten-thousand
        preferred: "10,000 Villages Project"
        variants: [Ten Thousand Villages Project]
      - id: belt-and-road
        preferred: Belt and Road Initiative
        accepted: [Belt and Road]
        variants: ["One Belt, One Road"]
    """

  /// Text with a mention of every kind the exercise glossary has (reordered, numeral,
  /// listed variant in capitals).
  static let exerciseText = """
    The Zone of Demonstration for Common Prosperity, the Road and Belt Initiative and the
    88th Strategy; TEN THOUSAND VILLAGES PROJECT, the 10 000 Villages Project.
    """

  static let exerciseKey: (UInt64, UInt64) = (1, 2)

  /// The exercise glossary's cache file (nil only if it could not be compiled, a bug).
  static let exerciseFile: [UInt8]? = {
    guard let glossary = try? GlossaryLoader.load(yaml: exerciseGlossary, path: "cache.yml")
    else { return nil }
    return encode(CompiledGlossary(glossaries: [glossary]).withIndexes(), key: exerciseKey)
  }()

  /// Reads every term, summary and form of `glossary`, as some run's findings could: a
  /// stored term is decoded on first read, after the load's checks.
  static func exerciseReads(_ glossary: CompiledGlossary) {
    for index in glossary.terms.indices {
      _ = glossary.terms[index]
      _ = glossary.summary(of: index)
    }
    for entry in glossary.entries {
      _ = (entry.text, entry.form, entry.folded, entry.kind, entry.formIndex)
      _ = glossary.preferredText(for: entry)
    }
  }

  /// The exercise file with `edits` applied to its payload and a header that fits them.
  static func exerciseFile(edited edits: [UInt8]) -> [UInt8]? {
    guard let good = exerciseFile else { return nil }
    var payload = Array(good[headerSize...])
    var index = 0
    while index + 4 <= edits.count {
      let offset = Int(edits[index]) | Int(edits[index + 1]) << 8 | Int(edits[index + 2]) << 16
      payload[offset % payload.count] = edits[index + 3]
      index += 4
    }
    return file(payload: payload, key: exerciseKey)
  }
}
