// Match stage: forms of three or more content words by their bag of words, and the places
// in a folded text where those words stand in another order (`reordered`).
//
// Takes: the compiled glossary (once), then a file's folded text and the folded ranges of
// its glossary matches. Gives: windows whose content words are exactly those of a listed
// form, in an order no listed form of the concept has.

import GlossaryModel
import Synchronization

/// A place where the content words of a listed form stand in another order.
struct ReorderMatch: Equatable, Sendable {
  /// From the first content word to the last, in folded coordinates.
  var folded: Range<Int>
  /// The form whose words these are (an entry of the compiled glossary).
  var entry: Int
  /// Whether the word in the head's place (the preferred form's last content word) is
  /// written in the plural.
  var pluralHead: Bool
  /// The folded ranges of the window's content words.
  var words: [Range<Int>]
  /// A word right after the window with nothing but space between, if any: the rule
  /// decides from the text's case whether the window ends a name there.
  var following: Range<Int>?
}

/// Forms of at least three content words, keyed by the multiset of their words.
///
/// A content word is a word token that is not a function word (of, the, and, for …), taken
/// without an English plural ending (so "zones" and "zone" are one word). Every surface of a
/// word (the form's own, its singular, its plural) is a key of one token table, so the scan
/// looks each text token up once, as the glossary matcher does, and never inflects text.
/// A bag is found by an additive hash of its words' random keys, grown one word at a time
/// along a run of text, and confirmed by comparing the sorted words.
struct ReorderIndex: Sendable {
  struct Shape: Sendable {
    var entry: Int32
    var termIndex: Int32
    /// Word ids in the form's order, and sorted.
    var words: [Int32]
    var sorted: [Int32]
    var functionWords: Int
    /// Punctuation the form has between its words ("," and "." as `punctuationBit`s),
    /// which a window may then have.
    var punctuationBits: UInt8
    /// Positions i in `words` where words i and i+1 are joined by a hyphen (“Five-Sphere”).
    var hyphens: [Int]
  }

  // Not private: the glossary cache stores these (`ReorderIndex+Storage.swift`); the word
  // keys, the filter and the run limits follow from them.
  /// Surfaces of content words and function words.
  let vocabulary: TokenTable
  /// Per surface id: the word id (≥ 0), or `functionWord`.
  let surfaceWord: FlatTable<Int32>
  /// Per surface id: 1 when it is a plural surface of its word, else 0.
  let surfacePlural: FlatTable<UInt8>
  /// One key per word id.
  let wordKey: [UInt64]
  /// Bag hash → shapes with that bag.
  let bags: BagTable
  let shapes: ShapeTable
  /// Per concept, the word id of its preferred form's last content word, or -1.
  let headWord: FlatTable<Int32>
  /// Per word id, the most words of a shape (with a bag of its own) that holds it; 0 for
  /// a word only shorter forms have, which can be in no window and so ends a run.
  private let longestWith: [Int32]
  /// A bit per bag-hash prefix (the top `64 - bagShift` bits) of every bag: most windows
  /// are refused here without a search of the bag table. At least 16 bits, grown until
  /// about one bit in sixteen is set (10,000 terms have about 40,000 bags: a fixed 16-bit
  /// prefix let nearly half the windows through).
  private let bagFilter: [UInt64]
  private let bagShift: UInt64
  /// Punctuation some form has between words, as `punctuationBit`s: a window may hold it.
  private let formPunctuation: UInt8

  static let functionWord: Int32 = -2
  /// “and”: a function word that joins two conjuncts, which MT may swap.
  static let andWord: Int32 = -3
  static let minimumWords = 3
  /// A gap between two content words holds at most this many function words.
  static let maximumGap = 3

  /// Ignored between content words (and not counted).
  static let functionWords: [String] = [
    "a", "an", "the", "of", "and", "or", "for", "on", "in", "to", "with", "&",
  ]

  /// Words whose final s is not a plural ending.
  static let notPlural: Set<String> = [
    "news", "series", "species", "means", "politics", "economics", "statistics", "affairs",
    "arms", "goods", "basis", "crisis", "analysis", "status", "campus", "census", "process",
  ]

  var isEmpty: Bool { shapes.isEmpty }

