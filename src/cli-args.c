#include "config.h"

#include "cli-args.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "exit-codes.h"

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

int ar_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "alliance-report %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'alliance-report %s --help' for more information.\n", cmd);
  return AR_EXIT_USAGE;
}

int ar_bad_option(const char *cmd, char **argv, int optind, int optopt) {
  if (optopt)
    return ar_usage_error(cmd, "option '-%c' is unknown or needs a value", optopt);
  return ar_usage_error(cmd, "option '%s' is unknown or needs a value", argv[optind - 1]);
}
