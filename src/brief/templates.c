#include "config.h"

#include "templates.h"

#include <errno.h>
#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/datadir.h"

/* Recursion deeper than this is a runaway template; libxslt's default of
 * 3000 overflows a small stack before it is reached. */
#define MAX_TEMPLATE_DEPTH 300
/* XPath steps one brief may take: far above what the bundled templates
 * need for 100,000 members, low enough to stop a loop within seconds. */
#define MAX_XPATH_OPS 2000000000UL

static const char *const kind_names[AR_BRIEF_KINDS] = {"summary", "member", "target"};

const char *ar_brief_kind_name(ar_brief_kind kind) {
  return kind < AR_BRIEF_KINDS ? kind_names[kind] : "unknown";
}

struct ar_templates {
  char *dir;      /* realpath of the template folder */
  char *data_dir; /* realpath of the data folder, or NULL */
  const ar_schema *schema;
  xsltStylesheetPtr sheets[AR_BRIEF_KINDS];
  int failed[AR_BRIEF_KINDS];
  xsltSecurityPrefsPtr prefs;
};

/* ---- error capture ----------------------------------------------------------- */

/* libxslt reports through process-wide callbacks; this is the run under way. */
typedef struct {
  ar_diag *diag;
  const char *sheet; /* the stylesheet file, for messages without a place */
  char line[2048];   /* the message being assembled */
  size_t len;
  char where_file[PATH_MAX];
  long where_line;
  char where_element[128];
} capture;

static capture *current;

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
  } else if (c->where_line) {
    ar_diag_add(c->diag, AR_ERROR, c->where_file, c->where_line, 0, "in <xsl:%s>: %s",
                c->where_element, text);
    c->where_line = 0;
  } else {
    ar_diag_add(c->diag, AR_ERROR, c->sheet, 0, 0, "%s", text);
  }
  c->len = 0;
}

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
  char msg[1024];
  snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
  msg[strcspn(msg, "\n")] = '\0';
  ar_diag_add(c->diag, AR_ERROR, err->file ? err->file : c->sheet, err->line, err->int2, "%s", msg);
}

static void begin_capture(capture *c, ar_diag *diag, const char *sheet) {
  memset(c, 0, sizeof *c);
  c->diag = diag;
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
  xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
  if (!pctxt)
    return NULL;
  if (dict && type != XSLT_LOAD_DOCUMENT) {
    if (pctxt->dict)
      xmlDictFree(pctxt->dict);
    pctxt->dict = dict;
    xmlDictReference(dict);
  }
  xmlDocPtr doc = xmlCtxtReadFile(pctxt, (const char *)uri, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  xmlFreeParserCtxt(pctxt);
  return doc;
}

/* ---- opening ---------------------------------------------------------------------- */

static const char *default_dir(char *buf, size_t size) {
  const char *env = getenv("ALLIANCE_REPORT_TEMPLATES");
  if (env && *env)
    return env;
  snprintf(buf, size, "%s/templates/briefs/summary.xsl", PKGDATADIR);
  if (access(buf, R_OK) == 0) {
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
  if (t->sheets[kind] || t->failed[kind])
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
    t->failed[kind] = 1;
  }
  free(path);
  return t->sheets[kind];
}

/* ---- running ---------------------------------------------------------------------- */

static void on_transform_error(void *data, const char *fmt, ...) {
  capture *c = data;
  char chunk[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(chunk, sizeof chunk, fmt, ap);
  va_end(ap);
  on_xslt_error(c, "%s", chunk);
}

xmlDocPtr ar_templates_run(ar_templates *t, ar_brief_kind kind, xmlDocPtr data,
                           const char *const *params, ar_diag *diag) {
  xsltStylesheetPtr style = sheet(t, kind, diag);
  if (!style)
    return NULL;
  char *path = ar_templates_file(t, kind);
  size_t before = ar_diag_errors(diag);
  capture c;
  begin_capture(&c, diag, path);
  confining = t;
  xmlDocPtr result = NULL;
  xsltTransformContextPtr ctxt = xsltNewTransformContext(style, data);
  if (ctxt) {
    xsltSetCtxtSecurityPrefs(t->prefs, ctxt);
    xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    xsltSetTransformErrorFunc(ctxt, &c, on_transform_error);
    ctxt->maxTemplateDepth = MAX_TEMPLATE_DEPTH;
    ctxt->opLimit = MAX_XPATH_OPS;
    if (ctxt->xpathCtxt)
      ctxt->xpathCtxt->opLimit = MAX_XPATH_OPS;
    if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0)
      ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot pass the template's parameters");
    else
      result = xsltApplyStylesheetUser(style, data, NULL, NULL, NULL, ctxt);
    if (ctxt->state != XSLT_STATE_OK) {
      if (ar_diag_errors(diag) == before)
        ar_diag_add(diag, AR_ERROR, path, 0, 0, "the template stopped (xsl:message terminate=\"yes\" or an error)");
      if (result)
        xmlFreeDoc(result);
      result = NULL;
    }
    xsltFreeTransformContext(ctxt);
  }
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
