/* json.h: JSON text, for the manifest and 'plugins --json'. */
#ifndef AR_JSON_H
#define AR_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s to out as a JSON string, quotes included, or null when s is
 * NULL. Any bytes give valid JSON: '"', '\\', control characters and DEL
 * are escaped, and bytes that are not well-formed UTF-8 are written as
 * \ufffd. s stays the caller's. */
void ar_json_string(FILE *out, const char *s);

/* The length of the UTF-8 sequence s starts with (1 to 4), or 0 when it
 * is not well-formed: no overlong forms, no surrogates, nothing past
 * U+10FFFF (the Unicode Standard, table 3-7). Reads no byte past the
 * first one that does not fit, so never past the string's end. Messages
 * (messages.h) escape with it too. */
size_t ar_utf8_length(const unsigned char *s);

#endif
