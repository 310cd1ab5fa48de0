#include "config.h"

#include <getopt.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief/brief-read.h"
#include "cli-args.h"
#include "commands.h"
#include "data/datadir.h"
#include "exit-codes.h"
#include "host/formats.h"
#include "batch/output.h"
#include "host/plugin-host.h"
#include "messages.h"
#include "data/schema.h"
#include "data/xml-load.h"

static void usage(void) {
  printf("Usage: alliance-report render -f FORMAT [OPTION]... BRIEF.xml\n"
         "Render a brief document written in brief XML (doc/brief-format.md) with\n"
         "one output plugin. The output goes to standard output, or to FILE.\n"
         "\n"
         "  -f, --format=FORMAT        output format (see 'alliance-report plugins')\n"
         "  -o, --output=FILE          write FILE (through a temporary file renamed\n"
         "                             into place) instead of standard output\n"
         "  -O, --option=PLUGIN.KEY=VALUE  an option for a plugin (repeatable)\n"
         "  -P, --plugin-path=DIR      look for plugins in DIR first (repeatable)\n"
         "  -h, --help                 show this help and exit\n"
         "\n"
         "Exit status: 0 written, 1 the plugin failed, 2 usage error, 3 the brief\n"
         "is unreadable or invalid.\n");
}

/* Loads, checks and reads the brief at path. */
static ar_node *load_brief(const char *path, ar_diag *diag) {
  char *rng = ar_datadir_file("brief.rng");
  ar_schema *schema = rng ? ar_schema_load(rng, diag) : NULL;
  free(rng);
  if (!schema)
    return NULL;
  ar_node *doc = NULL;
  ar_xml_file *file = ar_xml_load(path, AR_XML_MAX_BYTES, diag);
  if (file) {
    size_t before = ar_diag_errors(diag);
    ar_schema_check_all_attributes(schema, file, xmlDocGetRootElement(ar_xml_file_doc(file)), diag);
    ar_schema_validate(schema, file, diag);
    if (ar_diag_errors(diag) == before)
      doc = ar_brief_read(ar_xml_file_doc(file), path, diag);
  }
  ar_xml_file_free(file);
  ar_schema_free(schema);
  return doc;
}

int ar_cmd_render(int argc, char **argv) {
  static const struct option options[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"option", required_argument, NULL, 'O'},
      {"plugin-path", required_argument, NULL, 'P'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *format = NULL, *output = NULL;
  ar_arg_list dirs = {0}, opts = {0};
  int c, rc = AR_EXIT_OK;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+f:o:O:P:h", options, NULL)) != -1) {
    switch (c) {
    case 'f': format = optarg; break;
    case 'o': output = optarg; break;
    case 'O': ar_arg_list_add(&opts, optarg); break;
    case 'P': ar_arg_list_add(&dirs, optarg); break;
    case 'h':
      usage();
      goto done;
    default:
      rc = ar_bad_option(argv, optind, optopt);
      goto done;
    }
  }
  if (!format) {
    rc = ar_msg_usage("say which format to write with -f FORMAT");
    goto done;
  }
  if (optind + 1 != argc) {
    rc = ar_msg_usage(optind == argc ? "name the brief XML file to render"
                                     : "render takes one brief file");
    goto done;
  }

  ar_diag *diag = ar_diag_new(50);
  ar_plugin_host *host = ar_plugin_host_new(dirs.items, dirs.n, ar_program_preloaded(), diag);
  ar_formats *formats = host ? ar_formats_new(host, &format, 1, opts.items, opts.n) : NULL;
  if (!formats) {
    rc = host ? AR_EXIT_USAGE : AR_EXIT_FAILURE;
  } else {
    ar_node *doc = load_brief(argv[optind], diag);
    if (!doc) {
      rc = AR_EXIT_DATA;
    } else if (!output || strcmp(output, "-") == 0) {
      if (ar_formats_render(formats, 0, doc, STDOUT_FILENO, "standard output", NULL, diag) != 0)
        rc = AR_EXIT_FAILURE;
    } else {
      char *copy = strdup(output), *copy2 = strdup(output);
      uint64_t written = 0;
      ar_output *out = copy && copy2 ? ar_output_begin(dirname(copy), basename(copy2), diag) : NULL;
      if (!out || ar_formats_render(formats, 0, doc, ar_output_fd(out), output, &written, diag) != 0) {
        ar_output_abort(out);
        rc = AR_EXIT_FAILURE;
      } else if (ar_output_commit(out, written, NULL, diag) != 0) {
        rc = AR_EXIT_FAILURE;
      }
      free(copy);
      free(copy2);
    }
    ar_node_free(doc);
  }
  ar_diag_print(diag, stderr);
  ar_formats_free(formats);
  ar_plugin_host_free(host);
  ar_diag_free(diag);
  xmlCleanupParser();
done:
  ar_arg_list_free(&dirs);
  ar_arg_list_free(&opts);
  return rc;
}
