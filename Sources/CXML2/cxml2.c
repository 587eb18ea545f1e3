#include "cxml2.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

// libxml2 must be initialised once before threads parse at the same time.
static void init_libxml2(void) { xmlInitParser(); }

typedef struct cxml2_state {
  xmlParserCtxtPtr ctxt;
  cxml2_callback callback;
  void *context;
  cxml2_error *error;
  int failed;
  int stopped;
  // Scratch space for one event's qualified names and attribute arrays.
  char *names;
  size_t names_capacity;
  const char **attribute_names;
  const uint8_t **attribute_values;
  int32_t *attribute_lengths;
  int attribute_capacity;
} cxml2_state;

// Where the parser stands in the input: what earlier buffers consumed plus the offset in
// the current one. Entities are refused, so there is only the document's own input.
static int64_t position(const cxml2_state *s) {
  xmlParserInputPtr in = s->ctxt->input;
  if (in == NULL || in->cur == NULL || in->base == NULL) return 0;
  return (int64_t)in->consumed + (int64_t)(in->cur - in->base);
}

static void fail(cxml2_state *s, const char *message, int line, int column) {
  if (s->failed) return;
  s->failed = 1;
  s->error->offset = position(s);
  s->error->line = line;
  s->error->column = column;
  snprintf(s->error->message, sizeof s->error->message, "%s", message);
  size_t n = strlen(s->error->message);
  while (n > 0 && (s->error->message[n - 1] == '\n' || s->error->message[n - 1] == ' ')) {
    s->error->message[--n] = 0;
  }
  xmlStopParser(s->ctxt);
}

static void emit(cxml2_state *s, cxml2_event *event) {
  if (s->failed || s->stopped) return;
  event->position = position(s);
  event->text_offset = -1;
  xmlParserInputPtr in = s->ctxt->input;
  if (event->text != NULL && in != NULL && in->base != NULL && in->end != NULL &&
      event->text >= in->base && event->text + event->text_length <= in->end) {
    event->text_offset = (int64_t)in->consumed + (int64_t)(event->text - in->base);
  }
  if (s->callback(s->context, event) != 0) {
    s->stopped = 1;
    xmlStopParser(s->ctxt);
  }
}

static int reserve(cxml2_state *s, size_t names, int attributes) {
  if (names > s->names_capacity) {
    size_t capacity = names < 256 ? 256 : names * 2;
    char *grown = realloc(s->names, capacity);
    if (grown == NULL) return 0;
    s->names = grown;
    s->names_capacity = capacity;
  }
  if (attributes > s->attribute_capacity) {
    int capacity = attributes < 16 ? 16 : attributes * 2;
    const char **n = realloc((void *)s->attribute_names, sizeof(char *) * (size_t)capacity);
    if (n == NULL) return 0;
    s->attribute_names = n;
    const uint8_t **v = realloc((void *)s->attribute_values, sizeof(uint8_t *) * (size_t)capacity);
    if (v == NULL) return 0;
    s->attribute_values = v;
    int32_t *l = realloc(s->attribute_lengths, sizeof(int32_t) * (size_t)capacity);
    if (l == NULL) return 0;
    s->attribute_lengths = l;
    s->attribute_capacity = capacity;
  }
  return 1;
}

static size_t qname_length(const xmlChar *prefix, const xmlChar *local) {
  return (prefix != NULL ? strlen((const char *)prefix) + 1 : 0) + strlen((const char *)local) + 1;
}

static char *write_qname(char *out, const xmlChar *prefix, const xmlChar *local) {
  if (prefix != NULL) {
    size_t n = strlen((const char *)prefix);
    memcpy(out, prefix, n);
    out[n] = ':';
    out += n + 1;
  }
  size_t n = strlen((const char *)local);
  memcpy(out, local, n + 1);
  return out + n + 1;
}

// MARK: XML (SAX2)

static void xml_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
  (void)nb_namespaces;
  (void)namespaces;
  cxml2_state *s = ctx;
  // Attributes a DTD would default are not in the original bytes.
  int count = nb_attributes - nb_defaulted;
  if (count < 0) count = 0;
  size_t names = qname_length(prefix, localname);
  for (int i = 0; i < count; i++) names += qname_length(attributes[i * 5 + 1], attributes[i * 5]);
  if (!reserve(s, names, count)) {
    fail(s, "out of memory", 0, 0);
    return;
  }
  char *out = s->names;
  const char *name = out;
  out = write_qname(out, prefix, localname);
  for (int i = 0; i < count; i++) {
    s->attribute_names[i] = out;
    out = write_qname(out, attributes[i * 5 + 1], attributes[i * 5]);
    s->attribute_values[i] = attributes[i * 5 + 3];
    s->attribute_lengths[i] = (int32_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]);
  }
  cxml2_event event = {0};
  event.kind = CXML2_START;
  event.name = name;
  event.namespace_uri = (const char *)URI;
  event.attribute_count = count;
  event.attribute_names = s->attribute_names;
  event.attribute_values = s->attribute_values;
  event.attribute_value_lengths = s->attribute_lengths;
  emit(s, &event);
}

