import CICU

/// Look-alike letters (UTS #39 confusables) through ICU's spoof checker: the skeleton of a
/// word maps every character to one representative of the characters it can be mistaken
/// for, so "Thоught" with a Cyrillic "о" and "Thought" have the same skeleton.
enum Confusables {
  /// The UTS #39 skeleton of `string` (the process-wide checker is only read, which ICU
  /// allows from any thread); nil if ICU fails.
  static func skeleton(_ string: String) -> String? {
    let source = Array(string.utf16)
    var capacity = max(16, source.count * 2)
    while true {
      var destination = [UInt16](repeating: 0, count: capacity)
      let length = source.withUnsafeBufferPointer { src in
        destination.withUnsafeMutableBufferPointer { dst in
          cicu_skeleton(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
        }
      }
      if length < 0 { return nil }
      if Int(length) <= capacity {
        return String(decoding: destination[0..<Int(length)], as: UTF16.self)
      }
      capacity = Int(length)
    }
  }

  /// Whether a non-ASCII scalar looks like ASCII: its skeleton is ASCII (Cyrillic "о",
  /// Greek "Α" folded to "α", dotless "ı"). Letters with diacritics ("ā") are not: their
  /// skeleton keeps the mark. CJK, Hangul and kana are refused without asking ICU.
  static func isLookalike(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 { return false }
    if (0x2E80...0x9FFF).contains(scalar) || (0xAC00...0xD7AF).contains(scalar)
      || (0xF900...0xFAFF).contains(scalar) || scalar >= 0x20000
    {
      return false
    }
    guard let value = Unicode.Scalar(scalar), value.properties.isAlphabetic,
      let skeleton = skeleton(String(Character(value)))
    else { return false }
    return !skeleton.isEmpty && skeleton.utf8.allSatisfy { $0 < 0x80 }
  }

  /// The script of a scalar, by its long name ("Cyrillic"), and whether it is one that
  /// says nothing on its own (Common, Inherited).
  static func script(of scalar: Unicode.Scalar) -> (name: String, code: Int32) {
    let code = cicu_script(scalar.value)
    var buffer = [CChar](repeating: 0, count: 64)
    cicu_script_name(code, &buffer, Int32(buffer.count))
    let name = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return (name, code)
  }

  /// Describes the look-alike letters of `text` for a message: "Cyrillic о", "Greek Α".
  static func describeLookalikes(in text: String) -> (description: String, foreignScript: Bool) {
    var parts: [String] = []
    var foreign = false
    for scalar in text.unicodeScalars where isLookalike(scalar.value) {
      let (name, code) = script(of: scalar)
      if code != CICU_SCRIPT_LATIN && code != CICU_SCRIPT_COMMON && code != CICU_SCRIPT_INHERITED {
        foreign = true
      }
      let part =
        "\(name.isEmpty ? "U+" + String(scalar.value, radix: 16, uppercase: true) : name) \(scalar)"
      if !parts.contains(part) { parts.append(part) }
    }
    return (parts.joined(separator: ", "), foreign)
  }
}
