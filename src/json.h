/* json.h: JSON text, for the manifest and 'plugins --json'. */
#ifndef AR_JSON_H
#define AR_JSON_H

#include <stdio.h>

/* Writes s to out as a JSON string, quotes included, or null when s is
 * NULL. Any bytes give valid JSON: '"', '\\', control characters and DEL
 * are escaped, and bytes that are not well-formed UTF-8 are written as
 * \ufffd. s stays the caller's. */
void ar_json_string(FILE *out, const char *s);

#endif
