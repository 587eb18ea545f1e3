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

  /// How a rendering is told apart from the others of its phrase: its words as written
  /// (width, dashes and quotes folded), a function word in lower case, a word in capitals
  /// as if capitalised, and the first letter's case ignored (a sentence may start with it).
  static func renderingKey(_ original: String) -> String {
    var parts: [String] = []
    for (index, token) in FormComparison.rawTokens(original).enumerated() {
      var text = FormComparison.keepingCase(token.text)
      let lower = text.lowercased()
      if functionWordSet.contains(lower) {
        text = lower
      } else if text.unicodeScalars.filter(\.properties.isAlphabetic).count >= 2
        && text == text.uppercased() && text != lower
      {
        text = FormComparison.capitalizingFirst(lower)
      }
      if index == 0, let first = text.first {
        text = first.lowercased() + text.dropFirst()
      }
      parts.append(text)
    }
    return parts.joined(separator: " ")
  }

  /// Text for a message: whitespace runs (line breaks included) become one space.
  static func display(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Whether 0-based line `line` of `file` is a heading: it reads as one (`isHeading`) and
  /// stands alone, at the start of the text or after a blank line or a finished sentence
  /// (a line of a wrapped paragraph never does).
  static func isHeading(line: Int, in file: SourceFile) -> Bool {
    let range = file.lineIndex.contentRange(ofLine: line, in: file.bytes)
    guard isHeading(file.bytes[range.start..<range.end]) else { return false }
    guard line > 0 else { return true }
    let previous = file.lineIndex.contentRange(ofLine: line - 1, in: file.bytes)
    let text = file.text(previous).trimmingTrailingWhitespace()
    guard let last = text.last else { return true }
    return ".!?:;。！？：；".contains(last)
  }

  /// Whether a line reads as a heading: a few words, the first and every other word that is
  /// not a function word capitalised, and no sentence punctuation at the end. Headings capitalise by
  /// style, so names found in them say nothing about how the text writes them. Reads the
  /// line's bytes and stops at the first lower-case word that is not a function word.
  static func isHeading(_ line: ArraySlice<UInt8>) -> Bool {
    var end = line.endIndex
    while end > line.startIndex && (line[end - 1] == 0x20 || line[end - 1] == 0x09) { end -= 1 }
    guard end > line.startIndex else { return false }
    var lastStart = end - 1
    while lastStart > line.startIndex && line[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
    let last = String(decoding: line[lastStart..<end], as: UTF8.self)
    if ".!?;:,。！？；：，".contains(last) { return false }
    var words = 0
    var index = line.startIndex
    while index < end {
      while index < end && (line[index] == 0x20 || line[index] == 0x09) { index += 1 }
      let pieceStart = index
      while index < end && line[index] != 0x20 && line[index] != 0x09 { index += 1 }
      // The piece's first letter.
      var at = pieceStart
      var first: Unicode.Scalar?
      while at < index {
        let byte = line[at]
        if byte < 0x80 {
          if (byte | 0x20) >= 97 && (byte | 0x20) <= 122 {
            first = Unicode.Scalar(byte)
            break
          }
          at += 1
          continue
        }
        var length = 1
        var value = UInt32(byte & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F))
        while at + length < index && line[at + length] & 0xC0 == 0x80 {
          value = (value << 6) | UInt32(line[at + length] & 0x3F)
          length += 1
        }
        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic {
          first = scalar
          break
        }
        at += length
      }
      guard let first else { continue }
      words += 1
      let lowercase =
        first.value < 0x80 ? (97...122).contains(first.value) : first.properties.isLowercase
      // A heading starts with a capital.
      if words == 1
        && !(first.value < 0x80 ? (65...90).contains(first.value) : first.properties.isUppercase)
      {
        return false
      }
      if lowercase {
        let word = String(decoding: line[at..<index], as: UTF8.self).lowercased()
          .filter(\.isLetter)
        if !functionWordSet.contains(word) { return false }
      }
    }
    return words >= 2 && words <= 20
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
    default: break
    }
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

/// The phrase keys of a file or a run, as a byte trie, for finding every rendering of
/// them. Shared read-only between threads.
struct PhraseCatalog: Sendable {
  let keys: [String]
  /// Edges (node, byte) → child, as `TransitionTable` keys with the byte as the token.
  private let edges: TransitionTable
  /// Per node, the index of the key that ends there, or -1.
  private let terminals: [Int32]
  /// Hashes of every prefix of every key: a token whose hash is not here starts nothing.
  private let prefixes: HashSet64
  /// The first three bytes of the keys' first tokens and of the keys themselves: the
  /// prefilter at every word start of the text.
  let triples: TripleSet
  /// Some key starts with a number (`#`) or a digit, or with a non-ASCII letter.
  let numberStarts: Bool
  let nonASCIIStarts: Bool

  var isEmpty: Bool { keys.isEmpty }

  init<S: Sequence>(anchors: S) where S.Element == PhraseAnchor {
    var firstTokens: [String: [[UInt8]]] = [:]
    for anchor in anchors { firstTokens[anchor.key, default: []].append(anchor.firstToken) }
    let keys = firstTokens.keys.sorted()
    var edges: [UInt64: Int32] = [:]
    var terminals: [Int32] = [-1]
    var prefixes: [UInt64] = []
    var triples = TripleSet()
    var numberStarts = false
    var nonASCIIStarts = false
    for (index, key) in keys.enumerated() {
      var node: Int32 = 0
      let bytes = Array(key.utf8)
      for (length, byte) in bytes.enumerated() {
        // Every prefix: a token at a text's word start is looked up by its hash.
        prefixes.append(Tokenizer.hash(bytes[...length]))
        let edge = TransitionTable.key(node: node, token: Int32(byte))
        if let child = edges[edge] {
          node = child
        } else {
          let child = Int32(terminals.count)
          edges[edge] = child
          terminals.append(-1)
          node = child
        }
      }
      terminals[Int(node)] = Int32(index)
      for start in (firstTokens[key] ?? []) + [bytes] {
        guard let first = start.first else { continue }
        if first == UInt8(ascii: "#") || (48...57).contains(first) {
          numberStarts = true
        } else if first >= 0x80 {
          nonASCIIStarts = true
        } else {
          triples.insert(start)
        }
      }
    }
    // A key that starts with a number may start at a number word ("ten special actions").
    if numberStarts {
      for word in NumberWords.english.words { prefixes.append(Phrases.hash(word.utf8)) }
    }
    self.keys = keys
    self.edges = TransitionTable(edges)
    self.terminals = terminals
    self.prefixes = HashSet64(prefixes)
    self.triples = triples
    self.numberStarts = numberStarts
    self.nonASCIIStarts = nonASCIIStarts
  }

  @inline(__always)
  private func walk(_ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int32?
  {
    var node = node
    for index in range {
      guard let child = edges.child(of: node, token: Int32(bytes[index])) else { return nil }
      node = child
    }
    return node
  }

  private func walk(_ node: Int32, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBufferPointer { walk(node, $0, 0..<$0.count) }
  }

  /// Feeds one token's key bytes from `node`.
  @inline(__always)
  private func step(_ node: Int32, _ token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>)
    -> Int32?
  {
    switch token.kind {
    case .word: walk(node, text, token.start..<token.end)
    case .hyphen: edges.child(of: node, token: Int32(UInt8(ascii: "-")))
    case .number: walk(node, Array("#\(token.value)#".utf8))
    default: nil
    }
  }

  /// The longest key that starts with `token` (a word or a number at a word start):
  /// (folded range, key index, where reading continues). Spaces and apostrophes between
  /// words do not count; marks other than hyphens end a key.
  func occurrence(
    startingWith token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>,
    reader: inout NumberReader
  ) -> (range: Range<Int>, key: Int, next: Int)? {
    let hash: UInt64
    switch token.kind {
    case .word: hash = token.hash
    case .number: hash = Phrases.hash("#\(token.value)#".utf8)
    default: return nil
    }
    guard prefixes.contains(hash), var node = step(0, token, in: text) else { return nil }
    var best: (end: Int, next: Int, key: Int32)?
    if terminals[Int(node)] >= 0 { best = (token.end, token.next, terminals[Int(node)]) }
    var position = token.next
    while let next = reader.next(in: text, from: position) {
      position = next.next
      if next.kind == .apostrophe { continue }
      guard let child = step(node, next, in: text) else { break }
      node = child
      if terminals[Int(node)] >= 0 { best = (next.end, next.next, terminals[Int(node)]) }
    }
    guard let best else { return nil }
    return (token.start..<best.end, Int(best.key), best.next)
  }
}

/// Three-letter prefixes of words (a–z, then a–z or "anything else"), as a bit set: the
/// test at each word start that keeps most of the text away from tokenizing.
struct TripleSet: Sendable {
  private var bits = [UInt64](repeating: 0, count: (26 * 27 * 27 + 63) / 64)

  init() {}

  @inline(__always)
  static func code(_ byte: UInt8) -> Int { byte >= 97 && byte <= 122 ? Int(byte - 97) : 26 }

  /// The index of a word starting with `first` (a–z), then `second`, `third`.
  @inline(__always)
  static func index(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    Int(first - 97) * 729 + code(second) * 27 + code(third)
  }

  mutating func insert(_ word: [UInt8]) {
    guard let first = word.first, first >= 97 && first <= 122 else { return }
    let index = Self.index(first, word.count > 1 ? word[1] : 0, word.count > 2 ? word[2] : 0)
    bits[index >> 6] |= 1 << UInt64(index & 63)
  }

  /// Whether a word starting at `position` of `text` (with a–z there) may be in the set.
  @inline(__always)
  func contains(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = text.count
    let index = Self.index(
      text[position], position + 1 < count ? text[position + 1] : 0,
      position + 2 < count ? text[position + 2] : 0)
    return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
  }
}

/// A set of 64-bit hashes with open addressing, for a membership test per token that costs
/// one or two probes (the values are token hashes already, so they are used as they are).
struct HashSet64: Sendable {
  private let slots: [UInt64]
  private let used: [Bool]
  private let mask: Int

  init(_ values: [UInt64]) {
    var capacity = 16
    while capacity < values.count * 2 { capacity *= 2 }
    var slots = [UInt64](repeating: 0, count: capacity)
    var used = [Bool](repeating: false, count: capacity)
    for value in values {
      var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & (capacity - 1)
      while used[slot] && slots[slot] != value { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = value
      used[slot] = true
    }
    self.slots = slots
    self.used = used
    mask = capacity - 1
  }

  @inline(__always)
  func contains(_ value: UInt64) -> Bool {
    var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & mask
    while used[slot] {
      if slots[slot] == value { return true }
      slot = (slot + 1) & mask
    }
    return false
  }
}

extension String {
  /// The string without spaces, tabs and line breaks at its end.
  func trimmingTrailingWhitespace() -> Substring {
    var end = endIndex
    while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
    return self[..<end]
  }
}
