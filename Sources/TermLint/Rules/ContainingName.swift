// Rules stage: whether a match stands inside one of its concept's longer names
// (`contained_in`), for the rules that would otherwise change part of the name.

import GlossaryModel

/// A concept's `contained_in` names: "people's congress" inside "Jiaxing Municipal People's
/// Congress". A match is inside such a name when the text around it spells the name after
/// folding (case, width, dashes, quotes and spacing do not matter), with the match where
/// the name holds the matched words.
enum ContainingName {
  /// The words of the text before and after the match compared with each name: the
  /// longest name decides how far to read.
  static func covers(_ context: MatchContext) -> Bool {
    // A column first, not `context.term`: this runs for every match, and most concepts
    // have no names (a cached glossary's term is decoded on first read).
    let glossary = context.glossary
    let termIndex = glossary.entries.termIndex(context.match.entry)
    guard glossary.terms.hasContainingNames(termIndex) else { return false }
    let names = glossary.terms.withTerm(termIndex) { $0.containedIn }
    guard !names.isEmpty else { return false }
    var folder = Folder()
    let matched = tokens(folder.fold(context.matchedText))
    guard !matched.isEmpty else { return false }
    let file = context.file
    for name in names {
      let words = tokens(folder.fold(name.text))
      guard words.count > matched.count else { continue }
      let reach = name.text.utf8.count * 4 + 64
      var before: [String]?
      var after: [String]?
      for start in 0...(words.count - matched.count)
      where Array(words[start..<start + matched.count]) == matched {
        let head = Array(words[..<start])
        let tail = Array(words[(start + matched.count)...])
        let found =
          before ?? wordsBefore(context.range.start, in: file, reach: reach, &folder)
        before = found
        guard found.suffix(head.count).elementsEqual(head), found.count >= head.count else {
          continue
        }
        let next = after ?? wordsAfter(context.range.end, in: file, reach: reach, &folder)
        after = next
        if next.prefix(tail.count).elementsEqual(tail), next.count >= tail.count { return true }
      }
    }
    return false
  }

  static func tokens(_ folded: [UInt8]) -> [String] {
    Tokenizer.tokens(of: folded).map {
      String(decoding: folded[$0.start..<$0.end], as: UTF8.self)
    }
  }

  /// The folded words in at most `reach` bytes before `offset`, without a first word the
  /// window may have cut.
  static func wordsBefore(_ offset: Int, in file: SourceFile, reach: Int, _ folder: inout Folder)
    -> [String]
  {
    let bytes = file.bytes
    var start = max(file.textStart, offset - reach)
    while start < offset && bytes[start] & 0xC0 == 0x80 { start += 1 }
    let cut = start > file.textStart
    var words = tokens(folder.fold(String(decoding: bytes[start..<offset], as: UTF8.self)))
    if cut && !words.isEmpty { words.removeFirst() }
    return words
  }

  /// The folded words in at most `reach` bytes after `offset`, without a last word the
  /// window may have cut.
  static func wordsAfter(_ offset: Int, in file: SourceFile, reach: Int, _ folder: inout Folder)
    -> [String]
  {
    let bytes = file.bytes
    var end = min(bytes.count, offset + reach)
    while end > offset && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    let cut = end < bytes.count
    var words = tokens(folder.fold(String(decoding: bytes[offset..<end], as: UTF8.self)))
    if cut && !words.isEmpty { words.removeLast() }
    return words
  }
}
