#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli-args.h"
#include "commands.h"
#include "exit-codes.h"
#include "host/plugin-host.h"
#include "host/plugin-probe.h"
#include "json.h"
#include "messages.h"

static void usage(void) {
  printf("Usage: alliance-report plugins [OPTION]...\n"
         "List the output formats: each plugin's name, version, summary, file\n"
         "extension, options, and where it was loaded from. Files that look like\n"
         "plugins but cannot be used are reported on standard error: each is\n"
         "loaded in a throw-away process first, so that one that crashes or hangs\n"
         "(for %d s) while loading is reported, not this command stopped.\n"
         "\n"
         "  -j, --json              print a JSON array instead of a table\n"
         "  -P, --plugin-path=DIR   look for plugins in DIR first (repeatable)\n"
         "  -h, --help              show this help and exit\n"
         "\n"
         "Plugins are searched for in the --plugin-path folders, then\n"
         "$ALLIANCE_REPORT_PLUGIN_PATH (folders separated by ':'), then the ones\n"
         "built into the program, then %s.\n",
         AR_PROBE_LOAD_SECONDS, PKGLIBDIR);
}

/* A field a plugin may leave out (NULL), written as "". */
static const char *or_empty(const char *s) { return s ? s : ""; }

static void print_json(const ar_plugin_host *host) {
  printf("[");
  for (size_t i = 0; i < ar_plugin_host_count(host); i++) {
    const ar_loaded_plugin *p = ar_plugin_host_get(host, i);
    const ar_plugin *d = p->desc;
    printf("%s\n  {\"name\": ", i ? "," : "");
    ar_json_string(stdout, d->name);
    printf(", \"version\": ");
    ar_json_string(stdout, or_empty(d->version));
    printf(", \"summary\": ");
    ar_json_string(stdout, d->summary);
    printf(", \"extension\": ");
    ar_json_string(stdout, d->extension);
    printf(", \"media_type\": ");
    ar_json_string(stdout, d->media_type);
    printf(", \"binary\": %s, \"library\": ", d->binary ? "true" : "false");
    ar_json_string(stdout, d->library);
    printf(", \"abi\": \"%u.%u\", \"origin\": ", d->abi_major, d->abi_minor);
    ar_json_string(stdout, p->origin);
    printf(", \"options\": [");
    for (const ar_plugin_option *o = d->options; o && o->key; o++) {
      printf("%s{\"key\": ", o == d->options ? "" : ", ");
      ar_json_string(stdout, o->key);
      printf(", \"value\": ");
      ar_json_string(stdout, or_empty(o->value_hint));
      printf(", \"description\": ");
      ar_json_string(stdout, or_empty(o->description));
      printf("}");
    }
    printf("]}");
  }
  printf("%s]\n", ar_plugin_host_count(host) ? "\n" : "");
}

/* Prints s with its control characters escaped (a plugin's strings are
 * its own), padded to width bytes. */
static void cell(const char *s, int width) {
  for (size_t n = ar_put_escaped(stdout, s); (int)n < width; n++)
    putchar(' ');
}

static void print_table(const ar_plugin_host *host) {
  for (size_t i = 0; i < ar_plugin_host_count(host); i++) {
    const ar_loaded_plugin *p = ar_plugin_host_get(host, i);
    const ar_plugin *d = p->desc;
    /* The name and extension hold only letters, digits, '-' and '_'. */
    printf("%-8s ", d->name);
    cell(or_empty(d->version), 8);
    printf(" .%-5s ", d->extension);
    cell(d->summary, 0);
    putchar('\n');
    if (d->library) {
      printf("%27s uses ", "");
      cell(d->library, 0);
      putchar('\n');
    }
    for (const ar_plugin_option *o = d->options; o && o->key; o++) {
      printf("%27s -O %s.", "", d->name);
      cell(o->key, 0);
      putchar('=');
      cell(o->value_hint ? o->value_hint : "VALUE", 0);
      fputs("  ", stdout);
      cell(or_empty(o->description), 0);
      putchar('\n');
    }
    printf("%27s from ", "");
    cell(p->origin, 0);
    putchar('\n');
  }
}

int ar_cmd_plugins(int argc, char **argv) {
  static const struct option options[] = {
      {"json", no_argument, NULL, 'j'},
      {"plugin-path", required_argument, NULL, 'P'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  int json = 0, c;
  ar_arg_list dirs = {0};
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+jP:h", options, NULL)) != -1) {
    if (ar_check_value(options, c, optarg) != AR_EXIT_OK) {
      ar_arg_list_free(&dirs);
      return AR_EXIT_USAGE;
    }
    switch (c) {
    case 'j':
      json = 1;
      break;
    case 'P':
      ar_arg_list_add(&dirs, optarg);
      break;
    case 'h':
      usage();
      ar_arg_list_free(&dirs);
      return AR_EXIT_OK;
    default:
      ar_arg_list_free(&dirs);
      return ar_bad_option(argv, optind, optopt);
    }
  }
  if (optind < argc) {
    ar_arg_list_free(&dirs);
    return ar_msg_usage("unexpected argument '%s'", argv[optind]);
  }
  ar_diag *diag = ar_diag_new(0);
  ar_plugin_host *host = ar_plugin_host_new(dirs.items, dirs.n, ar_program_preloaded(), diag);
  int rc = AR_EXIT_OK;
  if (host) {
    ar_plugin_host_load_all(host);
    if (json)
      print_json(host);
    else
      print_table(host);
    if (ar_plugin_host_count(host) == 0) {
      ar_msg_error("no plugins found in %s", ar_plugin_host_path(host));
      rc = AR_EXIT_FAILURE;
    }
  } else {
    rc = AR_EXIT_FAILURE;
  }
  ar_diag_print(diag, stderr);
  ar_plugin_host_free(host);
  ar_diag_free(diag);
  ar_arg_list_free(&dirs);
  return rc;
}
