#include "config.h"

#include "templates.h"

#include <errno.h>
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/datadir.h"
#include "data/xml-load.h"

/* Recursion deeper than this is a runaway template; libxslt's default of
 * 3000 overflows a small stack before it is reached. */
#define MAX_TEMPLATE_DEPTH 300
/* Variables and parameters alive at once (libxslt's default: 15,000). */
#define MAX_TEMPLATE_VARS 5000

/* The work and memory one brief may take grow with its input: a fixed part
 * and so much per node of the input (elements, attributes, text). The
 * bundled templates need a tenth of each or less on 10,000 members; a loop
 * on the bundled data is stopped within seconds. */
#define STEPS_BASE 1000000UL         /* instructions run */
#define STEPS_PER_NODE 5UL
#define XPATH_OPS_BASE 20000000UL    /* XPath steps */
#define XPATH_OPS_PER_NODE 100UL
#define MEMORY_BASE ((size_t)256 << 20)
#define MEMORY_PER_NODE ((size_t)64)

static const char *const kind_names[AR_BRIEF_KINDS] = {"summary", "member", "target"};

const char *ar_brief_kind_name(ar_brief_kind kind) {
  return kind < AR_BRIEF_KINDS ? kind_names[kind] : "unknown";
}

struct ar_templates {
  char *dir;      /* realpath of the template folder */
  char *data_dir; /* realpath of the data folder, or NULL */
  const ar_schema *schema;
  xsltStylesheetPtr sheets[AR_BRIEF_KINDS];
  xsltSecurityPrefsPtr prefs;
  xmlDocPtr prepared;           /* ar_templates_prepare()'s data */
  unsigned long prepared_nodes; /* and its nodes */
};

/* ---- error capture ----------------------------------------------------------- */

/* Why a run was stopped, when a limit stopped it. */
typedef enum { RAN, STOP_DEPTH, STOP_VARS, STOP_STEPS, STOP_MEMORY } stop_reason;

/* libxslt reports through process-wide callbacks; this is the run under way. */
typedef struct {
  ar_diag *diag;
  size_t errors_before; /* errors in diag when the capture began */
  const char *sheet; /* the stylesheet file, for messages without a place */
  char line[2048];   /* the message being assembled */
  size_t len;
  char where_file[PATH_MAX];
  long where_line;
  char where_element[128];
  stop_reason stop;  /* what libxslt reported; the rest of its report is dropped */
  char stop_file[PATH_MAX];
  long stop_line;
  char stop_template[128]; /* the innermost template, from libxslt's backtrace */
} capture;

static capture *current;

static int says(const char *text, const char *words) { return strstr(text, words) != NULL; }

/* Recognises libxslt's reports of its limits, worded for its own command
 * line (--maxdepth); the message is written in ours by stop_message(). */
static int limit_report(capture *c, const char *text) {
  if (c->stop != RAN) {
    char name[128];
    if (!c->stop_template[0] && sscanf(text, "#%*d name %127s", name) == 1)
      snprintf(c->stop_template, sizeof c->stop_template, "%s", name);
    if (c->stop == STOP_DEPTH && says(text, "--maxvars"))
      c->stop = STOP_VARS;
    return 1;
  }
  if (says(text, "infinite template recursion"))
    c->stop = STOP_DEPTH;
  else if (says(text, "Operation limit exceeded") || says(text, "operation limit exceeded"))
    c->stop = STOP_STEPS;
  else
    return 0;
  if (c->where_line) {
    snprintf(c->stop_file, sizeof c->stop_file, "%s", c->where_file);
    c->stop_line = c->where_line;
  }
  c->where_line = 0;
  return 1;
}

