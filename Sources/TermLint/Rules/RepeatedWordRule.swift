// Rules stage: `repeated-word` — a word written twice with only whitespace between.

/// A word repeated with nothing but whitespace between ("the the", "of\nof"), compared
/// case-insensitively; the grammatical doubles English has are allowed.
public struct RepeatedWordRule: TextRule {
  public static let description = RuleDescription(
    id: "repeated-word",
    summary: "A word is repeated with only whitespace between (“the the”).",
    rationale: """
      Machine translation doubles short words where two source phrases each brought one \
      (“promote the the high-quality development”, “of of”), and a line break hides the \
      repetition from a reader. Words are compared ignoring case, across a line break and \
      inline markup too (rules read the text without markup), but never across \
      punctuation or a blank line; a function word again as the first part of a compound \
      counts (“on on-site”). Not reported: numbers (“1 1”), words inside URLs and e-mail \
      addresses, a doubled name — two capitalised words of at most four letters or one \
      pinyin syllable, not function words (“Bing Dwen Dwen”, “Lu Lu”, “Zhang Zhang”; \
      “China China” is reported) — and English's grammatical doubles: “had had”, “that \
      that”, “her her”, the intensifiers and interjections (“very very”, “many many”, “bye \
      bye”, “no no”, “so so”, “ha ha”, “hear hear” …), a noun before its modal after a \
      determiner or adjective (“the political will will”, “the tin can can”), “is is” and \
      “was was” after what/all/who… (“what it is is”), “do do” after a pronoun (“they do \
      do”), a verb's particle before the same preposition (“came in in”, “carried on on”) \
      and “up up to”. The fix deletes the second word and the whitespace before it (safe: \
      the two words are the same once case is folded); a run of three becomes one. A span \
      the glossary matches is left to its rules: “Eighth Eighth Strategy” is a `variant`.
      """,
    defaultSeverity: .warning, fixable: true,
    flagExamples: [
      "We will promote ⟦the the→⟧ high-quality development of the private economy.",
      "It is necessary to strengthen the leadership ⟦of\nof→⟧ the Party over the work.",
      "⟦The the→⟧ meeting was held in Jiaxing on the afternoon of February 1.",
      "The inspection team carried out ⟦on on→⟧-site supervision in 12 counties.",
      "They pledged ⟦to to to→⟧ deepen reform and opening up.",
    ],
    passExamples: [
      "Those who had had the chance to study the spirit of the congress shared it.",
      "He said that that was the task of the new era.",
      "What it is is a plan to build a strong city with smart manufacturing.",
      "The mascots Bing Dwen Dwen and Shuey Rhon Rhon were very very popular.",
      "They set up up to 20 stations and logged in in the morning; the Eighth Eighth Strategy.",
      "The index moved from 1 1 to 2 2; see www.gov.cn/policy policy documents or https://a.cn/x x.",
      "implement the “Eight Eight” strategy in depth (八八 read digit by digit)",
      "The delegates read out “the”, “the” and “the”: the, the, the.",
    ])

  public init() {}

  public func check(_ context: TextContext) -> [Finding] {
    context.bytes.withUnsafeBufferPointer { check(context, $0) }
  }

  func check(_ context: TextContext, _ bytes: UnsafeBufferPointer<UInt8>) -> [Finding] {
    var findings: [Finding] = []
    Self.asciiClass.withUnsafeBufferPointer { classes in
      for paragraph in context.paragraphs {
        check(bytes, paragraph, classes: classes, into: &findings)
      }
    }
    return findings
  }

  struct Word {
    var range: Range<Int>
    var ascii: Bool
    var hasDigit: Bool
    var capitalised: Bool
  }

  /// ASCII byte classes: 0 other, 1 letter, 2 digit, 3 whitespace.
  static let asciiClass: [UInt8] = (0..<128).map { byte -> UInt8 in
    switch UInt8(byte) {
    case 0x41...0x5A, 0x61...0x7A: return 1
    case 0x30...0x39: return 2
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: return 3
    default: return 0
    }
  }

