#include "config.h"

#include "xml-errors.h"

#include <stdio.h>
#include <string.h>

static const char *or_empty(const char *s) { return s ? s : ""; }

/* libxml2's own message, on one line and without its trailing newline. */
static void plain_message(const xmlError *err, char *buf, size_t size) {
  snprintf(buf, size, "%s", err->message ? err->message : "unknown XML error");
  for (char *p = buf; *p; p++)
    if (*p == '\n')
      *p = *(p + 1) ? ' ' : '\0';
}

static int says(const xmlError *err, const char *words) {
  return err->message && strstr(err->message, words);
}

void ar_xml_describe_error(const xmlError *err, char *buf, size_t size) {
  if (says(err, "not proper UTF-8")) {
    snprintf(buf, size,
             "the text is not valid UTF-8: save the file as UTF-8, or "
             "declare its real encoding in <?xml ... encoding=\"...\"?>");
    return;
  }
  if (says(err, "Excessive depth")) {
    snprintf(buf, size,
             "elements are nested more than 256 deep: a data file never "
             "needs that many");
    return;
  }
  if (says(err, "huge text node") || says(err, "AttValue length too long")) {
    snprintf(buf, size,
             "a text or attribute value of more than 10,000,000 characters: "
             "too long for a data file");
    return;
  }
  switch (err->code) {
  case XML_ERR_DOCUMENT_EMPTY:
    snprintf(buf, size, "the file holds no XML: a data file starts with <alliance>");
    return;
  case XML_ERR_TAG_NAME_MISMATCH:
    snprintf(buf, size,
             "<%s> opened on line %d is closed by </%s>: a closing tag is "
             "missing or misspelt",
             or_empty(err->str1), err->int1, or_empty(err->str2));
    return;
  case XML_ERR_TAG_NOT_FINISHED:
    snprintf(buf, size,
             "the file ends before <%s> is closed: add the missing closing tag",
             or_empty(err->str1));
    return;
  case XML_ERR_DOCUMENT_END:
    snprintf(buf, size,
             "text after the end of the root element: a data file holds one "
             "<alliance> element and nothing after it");
    return;
  case XML_ERR_INVALID_CHAR:
  case XML_ERR_INVALID_CHARREF:
    plain_message(err, buf, size);
    if (strstr(buf, "0x0 "))
      snprintf(buf, size,
               "the file contains a NUL byte, which XML does not allow: it "
               "may be a binary file or damaged");
    else
      snprintf(buf + strlen(buf), size - strlen(buf),
               " (a character XML does not allow)");
    return;
  case XML_ERR_INVALID_ENCODING:
    snprintf(buf, size,
             "the text is not valid UTF-8: save the file as UTF-8, or "
             "declare its real encoding in <?xml ... encoding=\"...\"?>");
    return;
  case XML_ERR_UNSUPPORTED_ENCODING:
  case XML_ERR_UNKNOWN_ENCODING:
    snprintf(buf, size,
             "unknown or unsupported encoding%s%s%s in the XML declaration: "
             "use encoding=\"UTF-8\"",
             err->str1 ? " '" : "", or_empty(err->str1), err->str1 ? "'" : "");
    return;
  case XML_ERR_ATTRIBUTE_REDEFINED:
    snprintf(buf, size, "attribute '%s' is given twice", or_empty(err->str1));
    return;
  case XML_ERR_UNDECLARED_ENTITY:
  case XML_WAR_UNDECLARED_ENTITY:
    snprintf(buf, size,
             "unknown entity &%s;: write & as &amp; and < as &lt;",
             or_empty(err->str1));
    return;
  case XML_ERR_ENTITY_LOOP:
    snprintf(buf, size, "entity reference loop: entities are not allowed in a data file");
    return;
  case XML_ERR_NAME_REQUIRED:
    if (err->message && strstr(err->message, "EntityRef")) {
      snprintf(buf, size, "a lone '&': write it as &amp;");
      return;
    }
    plain_message(err, buf, size);
    return;
  case XML_XINCLUDE_RECURSION:
    snprintf(buf, size,
             "XInclude loop: '%s' includes itself, directly or through "
             "other files",
             or_empty(err->str1));
    return;
  default:
    plain_message(err, buf, size);
    return;
  }
}