static void flush_line(capture *c) {
  c->line[c->len] = '\0';
  char *text = c->line;
  while (*text == ' ')
    text++;
  if (!*text) {
    c->len = 0;
    return;
  }
  char file[PATH_MAX], element[128];
  long line;
  if (sscanf(text, "%*[a-z] error : file %4095s line %ld element %127s", file, &line, element) == 3 ||
      sscanf(text, "%*[a-z] error: file %4095s line %ld element %127s", file, &line, element) == 3) {
    snprintf(c->where_file, sizeof c->where_file, "%s", file);
    c->where_line = line;
    snprintf(c->where_element, sizeof c->where_element, "%s", element);
  } else if (limit_report(c, text)) {
    /* worded once the run ends */
  } else if (ar_diag_errors(c->diag) > c->errors_before &&
             (strcmp(text, "error") == 0 || says(text, "xsltParseStylesheetFile : cannot parse"))) {
    /* only says again that the errors above stopped the compilation */
  } else if (c->where_line) {
    ar_diag_add(c->diag, AR_ERROR, c->where_file, c->where_line, 0, "in <xsl:%s>: %s",
                c->where_element, text);
    c->where_line = 0;
  } else {
    ar_diag_add(c->diag, AR_ERROR, c->sheet, 0, 0, "%s", text);
  }
  c->len = 0;
}

