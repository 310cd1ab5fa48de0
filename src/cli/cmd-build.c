/* cmd-build.c: 'alliance-report build', in phases over one struct build:
 * the options, the briefs asked for, the formats (each plugin loaded in a
 * throw-away process first), the inputs (schemas, data, members, output
 * folder, templates), the jobs (each brief in each format), and the run of
 * the jobs in worker processes (build-job.c) with their report. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/batch-jobs.h"
#include "batch/batch-report.h"
#include "batch/batch.h"
#include "batch/output.h"
#include "brief/subjects.h"
#include "brief/templates.h"
#include "build-job.h"
#include "cli-args.h"
#include "commands.h"
#include "data/datadir.h"
#include "data/dataset.h"
#include "data/dates.h"
#include "data/schema.h"
#include "data/xml-load.h"
#include "exit-codes.h"
#include "fd-io.h"
#include "host/formats.h"
#include "host/plugin-host.h"
#include "host/plugin-probe.h"
#include "messages.h"

#define DEFAULT_TIMEOUT 300

static long online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 256 ? 256 : n;
}

static void usage(void) {
  printf("Usage: alliance-report build [OPTION]... [DATA]\n"
         "Write briefs from Alliance data (by default the bundled dataset) with the\n"
         "brief templates, in one or more formats. Each brief in each format is a job;\n"
         "jobs run in parallel worker processes, and one that fails fails alone.\n"
         "\n"
         "What to write:\n"
         "  -f, --format=LIST          formats, comma-separated (default %s;\n"
         "                             see 'alliance-report plugins')\n"
         "  -b, --briefs=LIST          summary, member, target or all (default summary,\n"
         "                             or member when -m is given)\n"
         "  -m, --members=CODES        member briefs only for these codes\n"
         "                             (comma-separated; default: every member)\n"
         "  -o, --output-dir=DIR       write into DIR, created if missing (default .)\n"
         "      --since=DATE           the summary names members who joined since DATE\n"
         "      --marking=TEXT         protective marking printed on every brief\n"
         "  -O, --option=PLUGIN.KEY=VALUE  an option for a plugin (repeatable)\n"
         "  -T, --templates=DIR        brief templates to use instead of the installed\n"
         "                             ones (also $ALLIANCE_REPORT_TEMPLATES)\n"
         "  -P, --plugin-path=DIR      look for plugins in DIR first (repeatable)\n"
         "\n"
         "How to run the jobs:\n"
         "  -j, --jobs=N               run N jobs at once (default: the online CPUs, %ld)\n"
         "      --job-timeout=SECONDS  stop a job after SECONDS (default %d; 0: never)\n"
         "      --max-memory=SIZE      limit each worker's memory (RLIMIT_DATA), e.g.\n"
         "                             512M or 2G (default: what the worker inherits\n"
         "                             plus its share of half the memory of the machine,\n"
         "                             or of its control group if less; 0: no limit)%s\n"
         "      --keep-going           run every job even after failures (the default)\n"
         "      --fail-fast            start no job after the first failure\n"
         "      --incremental          skip a job whose file is newer than the data,\n"
         "                             the templates and the plugin\n"
         "      --shard=K/N            run only the K-th of N slices of the jobs\n"
         "      --dry-run              list the jobs and their files; write nothing\n"
         "      --max-nodes=N          refuse data of more than N nodes with its\n"
         "                             included parts (default %zu)\n"
         "      --sync=WHEN            file (the default): each file is synced before\n"
         "                             it is renamed into place and reported, so a power\n"
         "                             cut leaves the earlier file or the new one, whole;\n"
         "                             batch: no sync per file, one sync of the output\n"
         "                             file system before the build ends (for scratch\n"
         "                             output: a power cut before then may leave any file\n"
         "                             of the batch empty or partly written)\n"
         "\n"
         "What to tell:\n"
         "      --manifest=FILE        one JSON record per job (JSON Lines), in job\n"
         "                             order, written when the jobs end through a\n"
         "                             temporary file; '-' for standard output\n"
         "  -q, --quiet                no list of files, no progress\n"
         "  -h, --help                 show this help and exit\n"
         "\n"
         "Files written: summary.EXT, member-CODE.EXT (code in lower case) and\n"
         "target-ID.EXT, each through a temporary file renamed into place.\n"
         "\n"
         "Exit status: 0 all written (or up to date), 1 some job failed (the others are\n"
         "written), 2 usage error, 3 the data is unreadable or invalid (nothing is\n"
         "written), 130, 143 or 129 stopped by SIGINT, SIGTERM or SIGHUP (finished\n"
         "files stay).\n",
         AR_DEFAULT_FORMAT, online_cpus(), DEFAULT_TIMEOUT,
#ifdef AR_SANITIZED
         " (ignored: built with sanitizers)"
#else
         ""
#endif
         ,
         (size_t)AR_XML_DEFAULT_MAX_NODES);
}

typedef struct {
  /* parse_options() */
  const char *format_list, *brief_list, *member_list, *template_dir, *manifest_path;
  const char *data_arg; /* NULL: the bundled dataset */
  ar_arg_list plugin_dirs, plugin_options;
  int quiet, incremental, dry_run, help, memory_given;
  size_t shard_k, shard_n, max_nodes;
  ar_batch batch;
  ar_build_inputs in; /* out_dir, since and marking; the rest from later phases */
  /* pick_briefs() */
  int want[AR_BRIEF_KINDS];
  /* load_formats() */
  ar_diag *diag; /* what loading the plugins and the inputs found */
  ar_plugin_host *host;
  ar_job_format *asked; /* the formats of -f, loaded or not */
  size_t nasked;
  /* load_inputs() */
  char *data_path;
  ar_schema *schema, *brief_schema;
  ar_dataset *set;
  xmlHashTablePtr members;
  const xmlNode **picked; /* the members whose briefs are asked for */
  size_t npicked;
  /* make_jobs() */
  ar_job *jobs;
  size_t njobs, jobs_cap;
  /* run() */
  ar_batch_report *report;
} build;

