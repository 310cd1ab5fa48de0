#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch-jobs.h"
#include "batch/batch-report.h"
#include "batch/batch.h"
#include "brief/brief-read.h"
#include "brief/subjects.h"
#include "cli-args.h"
#include "commands.h"
#include "data/datadir.h"
#include "data/dataset.h"
#include "data/dates.h"
#include "exit-codes.h"
#include "messages.h"
#include "host/formats.h"
#include "brief/member-view.h"
#include "batch/output.h"
#include "host/plugin-host.h"
#include "host/plugin-probe.h"
#include "data/schema.h"
#include "brief/templates.h"

#include <libxslt/xslt.h>

#define DEFAULT_FORMATS AR_DEFAULT_FORMAT
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
         "                             512M or 2G%s\n"
         "      --keep-going           run every job even after failures (the default)\n"
         "      --fail-fast            start no job after the first failure\n"
         "      --incremental          skip a job whose file is newer than the data,\n"
         "                             the templates and the plugin\n"
         "      --shard=K/N            run only the K-th of N slices of the jobs\n"
         "      --dry-run              list the jobs and their files; write nothing\n"
         "\n"
         "What to tell:\n"
         "      --manifest=FILE        one JSON record per job (JSON Lines), in job\n"
         "                             order; '-' for standard output\n"
         "  -q, --quiet                no list of files, no progress\n"
         "  -h, --help                 show this help and exit\n"
         "\n"
         "Files written: summary.EXT, member-CODE.EXT (code in lower case) and\n"
         "target-ID.EXT, each through a temporary file renamed into place.\n"
         "\n"
         "Exit status: 0 all written (or up to date), 1 some job failed (the others are\n"
         "written), 2 usage error, 3 the data is unreadable or invalid (nothing is\n"
         "written), 130 or 143 stopped by SIGINT or SIGTERM (finished files stay).\n",
         DEFAULT_FORMATS, online_cpus(), DEFAULT_TIMEOUT,
#ifdef AR_SANITIZED
         " (ignored: built with sanitizers)"
#else
         ""
#endif
  );
}

typedef struct {
  ar_templates *templates;
  ar_formats *formats;
  xmlDocPtr data;
  ar_member_view *view; /* what member briefs are made from */
  char member_count[32];
  const char *out_dir;
  const char *since, *marking;
  char median[32];
  ar_batch_report *report;
} build;

/* The brief a worker made last, kept for the next job of the same brief
 * in another format (the batch gives a worker such jobs in a row). */
static struct {
  int kind;
  const char *subject;
  ar_node *doc;
} last_brief;

static ar_node *make_brief(build *b, const ar_job *job, ar_diag *diag);

/* Runs a job, in its worker: the template of its brief (unless this worker
 * just made it), then its format. */
static int run_job(void *ctx, const ar_job *job, ar_output_info *info, ar_diag *diag) {
  build *b = ctx;
  if (!last_brief.doc || last_brief.kind != job->kind || last_brief.subject != job->subject) {
    ar_node_free(last_brief.doc);
    last_brief.doc = make_brief(b, job, diag);
    last_brief.kind = job->kind;
    last_brief.subject = job->subject;
  }
  ar_node *doc = last_brief.doc;
  int rc = -1;
  ar_output *out = doc ? ar_output_begin(b->out_dir, job->name, diag) : NULL;
  uint64_t written = 0;
  if (out && ar_formats_render(b->formats, job->format, doc, ar_output_fd(out),
                               ar_output_path(out), &written, diag) == 0)
    rc = ar_output_commit(out, written, info, diag);
  else
    ar_output_abort(out);
  return rc;
}

/* Runs the template of a job's brief. Returns the brief, or NULL with the
 * reasons in diag. */
static ar_node *make_brief(build *b, const ar_job *job, ar_diag *diag) {
  const char *params[16];
  size_t np = 0;
  params[np++] = "generator";
  params[np++] = PACKAGE_NAME " " PACKAGE_VERSION;
  if (b->marking) {
    params[np++] = "marking";
    params[np++] = b->marking;
  }
  if (job->kind == AR_BRIEF_SUMMARY && b->since) {
    params[np++] = "since";
    params[np++] = b->since;
  }
  if (job->kind == AR_BRIEF_MEMBER) {
    if (b->median[0]) {
      params[np++] = "median-actions";
      params[np++] = b->median;
    }
    params[np++] = "member-count";
    params[np++] = b->member_count;
    params[np++] = "code";
    params[np++] = job->subject;
  } else if (job->kind == AR_BRIEF_TARGET) {
    params[np++] = "target";
    params[np++] = job->subject;
  }
  params[np] = NULL;

  xmlDocPtr input = b->data;
  if (job->kind == AR_BRIEF_MEMBER)
    input = b->view ? ar_member_view_show(b->view, job->node) : NULL;
  if (!input) {
    ar_diag_add(diag, AR_ERROR, job->name, 0, 0, "out of memory");
    return NULL;
  }
  char stem[256];
  snprintf(stem, sizeof stem, "%.*s", (int)(strrchr(job->name, '.') - job->name), job->name);
  xmlDocPtr xml = ar_templates_run(b->templates, job->kind, input, params, diag);
  ar_node *doc = xml ? ar_brief_read(xml, stem, diag) : NULL;
  xmlFreeDoc(xml);
  return doc;
}