static void xml_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *URI) {
  cxml2_state *s = ctx;
  if (!reserve(s, qname_length(prefix, localname), 0)) {
    fail(s, "out of memory", 0, 0);
    return;
  }
  write_qname(s->names, prefix, localname);
  cxml2_event event = {0};
  event.kind = CXML2_END;
  event.name = s->names;
  event.namespace_uri = (const char *)URI;
  emit(s, &event);
}

static void on_text(void *ctx, const xmlChar *ch, int len) {
  cxml2_event event = {0};
  event.kind = CXML2_TEXT;
  event.text = ch;
  event.text_length = len;
  emit(ctx, &event);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len) {
  cxml2_event event = {0};
  event.kind = CXML2_CDATA;
  event.text = ch;
  event.text_length = len;
  emit(ctx, &event);
}

static void on_comment(void *ctx, const xmlChar *value) {
  cxml2_event event = {0};
  event.kind = CXML2_COMMENT;
  event.text = value;
  event.text_length = value != NULL ? (int32_t)strlen((const char *)value) : 0;
  emit(ctx, &event);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
  cxml2_event event = {0};
  event.kind = CXML2_PI;
  event.name = (const char *)target;
  event.text = data;
  event.text_length = data != NULL ? (int32_t)strlen((const char *)data) : 0;
  emit(ctx, &event);
}

// Any entity declaration is refused before the parser can expand it: no internal entity
// ("billion laughs"), no external one (never read, never fetched).
static void xml_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                            const xmlChar *systemId, xmlChar *content) {
  (void)type;
  (void)publicId;
  (void)content;
  char message[200];
  snprintf(message, sizeof message,
           "the document declares the %sentity '%.80s'; termlint refuses entity declarations",
           systemId != NULL ? "external " : "", (const char *)name);
  fail(ctx, message, 0, 0);
}

static xmlEntityPtr xml_get_entity(void *ctx, const xmlChar *name) {
  (void)ctx;
  (void)name;
  return NULL;
}

static void xml_reference(void *ctx, const xmlChar *name) {
  char message[200];
  snprintf(message, sizeof message, "reference to the undeclared entity '%.80s'",
           (const char *)name);
  fail(ctx, message, 0, 0);
}

static void xml_error(void *ctx, xmlErrorPtr error) {
  cxml2_state *s = ctx;
  if (error == NULL) return;
  if (error->level == XML_ERR_WARNING && error->code != XML_WAR_UNDECLARED_ENTITY) return;
  fail(s, error->message != NULL ? error->message : "malformed XML", error->line, error->int2);
}

static void html_error(void *ctx, xmlErrorPtr error) {
  // The HTML parser repairs what it can; only running out of memory stops it.
  if (error != NULL && error->code == XML_ERR_NO_MEMORY) fail(ctx, "out of memory", 0, 0);
}

// MARK: HTML (SAX1)

static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  cxml2_state *s = ctx;
  int count = 0;
  if (atts != NULL) {
    while (atts[count * 2] != NULL) count++;
  }
  if (!reserve(s, 1, count)) {
    fail(s, "out of memory", 0, 0);
    return;
  }
  for (int i = 0; i < count; i++) {
    s->attribute_names[i] = (const char *)atts[i * 2];
    const xmlChar *value = atts[i * 2 + 1];
    s->attribute_values[i] = value != NULL ? value : (const xmlChar *)"";
    s->attribute_lengths[i] = value != NULL ? (int32_t)strlen((const char *)value) : 0;
  }
  cxml2_event event = {0};
  event.kind = CXML2_START;
  event.name = (const char *)name;
  event.attribute_count = count;
  event.attribute_names = s->attribute_names;
  event.attribute_values = s->attribute_values;
  event.attribute_value_lengths = s->attribute_lengths;
  emit(s, &event);
}

static void html_end(void *ctx, const xmlChar *name) {
  cxml2_event event = {0};
  event.kind = CXML2_END;
  event.name = (const char *)name;
  emit(ctx, &event);
}