static void build_free(build *b) {
  ar_jobs_clear(b->jobs, b->njobs);
  free(b->jobs);
  free(b->picked);
  xmlHashFree(b->members, NULL);
  ar_member_view_free(b->in.view);
  ar_templates_free(b->in.templates);
  ar_dataset_free(b->set);
  ar_schema_free(b->schema);
  ar_schema_free(b->brief_schema);
  free(b->data_path);
  ar_formats_free(b->in.formats);
  ar_plugin_host_free(b->host);
  for (size_t f = 0; f < b->nasked; f++) {
    free(b->asked[f].name);
    free(b->asked[f].why);
  }
  free(b->asked);
  ar_diag_free(b->diag);
  ar_arg_list_free(&b->plugin_dirs);
  ar_arg_list_free(&b->plugin_options);
  xsltCleanupGlobals();
  xmlCleanupParser();
}

/* ---- parse_options ---------------------------------------------------------------- */

enum {
  OPT_SINCE = 256, OPT_MARKING, OPT_TIMEOUT, OPT_MAX_MEMORY, OPT_KEEP_GOING, OPT_FAIL_FAST,
  OPT_MANIFEST, OPT_INCREMENTAL, OPT_DRY_RUN, OPT_SHARD, OPT_MAX_NODES, OPT_SYNC
};

static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"briefs", required_argument, NULL, 'b'},
    {"members", required_argument, NULL, 'm'},
    {"output-dir", required_argument, NULL, 'o'},
    {"since", required_argument, NULL, OPT_SINCE},
    {"marking", required_argument, NULL, OPT_MARKING},
    {"option", required_argument, NULL, 'O'},
    {"templates", required_argument, NULL, 'T'},
    {"plugin-path", required_argument, NULL, 'P'},
    {"jobs", required_argument, NULL, 'j'},
    {"job-timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
    {"manifest", required_argument, NULL, OPT_MANIFEST},
    {"incremental", no_argument, NULL, OPT_INCREMENTAL},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"max-nodes", required_argument, NULL, OPT_MAX_NODES},
    {"sync", required_argument, NULL, OPT_SYNC},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Checks what the options name before anything is loaded: the output
 * folder, the manifest and the data file. */
