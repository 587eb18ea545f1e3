// Tools: CSV and TSV termbases → glossary terms.
//
// A header row names the columns (case-insensitive, any order): id, source, preferred,
// accepted, variants, note, reference, contained_in. `source`, `accepted` and `variants` hold several
// forms separated by `|` or `;` (a backslash escapes either, and itself); the first
// source form is the concept's source. Fields follow RFC 4180: quoted fields may hold the
// separator, doubled quotes and line breaks; a BOM and CR LF line ends are fine. TSV
// fields are quoted the same way when they start with a quote; a quote inside an
// unquoted TSV field is text.
//
// The parser is written here rather than taken from a package (SwiftCSV): it is some
// eighty lines, it must report line and column of what is wrong, and a dependency would
// be fetched and compiled by every build.

import GlossaryModel

/// One field of a delimited file: its text and the byte offset where it starts.
struct DelimitedField {
  var text: String
  var offset: Int
}

/// Reads RFC 4180 records.
enum DelimitedText {
  static func records(_ file: SourceFile, separator: UInt8) throws(TermLintError)
    -> [[DelimitedField]]
  {
    let bytes = file.bytes
    let quote = UInt8(ascii: "\"")
    let cr: UInt8 = 0x0D
    let lf: UInt8 = 0x0A
    let strictQuotes = separator == UInt8(ascii: ",")
    var records: [[DelimitedField]] = []
    var record: [DelimitedField] = []
    var index = file.textStart
    while index < bytes.count {
      let start = index
      var field: [UInt8] = []
      if bytes[index] == quote {
        index += 1
        var closed = false
        while index < bytes.count {
          if bytes[index] == quote {
            if index + 1 < bytes.count && bytes[index + 1] == quote {
              field.append(quote)
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          field.append(bytes[index])
          index += 1
        }
        guard closed else {
          throw GlossaryImport.error(
            "a quoted field is not closed (a quote in a quoted field is written twice: \"\")",
            at: start, in: file)
        }
        if index < bytes.count && bytes[index] != separator && bytes[index] != cr
          && bytes[index] != lf
        {
          throw GlossaryImport.error(
            "text after a quoted field's closing quote; a quote inside a quoted field is "
              + "written twice (\"\")", at: index, in: file)
        }
      } else {
        while index < bytes.count && bytes[index] != separator && bytes[index] != cr
          && bytes[index] != lf
        {
          if bytes[index] == quote && strictQuotes {
            throw GlossaryImport.error(
              "a quote inside an unquoted field; quote the whole field and write the quote "
                + "twice (\"\")", at: index, in: file)
          }
          field.append(bytes[index])
          index += 1
        }
      }
      // Line breaks inside quoted fields are kept as line feeds.
      var text = String(decoding: field, as: UTF8.self)
      if text.utf8.contains(cr) {
        text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
      }
      record.append(DelimitedField(text: text, offset: start))
      if index < bytes.count && bytes[index] == separator {
        index += 1
        if index == bytes.count { record.append(DelimitedField(text: "", offset: index)) }
        continue
      }
      // The end of a record: CR LF, LF, CR or the end of the file.
      if index < bytes.count && bytes[index] == cr { index += 1 }
      if index < bytes.count && bytes[index] == lf { index += 1 }
      let blank = record.count == 1 && record[0].text.isEmpty && bytes[start] != quote
      if !blank { records.append(record) }
      record = []
    }
    // A last record that ends in a separator at the end of the file.
    if !record.isEmpty { records.append(record) }
    return records
  }
}

enum DelimitedImport {
  static let columns = [
    "id", "source", "preferred", "accepted", "variants", "note", "reference", "contained_in",
  ]

  static func read(_ file: SourceFile, separator: UInt8, into result: inout ImportedTerms)
    throws(TermLintError)
  {
    let records = try DelimitedText.records(file, separator: separator)
    guard let header = records.first else {
      throw GlossaryImport.error(
        "the file is empty; it needs a header row naming its columns (\(columns.joined(separator: ", ")))",
        at: file.textStart, in: file)
    }
    var index: [String: Int] = [:]
    var unknown: [(name: String, column: Int, offset: Int)] = []
    for (column, field) in header.enumerated() {
      let name = field.text.trimmingWhitespace().lowercased()
      if !columns.contains(name) {
        unknown.append((field.text, column + 1, field.offset))
      } else if let first = index[name] {
        throw GlossaryImport.error(
          "the column '\(name)' is named twice (columns \(first + 1) and \(column + 1))",
          at: field.offset, in: file)
      } else {
        index[name] = column
      }
    }
    if let first = unknown.first {
      let names = unknown.map { "'\($0.name)' (column \($0.column))" }.joined(separator: ", ")
      throw GlossaryImport.error(
        "unknown column\(unknown.count == 1 ? "" : "s") \(names); known columns: "
          + columns.joined(separator: ", "), at: first.offset, in: file)
    }
    guard index["preferred"] != nil || index["accepted"] != nil || index["variants"] != nil
    else {
      throw GlossaryImport.error(
        "the header names no 'preferred', 'accepted' or 'variants' column", at: header[0].offset,
        in: file)
    }
    for record in records.dropFirst() {
      let at = GlossaryImport.location(record[0].offset, in: file)
      guard record.count == header.count else {
        throw GlossaryImport.error(
          "this row has \(record.count) field\(record.count == 1 ? "" : "s"); the header has "
            + "\(header.count)", at: record[0].offset, in: file)
      }
      func cell(_ name: String) -> String {
        index[name].map { record[$0].text.trimmingWhitespace() } ?? ""
      }
      func list(_ name: String) -> [Form] { split(cell(name)).map { Form(text: $0) } }
      let preferred = cell("preferred")
      var notices: [ImportNotice] = []
      guard
        let term = GlossaryImport.term(
          id: cell("id"), sources: split(cell("source")),
          preferred: preferred.isEmpty ? nil : Form(text: preferred), accepted: list("accepted"),
          variants: list("variants"), note: cell("note"), reference: cell("reference"),
          location: at, notices: &notices)
      else {
        throw GlossaryImport.error(
          "this row has no preferred, accepted or variant form", at: record[0].offset, in: file)
      }
      var named = term
      named.containedIn = list("contained_in")
      result.terms.append(named)
    }
  }

  /// The items of a list cell: split at `|` and `;` not escaped by a backslash, trimmed.
  static func split(_ cell: String) -> [String] {
    var items: [String] = []
    var current = ""
    var escaped = false
    for character in cell {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "|" || character == ";" {
        items.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    if escaped { current.append("\\") }
    items.append(current)
    return items.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
  }

  /// A form written into a list cell: separators and backslashes escaped.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      if character == "\\" || character == "|" || character == ";" { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
