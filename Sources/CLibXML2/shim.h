// libxml2 for the SOAP codec: the parser, the tree, and XML Schema validation.

// Debian's libxml2 is built with ICU, and its encoding.h then includes ICU's headers, whose types clash with the
// ICU that Foundation brings in the same program ("UErrorCode has different definitions"). kbm never converts
// encodings through libxml2 (messages are UTF-8); without the macro only the two last members of
// xmlCharEncodingHandler, which kbm never touches nor allocates, are missing from this view of the struct.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

// xmlFree is a global function pointer (a macro with thread-local allocators): called through here, Swift sees a function.
static inline void kbm_xml_free(void *p) { xmlFree(p); }
