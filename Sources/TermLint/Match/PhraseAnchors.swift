// Match stage: phrase anchors, the names and slogans no glossary knows.
//
// Takes: a file's bytes and the glossary matches to avoid. Gives: `PhraseAnchor`s (keys of
// capitalised runs and short quotations) for `PhraseCatalog` and `inconsistent`.

/// Names and slogans no glossary knows, for `inconsistent` and `termlint discover`.
///
/// A phrase is anchored where the text marks it as a name: a capitalised run of words
/// ("Ten Special Actions", "Nanhu Memorial Hall") or a short quotation ("“two pioneers”").
/// Its key is its folded words with numbers read and the spaces and apostrophes between
/// words left out, so "Ten Special Actions" and "10 special actions", "Nanhu
/// Memorial Hall" and "Nan Hu Memorial Hall" share a key. Every place the text has a key,
/// in any case, is a rendering of that phrase.
enum Phrases {
  /// Lower-case words allowed inside a capitalised name ("Federation of Industry and
  /// Commerce") and dropped from the edges of an anchor.
  static let functionWords: [String] = [
    "a", "an", "and", "as", "at", "by", "de", "du", "for", "from", "in", "la", "of", "on", "or",
    "the", "to", "van", "von", "with",
  ]
  static let functionWordSet = Set(functionWords)
  /// Function words that do not join two capitalised words into one name ("Nanhu Memorial
  /// Hall and Nan Hu Memorial Hall" is two names; "Visit the Nanhu Memorial Hall" has one), by
  /// index in `functionWords`.
  static let separators: [Bool] = functionWords.map {
    ["a", "an", "and", "as", "from", "or", "the"].contains($0)
  }
  /// The function words packed into integers (one byte a letter, at most four), for a
  /// comparison without allocating.
  static let functionKeys: [UInt32] = functionWords.map { word in
    word.utf8.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
  }

  /// Anchors have at least this many words (a number counts as one) and at most this many.
  static let minimumWords = 2
  static let maximumWords = 12
  /// A quotation is an anchor when it has this many words at most.
  static let maximumQuotedWords = 8

  /// The key bytes of a token: a word as folded, a number as `#value#`, a hyphen between
  /// words as `-` ("party-committee" is not "Party Committee"; a hyphen next to a number is
  /// part of the number).
  static func keyBytes(_ token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    switch token.kind {
    case .word: Array(text[token.start..<token.end])
    case .number: Array("#\(token.value)#".utf8)
    case .hyphen: [UInt8(ascii: "-")]
    default: []
    }
  }

  /// The hash of bytes, as `Tokenizer` hashes tokens.
  static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
    Tokenizer.hash(bytes)
  }
}

/// A phrase anchor: its key, and the folded bytes of its first token (a number as
/// `#value#`) for the prefilter of `PhraseCatalog`.
struct PhraseAnchor: Hashable, Sendable {
  var key: String
  var firstToken: [UInt8]
}

/// Finds the anchors of phrases in a file's original text: capitalised runs and short
/// quotations. It reads the original bytes because capitals are what it looks for and
/// folding removes them; a run of lower-case words costs one table look-up per byte. An
/// anchor gives only a key (its text folded and read like any form); the places of phrases
/// are found in folded text (`TextScan`) and mapped through `OffsetMap`.
struct AnchorFinder {
  /// What a piece of a run or a quotation is.
  struct Element {
    var start: Int
    var end: Int
    var isWord: Bool
    var capitalised: Bool
    var isFunctionWord: Bool
  }

  private let file: SourceFile
  /// Original ranges no anchor may cross (glossary matches), sorted.
  private let exclusions: [Range<Int>]
  private var anchors: Set<PhraseAnchor> = []
  private var run: [Element] = []
  private var quoted: [Element] = []
  private var quoteOpen = false
  private var quoteValid = false
  private var headings: [Int: Bool] = [:]
  /// The spans already keyed, by the hash of their original bytes: the first span with
  /// that hash. A name recurs throughout a file, and its key (fold, read, join) depends on
  /// its bytes alone, so it is made once.
  private var keyed: [UInt64: Range<Int>] = [:]

  /// The anchors of `file` that cross none of `exclusions` (original byte ranges).
  static func anchors(
    in file: SourceFile, excluding exclusions: [TextRange], reader: inout NumberReader
  ) -> Set<PhraseAnchor> {
    var finder = AnchorFinder(
      file: file,
      exclusions: exclusions.map { $0.start..<$0.end }.sorted { $0.lowerBound < $1.lowerBound })
    finder.scan(reader: &reader)
    return finder.anchors
  }

