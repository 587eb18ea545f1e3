// Match stage: the reorder index as bytes, for the glossary cache (`GlossaryCache`).
//
// Takes: a `ReorderIndex`. Gives: its vocabulary, word ids and shapes as bytes, and back;
// the bags, keys and filters are derived again (`ReorderIndex.init(vocabulary:…)`), so
// only what the slow build found (the lemmas, surfaces and heads of every form) is stored.
// Decoding checks every id against the tables and the compiled glossary it goes with, so
// wrong bytes give nil, never a trap.

extension ReorderIndex {
  func encode(into writer: inout BinaryWriter) {
    vocabulary.encode(into: &writer)
    writer.array(surfaceWord)
    writer.array(surfacePlural.map { $0 ? UInt8(1) : 0 })
    writer.array(headWord)
    writer.int(wordKey.count)
    // Shapes as columns: one array per field, the variable-length ones as one pool each
    // with the running end of every shape's part.
    writer.array(shapes.map(\.entry))
    writer.array(shapes.map { Int32($0.functionWords) })
    writer.array(shapes.map { Int32($0.words.count) })
    writer.array(shapes.flatMap(\.words))
    writer.array(shapes.map { Int32($0.punctuation.count) })
    writer.array(shapes.flatMap(\.punctuation))
    writer.array(shapes.map { Int32($0.hyphens.count) })
    writer.array(shapes.flatMap { $0.hyphens.map { Int32($0) } })
  }

  /// The index `encode` wrote for a glossary of `entries` and `termCount` terms, or nil
  /// when the bytes are not such an index.
  static func decode(
    from reader: inout BinaryReader, entries formEntries: [FormEntry], termCount: Int
  )
    -> ReorderIndex?
  {
    guard let vocabulary = TokenTable.decode(from: &reader),
      let surfaceWord = reader.array(of: Int32.self),
      let plural = reader.array(of: UInt8.self),
      let headWord = reader.array(of: Int32.self),
      let wordCount = reader.int(),
      surfaceWord.count == vocabulary.hashes.count, plural.count == surfaceWord.count,
      plural.allSatisfy({ $0 <= 1 }), headWord.count == termCount,
      surfaceWord.allSatisfy({
        (0..<Int32(wordCount)).contains($0) || $0 == functionWord || $0 == andWord
      }),
      headWord.allSatisfy({ (-1..<Int32(wordCount)).contains($0) }),
      let entries = reader.array(of: Int32.self),
      let functionCounts = reader.array(of: Int32.self),
      let wordCounts = reader.array(of: Int32.self),
      let words = reader.array(of: Int32.self),
      let punctuationCounts = reader.array(of: Int32.self),
      let punctuation = reader.array(of: UInt8.self),
      let hyphenCounts = reader.array(of: Int32.self),
      let hyphens = reader.array(of: Int32.self),
      [functionCounts.count, wordCounts.count, punctuationCounts.count, hyphenCounts.count]
        .allSatisfy({ $0 == entries.count }),
      words.allSatisfy({ (0..<Int32(wordCount)).contains($0) }),
      functionCounts.allSatisfy({ $0 >= 0 })
    else { return nil }
    var shapes: [Shape] = []
    shapes.reserveCapacity(entries.count)
    var wordAt = 0
    var punctuationAt = 0
    var hyphenAt = 0
    for index in entries.indices {
      let entry = Int(entries[index])
      let wordCount = Int(wordCounts[index])
      let punctuationCount = Int(punctuationCounts[index])
      let hyphenCount = Int(hyphenCounts[index])
      guard formEntries.indices.contains(entry), wordCount >= minimumWords,
        punctuationCount >= 0, hyphenCount >= 0,
        wordCount <= words.count - wordAt,
        punctuationCount <= punctuation.count - punctuationAt,
        hyphenCount <= hyphens.count - hyphenAt
      else { return nil }
      let shapeWords = Array(words[wordAt..<wordAt + wordCount])
      let shapeHyphens = hyphens[hyphenAt..<hyphenAt + hyphenCount].map(Int.init)
      // A hyphen joins word i and i + 1 of the shape.
      guard shapeHyphens.allSatisfy({ (0..<wordCount - 1).contains($0) }) else { return nil }
      shapes.append(
        Shape(
          entry: Int32(entry), termIndex: Int32(formEntries[entry].termIndex),
          words: shapeWords, sorted: shapeWords.sorted(),
          functionWords: Int(functionCounts[index]),
          punctuation: Array(punctuation[punctuationAt..<punctuationAt + punctuationCount]),
          hyphens: shapeHyphens))
      wordAt += wordCount
      punctuationAt += punctuationCount
      hyphenAt += hyphenCount
    }
    guard wordAt == words.count, punctuationAt == punctuation.count, hyphenAt == hyphens.count
    else { return nil }
    return ReorderIndex(
      vocabulary: vocabulary, surfaceWord: surfaceWord, surfacePlural: plural.map { $0 == 1 },
      shapes: shapes, headWord: headWord, wordCount: wordCount)
  }
}
