// Match stage: the reorder index as bytes, for the glossary cache (`GlossaryCache`).
//
// Takes: a `ReorderIndex`. Gives: its vocabulary, word ids, shapes and bags as integer
// tables, and back: the tables are used where the cache file lies, and only the word keys,
// the run limits and the bag filter are derived again. Decoding checks every id against
// the tables and the compiled glossary it goes with, so wrong bytes give nil, never a trap.

extension ReorderIndex {
  func encode(into writer: inout BinaryWriter) {
    vocabulary.encode(into: &writer)
    writer.table(surfaceWord)
    writer.table(surfacePlural)
    writer.table(headWord)
    writer.int(wordKey.count)
    writer.table(shapes.entry)
    writer.table(shapes.termIndex)
    writer.table(shapes.functionWords)
    writer.table(shapes.punctuationBits)
    writer.table(shapes.wordStart)
    writer.table(shapes.words)
    writer.table(shapes.sorted)
    writer.table(shapes.hyphenStart)
    writer.table(shapes.hyphens)
    writer.table(bags.keys)
    writer.table(bags.start)
    writer.table(bags.shapes)
  }

  /// The index `encode` wrote for a glossary of `entries` and `termCount` terms, or nil
  /// when the bytes are not such an index.
  static func decode(
    from reader: inout BinaryReader, entries: FormEntries, termCount: Int
  ) -> ReorderIndex? {
    guard let vocabulary = TokenTable.decode(from: &reader),
      let surfaceWord = reader.table(of: Int32.self),
      let plural = reader.table(of: UInt8.self),
      let headWord = reader.table(of: Int32.self),
      let wordCount = reader.int(),
      surfaceWord.count == vocabulary.hashes.count, plural.count == surfaceWord.count,
      // Every word has a surface of its own (its lemma), so no more words than surfaces:
      // a wrong count cannot ask for tables of billions.
      wordCount <= surfaceWord.count,
      plural.allSatisfy({ $0 <= 1 }), headWord.count == termCount,
      surfaceWord.allSatisfy({
        ($0 >= 0 && Int($0) < wordCount) || $0 == functionWord || $0 == andWord
      }),
      headWord.allSatisfy({ $0 >= -1 && Int($0) < wordCount }),
      let entry = reader.table(of: Int32.self),
      let termIndex = reader.table(of: Int32.self),
      let functionWords = reader.table(of: Int32.self),
      let punctuationBits = reader.table(of: UInt8.self),
      let wordStart = reader.table(of: Int32.self),
      let words = reader.table(of: Int32.self),
      let sorted = reader.table(of: Int32.self),
      let hyphenStart = reader.table(of: Int32.self),
      let hyphens = reader.table(of: Int32.self),
      let shapes = ShapeTable(
        entry: entry, termIndex: termIndex, functionWords: functionWords,
        punctuationBits: punctuationBits, wordStart: wordStart, words: words, sorted: sorted,
        hyphenStart: hyphenStart, hyphens: hyphens, wordCount: wordCount,
        // A shape's concept must be its entry's, so below `termCount` as entries' are.
        entryTerm: { entries.indices.contains($0) ? entries.termIndex($0) : nil }),
      let keys = reader.table(of: UInt64.self),
      let start = reader.table(of: Int32.self),
      let members = reader.table(of: Int32.self),
      let bags = BagTable(keys: keys, start: start, shapes: members, shapeCount: shapes.count)
    else { return nil }
    return ReorderIndex(
      vocabulary: vocabulary, surfaceWord: surfaceWord, surfacePlural: plural, shapes: shapes,
      bags: bags, headWord: headWord, wordKey: wordKeys(count: wordCount))
  }
}