static void on_xslt_error(void *data, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void on_xslt_error(void *data, const char *fmt, ...) {
  capture *c = data ? data : current;
  if (!c)
    return;
  char chunk[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(chunk, sizeof chunk, fmt, ap);
  va_end(ap);
  for (const char *p = chunk; *p; p++) {
    if (*p == '\n')
      flush_line(c);
    else if (c->len + 1 < sizeof c->line)
      c->line[c->len++] = *p;
  }
}

static void on_parse_error(void *data, xmlErrorPtr err) {
  capture *c = data;
  if (!c || !err || err->level < XML_ERR_ERROR)
    return;
  if (err->domain == XML_FROM_XPATH && err->code == XPATH_OP_LIMIT_EXCEEDED) {
    limit_report(c, "operation limit exceeded");
    return;
  }
  if (c->stop != RAN || err->code == XML_ERR_NO_MEMORY)
    return; /* follows from the limit reached */
  char msg[1024];
  snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
  msg[strcspn(msg, "\n")] = '\0';
  ar_diag_add(c->diag, AR_ERROR, err->file ? err->file : c->sheet, err->line, err->int2, "%s", msg);
}

static void begin_capture(capture *c, ar_diag *diag, const char *sheet) {
  memset(c, 0, sizeof *c);
  c->diag = diag;
  c->errors_before = ar_diag_errors(diag);
  c->sheet = sheet;
  current = c;
  xsltSetGenericErrorFunc(c, on_xslt_error);
  xmlSetGenericErrorFunc(c, on_xslt_error);
  xmlSetStructuredErrorFunc(c, on_parse_error);
}

static void end_capture(capture *c) {
  if (c->len)
    flush_line(c);
  xsltSetGenericErrorFunc(NULL, NULL);
  xmlSetGenericErrorFunc(NULL, NULL);
  xmlSetStructuredErrorFunc(NULL, NULL);
  current = NULL;
}

/* ---- memory -------------------------------------------------------------------- */

/* While a template runs, libxml2 and libxslt allocate through these, which
 * count what they hold. Past the limit the run is stopped (at its next
 * instruction or XPath step); a quarter more and allocations fail, for a
 * single step that would take more (a string doubled over and over). */
static struct {
  xmlFreeFunc free;
  xmlMallocFunc malloc;
  xmlReallocFunc realloc;
  xmlStrdupFunc strdup;
  size_t held, limit;
  int over;
  xsltTransformContextPtr run;
} memory;

static void stop_run(void) {
  memory.over = 1;
  if (memory.run) {
    memory.run->state = XSLT_STATE_STOPPED;
    memory.run->opLimit = 1;
    if (memory.run->xpathCtxt)
      memory.run->xpathCtxt->opLimit = 1;
  }
}

/* Tells whether size more bytes may be allocated. */
static int may_take(size_t size) {
  size_t hard = memory.limit + memory.limit / 4;
  if (size > hard || memory.held > hard - size) {
    stop_run();
    return 0;
  }
  if (memory.held + size > memory.limit)
    stop_run();
  return 1;
}

static void held_less(void *p) {
  size_t n = malloc_usable_size(p);
  memory.held = n < memory.held ? memory.held - n : 0;
}

static void counted_free(void *p) {
  if (p)
    held_less(p);
  free(p);
}

static void *counted_malloc(size_t size) {
  void *p = may_take(size) ? malloc(size) : NULL;
  if (p)
    memory.held += malloc_usable_size(p);
  return p;
}

static void *counted_realloc(void *p, size_t size) {
  if (!p)
    return counted_malloc(size);
  size_t had = malloc_usable_size(p);
  if (size > had && !may_take(size - had))
    return NULL;
  void *q = realloc(p, size);
  if (q) {
    memory.held = had < memory.held ? memory.held - had : 0;
    memory.held += malloc_usable_size(q);
  }
  return q;
}

static char *counted_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = counted_malloc(n);
  if (copy)
    memcpy(copy, s, n);
  return copy;
}

static void count_memory(size_t limit) {
  xmlMemGet(&memory.free, &memory.malloc, &memory.realloc, &memory.strdup);
  memory.held = 0;
  memory.limit = limit;
  memory.over = 0;
  xmlMemSetup(counted_free, counted_malloc, counted_realloc, counted_strdup);
}

static void stop_counting_memory(void) {
  xmlMemSetup(memory.free, memory.malloc, memory.realloc, memory.strdup);
  memory.run = NULL;
}

/* ---- confinement -------------------------------------------------------------- */

static ar_templates *confining; /* the templates whose folders reads may use */

static int under(const char *real, const char *dir) {
  size_t n = dir ? strlen(dir) : 0;
  return n && strncmp(real, dir, n) == 0 && real[n] == '/';
}

/* The local file a URI names, or NULL (network, or not a file). */
static char *local_path(const char *uri) {
  xmlURIPtr u = xmlParseURI(uri);
  char *path = NULL;
  if (u && (!u->scheme || strcmp(u->scheme, "file") == 0) && (!u->server || !*u->server) && u->path)
    path = realpath(u->path, NULL);
  xmlFreeURI(u);
  return path;
}

static int may_read(const char *uri, int stylesheet) {
  ar_templates *t = confining;
  char *real = uri ? local_path(uri) : NULL;
  int ok = real && t && (under(real, t->dir) || (!stylesheet && under(real, t->data_dir)));
  free(real);
  return ok;
}

static int check_read_file(xsltSecurityPrefsPtr prefs, xsltTransformContextPtr ctxt,
                           const char *value) {
  (void)prefs;
  if (may_read(value, 0))
    return 1;
  xsltTransformError(ctxt, NULL, NULL,
                     "reading '%s' refused: templates may read only files in the template "
                     "and data folders\n", value);
  return 0;
}

/* Opens the local file uri names for reading if it is a regular file of at
 * most AR_XML_MAX_BYTES: a pipe would block, a device never end. Returns
 * -1 after a message. */
static int open_regular(const char *uri, int stylesheet) {
  char *path = local_path(uri);
  int fd = path ? open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) : -1;
  struct stat st;
  const char *why = NULL;
  if (fd < 0)
    why = strerror(errno);
  else if (fstat(fd, &st) != 0)
    why = strerror(errno);
  else if (!S_ISREG(st.st_mode))
    why = "it is not a regular file (a folder, pipe, device or socket)";
  else if ((unsigned long long)st.st_size > AR_XML_MAX_BYTES)
    why = "it is larger than 1 GiB";
  free(path);
  if (why) {
    if (fd >= 0)
      close(fd);
    on_xslt_error(NULL, "%s '%s' refused: %s\n", stylesheet ? "stylesheet" : "reading", uri, why);
    return -1;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags != -1)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

/* Parses stylesheets and documents with safe options, only from allowed
 * folders. Replaces libxslt's loader, which would load DTDs and entities. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                             xsltLoadType type) {
  (void)options;
  (void)ctxt;
  if (!may_read((const char *)uri, type != XSLT_LOAD_DOCUMENT)) {
    if (type != XSLT_LOAD_DOCUMENT)
      on_xslt_error(NULL, "stylesheet '%s' refused: stylesheets may include only files of the "
                          "template folder\n", (const char *)uri);
    return NULL;
  }
  int fd = open_regular((const char *)uri, type != XSLT_LOAD_DOCUMENT);
  if (fd < 0)
    return NULL;
  xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
  if (!pctxt) {
    close(fd);
    return NULL;
  }
  if (dict && type != XSLT_LOAD_DOCUMENT) {
    if (pctxt->dict)
      xmlDictFree(pctxt->dict);
    pctxt->dict = dict;
    xmlDictReference(dict);
  }
  xmlDocPtr doc = xmlCtxtReadFd(pctxt, fd, (const char *)uri, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  xmlFreeParserCtxt(pctxt);
  close(fd);
  return doc;
}

/* ---- opening ---------------------------------------------------------------------- */

static const char *default_dir(char *buf, size_t size) {
  const char *env = getenv("ALLIANCE_REPORT_TEMPLATES");
  if (env && *env)
    return env;
  snprintf(buf, size, "%s/templates/briefs/summary.xsl", PKGDATADIR);
  if (access(buf, R_OK) == 0 || !ar_in_build_tree()) {
    snprintf(buf, size, "%s/templates/briefs", PKGDATADIR);
    return buf;
  }
  return AR_SRCTEMPLATEDIR;
}

ar_templates *ar_templates_open(const char *dir, const char *data_dir,
                                const ar_schema *brief_schema, ar_diag *diag) {
  char buf[PATH_MAX];
  if (!dir)
    dir = default_dir(buf, sizeof buf);
  ar_templates *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->schema = brief_schema;
  t->dir = realpath(dir, NULL);
  if (!t->dir) {
    ar_diag_add(diag, AR_ERROR, dir, 0, 0, "cannot open the template folder: %s", strerror(errno));
    free(t);
    return NULL;
  }
  t->data_dir = data_dir ? realpath(data_dir, NULL) : NULL;
  t->prefs = xsltNewSecurityPrefs();
  if (!t->prefs ||
      xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
      xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
      xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
      xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
      xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_READ_FILE, check_read_file)) {
    ar_templates_free(t);
    return NULL;
  }
  exsltRegisterAll();
  xsltSetLoaderFunc(safe_loader);
  return t;
}

