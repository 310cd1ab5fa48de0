/* cmd-render.c: 'alliance-report render', a batch of one job: the brief
 * is read and checked here, and the plugin writes it in a worker process
 * (batch.h), so that a plugin that crashes, hangs or runs out of memory
 * fails the command with the reason instead of killing it, and a signal
 * leaves no temporary file. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch.h"
#include "batch/output.h"
#include "brief/brief-read.h"
#include "cli-args.h"
#include "commands.h"
#include "data/datadir.h"
#include "data/schema.h"
#include "data/xml-load.h"
#include "exit-codes.h"
#include "host/formats.h"
#include "host/plugin-probe.h"
#include "host/plugin-host.h"
#include "messages.h"

#define DEFAULT_TIMEOUT 300

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
         "      --job-timeout=SECONDS  stop the plugin after SECONDS (default %d; 0: never)\n"
         "      --max-memory=SIZE      limit the plugin's memory (RLIMIT_DATA), e.g. 512M\n"
         "                             (default: what the program holds when it starts\n"
         "                             the plugin, plus half the memory of the machine\n"
         "                             or of its control group if less; 0: no limit)%s\n"
         "      --max-nodes=N          refuse a brief of more than N nodes with its\n"
         "                             included parts (default %zu)\n"
         "  -h, --help                 show this help and exit\n"
         "\n"
         "The plugin runs in a worker process, as a job of 'build' does.\n"
         "\n"
         "Exit status: 0 written, 1 the plugin failed, 2 usage error, 3 the brief\n"
         "is unreadable or invalid, 130, 143 or 129 stopped by SIGINT, SIGTERM or\n"
         "SIGHUP (no temporary file remains).\n",
         DEFAULT_TIMEOUT,
#ifdef AR_SANITIZED
         " (ignored: built with sanitizers)"
#else
         ""
#endif
         ,
         (size_t)AR_XML_DEFAULT_MAX_NODES);
}

typedef struct {
  const char *format, *output, *brief; /* output: NULL for standard output */
  ar_arg_list dirs, opts;
  unsigned timeout;
  uint64_t max_memory;
  int memory_given, help;
} render_args;

enum { OPT_TIMEOUT = 256, OPT_MAX_MEMORY, OPT_MAX_NODES };

