// The system libxml2 (libxml2-dev), found through pkg-config's libxml-2.0. Only the C shim
// CXML2 uses this module; Swift code never imports it.
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
