// A thin C wrapper around the system libxml2 (libxml2-dev, 2.9.14 on Debian 12).
//
// The header uses only plain C types, so the Swift module that imports it never sees the
// libxml2 headers (Foundation on Linux carries libxml2 for FoundationXML); libxml2 headers
// are included only in cxml2.c.
//
// The parsers stream events to a callback with the parser's byte position in the input at
// the moment of the event (see cxml2_event). Security: no DTD is ever loaded, nothing is
// fetched, and a document that declares an entity is refused before any expansion.
#ifndef CXML2_H
#define CXML2_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  /// A start tag: `name`, the attributes. `position` is where the parser stands after the
  /// attributes: at the tag's `>` or `/>` for a well-formed tag.
  CXML2_START = 1,
  /// An end tag (or the end of an empty element, or an element the HTML parser closed):
  /// `name`. `position` is just after the end tag's `>` (after `/>` for an empty element).
  CXML2_END = 2,
  /// Character data: `text` decoded (one entity or character reference is one event of
  /// its own). `position` is just after the original bytes it came from, except when
  /// `text_offset` says where the text lies in the input.
  CXML2_TEXT = 3,
  /// A CDATA section's content (`position` just after `]]>`); in HTML, script/style text.
  CXML2_CDATA = 4,
  /// A comment (`position` just after `-->`).
  CXML2_COMMENT = 5,
  /// A processing instruction (`position` just after `?>`).
  CXML2_PI = 6,
};

/// One parser event. Pointers are valid only during the callback.
typedef struct cxml2_event {
  int32_t kind;
  /// The input's byte offset where the parser stands (see the kinds).
  int64_t position;
  /// Element name (qualified, `prefix:local`), NUL-terminated; NULL for other kinds.
  const char *name;
  /// XML start and end tags: the element's namespace URI as the document binds it
  /// (NUL-terminated), NULL when it has none; always NULL for HTML.
  const char *namespace_uri;
  /// Attributes: `attribute_count` qualified names (NUL-terminated) and decoded values
  /// (`attribute_value_lengths` bytes each, not NUL-terminated).
  int32_t attribute_count;
  const char *const *attribute_names;
  const uint8_t *const *attribute_values;
  const int32_t *attribute_value_lengths;
  /// Decoded text of TEXT, CDATA, COMMENT and PI events (UTF-8).
  const uint8_t *text;
  int32_t text_length;
  /// When `text` points into the input itself (text that needed no decoding), its offset
  /// in the input; else -1. XML reports such text with the parser still at its start.
  int64_t text_offset;
} cxml2_event;

/// Receives one event; returns 0 to go on, non-zero to stop parsing.
typedef int32_t (*cxml2_callback)(void *context, const cxml2_event *event);

/// Why parsing failed.
typedef struct cxml2_error {
  /// The input byte offset where the parser stood when it found the problem.
  int64_t offset;
  /// libxml2's line and column (columns count characters, from 1); 0 when unknown.
  int32_t line;
  int32_t column;
  /// A message without a trailing newline, NUL-terminated.
  char message[256];
} cxml2_error;

/// Parses UTF-8 XML `data` (no byte-order mark; any declared encoding is ignored) and
/// streams its events to `callback`. Returns 0 on success, 1 when the document is not
/// well-formed, declares an entity, refers to an undeclared entity or nests too deep (the
/// reason in `error`), 2 when the callback stopped it.
int32_t cxml2_parse_xml(
    const uint8_t *data, int64_t length, cxml2_callback callback, void *context,
    cxml2_error *error);

/// Parses UTF-8 HTML `data` with libxml2's forgiving HTML parser (tag soup is repaired,
/// not refused) and streams its events. Returns 0 on success, 1 when the input cannot be
/// read at all, 2 when the callback stopped it.
int32_t cxml2_parse_html(
    const uint8_t *data, int64_t length, cxml2_callback callback, void *context,
    cxml2_error *error);

/// The libxml2 version string, such as "20914", written into `buffer` (NUL-terminated).
void cxml2_version(char *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