static int check_paths(const build *b) {
  struct stat st;
  const char *dir = b->in.out_dir;
  if (stat(dir, &st) == 0 ? !S_ISDIR(st.st_mode) : errno == ENOTDIR)
    return ar_msg_usage("cannot create the output folder %s: %s", dir, strerror(ENOTDIR));
  char *manifest_dir = NULL;
  const char *name;
  if (b->manifest_path && strcmp(b->manifest_path, "-") != 0 &&
      (ar_output_split(b->manifest_path, &manifest_dir, &name) != 0 ||
       (stat(b->manifest_path, &st) == 0 && S_ISDIR(st.st_mode)))) {
    free(manifest_dir);
    return ar_msg_usage("--manifest needs a file name, and '%s' names a folder", b->manifest_path);
  }
  free(manifest_dir);
  if (b->data_arg && !*b->data_arg)
    return ar_msg_usage("the data file's name is empty");
  return AR_EXIT_OK;
}

/* Reads the command line into b. Returns AR_EXIT_OK (b->help: the help
 * was shown, nothing more to do) or AR_EXIT_USAGE. */
static int parse_options(build *b, int argc, char **argv) {
  long number;
  int c;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+f:b:m:o:O:T:P:j:qh", options, NULL)) != -1) {
    if (ar_check_value(options, c, optarg) != AR_EXIT_OK)
      return AR_EXIT_USAGE;
    switch (c) {
    case 'f': b->format_list = optarg; break;
    case 'b': b->brief_list = optarg; break;
    case 'm': b->member_list = optarg; break;
    case 'o': b->in.out_dir = optarg; break;
    case OPT_SINCE: b->in.since = optarg; break;
    case OPT_MARKING: b->in.marking = optarg; break;
    case 'O': ar_arg_list_add(&b->plugin_options, optarg); break;
    case 'T': b->template_dir = optarg; break;
    case 'P': ar_arg_list_add(&b->plugin_dirs, optarg); break;
    case 'j':
      if (ar_parse_count(optarg, 1, 1024, &number) != 0)
        return ar_msg_usage("-j needs a number of jobs from 1 to 1024, not '%s'", optarg);
      b->batch.workers = (unsigned)number;
      break;
    case OPT_TIMEOUT:
      if (ar_parse_count(optarg, 0, 86400 * 7, &number) != 0)
        return ar_msg_usage("--job-timeout needs seconds (0 for none), not '%s'", optarg);
      b->batch.timeout = (unsigned)number;
      break;
    case OPT_MAX_MEMORY:
      b->memory_given = 1;
      b->batch.max_memory = 0;
      if (strcmp(optarg, "0") != 0 && ar_parse_size(optarg, &b->batch.max_memory) != 0)
        return ar_msg_usage("--max-memory needs a size such as 512M or 2G, not '%s'", optarg);
      break;
    case OPT_MAX_NODES:
      if (ar_parse_count(optarg, 1, LONG_MAX, &number) != 0)
        return ar_msg_usage("--max-nodes needs a number of nodes, not '%s'", optarg);
      b->max_nodes = (size_t)number;
      break;
    case OPT_KEEP_GOING: b->batch.fail_fast = 0; break;
    case OPT_FAIL_FAST: b->batch.fail_fast = 1; break;
    case OPT_MANIFEST: b->manifest_path = optarg; break;
    case OPT_INCREMENTAL: b->incremental = 1; break;
    case OPT_DRY_RUN: b->dry_run = 1; break;
    case OPT_SHARD:
      if (ar_shard_parse(optarg, &b->shard_k, &b->shard_n) != 0)
        return ar_msg_usage("--shard needs K/N with 1 <= K <= N, not '%s'", optarg);
      break;
    case OPT_SYNC:
      if (strcmp(optarg, "file") == 0)
        b->batch.sync = AR_SYNC_FILE;
      else if (strcmp(optarg, "batch") == 0)
        b->batch.sync = AR_SYNC_BATCH;
      else
        return ar_msg_usage("--sync needs file or batch, not '%s'", optarg);
      break;
    case 'q': b->quiet = 1; break;
    case 'h':
      usage();
      b->help = 1;
      return AR_EXIT_OK;
    default:
      return ar_bad_option(argv, optind, optopt);
    }
  }
  if (argc - optind > 1)
    return ar_msg_usage("build takes one data file");
  b->data_arg = optind < argc ? argv[optind] : NULL;
  if (b->in.since && ar_date_parse(b->in.since, NULL) != AR_DATE_OK)
    return ar_msg_usage("--since needs a date written YYYY-MM-DD, not '%s'", b->in.since);
  int rc = check_paths(b);
  if (rc != AR_EXIT_OK)
    return rc;