void ar_templates_free(ar_templates *t) {
  if (!t)
    return;
  for (int k = 0; k < AR_BRIEF_KINDS; k++)
    if (t->sheets[k])
      xsltFreeStylesheet(t->sheets[k]);
  if (t->prefs)
    xsltFreeSecurityPrefs(t->prefs);
  if (confining == t)
    confining = NULL;
  free(t->dir);
  free(t->data_dir);
  free(t);
}

const char *ar_templates_dir(const ar_templates *t) { return t ? t->dir : NULL; }

char *ar_templates_file(const ar_templates *t, ar_brief_kind kind) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s.xsl", t->dir, ar_brief_kind_name(kind)) < 0)
    return NULL;
  return path;
}

static xsltStylesheetPtr sheet(ar_templates *t, ar_brief_kind kind, ar_diag *diag) {
  /* A template that failed is tried again, so that every job it fails
     says why. */
  if (t->sheets[kind])
    return t->sheets[kind];
  char *path = ar_templates_file(t, kind);
  if (!path)
    return NULL;
  size_t before = ar_diag_errors(diag);
  capture c;
  begin_capture(&c, diag, path);
  confining = t;
  if (access(path, R_OK) != 0)
    ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot read the template: %s", strerror(errno));
  else
    t->sheets[kind] = xsltParseStylesheetFile((const xmlChar *)path);
  end_capture(&c);
  if (t->sheets[kind] && t->sheets[kind]->errors) {
    xsltFreeStylesheet(t->sheets[kind]);
    t->sheets[kind] = NULL;
  }
  if (!t->sheets[kind]) {
    if (ar_diag_errors(diag) == before)
      ar_diag_add(diag, AR_ERROR, path, 0, 0, "the template cannot be compiled");
  }
  free(path);
  return t->sheets[kind];
}

