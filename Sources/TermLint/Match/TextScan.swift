import GlossaryModel

/// One pass over a file's folded text for the numeral matcher (`NumeralIndex`) and the
/// places of phrases (`PhraseCatalog`); either can be left out.
///
/// It does not tokenize the whole text: it finds word starts eight ASCII bytes at a time
/// (`SWAR`) and looks at each only through a bit set of three-letter prefixes (the number
/// words', the phrase keys') or a digit, which decide whether to tokenize there. Text
/// without digits, number words or phrase starts costs about a nanosecond a byte.
struct TextScan {
  let folded: FoldedText
  let numerals: NumeralIndex?
  let catalog: PhraseCatalog?
  private(set) var numeralMatches: [NumeralMatch] = []
  /// (folded range, key index) of every phrase place, leftmost-longest.
  private(set) var phraseHits: [(Range<Int>, Int)] = []

  init(folded: FoldedText, numerals: NumeralIndex?, catalog: PhraseCatalog?) {
    self.folded = folded
    self.numerals = numerals
    self.catalog = catalog
  }

  /// Whether a byte continues a word in folded text: a–z, 0–9 and every non-ASCII byte (a
  /// non-ASCII letter or mark; other non-ASCII characters are rare next to words, and a
  /// word start missed next to one only means a number or phrase not looked at).
  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte &- 97 < 26 || byte &- 48 < 10
  }

  /// Scans the text; `accept` may refuse a numeral match's entry at a place (case checks).
  mutating func run(reader: inout NumberReader, accept: (Int, Range<Int>) -> Bool) {
    let useNumerals = numerals != nil
    let useCatalog = catalog.map { !$0.isEmpty } ?? false
    guard useNumerals || useCatalog else { return }
    let numerals = self.numerals ?? Self.noNumerals
    let catalog = self.catalog ?? Self.noPhrases
    var matches: [NumeralMatch] = []
    var hits: [(Range<Int>, Int)] = []
    folded.bytes.withUnsafeBufferPointer { buffer in
      Self.scan(
        buffer, numerals: numerals, useNumerals: useNumerals, catalog: catalog,
        useCatalog: useCatalog, numberTriples: NumberWords.english.triples, reader: &reader,
        accept: accept, matches: &matches, hits: &hits)
    }
    numeralMatches = matches
    phraseHits = hits
  }

  static let noNumerals: NumeralIndex = {
    var reader = NumberReader()
    return NumeralIndex(glossary: CompiledGlossary(glossaries: []), reader: &reader)
  }()
  static let noPhrases = PhraseCatalog(anchors: [])

  /// The scan itself, on plain values (no optional to unwrap per word start).
  private static func scan(
    _ buffer: UnsafeBufferPointer<UInt8>, numerals: NumeralIndex, useNumerals: Bool,
    catalog: PhraseCatalog, useCatalog: Bool, numberTriples: TripleSet,
    reader: inout NumberReader, accept: (Int, Range<Int>) -> Bool,
    matches: inout [NumeralMatch], hits: inout [(Range<Int>, Int)]
  ) {
    let count = buffer.count
    // Where nothing before may be part of a new match: the end of the last one.
    var floor = 0
    var index = 0
    var previousIsWord = false
    // Word starts of the current eight-byte chunk not looked at yet, and its offset.
    var starts: UInt64 = 0
    var chunkStart = 0
    // Scratch space of numeral attempts, kept between them (no allocation per number).
    var lead: [NormalizedToken] = []
    var scratch = NumeralIndex.Scratch()
    while true {
      // The next word start.
      var position: Int
      if starts != 0 {
        position = chunkStart + SWAR.firstByte(starts)
        starts &= starts - 1
      } else if index + 8 <= count, case let chunk = SWAR.load(buffer, index),
        chunk & SWAR.highs == 0
      {
        // Eight ASCII bytes at once: only their word starts are looked at.
        let words = SWAR.inRange(chunk, 97, 122) | SWAR.inRange(chunk, 48, 57)
        starts = words & ~((words << 8) | (previousIsWord ? 0x80 : 0))
        chunkStart = index
        previousIsWord = words >> 56 != 0
        index += 8
        continue
      } else if index < count {
        let isWord = isWordByte(buffer[index])
        let isStart = isWord && !previousIsWord
        previousIsWord = isWord
        index += 1
        guard isStart else { continue }
        position = index - 1
      } else {
        break
      }

      // Look at it: a table of three-letter prefixes or a digit decides whether to
      // tokenize here.
      let byte = buffer[position]
      let isDigit = byte &- 48 < 10
      let isLetter = byte &- 97 < 26
      let maybeNumber = isDigit || (isLetter && numberTriples.contains(at: position, in: buffer))
      var maybePhrase = false
      if useCatalog {
        if isLetter {
          maybePhrase =
            catalog.triples.contains(at: position, in: buffer)
            || (catalog.numberStarts && maybeNumber)
        } else {
          maybePhrase = isDigit ? catalog.numberStarts : catalog.nonASCIIStarts
        }
      }
      guard (maybeNumber && useNumerals) || maybePhrase,
        let raw = Tokenizer.next(in: buffer, from: position), raw.start == position
      else { continue }
      var number: NormalizedToken?
      if maybeNumber && reader.isCandidate(raw, in: buffer) {
        number = reader.run(startingWith: raw, in: buffer)
      }
      var next: Int?
      if useNumerals, let number, numerals.contains(number: number) {
        Self.lead(
          before: position, count: numerals.maxLead, floor: floor, in: buffer, reader: &reader,
          into: &lead)
        if let (match, end) = numerals.match(
          lead: lead, number: number, in: buffer, reader: &reader, scratch: &scratch,
          accept: accept)
        {
          matches.append(match)
          next = end
        }
      }
      if next == nil && maybePhrase {
        let token =
          number
          ?? NormalizedToken(
            kind: .word, start: raw.start, end: raw.end, next: raw.end, hash: raw.hash)
        if let found = catalog.occurrence(startingWith: token, in: buffer, reader: &reader) {
          hits.append((found.range, found.key))
          next = found.next
        }
      }
      if next != nil { floor = next ?? floor }
      // After a whole number its inner elements start nothing.
      if let resume = next ?? number?.next {
        index = resume
        starts = 0
        previousIsWord = index > 0 && isWordByte(buffer[index - 1])
      }
    }
  }

  /// The (at most) `count` normalized tokens just before the word start `position`, none
  /// starting before `floor`, in `tokens` (emptied first): the tokens a numeral key may
  /// have before its number. Found by stepping back over bytes to a place that starts a
  /// token, then reading forward.
  static func lead(
    before position: Int, count: Int, floor: Int, in text: UnsafeBufferPointer<UInt8>,
    reader: inout NumberReader, into tokens: inout [NormalizedToken]
  ) {
    tokens.removeAll(keepingCapacity: true)
    guard count > 0, position > floor else { return }
    var start = position
    var seen = 0
    let limit = max(floor, position - 64 * (count + 1))
    while start > limit && seen <= count {
      let byte = text[start - 1]
      if byte <= 0x20 {
        start -= 1
      } else if isWordByte(byte) {
        while start > limit && isWordByte(text[start - 1]) { start -= 1 }
        seen += 1
      } else {
        start -= 1
        seen += 1
      }
    }
    // A token starts here unless the bytes before are a word cut by the limit.
    while start > floor && start < position && isWordByte(text[start])
      && isWordByte(text[start - 1])
    {
      start += 1
    }
    var at = start
    while let token = reader.next(in: text, from: at), token.end <= position {
      tokens.append(token)
      at = token.next
    }
    // The last `count`, in place.
    if tokens.count > count { tokens.removeFirst(tokens.count - count) }
  }
}