static void job_finished(void *ctx, const ar_job *job) {
  build *b = ctx;
  ar_batch_report_job(b->report, job);
}

/* Lower-cases a code for a file name. */
static void file_stem(char *buf, size_t size, const char *prefix, const char *code) {
  snprintf(buf, size, "%s%s", prefix, code);
  for (char *p = buf; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
}

static int make_dir(const char *dir) {
  char *copy = strdup(dir);
  if (!copy)
    return -1;
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      free(copy);
      return -1;
    }
    *p = '/';
  }
  int rc = mkdir(copy, 0777) != 0 && errno != EEXIST ? -1 : 0;
  free(copy);
  struct stat st;
  if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
    errno = ENOTDIR;
    rc = -1;
  }
  return rc;
}

/* The newest time among the files a job's output depends on, per format. */
static struct timespec *source_times(const char *data_path, const ar_templates *t,
                                     ar_formats *formats, size_t nformats) {
  struct timespec *times = calloc(nformats ? nformats : 1, sizeof *times);
  if (!times)
    return NULL;
  struct timespec base = ar_mtime(data_path);
  for (int k = 0; k < AR_BRIEF_KINDS; k++) {
    char *file = ar_templates_file(t, k);
    base = ar_later(base, ar_mtime(file));
    free(file);
  }
  char *common = NULL;
  if (asprintf(&common, "%s/common.xsl", ar_templates_dir(t)) > 0)
    base = ar_later(base, ar_mtime(common));
  free(common);
  for (size_t f = 0; f < nformats; f++) {
    const ar_loaded_plugin *p = formats ? ar_formats_plugin(formats, f) : NULL;
    const char *origin = p && strcmp(p->origin, "preloaded") != 0 ? p->origin : "/proc/self/exe";
    struct timespec plugin = ar_mtime(origin);
    times[f] = plugin.tv_sec ? ar_later(base, plugin) : plugin;
  }
  return times;
}