/* ---- running ---------------------------------------------------------------------- */

static void on_transform_error(void *data, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void on_transform_error(void *data, const char *fmt, ...) {
  capture *c = data;
  char chunk[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(chunk, sizeof chunk, fmt, ap);
  va_end(ap);
  on_xslt_error(c, "%s", chunk);
}

/* Nodes of doc: elements, attributes, text. */
static unsigned long count_nodes(xmlDocPtr doc) {
  unsigned long n = 0;
  xmlNodePtr top = (xmlNodePtr)doc, cur = doc->children;
  while (cur) {
    n++;
    if (cur->type == XML_ELEMENT_NODE)
      for (xmlAttrPtr a = cur->properties; a; a = a->next)
        n++;
    if (cur->type == XML_ELEMENT_NODE && cur->children) {
      cur = cur->children;
      continue;
    }
    while (cur != top && !cur->next)
      cur = cur->parent;
    cur = cur != top ? cur->next : NULL;
  }
  return n;
}

/* The limits of one run on an input of so many nodes. */
typedef struct {
  unsigned long steps, xpath_ops;
  size_t memory;
} run_limits;

static run_limits limits_for(unsigned long nodes) {
  return (run_limits){
      .steps = STEPS_BASE + STEPS_PER_NODE * nodes,
      .xpath_ops = XPATH_OPS_BASE + XPATH_OPS_PER_NODE * nodes,
      .memory = MEMORY_BASE + MEMORY_PER_NODE * nodes,
  };
}

/* Says, in our words, which limit stopped the run. */
static void stop_message(const capture *c, const run_limits *lim, const char *path) {
  const char *file = c->stop_line ? c->stop_file : path;
  long line = c->stop_line;
  char where[160] = "";
  if (c->stop_template[0])
    snprintf(where, sizeof where, " (in the template '%s')", c->stop_template);
  switch (c->stop) {
  case STOP_DEPTH:
    ar_diag_add(c->diag, AR_ERROR, file, line, 0,
                "templates call one another more than %d deep%s: a template that "
                "calls itself without end, or recursion the data cannot need",
                MAX_TEMPLATE_DEPTH, where);
    break;
  case STOP_VARS:
    ar_diag_add(c->diag, AR_ERROR, file, line, 0,
                "more than %d variables and parameters are alive at once%s: a "
                "template that calls itself without end?",
                MAX_TEMPLATE_VARS, where);
    break;
  case STOP_STEPS:
    ar_diag_add(c->diag, AR_ERROR, file, line, 0,
                "the template was stopped after %lu instructions or %lu XPath "
                "steps, the most a brief of this data may take: a loop that "
                "does not end, or nested loops over the whole data?",
                lim->steps, lim->xpath_ops);
    break;
  case STOP_MEMORY:
    ar_diag_add(c->diag, AR_ERROR, file, line, 0,
                "the template was stopped after using %zu MiB of memory, the "
                "most a brief of this data may take: a string or a tree that "
                "grows without end?",
                lim->memory >> 20);
    break;
  case RAN:
    break;
  }
}

void ar_templates_prepare(ar_templates *t, xmlDocPtr data) {
  t->prepared = data;
  t->prepared_nodes = count_nodes(data);
  xmlXPathOrderDocElems(data);
}

/* libxslt numbers the input's elements (xmlXPathOrderDocElems) in every
 * transform context it makes unless its debugger is on. Prepared data is
 * numbered already, and writing the same numbers again into every element
 * would make a forked worker copy each page of the data: the debugger
 * status is set only while the context is made (no debugger callbacks are
 * registered, and the context itself runs without it). */
static xsltTransformContextPtr new_context(const ar_templates *t, xsltStylesheetPtr style,
                                           xmlDocPtr data) {
  if (data != t->prepared)
    return xsltNewTransformContext(style, data);
  int status = xslDebugStatus;
  xslDebugStatus = XSLT_DEBUG_QUIT;
  xsltTransformContextPtr ctxt = xsltNewTransformContext(style, data);
  xslDebugStatus = status;
  if (ctxt)
    ctxt->debugStatus = status;
  return ctxt;
}

xmlDocPtr ar_templates_run(ar_templates *t, ar_brief_kind kind, xmlDocPtr data,
                           const char *const *params, ar_diag *diag) {
  xsltStylesheetPtr style = sheet(t, kind, diag);
  if (!style)
    return NULL;
  char *path = ar_templates_file(t, kind);
  size_t before = ar_diag_errors(diag);
  run_limits lim = limits_for(data == t->prepared ? t->prepared_nodes : count_nodes(data));
  capture c;
  begin_capture(&c, diag, path);
  confining = t;
  xmlDocPtr result = NULL;
  count_memory(lim.memory);
  xsltTransformContextPtr ctxt = new_context(t, style, data);
  if (ctxt) {
    memory.run = ctxt;
    xsltSetCtxtSecurityPrefs(t->prefs, ctxt);
    xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    xsltSetTransformErrorFunc(ctxt, &c, on_transform_error);
    ctxt->maxTemplateDepth = MAX_TEMPLATE_DEPTH;
    ctxt->maxTemplateVars = MAX_TEMPLATE_VARS;
    ctxt->opLimit = lim.steps;
    if (ctxt->xpathCtxt)
      ctxt->xpathCtxt->opLimit = lim.xpath_ops;
    if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0)
      ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot pass the template's parameters");
    else if (!memory.over)
      result = xsltApplyStylesheetUser(style, data, NULL, NULL, NULL, ctxt);
    if (memory.over)
      c.stop = STOP_MEMORY;
    if (c.stop != RAN)
      stop_message(&c, &lim, path);
    if (ctxt->state != XSLT_STATE_OK || memory.over) {
      if (ar_diag_errors(diag) == before)
        ar_diag_add(diag, AR_ERROR, path, 0, 0, "the template stopped (xsl:message terminate=\"yes\" or an error)");
      if (result)
        xmlFreeDoc(result);
      result = NULL;
    }
    memory.run = NULL;
    xsltFreeTransformContext(ctxt);
  } else if (memory.over) {
    c.stop = STOP_MEMORY;
    stop_message(&c, &lim, path);
  }
  stop_counting_memory();
  end_capture(&c);
  if (!result && ar_diag_errors(diag) == before)
    ar_diag_add(diag, AR_ERROR, path, 0, 0, "the template produced no document");
  if (result && ar_diag_errors(diag) != before) {
    xmlFreeDoc(result);
    result = NULL;
  }
  if (result) {
    xmlFree((xmlChar *)result->URL);
    result->URL = xmlStrdup((const xmlChar *)path);
    ar_diag *why = ar_diag_new(5);
    if (ar_schema_validate_doc(t->schema, result, why) > 0) {
      for (size_t i = 0; i < ar_diag_count(why); i++) {
        const ar_diag_entry *e = ar_diag_get(why, i);
        ar_diag_add(diag, e->severity, path, 0, 0,
                    "the template wrote a brief that does not match data/brief.rng: %s", e->message);
      }
      xmlFreeDoc(result);
      result = NULL;
    }
    ar_diag_free(why);
  }
  free(path);
  return result;
}