#ifdef AR_SANITIZED
  if (b->batch.max_memory) {
    ar_msg_warning("--max-memory is ignored in a build with sanitizers (their shadow memory "
                   "needs more than any useful limit)");
    b->batch.max_memory = 0;
  }
#endif
  return AR_EXIT_OK;
}

/* ---- pick_briefs ------------------------------------------------------------------ */

/* The kinds of brief -b and -m ask for, into b->want. */
static int pick_briefs(build *b) {
  /* -m alone asks for those members' briefs; otherwise the summary. */
  const char *list = b->brief_list ? b->brief_list : b->member_list ? "member" : "summary";
  size_t n;
  char **briefs = ar_split_list(list, &n);
  int rc = n ? AR_EXIT_OK : ar_msg_usage("-b needs summary, member, target or all");
  for (size_t i = 0; i < n && rc == AR_EXIT_OK; i++) {
    int all = strcmp(briefs[i], "all") == 0, known = all;
    for (int k = 0; k < AR_BRIEF_KINDS; k++)
      if (all || strcmp(briefs[i], ar_brief_kind_name(k)) == 0)
        b->want[k] = known = 1;
    if (!known)
      rc = ar_msg_usage("unknown brief '%s': use summary, member, target or all", briefs[i]);
  }
  ar_free_list(briefs, n);
  if (b->member_list) {
    char **codes = ar_split_list(b->member_list, &n);
    ar_free_list(codes, n);
    if (!n && rc == AR_EXIT_OK)
      rc = ar_msg_usage("-m needs member codes, comma-separated");
    b->want[AR_BRIEF_MEMBER] = 1;
  }
  return rc;
}

/* ---- load_formats ----------------------------------------------------------------- */

/* The formats -f names, into b->asked; each may be named once. */
static int read_format_list(build *b) {
  size_t n;
  char **names = ar_split_list(b->format_list, &n);
  b->asked = calloc(n ? n : 1, sizeof *b->asked);
  if (!b->asked) {
    ar_free_list(names, n);
    return AR_EXIT_FAILURE;
  }
  for (size_t f = 0; f < n; f++)
    b->asked[f].name = names[f];
  b->nasked = n;
  free(names);
  for (size_t f = 0; f < n; f++)
    for (size_t g = 0; g < f; g++)
      if (strcmp(b->asked[f].name, b->asked[g].name) == 0)
        return ar_msg_usage("the format %s is given twice", b->asked[f].name);
  return AR_EXIT_OK;
}

/* Whether format f can be used: its plugin is loaded here (the host
 * loads a module only after a probe of it neither crashed nor hung), and
 * started with its -O options in a probe. Returns 0, or -1 with fmt->why
 * set when it cannot (its jobs fail); a name no module has is left for
 * ar_formats_new() to report. */
static int check_format(build *b, ar_job_format *fmt) {
  char why[1024];
  const char *file = NULL, *refused = NULL;
  if (!ar_plugin_host_find(b->host, fmt->name)) {
    refused = ar_plugin_host_refusal(b->host, fmt->name, &file);
    if (!refused)
      return 0;
    snprintf(why, sizeof why, "its plugin %s cannot be used: %s", file, refused);
  } else if (ar_plugin_probe(b->host, fmt->name, b->plugin_options.items, b->plugin_options.n,
                             why, sizeof why) == 0) {
    return 0;
  }
  fmt->why = strdup(why);
  ar_msg_error("format %s: %s", fmt->name, why);
  return -1;
}