static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"option", required_argument, NULL, 'O'},
    {"plugin-path", required_argument, NULL, 'P'},
    {"job-timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Checks -o: a file name, not a folder. */
static int check_output(const char *output) {
  char *dir;
  const char *name;
  struct stat st;
  if (ar_output_split(output, &dir, &name) != 0 ||
      (stat(output, &st) == 0 && S_ISDIR(st.st_mode))) {
    free(dir);
    return ar_msg_usage("-o needs a file name, and '%s' names a folder", output);
  }
  free(dir);
  return AR_EXIT_OK;
}

/* Reads the command line into a. Returns AR_EXIT_OK (a->help: the help
 * was shown) or AR_EXIT_USAGE. */
static int parse_options(render_args *a, int argc, char **argv) {
  long number;
  int c;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+f:o:O:P:h", options, NULL)) != -1) {
    if (ar_check_value(options, c, optarg) != AR_EXIT_OK)
      return AR_EXIT_USAGE;
    switch (c) {
    case 'f': a->format = optarg; break;
    case 'o': a->output = strcmp(optarg, "-") == 0 ? NULL : optarg; break;
    case 'O': ar_arg_list_add(&a->opts, optarg); break;
    case 'P': ar_arg_list_add(&a->dirs, optarg); break;
    case OPT_TIMEOUT:
      if (ar_parse_count(optarg, 0, 86400 * 7, &number) != 0)
        return ar_msg_usage("--job-timeout needs seconds (0 for none), not '%s'", optarg);
      a->timeout = (unsigned)number;
      break;
    case OPT_MAX_MEMORY:
      a->memory_given = 1;
      if (strcmp(optarg, "0") != 0 && ar_parse_size(optarg, &a->max_memory) != 0)
        return ar_msg_usage("--max-memory needs a size such as 512M or 2G, not '%s'", optarg);
      break;
    case OPT_MAX_NODES:
      if (ar_parse_count(optarg, 1, LONG_MAX, &number) != 0)
        return ar_msg_usage("--max-nodes needs a number of nodes, not '%s'", optarg);
      ar_xml_set_max_nodes((size_t)number);
      break;
    case 'h':
      usage();
      a->help = 1;
      return AR_EXIT_OK;
    default:
      return ar_bad_option(argv, optind, optopt);
    }
  }
  if (!a->format)
    return ar_msg_usage("say which format to write with -f FORMAT");
  if (optind + 1 != argc)
    return ar_msg_usage(optind == argc ? "name the brief XML file to render"
                                       : "render takes one brief file");
  a->brief = argv[optind];
  if (!*a->brief)
    return ar_msg_usage("the brief file's name is empty");
#ifdef AR_SANITIZED
  if (a->max_memory)
    ar_msg_warning("--max-memory is ignored in a build with sanitizers (their shadow memory "
                   "needs more than any useful limit)");
#endif
  return a->output ? check_output(a->output) : AR_EXIT_OK;
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

/* What the worker renders. */
typedef struct {
  ar_formats *formats;
  const ar_node *doc;
  const char *output; /* NULL: standard output */
} render_job;

static int run_job(void *ctx, const ar_job *job, ar_output_info *info, ar_diag *diag) {
  (void)job;
  const render_job *r = ctx;
  if (!r->output)
    return ar_formats_render(r->formats, 0, r->doc, STDOUT_FILENO, "standard output",
                             &info->bytes, diag);
  ar_output *out = ar_output_begin_path(r->output, diag);
  uint64_t written = 0;
  if (out && ar_formats_render(r->formats, 0, r->doc, ar_output_fd(out), r->output, &written,
                               diag) == 0)
    return ar_output_commit(out, written, info, diag);
  ar_output_abort(out);
  return -1;
}

/* Renders doc in a worker; returns the exit status. */
static int render(const render_args *a, ar_formats *formats, const ar_node *doc) {
  render_job r = {formats, doc, a->output};
  ar_job job = {.format_name = a->format, .status = AR_JOB_PENDING};
  char *dir = NULL;
  const char *name = "standard output";
  if (a->output && ar_output_split(a->output, &dir, &name) != 0)
    return AR_EXIT_FAILURE;
  job.name = strdup(name);
  ar_batch batch = {.workers = 1, .timeout = a->timeout,
                    .max_memory = a->memory_given ? a->max_memory : ar_batch_default_memory(1),
                    .out_dir = dir, .run = run_job, .ctx = &r};
  int sig = job.name ? ar_batch_run(&batch, &job, 1) : 0;
  if (job.status == AR_JOB_FAILED)
    ar_msg_error("%s failed (format %s): %s", name, a->format,
                 job.error ? job.error : "out of memory");
  int rc = sig ? 128 + sig : job.status == AR_JOB_WRITTEN ? AR_EXIT_OK : AR_EXIT_FAILURE;
  ar_jobs_clear(&job, 1);
  free(dir);
  return rc;
}

/* The format's plugin with its options into *formats: AR_EXIT_OK, or the
 * exit status of why not (reported). */
static int open_format(const render_args *a, ar_plugin_host *host, ar_formats **formats) {
  const char *file = NULL, *why = NULL;
  if (!ar_plugin_host_find(host, a->format) &&
      (why = ar_plugin_host_refusal(host, a->format, &file))) {
    ar_msg_error("format %s: its plugin %s cannot be used: %s", a->format, file, why);
    return AR_EXIT_FAILURE;
  }
  *formats = ar_formats_new(host, &a->format, 1, a->opts.items, a->opts.n);
  if (!*formats)
    return AR_EXIT_USAGE;
  /* Started in a throw-away process first, then here, so that a bad
   * option value is a usage error. */
  char probed[1024];
  if (ar_plugin_probe(host, a->format, a->opts.items, a->opts.n, probed, sizeof probed) != 0) {
    ar_msg_error("format %s: %s", a->format, probed);
    return AR_EXIT_FAILURE;
  }
  return ar_formats_check_options(*formats) ? AR_EXIT_USAGE : AR_EXIT_OK;
}

/* Loads the plugin and the brief, and renders it. */
static int run(const render_args *a) {
  ar_diag *diag = ar_diag_new(50);
  ar_plugin_host *host = NULL;
  ar_formats *formats = NULL;
  ar_node *doc = NULL;
  int rc = AR_EXIT_FAILURE;
  if (diag && (host = ar_plugin_host_new(a->dirs.items, a->dirs.n, ar_program_preloaded(),
                                         diag)))
    rc = open_format(a, host, &formats);
  if (rc == AR_EXIT_OK && !(doc = load_brief(a->brief, diag)))
    rc = ar_diag_input_status(diag);
  ar_diag_print(diag, stderr);
  if (rc == AR_EXIT_OK)
    rc = render(a, formats, doc);
  ar_node_free(doc);
  ar_formats_free(formats);
  ar_plugin_host_free(host);
  ar_diag_free(diag);
  xmlCleanupParser();
  return rc;
}

int ar_cmd_render(int argc, char **argv) {
  render_args a = {.timeout = DEFAULT_TIMEOUT};
  int rc = parse_options(&a, argc, argv);
  if (rc == AR_EXIT_OK && !a.help) {
    ar_limit_memory(ar_batch_default_memory(1), 0);
    rc = run(&a);
  }
  ar_arg_list_free(&a.dirs);
  ar_arg_list_free(&a.opts);
  return rc;
}