int ar_cmd_build(int argc, char **argv) {
  enum {
    OPT_SINCE = 256, OPT_MARKING, OPT_TIMEOUT, OPT_MAX_MEMORY, OPT_KEEP_GOING, OPT_FAIL_FAST,
    OPT_MANIFEST, OPT_INCREMENTAL, OPT_DRY_RUN, OPT_SHARD
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
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *format_list = DEFAULT_FORMATS, *brief_list = NULL, *member_list = NULL;
  const char *template_dir = NULL, *manifest_path = NULL;
  build b = {.out_dir = "."};
  ar_batch batch = {.workers = (unsigned)online_cpus(), .timeout = DEFAULT_TIMEOUT,
                    .run = run_job, .finished = job_finished, .ctx = &b};
  ar_arg_list dirs = {0}, opts = {0};
  int c, rc = AR_EXIT_OK, quiet = 0, incremental = 0, dry_run = 0;
  size_t shard_k = 1, shard_n = 1;
  long number;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+f:b:m:o:O:T:P:j:qh", options, NULL)) != -1) {
    switch (c) {
    case 'f': format_list = optarg; break;
    case 'b': brief_list = optarg; break;
    case 'm': member_list = optarg; break;
    case 'o': b.out_dir = optarg; break;
    case OPT_SINCE: b.since = optarg; break;
    case OPT_MARKING: b.marking = optarg; break;
    case 'O': ar_arg_list_add(&opts, optarg); break;
    case 'T': template_dir = optarg; break;
    case 'P': ar_arg_list_add(&dirs, optarg); break;
    case 'j':
      if (ar_parse_count(optarg, 1, 1024, &number) != 0) {
        rc = ar_msg_usage("-j needs a number of jobs from 1 to 1024, not '%s'", optarg);
        goto done;
      }
      batch.workers = (unsigned)number;
      break;
    case OPT_TIMEOUT:
      if (ar_parse_count(optarg, 0, 86400 * 7, &number) != 0) {
        rc = ar_msg_usage("--job-timeout needs seconds (0 for none), not '%s'", optarg);
        goto done;
      }
      batch.timeout = (unsigned)number;
      break;
    case OPT_MAX_MEMORY:
      if (ar_parse_size(optarg, &batch.max_memory) != 0) {
        rc = ar_msg_usage("--max-memory needs a size such as 512M or 2G, not '%s'", optarg);
        goto done;
      }
      break;
    case OPT_KEEP_GOING: batch.fail_fast = 0; break;
    case OPT_FAIL_FAST: batch.fail_fast = 1; break;
    case OPT_MANIFEST: manifest_path = optarg; break;
    case OPT_INCREMENTAL: incremental = 1; break;
    case OPT_DRY_RUN: dry_run = 1; break;
    case OPT_SHARD:
      if (ar_shard_parse(optarg, &shard_k, &shard_n) != 0) {
        rc = ar_msg_usage("--shard needs K/N with 1 <= K <= N, not '%s'", optarg);
        goto done;
      }
      break;
    case 'q': quiet = 1; break;
    case 'h':
      usage();
      goto done;
    default:
      rc = ar_bad_option(argv, optind, optopt);
      goto done;
    }
  }
  if (argc - optind > 1) {
    rc = ar_msg_usage("build takes one data file");
    goto done;
  }
  if (b.since && ar_date_parse(b.since, NULL) != AR_DATE_OK) {
    rc = ar_msg_usage("--since needs a date written YYYY-MM-DD, not '%s'", b.since);
    goto done;
  }
#ifdef AR_SANITIZED
  if (batch.max_memory) {
    ar_msg_warning("--max-memory is ignored in a build with sanitizers (their shadow memory "
                   "needs more than any useful limit)");
    batch.max_memory = 0;
  }
#endif
  /* -m alone asks for those members' briefs; otherwise the summary. */
  if (!brief_list)
    brief_list = member_list ? "member" : "summary";
  int want[AR_BRIEF_KINDS] = {0};
  size_t nbriefs;
  char **briefs = ar_split_list(brief_list, &nbriefs);
  for (size_t i = 0; i < nbriefs && rc == AR_EXIT_OK; i++) {
    int all = strcmp(briefs[i], "all") == 0, known = all;
    for (int k = 0; k < AR_BRIEF_KINDS; k++)
      if (all || strcmp(briefs[i], ar_brief_kind_name(k)) == 0)
        want[k] = known = 1;
    if (!known)
      rc = ar_msg_usage("unknown brief '%s': use summary, member, target or all", briefs[i]);
  }
  ar_free_list(briefs, nbriefs);
  if (rc == AR_EXIT_OK && !nbriefs)
    rc = ar_msg_usage("-b needs summary, member, target or all");
  if (member_list && rc == AR_EXIT_OK)
    want[AR_BRIEF_MEMBER] = 1;
  if (rc != AR_EXIT_OK)
    goto done;

  size_t nformats;
  char **format_names = ar_split_list(format_list, &nformats);
  for (size_t f = 0; f < nformats && rc == AR_EXIT_OK; f++)
    for (size_t g = 0; g < f && rc == AR_EXIT_OK; g++)
      if (strcmp(format_names[f], format_names[g]) == 0)
        rc = ar_msg_usage("the format %s is given twice", format_names[f]);
  if (rc != AR_EXIT_OK) {
    ar_free_list(format_names, nformats);
    goto done;
  }
  ar_diag *diag = ar_diag_new(50);
  ar_plugin_host *host = ar_plugin_host_new(dirs.items, dirs.n, ar_program_preloaded(), diag);
  /* Plugins are first loaded in a throw-away process: one whose loading
   * crashes fails its jobs, not the batch. */
  char **why = calloc(nformats ? nformats : 1, sizeof *why);
  const char **loadable = calloc(nformats ? nformats : 1, sizeof *loadable);
  size_t nloadable = 0;
  for (size_t f = 0; host && why && loadable && f < nformats; f++) {
    char buf[1024];
    if (ar_plugin_probe(host, format_names[f], opts.items, opts.n, buf, sizeof buf) != 0) {
      why[f] = strdup(buf);
      ar_msg_error("format %s: %s", format_names[f], buf);
    } else {
      loadable[nloadable++] = format_names[f];
    }
  }
  if (host && why && loadable && nloadable)
    b.formats = ar_formats_new(host, loadable, nloadable, opts.items, opts.n);
  char *data_path = optind < argc ? strdup(argv[optind]) : ar_datadir_file(AR_DEFAULT_DATASET);
  char *rng = ar_datadir_file(AR_SCHEMA_FILE), *brief_rng = ar_datadir_file("brief.rng");
  ar_schema *schema = NULL, *brief_schema = NULL;
  ar_dataset *set = NULL;
  const xmlNode **picked = NULL;
  size_t npicked = 0;
  xmlHashTablePtr members = NULL;
  ar_job *jobs = NULL;
  size_t njobs = 0, jobs_cap = 0;
  FILE *manifest = NULL;
  if (!host || !why || !loadable) {
    rc = AR_EXIT_FAILURE;
  } else if (!nformats) {
    ar_msg_usage("-f needs at least one format");
    rc = AR_EXIT_USAGE;
  } else if (nloadable && !b.formats) {
    rc = AR_EXIT_USAGE;
  } else if (!(schema = ar_schema_load(rng, diag)) || !(brief_schema = ar_schema_load(brief_rng, diag))) {
    rc = AR_EXIT_FAILURE;
  } else if (!(set = ar_dataset_load(data_path, schema, diag))) {
    rc = AR_EXIT_DATA;
  } else if (want[AR_BRIEF_MEMBER] &&
             (members = ar_members_index(xmlDocGetRootElement(ar_dataset_doc(set))),
              ar_members_pick(xmlDocGetRootElement(ar_dataset_doc(set)), members, member_list,
                           &picked, &npicked) != 0)) {
    rc = AR_EXIT_USAGE;
  } else if (!dry_run && make_dir(b.out_dir) != 0) {
    ar_diag_add(diag, AR_ERROR, b.out_dir, 0, 0, "cannot create the output folder: %s", strerror(errno));
    rc = AR_EXIT_FAILURE;
  } else {
    char *data_copy = strdup(data_path);
    char *data_dir = data_copy ? dirname(data_copy) : NULL;
    b.templates = ar_templates_open(template_dir, data_dir, brief_schema, diag);
    free(data_copy);
    if (!b.templates)
      rc = AR_EXIT_FAILURE;
  }
  ar_diag_print(diag, stderr);
  ar_diag_free(diag);

  /* Two formats writing files of one name would overwrite each other. */
  for (size_t f = 0; rc == AR_EXIT_OK && f < nloadable; f++)
    for (size_t g = 0; g < f && rc == AR_EXIT_OK; g++) {
      const ar_plugin *x = ar_formats_plugin(b.formats, g)->desc, *y = ar_formats_plugin(b.formats, f)->desc;
      if (strcmp(x->extension, y->extension) == 0)
        rc = ar_msg_usage("the formats %s and %s both write .%s files: build them into "
                          "different folders", x->name, y->name, x->extension);
    }
  /* The jobs: each brief in each format, in the order of -f. */
  const char **exts = calloc(nformats ? nformats : 1, sizeof *exts);
  if (rc == AR_EXIT_OK && !exts)
    rc = AR_EXIT_FAILURE;
  for (size_t f = 0, l = 0; rc == AR_EXIT_OK && f < nformats; f++)
    if (!why[f])
      exts[f] = ar_formats_plugin(b.formats, l++)->desc->extension;
  /* Jobs give their format as an index among the loaded ones. */
  size_t *loaded_index = calloc(nformats ? nformats : 1, sizeof *loaded_index);
  for (size_t f = 0, l = 0; loaded_index && f < nformats; f++)
    loaded_index[f] = why[f] ? 0 : l++;
  if (rc == AR_EXIT_OK) {
    b.data = ar_dataset_doc(set);
    const xmlNode *root = xmlDocGetRootElement(b.data);
    char stem[256];
    int oom = !loaded_index;
    if (want[AR_BRIEF_SUMMARY])
      oom |= ar_jobs_add_brief(&jobs, &njobs, &jobs_cap, AR_BRIEF_SUMMARY, NULL, NULL, "summary",
                               b.out_dir, (const char *const *)format_names, exts,
                               (const char *const *)why, nformats) != 0;
    for (size_t i = 0; !oom && want[AR_BRIEF_MEMBER] && i < npicked; i++) {
      const char *code = ar_member_code(picked[i]);
      file_stem(stem, sizeof stem, "member-", code);
      oom |= ar_jobs_add_brief(&jobs, &njobs, &jobs_cap, AR_BRIEF_MEMBER, code, picked[i], stem,
                               b.out_dir, (const char *const *)format_names, exts,
                               (const char *const *)why, nformats) != 0;
    }
    size_t ntargets = 0;
    const char **targets = want[AR_BRIEF_TARGET] ? ar_target_ids(root, &ntargets) : NULL;
    for (size_t i = 0; !oom && i < ntargets; i++) {
      file_stem(stem, sizeof stem, "target-", targets[i]);
      oom |= ar_jobs_add_brief(&jobs, &njobs, &jobs_cap, AR_BRIEF_TARGET, targets[i], NULL, stem,
                               b.out_dir, (const char *const *)format_names, exts,
                               (const char *const *)why, nformats) != 0;
    }
    free(targets);
    for (size_t i = 0; !oom && i < njobs; i++)
      jobs[i].format = loaded_index[jobs[i].format];
    if (oom) {
      ar_msg_error("out of memory");
      rc = AR_EXIT_FAILURE;
    }
  }
  if (rc == AR_EXIT_OK && shard_n > 1)
    njobs = ar_jobs_shard(jobs, njobs, shard_k, shard_n);
  if (rc == AR_EXIT_OK && incremental) {
    struct timespec *times = source_times(data_path, b.templates, b.formats, nloadable);
    if (times)
      ar_jobs_skip_up_to_date(jobs, njobs, times);
    free(times);
  }

  if (rc == AR_EXIT_OK && dry_run) {
    for (size_t i = 0; i < njobs; i++) {
      const ar_job *j = &jobs[i];
      printf("%s\t%s\t%s\t%s\t%s\n",
             j->status == AR_JOB_SKIPPED ? "skip" : j->status == AR_JOB_FAILED ? "fail" : "write",
             j->path ? j->path : j->name, ar_brief_kind_name(j->kind), j->subject ? j->subject : "-",
             j->format_name);
    }
  } else if (rc == AR_EXIT_OK) {
    if (manifest_path && strcmp(manifest_path, "-") == 0) {
      manifest = stdout;
    } else if (manifest_path && !(manifest = fopen(manifest_path, "we"))) {
      ar_msg_error("cannot write the manifest %s: %s", manifest_path, strerror(errno));
      rc = AR_EXIT_FAILURE;
    }
  }
  if (rc == AR_EXIT_OK && !dry_run) {
    const xmlNode *root = xmlDocGetRootElement(b.data);
    ar_build_median_actions(root, b.median, sizeof b.median, b.member_count, sizeof b.member_count);
    if (want[AR_BRIEF_MEMBER] && npicked)
      b.view = ar_member_view_new(b.data);
    /* Start each plugin here, so that every worker inherits it started. */
    for (size_t f = 0; f < nloadable; f++)
      ar_formats_prepare(b.formats, f);
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    int dumb = term && strcmp(term, "dumb") == 0;
    int tty = isatty(STDERR_FILENO) && !dumb; /* a dumb terminal cannot rewrite a line */
    int color = tty && !(no_color && *no_color);
    ar_progress_mode progress = quiet ? AR_PROGRESS_NONE : tty ? AR_PROGRESS_TTY : AR_PROGRESS_LINES;
    b.report = ar_batch_report_new(manifest, !quiet && manifest != stdout, progress, color, jobs, njobs);
    batch.out_dir = b.out_dir;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int sig = ar_batch_run(&batch, jobs, njobs);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int manifest_failed = ar_batch_report_end(b.report, seconds, quiet) != 0;
    if (manifest && manifest != stdout && fclose(manifest) != 0)
      manifest_failed = 1;
    manifest = NULL;
    if (manifest_failed)
      ar_msg_error("cannot write the manifest %s", manifest_path);
    int failed = manifest_failed;
    for (size_t i = 0; i < njobs; i++)
      failed |= jobs[i].status == AR_JOB_FAILED || jobs[i].status == AR_JOB_CANCELLED;
    if (sig)
      rc = 128 + sig;
    else if (failed)
      rc = AR_EXIT_FAILURE;
  }
  if (manifest && manifest != stdout)
    fclose(manifest);
  ar_jobs_clear(jobs, njobs);
  free(jobs);
  free(exts);
  free(loaded_index);
  for (size_t f = 0; why && f < nformats; f++)
    free(why[f]);
  free(why);
  free(loadable);
  ar_free_list(format_names, nformats);
  free(picked);
  xmlHashFree(members, NULL);
  ar_member_view_free(b.view);
  ar_templates_free(b.templates);
  ar_dataset_free(set);
  ar_schema_free(schema);
  ar_schema_free(brief_schema);
  ar_formats_free(b.formats);
  ar_plugin_host_free(host);
  free(data_path);
  free(rng);
  free(brief_rng);
  xsltCleanupGlobals();
  xmlCleanupParser();
done:
  ar_arg_list_free(&dirs);
  ar_arg_list_free(&opts);
  return rc;
}
