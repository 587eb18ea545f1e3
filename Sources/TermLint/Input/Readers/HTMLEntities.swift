// HTML character references: the named ones termlint knows (typographic punctuation,
// symbols and Latin-1 letters) and numeric ones. Shared by the Markdown and WebVTT readers.

enum HTMLEntities {
  /// Named character references without `&` and `;`. An unknown name stays text.
  static let named: [String: String] = [
    "amp": "\u{26}",
    "lt": "\u{3C}",
    "gt": "\u{3E}",
    "quot": "\u{22}",
    "apos": "\u{27}",
    "nbsp": "\u{A0}",
    "ensp": "\u{2002}",
    "emsp": "\u{2003}",
    "thinsp": "\u{2009}",
    "zwnj": "\u{200C}",
    "zwj": "\u{200D}",
    "lrm": "\u{200E}",
    "rlm": "\u{200F}",
    "shy": "\u{AD}",
    "ndash": "\u{2013}",
    "mdash": "\u{2014}",
    "minus": "\u{2212}",
    "lsquo": "\u{2018}",
    "rsquo": "\u{2019}",
    "sbquo": "\u{201A}",
    "ldquo": "\u{201C}",
    "rdquo": "\u{201D}",
    "bdquo": "\u{201E}",
    "laquo": "\u{AB}",
    "raquo": "\u{BB}",
    "lsaquo": "\u{2039}",
    "rsaquo": "\u{203A}",
    "prime": "\u{2032}",
    "Prime": "\u{2033}",
    "hellip": "\u{2026}",
    "middot": "\u{B7}",
    "bull": "\u{2022}",
    "dagger": "\u{2020}",
    "Dagger": "\u{2021}",
    "permil": "\u{2030}",
    "copy": "\u{A9}",
    "reg": "\u{AE}",
    "trade": "\u{2122}",
    "deg": "\u{B0}",
    "plusmn": "\u{B1}",
    "times": "\u{D7}",
    "divide": "\u{F7}",
    "micro": "\u{B5}",
    "para": "\u{B6}",
    "sect": "\u{A7}",
    "cent": "\u{A2}",
    "pound": "\u{A3}",
    "yen": "\u{A5}",
    "euro": "\u{20AC}",
    "curren": "\u{A4}",
    "iexcl": "\u{A1}",
    "iquest": "\u{BF}",
    "ordf": "\u{AA}",
    "ordm": "\u{BA}",
    "sup1": "\u{B9}",
    "sup2": "\u{B2}",
    "sup3": "\u{B3}",
    "frac14": "\u{BC}",
    "frac12": "\u{BD}",
    "frac34": "\u{BE}",
    "not": "\u{AC}",
    "macr": "\u{AF}",
    "acute": "\u{B4}",
    "cedil": "\u{B8}",
    "uml": "\u{A8}",
    "brvbar": "\u{A6}",
    "larr": "\u{2190}",
    "rarr": "\u{2192}",
    "uarr": "\u{2191}",
    "darr": "\u{2193}",
    "harr": "\u{2194}",
    "Agrave": "\u{C0}",
    "Aacute": "\u{C1}",
    "Acirc": "\u{C2}",
    "Atilde": "\u{C3}",
    "Auml": "\u{C4}",
    "Aring": "\u{C5}",
    "AElig": "\u{C6}",
    "Ccedil": "\u{C7}",
    "Egrave": "\u{C8}",
    "Eacute": "\u{C9}",
    "Ecirc": "\u{CA}",
    "Euml": "\u{CB}",
    "Igrave": "\u{CC}",
    "Iacute": "\u{CD}",
    "Icirc": "\u{CE}",
    "Iuml": "\u{CF}",
    "ETH": "\u{D0}",
    "Ntilde": "\u{D1}",
    "Ograve": "\u{D2}",
    "Oacute": "\u{D3}",
    "Ocirc": "\u{D4}",
    "Otilde": "\u{D5}",
    "Ouml": "\u{D6}",
    "Oslash": "\u{D8}",
    "Ugrave": "\u{D9}",
    "Uacute": "\u{DA}",
    "Ucirc": "\u{DB}",
    "Uuml": "\u{DC}",
    "Yacute": "\u{DD}",
    "THORN": "\u{DE}",
    "szlig": "\u{DF}",
    "agrave": "\u{E0}",
    "aacute": "\u{E1}",
    "acirc": "\u{E2}",
    "atilde": "\u{E3}",
    "auml": "\u{E4}",
    "aring": "\u{E5}",
    "aelig": "\u{E6}",
    "ccedil": "\u{E7}",
    "egrave": "\u{E8}",
    "eacute": "\u{E9}",
    "ecirc": "\u{EA}",
    "euml": "\u{EB}",
    "igrave": "\u{EC}",
    "iacute": "\u{ED}",
    "icirc": "\u{EE}",
    "iuml": "\u{EF}",
    "eth": "\u{F0}",
    "ntilde": "\u{F1}",
    "ograve": "\u{F2}",
    "oacute": "\u{F3}",
    "ocirc": "\u{F4}",
    "otilde": "\u{F5}",
    "ouml": "\u{F6}",
    "oslash": "\u{F8}",
    "ugrave": "\u{F9}",
    "uacute": "\u{FA}",
    "ucirc": "\u{FB}",
    "uuml": "\u{FC}",
    "yacute": "\u{FD}",
    "thorn": "\u{FE}",
    "yuml": "\u{FF}",
    "OElig": "\u{152}",
    "oelig": "\u{153}",
    "Scaron": "\u{160}",
    "scaron": "\u{161}",
    "Yuml": "\u{178}",
    "fnof": "\u{192}",
    "circ": "\u{2C6}",
    "tilde": "\u{2DC}",
  ]

  /// The character reference at `start` (`&name;`, `&#123;`, `&#x1F;`): its UTF-8 and the
  /// end after `;`, or nil when there is none or the name is unknown.
  static func decode(_ text: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> ([UInt8], Int)?
  {
    guard start + 2 < end, text[start] == UInt8(ascii: "&") else { return nil }
    var index = start + 1
    if text[index] == UInt8(ascii: "#") {
      index += 1
      var value: UInt32 = 0
      var digits = 0
      let hex = index < end && (text[index] | 0x20) == UInt8(ascii: "x")
      if hex { index += 1 }
      while index < end {
        let byte = text[index]
        let digit: UInt32
        if byte >= 0x30 && byte <= 0x39 {
          digit = UInt32(byte - 0x30)
        } else if hex && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66 {
          digit = UInt32((byte | 0x20) - 0x61 + 10)
        } else {
          break
        }
        value = value * (hex ? 16 : 10) + digit
        digits += 1
        guard digits <= (hex ? 6 : 7) else { return nil }
        index += 1
      }
      guard digits > 0, index < end, text[index] == UInt8(ascii: ";") else { return nil }
      // NUL, surrogates and values past U+10FFFF become the replacement character.
      let scalar = value == 0 ? nil : Unicode.Scalar(value)
      return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), index + 1)
    }
    let nameStart = index
    while index < end && index - nameStart <= 32 {
      let byte = text[index]
      let isAlphanumeric =
        ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      guard isAlphanumeric else { break }
      index += 1
    }
    guard index > nameStart, index < end, text[index] == UInt8(ascii: ";") else { return nil }
    let name = String(
      decoding: UnsafeBufferPointer(rebasing: text[nameStart..<index]), as: UTF8.self)
    guard let value = named[name] else { return nil }
    return (Array(value.utf8), index + 1)
  }
}