  init(glossary: CompiledGlossary) {
    var builder = TokenTable.Builder()
    var surfaceWord: [Int32] = []
    var surfacePlural: [UInt8] = []
    var lemmas: [String: Int32] = [:]
    func intern(_ surface: String, word: Int32, plural: Bool) {
      let bytes = Array(surface.utf8)
      let id = bytes.withUnsafeBufferPointer {
        builder.intern($0, hash: Tokenizer.hash($0, 0, $0.count))
      }
      if Int(id) == surfaceWord.count {
        surfaceWord.append(word)
        surfacePlural.append(plural ? 1 : 0)
      }
    }
    for word in Self.functionWords {
      intern(word, word: word == "and" ? Self.andWord : Self.functionWord, plural: false)
    }
    func wordID(_ surface: String) -> Int32 {
      let lemma = Self.lemma(surface)
      if let id = lemmas[lemma] { return id }
      let id = Int32(lemmas.count)
      lemmas[lemma] = id
      intern(lemma, word: id, plural: false)
      if let plural = Inflection.pluralWord(lemma), plural != lemma {
        intern(plural, word: id, plural: true)
      }
      if surface != lemma { intern(surface, word: id, plural: true) }
      return id
    }
    var shapes: [Shape] = []
    var headWord = [Int32](repeating: -1, count: glossary.terms.count)
    for (index, entry) in glossary.entries.enumerated() {
      // Derived entries (plural, unquoted) have the bag of their listed form.
      guard !entry.isPlural, !entry.isUnquoted else { continue }
      let term = glossary.terms[entry.termIndex]
      guard !term.matchCase, term.preferred != nil else { continue }
      guard let (words, functionCount, punctuation, hyphens) = Self.contentWords(of: entry.folded)
      else { continue }
      let ids = words.map(wordID)
      if entry.kind == .preferred {
        let tokens = Tokenizer.tokens(of: entry.folded).map {
          String(decoding: entry.folded[$0.start..<$0.end], as: UTF8.self)
        }
        if let head = Self.headPosition(of: tokens) {
          headWord[entry.termIndex] = wordID(tokens[head])
        }
      }
      guard ids.count >= Self.minimumWords else { continue }
      shapes.append(
        Shape(
          entry: Int32(index), termIndex: Int32(entry.termIndex), words: ids,
          sorted: ids.sorted(), functionWords: functionCount,
          punctuationBits: punctuation.reduce(0) { $0 | Self.punctuationBit($1) },
          hyphens: hyphens))
    }
    let table = ShapeTable(shapes)
    let keys = Self.wordKeys(count: lemmas.count)
    self.init(
      vocabulary: TokenTable(builder), surfaceWord: FlatTable(surfaceWord),
      surfacePlural: FlatTable(surfacePlural), shapes: table,
      bags: BagTable(table, wordKey: keys), headWord: FlatTable(headWord), wordKey: keys)
  }

  /// Random-looking 64-bit keys, one per word id (a bag's hash is the sum of its words').
  static func wordKeys(count: Int) -> [UInt64] {
    var keys: [UInt64] = []
    keys.reserveCapacity(count)
    var state: UInt64 = 0x243F_6A88_85A3_08D3
    for _ in 0..<count {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      keys.append(z ^ (z >> 31))
    }
    return keys
  }