  func check(
    _ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>,
    classes: UnsafeBufferPointer<UInt8>, into findings: inout [Finding]
  ) {
    // URLs are looked for only when a repetition is found (rarely).
    var urls: [Range<Int>]?
    func inURL(_ range: Range<Int>) -> Bool {
      let spans = urls ?? URLSpans.find(in: bytes, paragraph)
      urls = spans
      return URLSpans.overlap(spans, range)
    }
    var previous: Word?
    var onlySpace = false
    // The finding of the run the previous word ended, if any.
    var run: (index: Int, first: Word)?
    var index = paragraph.lowerBound
    let end = paragraph.upperBound
    while index < end {
      let byte = bytes[index]
      let word: Word
      if byte < 0x80 {
        let kind = classes[Int(byte)]
        if kind == 3 {
          index += 1
          continue
        }
        if kind == 0 {
          onlySpace = false
          run = nil
          index += 1
          continue
        }
        // An ASCII word, unless a non-ASCII letter follows.
        var stop = index + 1
        var hasDigit = kind == 2
        while stop < end {
          // Letters and digits eight at a time (the loop below took a mispredicted branch
          // at the end of every word and was most of this rule's time).
          if stop + 8 <= end {
            let chunk = SWAR.load(bytes, stop)
            let stops = Tokenizer.nonWordBytes(chunk)
            let run = stops == 0 ? 8 : SWAR.firstByte(stops)
            if run > 0 {
              let kept = run == 8 ? chunk : chunk & ((1 << UInt64(run * 8)) - 1)
              if SWAR.inRange(kept, 0x30, 0x39) != 0 { hasDigit = true }
              stop += run
              if run == 8 { continue }
            }
          }
          let next = bytes[stop]
          guard next < 0x80 else { break }
          let nextKind = classes[Int(next)]
          if nextKind == 1 {
            stop += 1
          } else if nextKind == 2 {
            hasDigit = true
            stop += 1
          } else if (next == UInt8(ascii: "'") || next == UInt8(ascii: "-")) && stop + 1 < end
            && bytes[stop + 1] < 0x80
            && (classes[Int(bytes[stop + 1])] == 1
              || classes[Int(bytes[stop + 1])] == 2)
          {
            stop += 1
          } else {
            break
          }
        }
        if stop < end && bytes[stop] >= 0x80 {
          word = Self.word(bytes, at: index, end: end)
        } else {
          word = Word(
            range: index..<stop, ascii: true, hasDigit: hasDigit,
            capitalised: byte >= 0x41 && byte <= 0x5A)
        }
      } else {
        let (value, length) = Scalars.decode(bytes, at: index)
        guard (Scalars.isLetter(value) && !Scalars.isCJK(value)) || Scalars.isDigit(value) else {
          if !Scalars.isSpace(value) {
            onlySpace = false
            run = nil
          }
          index += length
          continue
        }
        word = Self.word(bytes, at: index, end: end)
      }
      index = word.range.upperBound
      defer {
        previous = word
        onlySpace = true
      }
      guard let before = previous, onlySpace, !word.hasDigit, !before.hasDigit else {
        run = nil
        continue
      }
      guard Self.sameWord(bytes, before, word) else {
        run = nil
        // “on on-site”: a function word again as the first part of a compound (“held
        // held-out talks”, “follow follow-up work” are English).
        if word.range.count > before.range.count + 1,
          let part = Self.firstPart(bytes, of: word, length: before.range.count),
          Self.sameWord(bytes, before, part),
          Self.functionWords.contains(Self.lowercased(bytes, before)),
          !inURL(before.range.lowerBound..<word.range.upperBound)
        {
          findings.append(compoundFinding(bytes, first: before, part: part))
        }
        continue
      }
      if let (at, first) = run {
        findings[at] = finding(bytes, first: first, last: word)
        continue
      }
      guard !Self.isAllowed(bytes, before, word, paragraph: paragraph),
        !inURL(before.range.lowerBound..<word.range.upperBound)
      else { continue }
      run = (findings.count, before)
      findings.append(finding(bytes, first: before, last: word))
    }
  }