/* Loads the plugin of each format with its -O options. One whose loading
 * or start crashes or hangs fails its jobs, not the batch. */
static int load_formats(build *b) {
  int rc = read_format_list(b);
  if (rc != AR_EXIT_OK)
    return rc;
  b->diag = ar_diag_new(50);
  ar_diag_set_more_hint(b->diag, "'alliance-report validate --max-errors=0 DATA' shows them all");
  b->host = ar_plugin_host_new(b->plugin_dirs.items, b->plugin_dirs.n, ar_program_preloaded(),
                               b->diag);
  if (!b->host)
    return AR_EXIT_FAILURE;
  if (!b->nasked)
    return ar_msg_usage("-f needs at least one format");
  const char **loadable = calloc(b->nasked, sizeof *loadable);
  if (!loadable)
    return AR_EXIT_FAILURE;
  size_t nloadable = 0;
  for (size_t f = 0; f < b->nasked && rc == AR_EXIT_OK; f++)
    if (check_format(b, &b->asked[f]) == 0) {
      b->asked[f].loaded = nloadable;
      loadable[nloadable++] = b->asked[f].name;
    } else if (!b->asked[f].why) {
      rc = AR_EXIT_FAILURE; /* out of memory */
    }
  if (rc == AR_EXIT_OK && nloadable)
    b->in.formats = ar_formats_new(b->host, loadable, nloadable, b->plugin_options.items,
                                   b->plugin_options.n);
  if (rc == AR_EXIT_OK && nloadable && !b->in.formats)
    rc = AR_EXIT_USAGE;
  /* A bad option value is said once, before any job (the probes above
   * started each plugin in a throw-away process first). */
  if (rc == AR_EXIT_OK && nloadable && ar_formats_check_options(b->in.formats) != 0)
    rc = AR_EXIT_USAGE;
  for (size_t f = 0; f < b->nasked && rc == AR_EXIT_OK; f++)
    if (!b->asked[f].why)
      b->asked[f].extension = ar_formats_plugin(b->in.formats, b->asked[f].loaded)->desc->extension;
  free(loadable);
  return rc;
}

/* ---- load_inputs ------------------------------------------------------------------ */

/* The members whose briefs are asked for (-m, or every member), each
 * once however often -m names it (FR,fr). */
static int pick_members(build *b) {
  const xmlNode *root = xmlDocGetRootElement(ar_dataset_doc(b->set));
  b->members = ar_members_index(root);
  if (ar_members_pick(root, b->members, b->member_list, &b->picked, &b->npicked) != 0)
    return -1;
  xmlHashTablePtr seen = xmlHashCreate(b->npicked < INT_MAX ? (int)b->npicked + 1 : INT_MAX);
  if (!seen)
    return -1;
  size_t kept = 0;
  for (size_t i = 0; i < b->npicked; i++) {
    char key[32];
    snprintf(key, sizeof key, "%p", (const void *)b->picked[i]);
    if (xmlHashAddEntry(seen, (const xmlChar *)key, (void *)b->picked[i]) == 0)
      b->picked[kept++] = b->picked[i];
  }
  xmlHashFree(seen, NULL);
  b->npicked = kept;
  return 0;
}

/* The templates, which may also read files next to the data. */
static ar_templates *open_templates(const build *b) {
  char *data_copy = strdup(b->data_path);
  char *data_dir = data_copy ? dirname(data_copy) : NULL;
  ar_templates *t = ar_templates_open(b->template_dir, data_dir, b->brief_schema, b->diag);
  free(data_copy);
  return t;
}

/* Loads the schemas and the data, picks the members, makes the output
 * folder and opens the templates; stops at the first that fails. */
