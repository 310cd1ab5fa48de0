/* Small helpers shared by the sub-commands' option parsing. */
#ifndef AR_CLI_ARGS_H
#define AR_CLI_ARGS_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/* A growing list of option values, such as repeated --plugin-path. */
typedef struct {
  const char **items;
  size_t n;
} ar_arg_list;

/* Appends value (borrowed from argv). Returns 0, or -1 when out of memory. */
int ar_arg_list_add(ar_arg_list *list, const char *value);
void ar_arg_list_free(ar_arg_list *list);

/* Reports an unknown or incomplete option after getopt_long() returned
 * '?' or ':' (ar_msg_usage()); returns AR_EXIT_USAGE. */
int ar_bad_option(char **argv, int next, int option);

/* Parses a size such as "512M", "2G" or "100000" (K, M, G: powers of
 * 1024; "MiB" and "MB" read as "M") into *bytes. Returns 0, or -1. */
int ar_parse_size(const char *text, uint64_t *bytes);
/* Parses a whole number in [min, max], written with digits and maybe a
 * leading '-' (no space, no '+'). Returns 0, or -1. */
int ar_parse_count(const char *text, long min, long max, long *out);

/* No option takes an empty value: an empty -o, -m or --manifest is a
 * mistake in a script, not a choice. Returns AR_EXIT_OK when value (of
 * option c, as getopt_long() returned it, with longopts its long options)
 * is not empty, else reports it (ar_msg_usage()) and returns
 * AR_EXIT_USAGE. */
int ar_check_value(const struct option *longopts, int c, const char *value);

#endif
