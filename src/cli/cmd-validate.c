#include "config.h"

#include <getopt.h>
#include <libxml/parser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "batch/batch.h"
#include "cli-args.h"
#include "commands.h"
#include "data/datadir.h"
#include "data/dataset.h"
#include "diag.h"
#include "exit-codes.h"
#include "messages.h"
#include "data/schema.h"
#include "data/xml-load.h"

#define DEFAULT_MAX_ERRORS 50

static void usage(FILE *out) {
  fprintf(out,
          "Usage: alliance-report validate [OPTION]... [FILE]...\n"
          "Check Alliance data files against the data format and report every\n"
          "problem as FILE:LINE:COLUMN: error: MESSAGE on standard error.\n"
          "With no FILE, check the bundled dataset (%s).\n"
          "\n"
          "  -n, --max-errors=N  show at most N problems per file (default %d, 0: all)\n"
          "      --max-nodes=N   refuse a file of more than N nodes with its included\n"
          "                      parts (default %zu)\n"
          "  -q, --quiet         print nothing for valid files\n"
          "  -h, --help          show this help and exit\n"
          "\n"
          "A FILE named '-' is a file of that name: data is never read from\n"
          "standard input.\n"
          "\n"
          "Its memory (RLIMIT_DATA) is limited to what it holds at start plus half\n"
          "the memory of the machine, or of its control group if that is less.\n"
          "\n"
          "Exit status: 0 all files valid, 2 usage error, 3 a file is unreadable,\n"
          "malformed or invalid.\n",
          AR_DEFAULT_DATASET, DEFAULT_MAX_ERRORS, (size_t)AR_XML_DEFAULT_MAX_NODES);
}

static int validate_one(const char *path, const ar_schema *schema,
                        size_t max_errors, int quiet) {
  ar_diag *diag = ar_diag_new(max_errors);
  if (!diag) {
    ar_msg_error("out of memory");
    return AR_EXIT_FAILURE;
  }
  ar_diag_set_more_hint(diag, "raise --max-errors to see them");
  ar_dataset *set = ar_dataset_load(path, schema, diag);
  ar_diag_print(diag, stderr);
  int rc = AR_EXIT_OK;
  if (set) {
    if (!quiet) {
      ar_dataset_counts k = ar_dataset_count(set);
      printf("%s: valid: %zu members", path, k.members);
      if (k.endorsed_only)
        printf(" (and %zu endorsed at launch only)", k.endorsed_only);
      printf(", %zu targets, %zu sources, %zu actions, %zu indicators\n",
             k.targets, k.sources, k.actions, k.indicators);
    }
  } else {
    rc = ar_diag_input_status(diag);
  }
  ar_dataset_free(set);
  ar_diag_free(diag);
  return rc;
}

enum { OPT_MAX_NODES = 256 };

/* Reads the command line. Returns AR_EXIT_OK (*help: the help was shown)
 * or AR_EXIT_USAGE. */
static int parse_options(int argc, char **argv, long *max_errors, int *quiet, int *help) {
  static const struct option options[] = {
      {"max-errors", required_argument, NULL, 'n'},
      {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  long nodes;
  int c;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+n:qh", options, NULL)) != -1) {
    if (ar_check_value(options, c, optarg) != AR_EXIT_OK)
      return AR_EXIT_USAGE;
    switch (c) {
    case 'n':
      if (ar_parse_count(optarg, 0, LONG_MAX, max_errors) != 0)
        return ar_msg_usage("--max-errors needs a whole number, not '%s'", optarg);
      break;
    case OPT_MAX_NODES:
      if (ar_parse_count(optarg, 1, LONG_MAX, &nodes) != 0)
        return ar_msg_usage("--max-nodes needs a number of nodes, not '%s'", optarg);
      ar_xml_set_max_nodes((size_t)nodes);
      break;
    case 'q':
      *quiet = 1;
      break;
    case 'h':
      usage(stdout);
      *help = 1;
      return AR_EXIT_OK;
    default:
      return ar_bad_option(argv, optind, optopt);
    }
  }
  for (int i = optind; i < argc; i++)
    if (!*argv[i])
      return ar_msg_usage("a data file's name is empty");
  return AR_EXIT_OK;
}

int ar_cmd_validate(int argc, char **argv) {
  long max_errors = DEFAULT_MAX_ERRORS;
  int quiet = 0, help = 0;
  int rc = parse_options(argc, argv, &max_errors, &quiet, &help);
  if (rc != AR_EXIT_OK || help)
    return rc;
  ar_limit_memory(ar_batch_default_memory(1), 0);

  ar_diag *diag = ar_diag_new(0);
  char *rng = ar_datadir_file(AR_SCHEMA_FILE);
  ar_schema *schema = rng ? ar_schema_load(rng, diag) : NULL;
  free(rng);
  if (!schema) {
    ar_diag_print(diag, stderr);
    ar_diag_free(diag);
    return AR_EXIT_FAILURE;
  }
  ar_diag_free(diag);

  if (optind == argc) {
    char *bundled = ar_datadir_file(AR_DEFAULT_DATASET);
    rc = bundled ? validate_one(bundled, schema, (size_t)max_errors, quiet) : AR_EXIT_FAILURE;
    free(bundled);
  }
  for (int i = optind; i < argc; i++) {
    int one = validate_one(argv[i], schema, (size_t)max_errors, quiet);
    if (one > rc)
      rc = one;
  }
  ar_schema_free(schema);
  xmlCleanupParser();
  return rc;
}