static int load_inputs(build *b) {
  b->data_path = b->data_arg ? strdup(b->data_arg) : ar_datadir_file(AR_DEFAULT_DATASET);
  char *rng = ar_datadir_file(AR_SCHEMA_FILE), *brief_rng = ar_datadir_file("brief.rng");
  int rc = AR_EXIT_OK;
  ar_xml_set_max_nodes(b->max_nodes);
  if (!(b->schema = ar_schema_load(rng, b->diag)) ||
      !(b->brief_schema = ar_schema_load(brief_rng, b->diag))) {
    rc = AR_EXIT_FAILURE;
  } else if (!(b->set = ar_dataset_load(b->data_path, b->schema, b->diag))) {
    rc = ar_diag_input_status(b->diag);
  } else if (b->want[AR_BRIEF_MEMBER] && pick_members(b) != 0) {
    rc = AR_EXIT_USAGE;
  } else if (!b->dry_run && ar_output_make_dir(b->in.out_dir) != 0) {
    int err = errno;
    ar_diag_add(b->diag, AR_ERROR, b->in.out_dir, 0, 0, "cannot create the output folder: %s",
                strerror(err));
    rc = err == ENOTDIR ? AR_EXIT_USAGE : AR_EXIT_FAILURE;
  } else if (!(b->in.templates = open_templates(b))) {
    rc = AR_EXIT_FAILURE;
  }
  b->in.data = b->set ? ar_dataset_doc(b->set) : NULL;
  free(rng);
  free(brief_rng);
  return rc;
}

/* ---- make_jobs -------------------------------------------------------------------- */

/* Two formats writing files of one name would overwrite each other. */
static int check_extensions(const build *b) {
  const ar_formats *formats = b->in.formats;
  for (size_t f = 0; f < ar_formats_count(formats); f++)
    for (size_t g = 0; g < f; g++) {
      const ar_plugin *x = ar_formats_plugin(formats, g)->desc, *y = ar_formats_plugin(formats, f)->desc;
      if (strcmp(x->extension, y->extension) == 0)
        return ar_msg_usage("the formats %s and %s both write .%s files: build them into "
                            "different folders", x->name, y->name, x->extension);
    }
  return AR_EXIT_OK;
}

/* The jobs of one brief, one per format; the file names start with
 * prefix and code (lower-cased). Returns 0, or -1 when out of memory. */
