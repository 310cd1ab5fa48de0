#include "config.h"

#include "cli-args.h"

#include <errno.h>
#include <stdlib.h>

#include "exit-codes.h"
#include "messages.h"

int ar_arg_list_add(ar_arg_list *list, const char *value) {
  const char **grown = realloc(list->items, (list->n + 1) * sizeof *grown);
  if (!grown)
    return -1;
  list->items = grown;
  list->items[list->n++] = value;
  return 0;
}

void ar_arg_list_free(ar_arg_list *list) {
  free(list->items);
  list->items = NULL;
  list->n = 0;
}

int ar_bad_option(char **argv, int next, int option) {
  if (option)
    return ar_msg_usage("option '-%c' is unknown or needs a value", option);
  return ar_msg_usage("option '%s' is unknown or needs a value", argv[next - 1]);
}

int ar_parse_size(const char *text, uint64_t *bytes) {
  if (!text || text[0] < '0' || text[0] > '9')
    return -1; /* strtoull would skip spaces and take a sign: " -5" is 2^64 - 5 */
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno)
    return -1;
  unsigned shift = 0;
  switch (*end) {
  case 'k': case 'K': shift = 10; end++; break;
  case 'm': case 'M': shift = 20; end++; break;
  case 'g': case 'G': shift = 30; end++; break;
  case '\0': break;
  default: return -1;
  }
  if (*end == 'i' || *end == 'B' || *end == 'b')
    end += *end == 'i' && (end[1] == 'B' || end[1] == 'b') ? 2 : 1;
  if (*end || v == 0 || v > (UINT64_MAX >> shift))
    return -1;
  *bytes = (uint64_t)v << shift;
  return 0;
}

int ar_parse_count(const char *text, long min, long max, long *out) {
  const char *digits = text[0] == '-' ? text + 1 : text;
  if (digits[0] < '0' || digits[0] > '9')
    return -1;
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (end == text || *end || errno || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

int ar_check_value(const struct option *longopts, int c, const char *value) {
  if (!value || *value)
    return AR_EXIT_OK;
  for (const struct option *o = longopts; o && o->name; o++)
    if (o->val == c && !o->flag)
      return ar_msg_usage("option '--%s' needs a value, not an empty one", o->name);
  return ar_msg_usage("option '-%c' needs a value, not an empty one", c);
}