  private init(file: SourceFile, exclusions: [Range<Int>]) {
    self.file = file
    self.exclusions = exclusions
  }

  /// ASCII classes: 0 space, 1 upper-case letter, 2 lower-case letter, 3 digit, 4 hyphen,
  /// 5 apostrophe, 6 double quote, 7 any other mark.
  static let asciiClasses: [UInt8] = (0..<128).map { value -> UInt8 in
    switch UInt8(value) {
    case 0...0x20, 0x7F: 0
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): 1
    case UInt8(ascii: "a")...UInt8(ascii: "z"): 2
    case UInt8(ascii: "0")...UInt8(ascii: "9"): 3
    case UInt8(ascii: "-"): 4
    case UInt8(ascii: "'"), UInt8(ascii: "`"): 5
    case UInt8(ascii: "\""): 6
    default: 7
    }
  }

  /// What a non-ASCII scalar is to the finder, with the same classes (a quote as 8 when it
  /// opens, 9 when it closes).
  static func classify(_ scalar: UInt32) -> UInt8 {
    switch scalar {
    case 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D, 0x058A, 0x1806: return 4
    case 0x2018...0x201B, 0x2032, 0x2035, 0x02BC, 0x02B9, 0xFF07: return 5
    case 0x201C, 0x201E, 0x201F, 0x00AB, 0x300C, 0x300E: return 8
    case 0x201D, 0x00BB, 0x300D, 0x300F: return 9
    case 0x2033, 0x2036, 0xFF02: return 6
    // The common non-ASCII of translated text without a property lookup (each was an ICU
    // call and three Unicode property reads): CJK ideographs and punctuation, no-break
    // space, full-width letters and digits. `byProperties` agrees on every one (tested).
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3001...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20:
      return 7
    case 0x00A0: return 0
    case 0xFF21...0xFF3A: return 1
    case 0xFF41...0xFF5A: return 2
    case 0xFF10...0xFF19: return 3
    default: break
    }
    return byProperties(scalar)
  }

  /// `classify` of a scalar that none of its cases names, from its Unicode properties.
  static func byProperties(_ scalar: UInt32) -> UInt8 {
    guard let value = Unicode.Scalar(scalar) else { return 7 }
    if ICU.isDefaultIgnorable(value) { return 10 }
    switch Tokenizer.classify(scalar) {
    case .separator: return 0
    case .single: return 7
    case .word:
      let properties = value.properties
      if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return 1 }
      if properties.numericType != nil { return 3 }
      return 2
    }
  }

  /// Reads the original text once.
  private mutating func scan(reader: inout NumberReader) {
    let bytes = file.bytes
    let count = bytes.count
    var index = file.textStart
    Self.asciiClasses.withUnsafeBufferPointer { classes in
      bytes.withUnsafeBufferPointer { buffer in
        while index < count {
          // Outside names and quotations only capitals, quotation marks and non-ASCII
          // characters matter: skip eight bytes at a time past everything else.
          if run.isEmpty && !quoteOpen {
            let start = index
            while index + 8 <= count {
              let chunk = SWAR.load(buffer, index)
              let interesting =
                (chunk & SWAR.highs) | SWAR.inRange(chunk & ~SWAR.highs, 65, 90)
                | SWAR.inRange(chunk & ~SWAR.highs, 34, 34)
              if interesting != 0 {
                index += SWAR.firstByte(interesting)
                break
              }
              index += 8
            }
            // Landed inside a word ("iPhone"): that is no word start.
            if index > start && index < count && index > file.textStart {
              let before = buffer[index - 1]
              if before < 0x80 && classes[Int(before)] >= 1 && classes[Int(before)] <= 3 {
                index = Self.wordEnd(buffer, from: index, classes: classes)
                continue
              }
            }
            guard index < count else { break }
          }
          let byte = buffer[index]
          var cls: UInt8
          var length = 1
          if byte < 0x80 {
            cls = classes[Int(byte)]
            // The usual case: a lower-case word outside any name or quotation.
            if cls == 2 && run.isEmpty && !quoteOpen {
              index += 1
              while index < count {
                let next = buffer[index]
                if next >= 0x80 {
                  index = Self.wordEnd(buffer, from: index, classes: classes)
                  break
                }
                let nextClass = classes[Int(next)]
                guard nextClass >= 1 && nextClass <= 3 else { break }
                index += 1
              }
              continue
            }
            if cls == 0 {
              index += 1
              continue
            }
          } else {
            let (scalar, scalarLength) = Folder.decode(buffer, at: index)
            cls = Self.classify(scalar)
            length = scalarLength
          }
          switch cls {
          case 0, 10:
            index += length
          case 1, 2, 3:
            let end = Self.wordEnd(buffer, from: index + length, classes: classes)
            word(buffer, start: index, end: end, firstClass: cls, reader: &reader)
            index = end
          case 4, 5:
            let element = Element(
              start: index, end: index + length, isWord: false, capitalised: false,
              isFunctionWord: false)
            if !run.isEmpty { run.append(element) }
            if quoteOpen { quoted.append(element) }
            index += length
          case 6, 8, 9:
            closeRun(reader: &reader)
            let opens = cls == 8 || (cls == 6 && !quoteOpen)
            if opens {
              quoteOpen = true
              quoteValid = true
              quoted.removeAll(keepingCapacity: true)
            } else {
              closeQuote(reader: &reader)
            }
            index += length
          default:
            closeRun(reader: &reader)
            quoteValid = false
            index += length
          }
        }
      }
    }
    closeRun(reader: &reader)
  }

  /// Where the word that goes on at `index` ends: letters, digits, marks and ignorables.
  private static func wordEnd(
    _ buffer: UnsafeBufferPointer<UInt8>, from index: Int, classes: UnsafeBufferPointer<UInt8>
  ) -> Int {
    var end = index
    while end < buffer.count {
      let byte = buffer[end]
      if byte < 0x80 {
        let cls = classes[Int(byte)]
        guard cls >= 1 && cls <= 3 else { break }
        end += 1
        continue
      }
      let (scalar, length) = Folder.decode(buffer, at: end)
      let cls = classify(scalar)
      guard (cls >= 1 && cls <= 3) || cls == 10 else { break }
      end += length
    }
    return end
  }

  /// The index in `Phrases.functionWords` of the word at `start..<end` (any case), or -1.
  private static func functionWord(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Int
  {
    guard end - start <= 4 else { return -1 }
    var key: UInt32 = 0
    for index in start..<end {
      let byte = buffer[index]
      guard byte < 0x80 else { return -1 }
      key = (key << 8) | UInt32(byte | 0x20)
    }
    return Phrases.functionKeys.firstIndex(of: key) ?? -1
  }

  private mutating func word(
    _ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, firstClass: UInt8,
    reader: inout NumberReader
  ) {
    let capitalised = firstClass == 1
    let function = Self.functionWord(buffer, start, end)
    let element = Element(
      start: start, end: end, isWord: true, capitalised: capitalised, isFunctionWord: function >= 0)
    if quoteOpen { quoted.append(element) }
    if capitalised {
      run.append(element)
      return
    }
    if !run.isEmpty {
      if function >= 0 && !Phrases.separators[function] {
        run.append(element)
        return
      }
      var isNumber = firstClass == 3
      if !isNumber && firstClass == 2 {
        let hash = Tokenizer.hash(buffer, start, end)
        isNumber = reader.words.id(of: Token(start: start, end: end, hash: hash), in: buffer) >= 0
      }
      if isNumber {
        run.append(element)
        return
      }
    }
    closeRun(reader: &reader)
  }

  /// Drops function words and marks from the edges.
  private static func trimmed(_ elements: [Element]) -> ArraySlice<Element> {
    var slice = elements[...]
    while let first = slice.first, !first.isWord || first.isFunctionWord {
      slice = slice.dropFirst()
    }
    while let last = slice.last, !last.isWord || last.isFunctionWord { slice = slice.dropLast() }
    return slice
  }

  private mutating func closeRun(reader: inout NumberReader) {
    defer { run.removeAll(keepingCapacity: true) }
    // Most runs are one capitalised word (a sentence start): nothing to do.
    guard run.count >= Phrases.minimumWords else { return }
    var slice = Self.trimmed(run)
    // A name starts and ends with a capitalised word.
    while let first = slice.first, !first.capitalised || first.isFunctionWord {
      slice = slice.dropFirst()
    }
    while let last = slice.last, !last.capitalised || last.isFunctionWord {
      slice = slice.dropLast()
    }
    var words = 0
    var capitalised = 0
    for element in slice where element.isWord {
      words += 1
      if element.capitalised {
        capitalised += 1
        // "Of", "And", "The" capitalised inside: title case by style, not a name.
        if element.isFunctionWord && words > 1 { return }
      }
    }
    guard words >= Phrases.minimumWords, words <= Phrases.maximumWords, capitalised >= 2
    else { return }
    // A capital at a sentence start says nothing: "Visit Nanhu Memorial Hall" anchors
    // "Nanhu Memorial Hall" when what follows is a name on its own (a number word stays:
    // "Ten Special Actions").
    if capitalised >= 3, let first = slice.first,
      CaseAdapter.isSentenceStart(first.start, in: file),
      !isNumberWord(first, reader: reader)
    {
      var rest = slice.dropFirst()
      while let next = rest.first, !next.isWord || next.isFunctionWord { rest = rest.dropFirst() }
      anchor(rest, reader: &reader)
      return
    }
    anchor(slice, reader: &reader)
  }

  /// Whether a word of the original text is a number word or digits.
  private func isNumberWord(_ element: Element, reader: NumberReader) -> Bool {
    var folder = Folder()
    let folded = folder.fold(file.text(TextRange(start: element.start, end: element.end)))
    return folded.withUnsafeBufferPointer { buffer in
      guard let token = Tokenizer.next(in: buffer, from: 0) else { return false }
      return reader.isCandidate(token, in: buffer)
    }
  }

  private mutating func closeQuote(reader: inout NumberReader) {
    defer {
      quoteOpen = false
      quoteValid = false
      quoted.removeAll(keepingCapacity: true)
    }
    guard quoteOpen && quoteValid else { return }
    let slice = Self.trimmed(quoted)
    let words = slice.filter(\.isWord).count
    guard words >= Phrases.minimumWords && words <= Phrases.maximumQuotedWords else { return }
    anchor(slice, reader: &reader)
  }

  private mutating func anchor(_ elements: ArraySlice<Element>, reader: inout NumberReader) {
    guard let first = elements.first, let last = elements.last else { return }
    let range = first.start..<last.end
    if Self.crosses(range, exclusions) { return }
    let line = file.lineIndex.lineNumber(containing: range.lowerBound)
    let heading = headings[line] ?? Phrases.isHeading(line: line, in: file)
    headings[line] = heading
    if heading { return }
    let bytes = file.bytes
    let seen = bytes.withUnsafeBufferPointer { buffer -> Bool in
      let hash = Tokenizer.hash(buffer, range.lowerBound, range.upperBound)
      guard let earlier = keyed[hash] else {
        keyed[hash] = range
        return false
      }
      return earlier.count == range.count && buffer[earlier].elementsEqual(buffer[range])
    }
    if seen { return }
    // The key: the span folded and read like any form.
    var folder = Folder()
    let folded = folder.fold(file.text(TextRange(start: range.lowerBound, end: range.upperBound)))
    var key: [UInt8] = []
    var firstToken: [UInt8]?
    var words = 0
    folded.withUnsafeBufferPointer { buffer in
      var position = 0
      while let token = reader.next(in: buffer, from: position) {
        position = token.next
        let bytes = Phrases.keyBytes(token, in: buffer)
        guard !bytes.isEmpty else { continue }
        if token.kind == .word || token.kind == .number {
          words += 1
          if firstToken == nil { firstToken = bytes }
        }
        key += bytes
      }
    }
    guard words >= Phrases.minimumWords, let firstToken else { return }
    anchors.insert(PhraseAnchor(key: String(decoding: key, as: UTF8.self), firstToken: firstToken))
  }

  /// Whether `range` overlaps one of the sorted, non-overlapping `ranges` other than by
  /// containing it and more: a name may contain a glossary term ("Nanhu Memorial Hall" holds
  /// "Nanhu"), but not be one, be part of one or cut one.
  static func crosses(_ range: Range<Int>, _ ranges: [Range<Int>]) -> Bool {
    var index = firstEnding(after: range.lowerBound, ranges)
    while index < ranges.count && ranges[index].lowerBound < range.upperBound {
      let other = ranges[index]
      if other == range
        || !(range.lowerBound <= other.lowerBound && other.upperBound <= range.upperBound)
      {
        return true
      }
      index += 1
    }
    return false
  }

  /// The index of the first of sorted `ranges` that ends after `offset`.
  static func firstEnding(after offset: Int, _ ranges: [Range<Int>]) -> Int {
    var low = 0
    var high = ranges.count
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Whether `range` overlaps one of the sorted, non-overlapping `ranges`.
  static func overlaps(_ range: Range<Int>, _ ranges: [Range<Int>]) -> Bool {
    let index = firstEnding(after: range.lowerBound, ranges)
    return index < ranges.count && ranges[index].lowerBound < range.upperBound
  }
}
