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

#include "brief-read.h"
#include "cli-args.h"
#include "commands.h"
#include "datadir.h"
#include "dataset.h"
#include "dates.h"
#include "exit-codes.h"
#include "formats.h"
#include "member-view.h"
#include "output.h"
#include "plugin-host.h"
#include "schema.h"
#include "templates.h"

#include <libxslt/xslt.h>

#define DEFAULT_FORMATS AR_DEFAULT_FORMAT

static void usage(void) {
  printf("Usage: alliance-report build [OPTION]... [DATA]\n"
         "Write briefs from Alliance data (by default the bundled dataset) with the\n"
         "brief templates, in one or more formats.\n"
         "\n"
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
         "  -q, --quiet                do not list the files written\n"
         "  -h, --help                 show this help and exit\n"
         "\n"
         "Files written: summary.EXT, member-CODE.EXT (code in lower case) and\n"
         "target-ID.EXT, each through a temporary file renamed into place.\n"
         "\n"
         "Exit status: 0 all written, 1 some brief failed (the others are written),\n"
         "2 usage error, 3 the data is unreadable or invalid (nothing is written).\n",
         DEFAULT_FORMATS);
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
  int quiet;
  ar_diag *diag;
  size_t written, failed;
} build;

static int is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is(c, name))
      return c;
  return NULL;
}

static int compare_counts(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* The median number of actions of the members listed as members, and
 * how many they are. */
static void median_actions(const xmlNode *root, char *buf, size_t size, char *count,
                           size_t count_size) {
  size_t n = 0, cap = 0, *counts = NULL;
  for (const xmlNode *m = child(child(root, "members"), "member"); m; m = m->next) {
    if (!is(m, "member"))
      continue;
    xmlChar *status = xmlGetNoNsProp(m, (const xmlChar *)"status");
    int listed = status && xmlStrEqual(status, (const xmlChar *)"member");
    xmlFree(status);
    if (!listed)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      size_t *grown = realloc(counts, cap * sizeof *grown);
      if (!grown)
        break;
      counts = grown;
    }
    size_t k = 0;
    for (const xmlNode *a = child(child(m, "actions"), "action"); a; a = a->next)
      k += is(a, "action");
    counts[n++] = k;
  }
  buf[0] = '\0';
  snprintf(count, count_size, "%zu", n);
  if (n) {
    qsort(counts, n, sizeof *counts, compare_counts);
    double median = n % 2 ? (double)counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
    snprintf(buf, size, "%g", median);
  }
  free(counts);
}

/* Runs one template and writes its brief in every format. */
static void write_brief(build *b, ar_brief_kind kind, xmlDocPtr input, const char *param,
                        const char *value, const char *stem) {
  const char *params[16];
  size_t np = 0;
  params[np++] = "generator";
  params[np++] = PACKAGE_NAME " " PACKAGE_VERSION;
  if (b->marking) {
    params[np++] = "marking";
    params[np++] = b->marking;
  }
  if (kind == AR_BRIEF_SUMMARY && b->since) {
    params[np++] = "since";
    params[np++] = b->since;
  }
  if (kind == AR_BRIEF_MEMBER && b->median[0]) {
    params[np++] = "median-actions";
    params[np++] = b->median;
  }
  if (kind == AR_BRIEF_MEMBER) {
    params[np++] = "member-count";
    params[np++] = b->member_count;
  }
  if (param) {
    params[np++] = param;
    params[np++] = value;
  }
  params[np] = NULL;

  size_t before = ar_diag_errors(b->diag);
  xmlDocPtr xml = input ? ar_templates_run(b->templates, kind, input, params, b->diag) : NULL;
  if (!input)
    ar_diag_add(b->diag, AR_ERROR, stem, 0, 0, "out of memory");
  ar_node *doc = xml ? ar_brief_read(xml, stem, b->diag) : NULL;
  xmlFreeDoc(xml);
  size_t nformats = ar_formats_count(b->formats);
  for (size_t i = 0; i < nformats; i++) {
    const ar_plugin *d = ar_formats_plugin(b->formats, i)->desc;
    char name[512];
    snprintf(name, sizeof name, "%s.%s", stem, d->extension);
    if (!doc) {
      b->failed++;
      continue;
    }
    ar_output *out = ar_output_begin(b->out_dir, name, b->diag);
    if (!out || ar_formats_render(b->formats, i, doc, ar_output_fd(out), ar_output_path(out), b->diag) != 0) {
      ar_output_abort(out);
      b->failed++;
      continue;
    }
    char *path = strdup(ar_output_path(out));
    if (ar_output_commit(out, b->diag) != 0) {
      b->failed++;
    } else {
      b->written++;
      if (!b->quiet)
        printf("%s\n", path);
    }
    free(path);
  }
  ar_node_free(doc);
  if (ar_diag_errors(b->diag) != before) {
    ar_diag_print(b->diag, stderr);
    ar_diag_free(b->diag);
    b->diag = ar_diag_new(20);
  }
  fflush(stdout);
}