static int add_brief(build *b, int kind, const char *subject, const xmlNode *node,
                     const char *prefix) {
  char stem[256];
  snprintf(stem, sizeof stem, "%s%s", prefix, subject ? subject : "");
  for (char *p = stem; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
  return ar_jobs_add_brief(&b->jobs, &b->njobs, &b->jobs_cap, kind, subject, node, stem,
                           b->in.out_dir, b->asked, b->nasked);
}

/* The jobs: each brief in each format, in the order of -f; then --shard
 * and --incremental. */
static int make_jobs(build *b) {
  int rc = check_extensions(b);
  if (rc != AR_EXIT_OK)
    return rc;
  int oom = b->want[AR_BRIEF_SUMMARY] && add_brief(b, AR_BRIEF_SUMMARY, NULL, NULL, "summary") != 0;
  for (size_t i = 0; !oom && b->want[AR_BRIEF_MEMBER] && i < b->npicked; i++)
    oom = add_brief(b, AR_BRIEF_MEMBER, ar_member_code(b->picked[i]), b->picked[i], "member-") != 0;
  size_t ntargets = 0;
  const char **targets =
      b->want[AR_BRIEF_TARGET] ? ar_target_ids(xmlDocGetRootElement(b->in.data), &ntargets) : NULL;
  for (size_t i = 0; !oom && i < ntargets; i++)
    oom = add_brief(b, AR_BRIEF_TARGET, targets[i], NULL, "target-") != 0;
  free(targets);
  if (oom) {
    ar_msg_error("out of memory");
    return AR_EXIT_FAILURE;
  }
  if (b->shard_n > 1)
    b->njobs = ar_jobs_shard(b->jobs, b->njobs, b->shard_k, b->shard_n);
  if (b->incremental) {
    struct timespec *times = ar_jobs_source_times(b->data_path, b->in.templates, b->in.formats);
    if (times)
      ar_jobs_skip_up_to_date(b->jobs, b->njobs, times);
    free(times);
  }
  return AR_EXIT_OK;
}

/* ---- run -------------------------------------------------------------------------- */

static int run_job(void *ctx, const ar_job *job, ar_output_info *info, ar_diag *diag) {
  build *b = ctx;
  return ar_build_run_job(&b->in, job, info, diag);
}

static void job_finished(void *ctx, const ar_job *job) {
  build *b = ctx;
  ar_batch_report_job(b->report, job);
}

/* --dry-run: what each job would do, its file, brief, subject and format. */
static void list_jobs(const build *b) {
  for (size_t i = 0; i < b->njobs; i++) {
    const ar_job *j = &b->jobs[i];
    printf("%s\t%s\t%s\t%s\t%s\n",
           j->status == AR_JOB_SKIPPED ? "skip" : j->status == AR_JOB_FAILED ? "fail" : "write",
           j->path ? j->path : j->name, ar_brief_kind_name(j->kind), j->subject ? j->subject : "-",
           j->format_name);
  }
}

/* What every worker inherits: the figures member briefs compare with, the
 * member view, each plugin started; and the limit of its memory. */
static void prepare_workers(build *b) {
  ar_build_median_actions(xmlDocGetRootElement(b->in.data), b->in.median, sizeof b->in.median,
                          b->in.member_count, sizeof b->in.member_count,
                          b->in.actions_total, sizeof b->in.actions_total);
  if (b->want[AR_BRIEF_MEMBER] && b->npicked)
    b->in.view = ar_member_view_new(b->in.data);
  ar_templates_prepare(b->in.templates, b->in.data);
  for (size_t f = 0; f < ar_formats_count(b->in.formats); f++)
    ar_formats_prepare(b->in.formats, f);
  if (!b->memory_given)
    b->batch.max_memory = ar_batch_default_memory(b->batch.workers);
}

/* How progress is shown: not with -q; on a terminal that can rewrite a
 * line (not TERM=dumb), as one line rewritten, with failures in colour
 * unless NO_COLOR is set; else as a line every tenth of the jobs. */
static ar_progress_mode progress_mode(int quiet, int *color) {
  const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
  int tty = isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
  *color = tty && !(no_color && *no_color);
  return quiet ? AR_PROGRESS_NONE : tty ? AR_PROGRESS_TTY : AR_PROGRESS_LINES;
}

/* With commit, writes the manifest's len bytes of text to path through a
 * temporary file renamed into place (a symbolic link there is replaced,
 * not followed); without, only checks that this can be done. SIGINT,
 * SIGTERM and SIGHUP are held back meanwhile, so that no temporary file
 * is left: one that came is delivered after. Returns 0, or -1 with the
 * reason reported. */
static int write_manifest(const char *path, const char *text, size_t len, int commit) {
  sigset_t stop, old;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  sigprocmask(SIG_BLOCK, &stop, &old);
  ar_diag *diag = ar_diag_new(0);
  ar_output *out = diag ? ar_output_begin_path(path, diag) : NULL;
  int rc = out ? 0 : -1;
  if (out && commit && ar_write_all(ar_output_fd(out), text, len) != 0) {
    ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    rc = -1;
  }
  if (out && commit && rc == 0)
    rc = ar_output_commit(out, len, NULL, diag);
  else
    ar_output_abort(out);
  if (rc != 0)
    ar_msg_error("cannot write the manifest %s", path);
  ar_diag_print(diag, stderr);
  ar_diag_free(diag);
  sigprocmask(SIG_SETMASK, &old, NULL);
  return rc;
}

/* Where the manifest's records go while the jobs run: stdout, memory for
 * a file (written when they end), or nowhere. Returns 0, or -1. */
static int open_manifest(const build *b, FILE **manifest, char **text, size_t *len) {
  *manifest = NULL;
  if (!b->manifest_path)
    return 0;
  if (strcmp(b->manifest_path, "-") == 0) {
    *manifest = stdout;
    return 0;
  }
  if (write_manifest(b->manifest_path, NULL, 0, 0) != 0)
    return -1;
  if (!(*manifest = open_memstream(text, len)))
    ar_msg_error("out of memory");
  return *manifest ? 0 : -1;
}

/* --sync=batch: syncs the output folder's file system when a file was
 * written. Returns 0, or -1 (reported). */
static int sync_batch(const build *b) {
  size_t written = 0;
  for (size_t i = 0; i < b->njobs; i++)
    written += b->jobs[i].status == AR_JOB_WRITTEN;
  if (!written || ar_output_sync_fs(b->in.out_dir) == 0)
    return 0;
  ar_msg_error("cannot sync the file system of %s (--sync=batch): %s; the files written may "
               "not all be on disk", b->in.out_dir, strerror(errno));
  return -1;
}

/* Runs the jobs (or lists them), with the manifest; returns the exit
 * status. */
static int run(build *b) {
  if (b->dry_run) {
    list_jobs(b);
    return AR_EXIT_OK;
  }
  FILE *manifest;
  char *text = NULL;
  size_t len = 0;
  if (open_manifest(b, &manifest, &text, &len) != 0)
    return AR_EXIT_FAILURE;
  prepare_workers(b);
  int color;
  ar_progress_mode progress = progress_mode(b->quiet, &color);
  b->report = ar_batch_report_new(manifest, !b->quiet && manifest != stdout, progress, color,
                                  b->jobs, b->njobs);
  if (!b->report) {
    if (manifest && manifest != stdout)
      fclose(manifest);
    free(text);
    ar_msg_error("out of memory");
    return AR_EXIT_FAILURE;
  }
  b->batch.out_dir = b->in.out_dir;
  int sig = ar_batch_run(&b->batch, b->jobs, b->njobs);
  int unsynced = b->batch.sync == AR_SYNC_BATCH && sync_batch(b) != 0;
  int failed = ar_batch_report_end(b->report, b->quiet) != 0;
  b->report = NULL;
  if (manifest && manifest != stdout) {
    failed |= fclose(manifest) != 0;
    failed = failed || write_manifest(b->manifest_path, text, len, 1) != 0;
    free(text);
  } else if (failed) {
    ar_msg_error("cannot write the manifest %s", b->manifest_path);
  }
  failed |= unsynced;
  for (size_t i = 0; i < b->njobs; i++)
    failed |= b->jobs[i].status == AR_JOB_FAILED || b->jobs[i].status == AR_JOB_CANCELLED;
  return sig ? 128 + sig : failed ? AR_EXIT_FAILURE : AR_EXIT_OK;
}

int ar_cmd_build(int argc, char **argv) {
  build b = {.format_list = AR_DEFAULT_FORMAT, .shard_k = 1, .shard_n = 1,
             .in = {.out_dir = "."},
             .batch = {.workers = (unsigned)online_cpus(), .timeout = DEFAULT_TIMEOUT,
                       .sync = AR_SYNC_FILE, .run = run_job, .finished = job_finished}};
  b.batch.ctx = &b;
  int rc = parse_options(&b, argc, argv), ran = 0;
  if (rc == AR_EXIT_OK && !b.help) {
    ar_limit_memory(ar_batch_default_memory(1), 0);
    rc = pick_briefs(&b);
    if (rc == AR_EXIT_OK)
      rc = load_formats(&b);
    if (rc == AR_EXIT_OK)
      rc = load_inputs(&b);
    ar_diag_print(b.diag, stderr);
    if (rc == AR_EXIT_OK)
      rc = make_jobs(&b);
    if (rc == AR_EXIT_OK) {
      ran = 1;
      rc = run(&b);
    }
  }
  /* The workers were forked from this process, so the pages of the data
   * became copy-on-write: freeing its nodes one by one would take a page
   * fault on nearly every page (a quarter of the time of a summary brief
   * of large data). The data is left to the exit, still reachable. */
  static ar_dataset *left_to_exit __attribute__((used));
  if (ran) {
    left_to_exit = b.set;
    b.set = NULL;
  }
  build_free(&b);
  return rc;
}