  /// The index from its stored parts (`ReorderIndex+Storage.swift`) or the ones `init`
  /// made: the filter and the run limits follow from them.
  init(
    vocabulary: TokenTable, surfaceWord: FlatTable<Int32>, surfacePlural: FlatTable<UInt8>,
    shapes: ShapeTable, bags: BagTable, headWord: FlatTable<Int32>, wordKey: [UInt64]
  ) {
    self.vocabulary = vocabulary
    self.surfaceWord = surfaceWord
    self.surfacePlural = surfacePlural
    self.wordKey = wordKey
    self.bags = bags
    self.shapes = shapes
    self.headWord = headWord
    self.formPunctuation = shapes.punctuationBits.reduce(0, |)
    var longest = [Int32](repeating: 0, count: wordKey.count)
    for shape in bags.shapes {
      let words = shapes.words(of: Int(shape))
      for word in words { longest[Int(word)] = max(longest[Int(word)], Int32(words.count)) }
    }
    longestWith = longest
    var prefixBits = 16
    while prefixBits < 26 && (1 << prefixBits) < bags.count * 16 { prefixBits += 1 }
    let shift = UInt64(64 - prefixBits)
    var filter = [UInt64](repeating: 0, count: (1 << prefixBits) / 64)
    for bag in bags.keys {
      let bit = Int(truncatingIfNeeded: bag >> shift)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    bagFilter = filter
    bagShift = shift
  }

  /// Prepositions after which a form's head has been said (“zone for common prosperity”).
  static let prepositions: Set<String> = ["of", "for", "on", "in", "to", "with"]

  /// The index of a form's head word among its tokens (lower case): the last content word
  /// before the first preposition, else the last content word.
  static func headPosition(of tokens: [String]) -> Int? {
    var head: Int?
    for (index, token) in tokens.enumerated() {
      let lower = token.lowercased()
      if prepositions.contains(lower) && head != nil { break }
      guard let first = lower.unicodeScalars.first,
        first.properties.isAlphabetic
          || ("0"..."9").contains(first), !functionWords.contains(lower)
      else { continue }
      // The s of a possessive ’s is no word.
      if lower == "s", index > 0, tokens[index - 1] == "'" || tokens[index - 1] == "’" {
        continue
      }
      head = index
    }
    return head
  }

  /// `form` with its head word in the plural (“demonstration zones for common
  /// prosperity”), or nil when the head has no plural.
  static func pluralOfHead(_ form: String) -> String? {
    var tokens = FormComparison.rawTokens(form)
    guard let head = headPosition(of: tokens.map(\.text)),
      let plural = Inflection.pluralWord(tokens[head].text)
    else { return nil }
    tokens[head].text = plural
    return tokens.map { $0.gap + $0.text }.joined()
  }

  /// A word without its English plural ending ("zones" → "zone", "cities" → "city").
  static func lemma(_ word: String) -> String {
    if let singular = singularOfIrregular[word] { return singular }
    guard word.count > 3, word.hasSuffix("s"), !notPlural.contains(word) else { return word }
    if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
    if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
    for ending in ["ches", "shes", "xes", "zes"] where word.hasSuffix(ending) {
      return String(word.dropLast(2))
    }
    return String(word.dropLast())
  }

  static let singularOfIrregular: [String: String] = Dictionary(
    Inflection.irregular.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })

  /// The content words of a folded form in order, the number of function words between
  /// them and the punctuation between them; nil when the form has a token that is neither
  /// a word, a hyphen, a quotation mark nor punctuation between words.
  static func contentWords(of folded: [UInt8]) -> (
    words: [String], functionWords: Int, punctuation: [UInt8], hyphens: [Int]
  )? {
    var words: [String] = []
    var functionCount = 0
    var punctuation: [UInt8] = []
    var hyphens: [Int] = []
    // Whether only a hyphen stands since the last content word.
    var hyphenOnly = false
    let tokens = Tokenizer.tokens(of: folded)
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      let text = String(decoding: folded[token.start..<token.end], as: UTF8.self)
      index += 1
      if token.end - token.start == 1, let byte = folded.dropFirst(token.start).first,
        byte < 0x80, !isWordByte(byte)
      {
        // A possessive ’s belongs to its word.
        if byte == UInt8(ascii: "'"), index < tokens.count, token.start > 0,
          isWordByte(folded[token.start - 1]),
          folded[tokens[index].start..<tokens[index].end].elementsEqual("s".utf8)
        {
          index += 1
          continue
        }
        if byte == UInt8(ascii: "-") && !words.isEmpty
          && folded[token.start - 1] != UInt8(ascii: " ")
        {
          hyphenOnly = true
          continue
        }
        hyphenOnly = false
        if byte == UInt8(ascii: "&") {
          functionCount += 1
        } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
          if !words.isEmpty { punctuation.append(byte) }
        } else if !(byte == UInt8(ascii: "-") || byte == UInt8(ascii: "\"")
          || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")"))
        {
          return nil
        }
        continue
      }
      guard let first = folded.dropFirst(token.start).first, isWordByte(first) || first >= 0x80
      else { return nil }
      if functionWords.contains(text) {
        functionCount += 1
      } else {
        if hyphenOnly { hyphens.append(words.count - 1) }
        words.append(text)
      }
      hyphenOnly = false
    }
    return (words, functionCount, punctuation, hyphens)
  }

  @inline(__always)
  static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte &- 97 < 26 || byte &- 48 < 10
  }

  /// One content word of a run of text: its word id, its place, and what stands between it
  /// and the word before in the run.
  private struct RunWord {
    var word: Int32
    var range: Range<Int>
    var plural: Bool
    /// Function words in the gap before it (0 for the first word of a run).
    var gapFunctionWords: Int
    /// Whether the gap before it holds no function word and no punctuation (only space,
    /// hyphens, quotes): the two words are one compound.
    var tightBefore: Bool
    /// Punctuation in the gap before it, as `punctuationBit`s (a bit mask, not an array: a
    /// run word is copied at every step of the window scan).
    var gapPunctuation: UInt8
    /// Whether the gap before it holds “and” (or “&”).
    var gapHasAnd = false
    /// Whether it is joined to the word before by a hyphen alone (“belt-tightening”).
    var hyphenBefore = false
  }

  /// The windows of `text` (folded) whose content words are a listed form's in another
  /// order, leftmost-longest, not crossing any of `exclusions` (folded ranges of glossary
  /// matches, sorted) unless they hold it whole.
  func matches(in text: [UInt8], excluding exclusions: [Range<Int>]) -> [ReorderMatch] {
    guard !shapes.isEmpty else { return [] }
    var result: [ReorderMatch] = []
    let classTable = Tokenizer.asciiClassValues
    text.withUnsafeBufferPointer { buffer in
      classTable.withUnsafeBufferPointer { classes in
        var run: [RunWord] = []
        var gapFunction = 0
        var gapPunctuation: UInt8 = 0
        var gapTight = true
        var gapAnd = false
        var gapHyphen = false
        var position = 0
        func endRun(tail: RunWord?) {
          if run.count >= Self.minimumWords {
            windows(in: run, tail: tail, exclusions: exclusions, into: &result)
          }
          run.removeAll(keepingCapacity: true)
          gapFunction = 0
          gapPunctuation = 0
          gapTight = true
          gapAnd = false
          gapHyphen = false
        }
        while let token = Tokenizer.next(in: buffer, from: position, classes: classes) {
          position = token.end
          let first = buffer[token.start]
          if token.end - token.start == 1 && first < 0x80 && !Self.isWordByte(first) {
            switch first {
            case UInt8(ascii: "-"):
              gapHyphen = true
              continue
            case UInt8(ascii: "\""):
              continue
            case UInt8(ascii: "'"):
              // A possessive ends the run: “the zone's demonstration” is no compound.
              if let next = Tokenizer.next(in: buffer, from: token.end, classes: classes),
                next.start == token.end, next.end == next.start + 1,
                buffer[next.start] == UInt8(ascii: "s"), token.start > 0,
                Self.isWordByte(buffer[token.start - 1])
              {
                position = next.end
                endRun(tail: nil)
              }
              continue
            case UInt8(ascii: "&"):
              gapFunction += 1
              gapTight = false
              gapAnd = true
              if gapFunction > Self.maximumGap { endRun(tail: nil) }
              continue
            default:
              let bit = Self.punctuationBit(first)
              if bit & formPunctuation != 0 && !run.isEmpty {
                gapPunctuation |= bit
                gapTight = false
              } else {
                endRun(tail: nil)
              }
              continue
            }
          }
          let id = vocabulary.lookup(token, in: buffer)
          let word = id >= 0 ? surfaceWord[Int(id)] : -1
          if word == Self.functionWord || word == Self.andWord {
            gapFunction += 1
            gapTight = false
            if word == Self.andWord { gapAnd = true }
            if gapFunction > Self.maximumGap { endRun(tail: nil) }
            continue
          }
          guard word >= 0, longestWith[Int(word)] > 0 else {
            // A word no form has (or a CJK character): the run ends; a word right after
            // it makes the run's last word part of a longer compound.
            let tail = RunWord(
              word: -1, range: token.start..<token.end, plural: false, gapFunctionWords: 0,
              tightBefore: gapTight, gapPunctuation: 0, hyphenBefore: gapTight && gapHyphen)
            endRun(tail: run.isEmpty ? nil : tail)
            continue
          }
          run.append(
            RunWord(
              word: word, range: token.start..<token.end, plural: surfacePlural[Int(id)] != 0,
              gapFunctionWords: run.isEmpty ? 0 : gapFunction,
              tightBefore: !run.isEmpty && gapTight,
              gapPunctuation: run.isEmpty ? 0 : gapPunctuation, gapHasAnd: !run.isEmpty && gapAnd,
              hyphenBefore: !run.isEmpty && gapTight && gapHyphen))
          gapFunction = 0
          gapPunctuation = 0
          gapTight = true
          gapAnd = false
          gapHyphen = false
        }
        endRun(tail: nil)
      }
    }
    return result
  }

  /// The bit of a punctuation byte a form may have between its words (`contentWords`
  /// keeps only these two), 0 for any other byte.
  @inline(__always)
  static func punctuationBit(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: ","): 1
    case UInt8(ascii: "."): 2
    default: 0
    }
  }

  /// The windows of one run, leftmost-longest.
  private func windows(
    in run: [RunWord], tail: RunWord?, exclusions: [Range<Int>],
    into result: inout [ReorderMatch]
  ) {
    var start = 0
    while start + Self.minimumWords <= run.count {
      var best: (length: Int, shape: Int32, next: RunWord?)?
      // The longest window from here in the order of a listed form: no shorter window
      // inside it is a reordering (“structural reform on the supply side” holds “reform on
      // the supply side”, but is itself a listed order).
      var listed = 0
      var bag: UInt64 = 0
      var functionCount = 0
      // The window's first word is in every shape it can be.
      let limit = min(run.count - start, Int(longestWith[Int(run[start].word)]))
      guard limit >= Self.minimumWords else {
        start += 1
        continue
      }
      for length in 1...limit {
        let last = run[start + length - 1]
        bag &+= wordKey[Int(last.word)]
        if length > 1 { functionCount += last.gapFunctionWords }
        guard length >= Self.minimumWords else { continue }
        let bit = Int(truncatingIfNeeded: bag >> bagShift)
        guard bagFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0,
          let candidates = bags.shapes(of: bag)
        else { continue }
        // A word hyphenated to the window's last word: that word belongs to a longer
        // compound (“road and belt-tightening”).
        let next = start + length < run.count ? run[start + length] : tail
        if next?.hyphenBefore == true { continue }
        switch verdict(
          run[start..<(start + length)], functionCount: functionCount, candidates: candidates)
        {
        case .reordered(let shape): best = (length, shape, next)
        case .listedOrder: listed = length
        case .none: break
        }
      }
      guard let (length, shapeIndex, next) = best, length > listed else {
        start += max(1, listed)
        continue
      }
      let window = run[start..<(start + length)]
      let range = run[start].range.lowerBound..<run[start + length - 1].range.upperBound
      if Self.crossesPartly(range, exclusions) {
        start += 1
        continue
      }
      let head = headWord[Int(shapes.termIndex[Int(shapeIndex)])]
      result.append(
        ReorderMatch(
          folded: range, entry: Int(shapes.entry[Int(shapeIndex)]),
          pluralHead: window.contains { $0.word == head && $0.plural },
          words: window.map(\.range), following: next?.tightBefore == true ? next?.range : nil))
      start += length
    }
  }

  enum Verdict {
    case none
    /// The words in the order of a listed form.
    case listedOrder
    /// The words of this shape in another order.
    case reordered(Int32)
  }

  /// Whether a window's words are a shape's in another order, and its gaps fit that shape.
  private func verdict(
    _ window: ArraySlice<RunWord>, functionCount: Int, candidates: Slice<FlatTable<Int32>>
  ) -> Verdict {
    let words = window.map(\.word)
    let sorted = words.sorted()
    var found: Int32?
    for candidate in candidates {
      let shape = Int(candidate)
      guard shapes.sortedWords(of: shape).elementsEqual(sorted) else { continue }
      // The words in the order of a listed form: not a reordering (a difference of
      // function words or hyphens is another rule's business).
      let form = Array(shapes.words(of: shape))
      if form == words { return .listedOrder }
      guard found == nil, functionCount <= Int(shapes.functionWords[shape]) + 2 else {
        continue
      }
      let punctuation = shapes.punctuationBits[shape]
      guard Self.keepsCompounds(window, of: form),
        Self.keepsHyphens(window, of: form, at: shapes.hyphens(of: shape)),
        window.dropFirst().allSatisfy({ $0.gapPunctuation & ~punctuation == 0 })
      else { continue }
      found = candidate
    }
    // Every same-bag form of the concept was compared: none has this order.
    return found.map { .reordered($0) } ?? .none
  }

  /// Whether two words the form joins by a hyphen are joined so in the window too where
  /// they stand side by side (“Integrated plans for five spheres” is no “Five-Sphere
  /// Integrated Plan”).
  private static func keepsHyphens(
    _ window: ArraySlice<RunWord>, of form: [Int32], at hyphens: Slice<FlatTable<Int32>>
  ) -> Bool {
    for at in hyphens.map(Int.init) {
      let (a, b) = (form[at], form[at + 1])
      var index = window.startIndex + 1
      while index < window.endIndex {
        if window[index - 1].word == a && window[index].word == b && !window[index].hyphenBefore {
          return false
        }
        index += 1
      }
    }
    return true
  }

  /// Whether the window's order is one MT makes of the form's, once the two one-word
  /// conjuncts around an “and” may be swapped (“Road and Belt Initiative”): the form cut in
  /// two and the halves swapped (“Strategy of Double-Eight”, “Chinese characteristics
  /// socialism”), or any order in which two words written as one compound are neighbours
  /// in the form too. “prosperity in common zone demonstration” is neither.
  private static func keepsCompounds(_ window: ArraySlice<RunWord>, of form: [Int32]) -> Bool {
    let tight = window.map(\.tightBefore)
    func kept(_ words: [Int32]) -> Bool {
      if isRotation(words, of: form) { return true }
      var index = 1
      while index < words.count {
        if tight[index] && !adjacent(words[index - 1], words[index], in: form) { return false }
        index += 1
      }
      return true
    }
    let words = window.map(\.word)
    if kept(words) { return true }
    let ands = window.indices.filter { window[$0].gapHasAnd }.map { $0 - window.startIndex }
    for at in ands where at >= 1 {
      var swapped = words
      swapped.swapAt(at - 1, at)
      if kept(swapped) { return true }
    }
    return false
  }

  /// Whether `words` is `form` cut in two with the halves swapped.
  static func isRotation(_ words: [Int32], of form: [Int32]) -> Bool {
    guard words.count == form.count, words.count > 1 else { return false }
    for cut in 1..<form.count where words.elementsEqual(form[cut...] + form[..<cut]) {
      return true
    }
    return false
  }

  /// Whether `a` is followed by `b` somewhere in `words`.
  static func adjacent(_ a: Int32, _ b: Int32, in words: [Int32]) -> Bool {
    var index = 0
    while index + 1 < words.count {
      if words[index] == a && words[index + 1] == b { return true }
      index += 1
    }
    return false
  }

  /// Whether `range` overlaps one of `ranges` (sorted) without holding it whole.
  static func crossesPartly(_ range: Range<Int>, _ ranges: [Range<Int>]) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var index = low
    while index < ranges.count && ranges[index].lowerBound < range.upperBound {
      let other = ranges[index]
      if other.lowerBound < range.lowerBound || other.upperBound > range.upperBound {
        return true
      }
      index += 1
    }
    return false
  }
}

/// The reorder index, built on first need: only files with `reordered` enabled use it.
final class LazyReorderIndex: Sendable {
  private let glossary: CompiledGlossary
  private let index = Mutex<ReorderIndex?>(nil)

  init(glossary: CompiledGlossary) { self.glossary = glossary }

  var value: ReorderIndex {
    index.withLock { built in
      if let built { return built }
      let made = glossary.storedReorders ?? ReorderIndex(glossary: glossary)
      built = made
      return made
    }
  }
}