  func finding(_ bytes: UnsafeBufferPointer<UInt8>, first: Word, last: Word) -> Finding {
    let text = String(decoding: bytes[first.range], as: UTF8.self)
    let all = TextRange(start: first.range.lowerBound, end: last.range.upperBound)
    return Finding(
      rule: Self.description.id, range: all,
      message: "repeated word \(quoted(text)): delete the repetition",
      fix: Fix(
        edits: [
          Edit(range: TextRange(start: first.range.upperBound, end: all.end), replacement: "")
        ], applicability: .safe), term: nil)
  }

  /// “on on-site”: the finding covers the word and the compound's first part; the fix
  /// deletes the word and the whitespace after it.
  func compoundFinding(_ bytes: UnsafeBufferPointer<UInt8>, first: Word, part: Word) -> Finding {
    let text = String(decoding: bytes[first.range], as: UTF8.self)
    return Finding(
      rule: Self.description.id,
      range: TextRange(start: first.range.lowerBound, end: part.range.upperBound),
      message: "repeated word \(quoted(text)): delete the repetition",
      fix: Fix(
        edits: [
          Edit(
            range: TextRange(start: first.range.lowerBound, end: part.range.lowerBound),
            replacement: "")
        ], applicability: .safe), term: nil)
  }

  /// The first `length` bytes of a hyphenated word, if a hyphen follows them.
  static func firstPart(_ bytes: UnsafeBufferPointer<UInt8>, of word: Word, length: Int) -> Word? {
    let cut = word.range.lowerBound + length
    guard cut + 1 < word.range.upperBound else { return nil }
    let hyphen =
      bytes[cut] == UInt8(ascii: "-")
      || (bytes[cut] == 0xE2 && cut + 2 < word.range.upperBound && bytes[cut + 1] == 0x80
        && (bytes[cut + 2] == 0x90 || bytes[cut + 2] == 0x91))
    guard hyphen else { return nil }
    var part = word
    part.range = word.range.lowerBound..<cut
    return part
  }