static void free_state(cxml2_state *s) {
  free(s->names);
  free((void *)s->attribute_names);
  free((void *)s->attribute_values);
  free(s->attribute_lengths);
}

static int32_t finish(cxml2_state *s) {
  free_state(s);
  if (s->failed) return 1;
  if (s->stopped) return 2;
  return 0;
}

// What both parsers do before parsing: clear the error, set libxml2 up once, refuse input
// libxml2's int lengths cannot hold. Returns 0 to go on.
static int32_t begin(int64_t length, cxml2_error *error) {
  memset(error, 0, sizeof *error);
  pthread_once(&init_once, init_libxml2);
  if (length > INT_MAX) {
    snprintf(error->message, sizeof error->message, "the document is too large for libxml2");
    return 1;
  }
  return 0;
}

// A SAX handler with the callbacks both parsers share (text, CDATA, comments, processing
// instructions); NULL when out of memory. The context frees it with itself.
static xmlSAXHandlerPtr new_handler(void) {
  xmlSAXHandlerPtr sax = xmlMalloc(sizeof(xmlSAXHandler));
  if (sax == NULL) return NULL;
  memset(sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->characters = on_text;
  sax->ignorableWhitespace = on_text;
  sax->cdataBlock = on_cdata;
  sax->comment = on_comment;
  sax->processingInstruction = on_pi;
  return sax;
}

// Puts `sax` and the state into the context and makes the input UTF-8 (checked before).
static void attach(xmlParserCtxtPtr ctxt, xmlSAXHandlerPtr sax, cxml2_state *state,
                   cxml2_callback callback, void *context, cxml2_error *error) {
  if (ctxt->sax != NULL) xmlFree(ctxt->sax);
  ctxt->sax = sax;
  state->ctxt = ctxt;
  state->callback = callback;
  state->context = context;
  state->error = error;
  ctxt->userData = state;
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
}

static int32_t no_parser(cxml2_error *error, const char *message) {
  snprintf(error->message, sizeof error->message, "%s", message);
  return 1;
}

int32_t cxml2_parse_xml(const uint8_t *data, int64_t length, cxml2_callback callback,
                        void *context, cxml2_error *error) {
  if (begin(length, error) != 0) return 1;
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt((const char *)data, (int)length);
  if (ctxt == NULL) return no_parser(error, "libxml2 could not start a parser");
  // No DTD loading, no entity substitution, no network; the declared encoding is ignored
  // because the bytes were checked to be UTF-8 (and positions must be bytes of them).
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  xmlSAXHandlerPtr sax = new_handler();
  if (sax == NULL) {
    xmlFreeParserCtxt(ctxt);
    return no_parser(error, "out of memory");
  }
  sax->startElementNs = xml_start;
  sax->endElementNs = xml_end;
  sax->entityDecl = xml_entity_decl;
  sax->getEntity = xml_get_entity;
  sax->getParameterEntity = xml_get_entity;
  sax->reference = xml_reference;
  sax->serror = xml_error;
  cxml2_state state = {0};
  // The context was set up for SAX2 (ctxt->sax2) with the default handler; ours is SAX2 too.
  attach(ctxt, sax, &state, callback, context, error);
  xmlParseDocument(ctxt);
  if (!ctxt->wellFormed && !state.failed && !state.stopped) {
    fail(&state, "malformed XML", ctxt->input != NULL ? ctxt->input->line : 0,
         ctxt->input != NULL ? ctxt->input->col : 0);
  }
  xmlFreeParserCtxt(ctxt);
  return finish(&state);
}

int32_t cxml2_parse_html(const uint8_t *data, int64_t length, cxml2_callback callback,
                         void *context, cxml2_error *error) {
  if (begin(length, error) != 0) return 1;
  if (length == 0) return 0;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt((const char *)data, (int)length);
  if (ctxt == NULL) return no_parser(error, "libxml2 could not start a parser");
  htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                               HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC);
  htmlSAXHandlerPtr sax = new_handler();
  if (sax == NULL) {
    htmlFreeParserCtxt(ctxt);
    return no_parser(error, "out of memory");
  }
  sax->startElement = html_start;
  sax->endElement = html_end;
  sax->serror = html_error;
  cxml2_state state = {0};
  attach(ctxt, sax, &state, callback, context, error);
  htmlParseDocument(ctxt);
  htmlFreeParserCtxt(ctxt);
  return finish(&state);
}

void cxml2_version(char *buffer, int32_t capacity) {
  if (capacity <= 0) return;
  snprintf(buffer, (size_t)capacity, "%s", xmlParserVersion);
}