/* A member code in capitals, the key of the member index (-m takes codes in
 * any case). */
static void fold_code(char *buf, size_t size, const char *code) {
  size_t i = 0;
  for (; code[i] && i + 1 < size; i++)
    buf[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
  buf[i] = '\0';
}

static const char *member_code(const xmlNode *m) {
  const xmlAttr *a = xmlHasProp(m, (const xmlChar *)"code");
  return a && a->children && a->children->content ? (const char *)a->children->content : NULL;
}

/* The <member>s of the data by folded code, indexed once per batch. */
static xmlHashTablePtr index_members(const xmlNode *root) {
  xmlHashTablePtr index = xmlHashCreate(1024);
  char key[64];
  for (const xmlNode *m = child(child(root, "members"), "member"); index && m; m = m->next) {
    const char *code = is(m, "member") ? member_code(m) : NULL;
    if (code) {
      fold_code(key, sizeof key, code);
      xmlHashAddEntry(index, (const xmlChar *)key, (void *)m);
    }
  }
  return index;
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

/* The members whose briefs are asked for: those of -m (looked up in the
 * index), or every member on the list. Returns -1 after naming an unknown
 * code and listing the valid ones. */
static int pick_members(const xmlNode *root, xmlHashTablePtr index, const char *list,
                        const xmlNode ***picked, size_t *n) {
  const xmlNode *members = child(root, "members");
  *n = 0;
  *picked = NULL;
  size_t nasked = 0;
  char **asked = list ? ar_split_list(list, &nasked) : NULL;
  int rc = 0;
  if (!list) {
    for (const xmlNode *m = child(members, "member"); m; m = m->next) {
      xmlChar *status = is(m, "member") ? xmlGetNoNsProp(m, (const xmlChar *)"status") : NULL;
      if (status && xmlStrEqual(status, (const xmlChar *)"member") && member_code(m)) {
        const xmlNode **grown = realloc(*picked, (*n + 1) * sizeof *grown);
        if (grown) {
          *picked = grown;
          (*picked)[(*n)++] = m;
        }
      }
      xmlFree(status);
    }
  } else if ((*picked = calloc(nasked ? nasked : 1, sizeof **picked))) {
    char key[64];
    for (size_t i = 0; i < nasked && rc == 0; i++) {
      fold_code(key, sizeof key, asked[i]);
      const xmlNode *m = index ? xmlHashLookup(index, (const xmlChar *)key) : NULL;
      if (m) {
        (*picked)[(*n)++] = m;
        continue;
      }
      fprintf(stderr, "alliance-report build: no member has the code '%s'\nMember codes:", asked[i]);
      for (const xmlNode *o = child(members, "member"); o; o = o->next)
        if (is(o, "member") && member_code(o))
          fprintf(stderr, " %s", member_code(o));
      fprintf(stderr, "\n");
      rc = -1;
    }
  }
  ar_free_list(asked, nasked);
  return rc;
}

int ar_cmd_build(int argc, char **argv) {
  enum { OPT_SINCE = 256, OPT_MARKING };
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
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *format_list = DEFAULT_FORMATS, *brief_list = NULL, *member_list = NULL;
  const char *template_dir = NULL;
  build b = {.out_dir = "."};
  ar_arg_list dirs = {0}, opts = {0};
  int c, rc = AR_EXIT_OK;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "+f:b:m:o:O:T:P:qh", options, NULL)) != -1) {
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
    case 'q': b.quiet = 1; break;
    case 'h':
      usage();
      goto done;
    default:
      rc = ar_bad_option("build", argv, optind, optopt);
      goto done;
    }
  }
  if (argc - optind > 1) {
    rc = ar_usage_error("build", "build takes one data file");
    goto done;
  }
  if (b.since && ar_date_parse(b.since, NULL) != AR_DATE_OK) {
    rc = ar_usage_error("build", "--since needs a date written YYYY-MM-DD, not '%s'", b.since);
    goto done;
  }
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
      rc = ar_usage_error("build", "unknown brief '%s': use summary, member, target or all", briefs[i]);
  }
  ar_free_list(briefs, nbriefs);
  if (rc == AR_EXIT_OK && !nbriefs)
    rc = ar_usage_error("build", "-b needs summary, member, target or all");
  if (member_list && rc == AR_EXIT_OK)
    want[AR_BRIEF_MEMBER] = 1;
  if (rc != AR_EXIT_OK)
    goto done;

  b.diag = ar_diag_new(50);
  size_t nformats;
  char **format_names = ar_split_list(format_list, &nformats);
  ar_plugin_host *host = ar_plugin_host_new(dirs.items, dirs.n, ar_program_preloaded(), b.diag);
  if (host && nformats)
    b.formats = ar_formats_new(host, (const char *const *)format_names, nformats, opts.items, opts.n);
  ar_free_list(format_names, nformats);
  char *data_path = optind < argc ? strdup(argv[optind]) : ar_datadir_file(AR_DEFAULT_DATASET);
  char *rng = ar_datadir_file(AR_SCHEMA_FILE), *brief_rng = ar_datadir_file("brief.rng");
  ar_schema *schema = NULL, *brief_schema = NULL;
  ar_dataset *set = NULL;
  const xmlNode **picked = NULL;
  size_t npicked = 0;
  xmlHashTablePtr members = NULL;
  if (!host) {
    rc = AR_EXIT_FAILURE;
  } else if (!b.formats) {
    if (!nformats)
      ar_usage_error("build", "-f needs at least one format");
    rc = AR_EXIT_USAGE;
  } else if (!(schema = ar_schema_load(rng, b.diag)) ||
             !(brief_schema = ar_schema_load(brief_rng, b.diag))) {
    rc = AR_EXIT_FAILURE;
  } else if (!(set = ar_dataset_load(data_path, schema, b.diag))) {
    rc = AR_EXIT_DATA;
  } else if (want[AR_BRIEF_MEMBER] &&
             (members = index_members(xmlDocGetRootElement(ar_dataset_doc(set))),
              pick_members(xmlDocGetRootElement(ar_dataset_doc(set)), members, member_list,
                           &picked, &npicked) != 0)) {
    rc = AR_EXIT_USAGE;
  } else if (make_dir(b.out_dir) != 0) {
    ar_diag_add(b.diag, AR_ERROR, b.out_dir, 0, 0, "cannot create the output folder: %s", strerror(errno));
    rc = AR_EXIT_FAILURE;
  } else {
    char *data_copy = strdup(data_path);
    char *data_dir = data_copy ? dirname(data_copy) : NULL;
    b.templates = ar_templates_open(template_dir, data_dir, brief_schema, b.diag);
    free(data_copy);
    if (!b.templates)
      rc = AR_EXIT_FAILURE;
  }
  ar_diag_print(b.diag, stderr);
  ar_diag_free(b.diag);
  b.diag = ar_diag_new(20);

  if (rc == AR_EXIT_OK) {
    b.data = ar_dataset_doc(set);
    const xmlNode *root = xmlDocGetRootElement(b.data);
    median_actions(root, b.median, sizeof b.median, b.member_count, sizeof b.member_count);
    char stem[256];
    if (want[AR_BRIEF_SUMMARY])
      write_brief(&b, AR_BRIEF_SUMMARY, b.data, NULL, NULL, "summary");
    if (want[AR_BRIEF_MEMBER] && npicked)
      b.view = ar_member_view_new(b.data);
    for (size_t i = 0; want[AR_BRIEF_MEMBER] && i < npicked; i++) {
      const char *code = member_code(picked[i]);
      file_stem(stem, sizeof stem, "member-", code);
      xmlDocPtr input = b.view ? ar_member_view_show(b.view, picked[i]) : NULL;
      write_brief(&b, AR_BRIEF_MEMBER, input, "code", code, stem);
    }
    for (const xmlNode *t = child(child(root, "targets"), "target"); want[AR_BRIEF_TARGET] && t; t = t->next) {
      xmlChar *id = is(t, "target") ? xmlGetNoNsProp(t, (const xmlChar *)"id") : NULL;
      if (id) {
        file_stem(stem, sizeof stem, "target-", (const char *)id);
        write_brief(&b, AR_BRIEF_TARGET, b.data, "target", (const char *)id, stem);
      }
      xmlFree(id);
    }
    ar_diag_print(b.diag, stderr);
    if (b.failed) {
      fprintf(stderr, "alliance-report build: %zu written, %zu failed\n", b.written, b.failed);
      rc = AR_EXIT_FAILURE;
    }
  }
  free(picked);
  xmlHashFree(members, NULL);
  ar_member_view_free(b.view);
  ar_templates_free(b.templates);
  ar_dataset_free(set);
  ar_schema_free(schema);
  ar_schema_free(brief_schema);
  ar_formats_free(b.formats);
  ar_plugin_host_free(host);
  ar_diag_free(b.diag);
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