  /// The word that starts at `index`: letters, marks and digits, with an apostrophe or a
  /// hyphen inside (“People's”, “high-quality”).
  static func word(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Word {
    var index = start
    var ascii = true
    var hasDigit = false
    let first = Scalars.decode(bytes, at: start).value
    let capitalised =
      first < 0x80
      ? first >= 0x41 && first <= 0x5A
      : Unicode.Scalar(first)?.properties.isUppercase == true
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A {
          index += 1
          continue
        }
        if byte >= 0x30 && byte <= 0x39 {
          hasDigit = true
          index += 1
          continue
        }
        if (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) && index > start
          && index + 1 < end && isWordScalar(Scalars.decode(bytes, at: index + 1).value)
        {
          index += 1
          continue
        }
        break
      }
      let (value, length) = Scalars.decode(bytes, at: index)
      if (Scalars.isLetter(value) && !Scalars.isCJK(value)) || Scalars.isMark(value) {
        ascii = false
        index += length
        continue
      }
      if Scalars.isDigit(value) {
        ascii = false
        hasDigit = true
        index += length
        continue
      }
      if (value == 0x2019 || value == 0x2010 || value == 0x2011) && index + length < end
        && isWordScalar(Scalars.decode(bytes, at: index + length).value)
      {
        ascii = false
        index += length
        continue
      }
      break
    }
    return Word(range: start..<index, ascii: ascii, hasDigit: hasDigit, capitalised: capitalised)
  }

  static func isWordScalar(_ value: UInt32) -> Bool {
    (Scalars.isLetter(value) && !Scalars.isCJK(value)) || Scalars.isDigit(value)
  }

  /// Whether two words are the same once case is folded.
  static func sameWord(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Word, _ b: Word) -> Bool {
    if a.ascii && b.ascii {
      guard a.range.count == b.range.count else { return false }
      var i = a.range.lowerBound
      var j = b.range.lowerBound
      while i < a.range.upperBound {
        // Words hold letters, digits, apostrophes and hyphens: OR 0x20 folds only case.
        if bytes[i] | 0x20 != bytes[j] | 0x20 { return false }
        i += 1
        j += 1
      }
      return true
    }
    return lowercased(bytes, a) == lowercased(bytes, b)
  }

  static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Word) -> String {
    String(decoding: bytes[word.range], as: UTF8.self).lowercased()
  }

  // MARK: The doubles English allows

  /// Always grammatical (or an interjection) when doubled.
  static let allowed: Set<String> = [
    "had", "that", "her", "very", "really", "many", "much", "far", "long", "bye", "no", "so",
    "yes", "yeah", "well", "now", "there", "dear", "come", "go", "ha", "haha", "ho", "hee",
    "hip", "knock", "tut", "tsk", "chop", "night", "blah", "bla", "yada", "hear", "oh", "uh",
    "huh", "mm", "hmm", "hush", "pooh", "goody", "boo", "choo", "cha", "rah", "wah", "bang",
    "bora", "walla", "baden", "sing", "murmur", "tom", "pom", "beep", "ding", "dong",
  ]

  static let pinyinInitials = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
    "r", "z", "c", "s", "y", "w",
  ]
  static let pinyinFinals: Set<String> = [
    "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "i", "ia",
    "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan",
    "un", "uang", "ueng", "ue", "v", "ve", "ü", "üe", "üan", "ün",
  ]

  /// Whether a lowercased word is one pinyin syllable without tone marks ("zhang", "yuan").
  static func isPinyinSyllable(_ word: String) -> Bool {
    if pinyinFinals.contains(word) { return true }
    for initial in pinyinInitials where word.hasPrefix(initial) {
      if pinyinFinals.contains(String(word.dropFirst(initial.count))) { return true }
    }
    return false
  }

  /// "The political will will …": a noun before the modal it spells, after a determiner or
  /// an adjective that goes with it.
  static let nouns: Set<String> = ["will", "can", "might"]
  static let determiners: Set<String> = [
    "the", "a", "his", "her", "their", "our", "its", "my", "your", "this", "that", "each",
    "every", "whose", "political", "popular", "public", "national", "collective", "strong",
    "good", "free", "firm", "tin", "watering", "military", "economic",
  ]

  /// Doubled words that stay errors even when both are capitalised ("The The" in a title).
  static let functionWords: Set<String> = [
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "it", "this", "its", "their", "our", "we", "i",
  ]

  /// "What it is is …": a copula doubled after a free relative.
  static let copulas: Set<String> = ["is", "was", "are", "were"]
  static let relatives: Set<String> = [
    "what", "whatever", "all", "who", "where", "how", "why", "thing",
  ]

  /// "They do do …": emphatic do after a subject.
  static let doForms: Set<String> = ["do", "does"]
  static let subjects: Set<String> = [
    "i", "you", "we", "they", "he", "she", "it", "people", "who", "which", "that",
  ]

  /// "came in in the evening": a verb's particle, then the same preposition.
  static let particles: Set<String> = [
    "in", "on", "up", "out", "off", "over", "down", "by", "around", "through",
  ]
  static let phrasalVerbs: Set<String> = [
    "come", "came", "go", "went", "gone", "log", "sign", "check", "carry", "carried", "move",
    "hold", "held", "set", "get", "got", "turn", "put", "take", "took", "taken", "give",
    "gave", "given", "break", "broke", "broken", "fill", "call", "look", "bring", "brought",
    "live", "pass", "stand", "stood", "drop", "keep", "kept", "pick", "run", "ran", "sit",
    "sat", "weigh", "fit", "hand", "turned", "walk", "drive", "drove", "driven", "fly", "flew",
    "stop", "stay", "pull", "push", "lock", "shut", "back", "cut", "let", "hang", "hung",
    "sent", "send", "switch", "plug", "phase", "wrap", "sum", "end", "fall", "fell", "tune",
  ]

  /// English number words, cardinal and ordinal, up to twenty, and the tens.
  static let numberWords: Set<String> = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "double", "twin",
  ]

  static func isAllowed(
    _ bytes: UnsafeBufferPointer<UInt8>, _ a: Word, _ b: Word, paragraph: Range<Int>
  ) -> Bool {
    let key = lowercased(bytes, a)
    if allowed.contains(key) { return true }
    // A number word doubled is a number read digit by digit ("Eight Eight" for 八八, "the
    // two two-session meetings"): `numeral-variant` and `missing-term` judge it; deleting one
    // would change the number.
    if numberWords.contains(key) { return true }
    // Two capitalised words: a doubled name ("Bing Dwen Dwen", "Lu Lu", "Zhang Zhang"): a
    // short word or a pinyin syllable, not a function word or a possessive.
    if a.capitalised && b.capitalised && !functionWords.contains(key)
      && (key.count <= 4 || isPinyinSyllable(key))
    {
      return true
    }
    if nouns.contains(key) {
      let before = previousWords(
        bytes, before: a.range.lowerBound, paragraph: paragraph, count: 1)
      return before.first.map { determiners.contains($0) } ?? false
    }
    if copulas.contains(key) {
      return previousWords(bytes, before: a.range.lowerBound, paragraph: paragraph, count: 3)
        .contains { relatives.contains($0) }
    }
    if doForms.contains(key) {
      let before = previousWords(
        bytes, before: a.range.lowerBound, paragraph: paragraph, count: 1)
      return before.first.map { subjects.contains($0) } ?? false
    }
    if particles.contains(key) {
      // “set up up to 20 stations”
      if key == "up" && nextWord(bytes, after: b.range.upperBound, paragraph: paragraph) == "to" {
        return true
      }
      guard
        let verb = previousWords(
          bytes, before: a.range.lowerBound, paragraph: paragraph, count: 1
        ).first
      else { return false }
      return phrasalVerbs.contains(verb) || stems(verb).contains { phrasalVerbs.contains($0) }
    }
    return false
  }

  /// What a verb may be without its -s, -es, -ed or -ing ending ("logged" → "log",
  /// "moving" → "move", "checks" → "check").
  static func stems(_ word: String) -> [String] {
    var result: [String] = []
    for suffix in ["ing", "ed", "es", "s"] where word.hasSuffix(suffix) && word.count > 3 {
      let base = String(word.dropLast(suffix.count))
      result += [base, base + "e"]
      // A doubled final consonant: "logged", "dropping".
      if let last = base.last, base.count > 2, base.dropLast().last == last {
        result.append(String(base.dropLast()))
      }
    }
    return result
  }

  /// The ASCII word right after `index` (past spaces), lowercased.
  static func nextWord(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int, paragraph: Range<Int>)
    -> String?
  {
    var start = index
    while start < paragraph.upperBound && Scalars.isSpace(UInt32(bytes[start])) { start += 1 }
    var end = start
    while end < paragraph.upperBound && bytes[end] | 0x20 >= 0x61 && bytes[end] | 0x20 <= 0x7A {
      end += 1
    }
    return end > start ? String(decoding: bytes[start..<end], as: UTF8.self).lowercased() : nil
  }

  /// Up to `count` ASCII words before `index` in the same clause, nearest first, lowercased.
  static func previousWords(
    _ bytes: UnsafeBufferPointer<UInt8>, before index: Int, paragraph: Range<Int>, count: Int
  ) -> [String] {
    var words: [String] = []
    var at = index
    while at > paragraph.lowerBound && words.count < count {
      let byte = bytes[at - 1]
      if ".!?;:".utf8.contains(byte) { break }
      guard byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A else {
        at -= 1
        continue
      }
      let end = at
      while at > paragraph.lowerBound && bytes[at - 1] | 0x20 >= 0x61
        && bytes[at - 1] | 0x20 <= 0x7A
      {
        at -= 1
      }
      words.append(String(decoding: bytes[at..<end], as: UTF8.self).lowercased())
    }
    return words
  }
}
