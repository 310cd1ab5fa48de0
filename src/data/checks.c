#include "config.h"

#include "checks.h"

#include <libxml/hash.h>
#include <stdarg.h>
#include <stdio.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

typedef struct {
  const ar_schema *schema;
  const ar_xml_file *file;
  ar_diag *diag;
  xmlHashTablePtr ids;     /* id -> element that defines it */
  xmlHashTablePtr codes;   /* member code in lower case -> <member> */
  xmlHashTablePtr numbers; /* target number -> <target> */
  xmlHashTablePtr cited;   /* source ids that something cites */
  ar_date launch, as_of;
  int have_launch, have_as_of;
  const char *target_list; /* "victims, offenders, ..." for messages */
} check_ctx;

static int named(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (named(c, name))
      return c;
  return NULL;
}

/* The text of n's child <name>; free with xmlFree(). */
static xmlChar *child_text(const xmlNode *n, const char *name) {
  const xmlNode *c = child(n, name);
  return c ? xmlNodeGetContent(c) : NULL;
}

static void error_at(check_ctx *cx, const xmlNode *n, const char *attr,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void error_at(check_ctx *cx, const xmlNode *n, const char *attr,
                     const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  ar_xml_error_at(cx->file, cx->diag, n, attr, "%s", msg);
}

static void warning_at(check_ctx *cx, const xmlNode *n, const char *attr,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void warning_at(check_ctx *cx, const xmlNode *n, const char *attr,
                       const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  long line, col;
  ar_xml_node_position(cx->file, n, attr, &line, &col);
  ar_diag_add(cx->diag, AR_WARNING, ar_xml_node_file(cx->file, n), line, col, "%s", msg);
}

static long line_of(check_ctx *cx, const xmlNode *n) {
  long line, col;
  ar_xml_node_position(cx->file, n, NULL, &line, &col);
  return line;
}

/* ---- typed values -------------------------------------------------------- */

/* Checks the date in attribute attr of n (or n's text when attr is NULL).
 * Returns 1 and fills *out when it is a valid date. */
static int check_date(check_ctx *cx, const xmlNode *n, const char *attr,
                      ar_date *out) {
  xmlChar *v = attr ? xmlGetNoNsProp(n, (const xmlChar *)attr) : xmlNodeGetContent(n);
  if (!v)
    return 0;
  ar_date_status st = ar_date_parse((const char *)v, out);
  if (st != AR_DATE_OK) {
    if (attr)
      error_at(cx, n, attr, "%s=\"%s\" %s", attr, (const char *)v, ar_date_problem(st));
    else
      error_at(cx, n, NULL, "<%s>%s</%s> %s", (const char *)n->name,
               (const char *)v, (const char *)n->name, ar_date_problem(st));
  }
  xmlFree(v);
  return st == AR_DATE_OK;
}

static void check_year(check_ctx *cx, const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  long year;
  if (!v)
    return;
  if (ar_year_parse((const char *)v, &year) != 0)
    error_at(cx, n, attr, "%s=\"%s\" is not a year", attr, (const char *)v);
  else if (year < AR_YEAR_MIN || year > AR_YEAR_MAX)
    error_at(cx, n, attr, "%s=\"%s\" is outside %d to %d", attr, (const char *)v,
             AR_YEAR_MIN, AR_YEAR_MAX);
  xmlFree(v);
}

/* Returns 1 when the value is a number (or absent). */
static int check_number(check_ctx *cx, const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  if (!v)
    return 1;
  const char *p = (const char *)v;
  if (*p == '-' || *p == '+')
    p++;
  int digits = 0, dots = 0;
  for (; *p; p++) {
    if (*p >= '0' && *p <= '9')
      digits++;
    else if (*p == '.')
      dots++;
    else
      break;
  }
  int ok = !*p && digits && dots <= 1;
  if (!ok)
    error_at(cx, n, attr, "%s=\"%s\" is not a number (write it like 1234 or 12.5, "
             "without spaces or thousands separators)", attr, (const char *)v);
  xmlFree(v);
  return ok;
}

/* A figure of kind member-count counts members: a whole number. */
static void check_member_count(check_ctx *cx, const xmlNode *n) {
  xmlChar *kind = xmlGetNoNsProp(n, (const xmlChar *)"kind");
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"value");
  if (kind && v && xmlStrEqual(kind, (const xmlChar *)"member-count") &&
      strspn((const char *)v, "0123456789") != strlen((const char *)v))
    error_at(cx, n, "value",
             "value=\"%s\" is not a whole number: a figure of kind=\"member-count\" "
             "counts members",
             (const char *)v);
  xmlFree(kind);
  xmlFree(v);
}

static void check_name_token(check_ctx *cx, const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  if (v && xmlValidateNCName(v, 0) != 0)
    error_at(cx, n, attr,
             "%s=\"%s\" is not a valid name: use letters, digits, '-', '_' and "
             "'.', starting with a letter",
             attr, (const char *)v);
  xmlFree(v);
}

/* Longest target id: it names the target's brief files, target-ID.EXT,
 * whose names may have at most 200 bytes. */
#define MAX_TARGET_ID_BYTES 64

/* An attribute holding text must hold some that is not white space. */
static void check_text_attr(check_ctx *cx, const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  const xmlChar *p = v;
  while (p && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  if (p && !*p)
    error_at(cx, n, attr, "%s=\"%s\" is empty: give it some text", attr, (const char *)v);
  xmlFree(v);
}

static void check_target_number(check_ctx *cx, const xmlNode *n) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"number");
  if (!v)
    return;
  const char *p = (const char *)v;
  long number = 0;
  int digits = 0;
  for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
    number = number * 10 + (*p - '0');
  if (*p || !digits || number < 1 || number > 99)
    error_at(cx, n, "number", "number=\"%s\" is not a whole number from 1 to 99",
             (const char *)v);
  xmlFree(v);
}

static void check_target_id(check_ctx *cx, const xmlNode *n) {
  xmlChar *id = xmlGetNoNsProp(n, (const xmlChar *)"id");
  size_t len = id ? strlen((const char *)id) : 0;
  if (len > MAX_TARGET_ID_BYTES) {
    /* Quoted in part, cut between two characters. */
    int shown = 20;
    while (shown > 0 && (id[shown] & 0xC0) == 0x80)
      shown--;
    error_at(cx, n, "id",
             "target id \"%.*s...\" is %zu bytes long: a target's id names the "
             "files of its brief (target-ID.pdf), so it may have at most %d",
             shown, (const char *)id, len, MAX_TARGET_ID_BYTES);
  }
  xmlFree(id);
}

/* The code in lower case, as it appears in file names. */
static void fold_code(const char *code, char *buf, size_t size) {
  size_t i = 0;
  for (; code[i] && i + 1 < size; i++)
    buf[i] = code[i] >= 'A' && code[i] <= 'Z' ? (char)(code[i] - 'A' + 'a') : code[i];
  buf[i] = '\0';
}

static int valid_member_code(const char *c) {
  size_t len = strlen(c);
  if (len == 2)
    return c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
  if (len < 3 || len > 32 || c[0] == '-')
    return 0;
  for (const char *p = c; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
          (*p >= '0' && *p <= '9') || *p == '-'))
      return 0;
  return 1;
}

/* ---- pass 1: what is defined ----------------------------------------------- */

static void define_id(check_ctx *cx, xmlNode *n) {
  xmlChar *id = xmlGetNoNsProp(n, (const xmlChar *)"id");
  if (!id)
    return;
  xmlNode *first = xmlHashLookup(cx->ids, id);
  if (first)
    error_at(cx, n, "id", "id \"%s\" is already used by <%s> on line %ld",
             (const char *)id, (const char *)first->name, line_of(cx, first));
  else
    xmlHashAddEntry(cx->ids, id, n);
  xmlFree(id);
}

static void define_member(check_ctx *cx, xmlNode *n) {
  xmlChar *code = xmlGetNoNsProp(n, (const xmlChar *)"code");
  if (!code)
    return;
  if (!valid_member_code((const char *)code)) {
    error_at(cx, n, "code",
             "member code \"%s\" is neither two capital letters (ISO 3166-1 "
             "alpha-2, such as FR or XK) nor 3 to 32 letters, digits and hyphens",
             (const char *)code);
  } else {
    /* Codes name files in lower case: "ABC" and "abc" would share one. */
    char folded[40];
    fold_code((const char *)code, folded, sizeof folded);
    xmlNode *first = xmlHashLookup(cx->codes, (const xmlChar *)folded);
    if (first) {
      xmlChar *name = child_text(first, "name");
      xmlChar *other = xmlGetNoNsProp(first, (const xmlChar *)"code");
      int same = other && xmlStrEqual(other, code);
      error_at(cx, n, "code", "member code \"%s\" is already used%s by %s on line %ld%s%s%s",
               (const char *)code, same ? "" : ", ignoring case,",
               name ? (const char *)name : "another member", line_of(cx, first),
               same ? "" : " (\"", same ? "" : (const char *)other,
               same ? "" : "\"): briefs are named by the code in lower case");
      xmlFree(other);
      xmlFree(name);
    } else {
      xmlHashAddEntry(cx->codes, (const xmlChar *)folded, n);
    }
  }
  xmlFree(code);
}

static void define_target(check_ctx *cx, xmlNode *n) {
  check_target_id(cx, n);
  check_target_number(cx, n);
  xmlChar *number = xmlGetNoNsProp(n, (const xmlChar *)"number");
  if (!number)
    return;
  xmlNode *first = xmlHashLookup(cx->numbers, number);
  if (first)
    error_at(cx, n, "number", "target number %s is already used on line %ld",
             (const char *)number, line_of(cx, first));
  else
    xmlHashAddEntry(cx->numbers, number, n);
  xmlFree(number);
}

static void collect(check_ctx *cx, xmlNode *parent) {
  for (xmlNode *n = parent->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    ar_schema_check_attributes(cx->schema, cx->file, n, cx->diag);
    if (xmlHasProp(n, (const xmlChar *)"id")) {
      check_name_token(cx, n, "id");
      define_id(cx, n);
    }
    if (named(n, "member"))
      define_member(cx, n);
    else if (named(n, "target"))
      define_target(cx, n);
    collect(cx, n);
  }
}

/* ---- pass 2: what refers to what, and when ------------------------------- */

static int defined_as(check_ctx *cx, const xmlChar *id, const char *kind) {
  xmlNode *n = xmlHashLookup(cx->ids, id);
  return n && named(n, kind);
}

static void check_sources(check_ctx *cx, xmlNode *n) {
  xmlChar *list = xmlGetNoNsProp(n, (const xmlChar *)"source");
  if (!list)
    return;
  if (!list[strspn((const char *)list, " \t\r\n")])
    error_at(cx, n, "source", "source=\"%s\" names no source: give the ids of its sources",
             (const char *)list);
  char *save = NULL;
  for (char *tok = strtok_r((char *)list, " \t\r\n", &save); tok;
       tok = strtok_r(NULL, " \t\r\n", &save)) {
    const xmlChar *id = (const xmlChar *)tok;
    if (defined_as(cx, id, "source")) {
      xmlHashAddEntry(cx->cited, id, n);
      continue;
    }
    xmlNode *other = xmlHashLookup(cx->ids, id);
    if (other)
      error_at(cx, n, "source", "source \"%s\" names a <%s>, not a <source>", tok,
               (const char *)other->name);
    else
      error_at(cx, n, "source",
               "source \"%s\" is not defined: add <source id=\"%s\"> to <sources> "
               "or correct the name",
               tok, tok);
  }
  xmlFree(list);
}

/* How many different ids the source list names. */
static size_t count_sources(const char *list) {
  const char *space = " \t\r\n";
  size_t count = 0;
  for (const char *p = list + strspn(list, space); *p; p += strspn(p, space)) {
    size_t len = strcspn(p, space);
    int seen = 0;
    for (const char *q = list + strspn(list, space); q < p && !seen; q += strspn(q, space)) {
      size_t qlen = strcspn(q, space);
      seen = qlen == len && memcmp(p, q, len) == 0;
      q += qlen;
    }
    count += !seen;
    p += len;
  }
  return count;
}

/* A target's wording and its goals quote one source verbatim, named by
 * their source attribute. Old files lack it on wordings: a warning. */
static void check_quotation(check_ctx *cx, xmlNode *n) {
  int wording = named(n, "wording");
  xmlNode *target = named(n->parent, "target") ? n->parent : NULL;
  /* "<wording> of target "ID"" or "<goal> "ID"" */
  const char *what = wording ? "<wording> of target" : "<goal>";
  xmlChar *id = xmlGetNoNsProp(wording ? target : n, (const xmlChar *)"id");
  const char *name = id ? (const char *)id : "?";
  xmlChar *list = xmlGetNoNsProp(n, (const xmlChar *)"source");
  if (!list && wording) {
    xmlChar *cites = target ? xmlGetNoNsProp(target, (const xmlChar *)"source") : NULL;
    warning_at(cx, n, NULL,
               "%s \"%s\" is a quotation but names no source: add source=\"ID\" with "
               "the id of the one source whose words it gives%s%s%s",
               what, name, cites ? " (the target cites " : "",
               cites ? (const char *)cites : "", cites ? ")" : "");
    xmlFree(cites);
  } else if (list) {
    size_t count = count_sources((const char *)list);
    if (count > 1)
      warning_at(cx, n, "source",
                 "%s \"%s\" quotes one source, but source=\"%s\" names %zu: keep only "
                 "the one whose words it gives",
                 what, name, (const char *)list, count);
  }
  xmlFree(list);
  xmlFree(id);
}

static void check_target_ref(check_ctx *cx, xmlNode *n) {
  xmlChar *t = xmlGetNoNsProp(n, (const xmlChar *)"target");
  if (t && !defined_as(cx, t, "target"))
    error_at(cx, n, "target", "target \"%s\" is not a policy target; the targets are %s",
             (const char *)t, cx->target_list);
  xmlFree(t);
}

static void check_joined(check_ctx *cx, xmlNode *member, xmlNode *joined) {
  ar_date when;
  const char *attr = xmlHasProp(joined, (const xmlChar *)"date") ? "date" : "by";
  if (!xmlHasProp(joined, (const xmlChar *)attr) || !check_date(cx, joined, attr, &when))
    return;
  xmlChar *name = child_text(member, "name");
  const char *who = name ? (const char *)name : "this member";
  char text[16];
  snprintf(text, sizeof text, "%04d-%02d-%02d", when.year, when.month, when.day);
  if (cx->have_launch && ar_date_compare(&when, &cx->launch) < 0)
    error_at(cx, joined, attr,
             "%s cannot have joined on %s, before the Alliance was launched on "
             "%04d-%02d-%02d",
             who, text, cx->launch.year, cx->launch.month, cx->launch.day);
  if (cx->have_as_of && ar_date_compare(&when, &cx->as_of) > 0)
    error_at(cx, joined, attr,
             "%s joined on %s, after the date this data describes (as-of "
             "%04d-%02d-%02d)",
             who, text, cx->as_of.year, cx->as_of.month, cx->as_of.day);
  xmlChar *founding = xmlGetNoNsProp(member, (const xmlChar *)"founding");
  if (founding && xmlStrEqual(founding, (const xmlChar *)"yes") && cx->have_launch &&
      (strcmp(attr, "date") != 0 || ar_date_compare(&when, &cx->launch) != 0))
    error_at(cx, joined, attr,
             "%s is marked founding=\"yes\" but did not join on the launch date "
             "%04d-%02d-%02d",
             who, cx->launch.year, cx->launch.month, cx->launch.day);
  xmlFree(founding);
  xmlFree(name);
}

static void check_member(check_ctx *cx, xmlNode *m) {
  xmlChar *status = xmlGetNoNsProp(m, (const xmlChar *)"status");
  xmlChar *founding = xmlGetNoNsProp(m, (const xmlChar *)"founding");
  if (status && founding &&
      xmlStrEqual(status, (const xmlChar *)"endorsed-at-launch-only") &&
      !xmlStrEqual(founding, (const xmlChar *)"yes"))
    error_at(cx, m, "founding",
             "status=\"endorsed-at-launch-only\" needs founding=\"yes\"");
  xmlFree(status);
  xmlFree(founding);

  xmlNode *joined = (xmlNode *)child(m, "joined");
  if (joined)
    check_joined(cx, m, joined);

  /* One value per indicator and year. */
  const xmlNode *indicators = child(m, "indicators");
  if (!indicators)
    return;
  xmlHashTablePtr seen = xmlHashCreate(16);
  for (xmlNode *i = indicators->children; i && seen; i = i->next) {
    if (!named(i, "indicator"))
      continue;
    xmlChar *name = xmlGetNoNsProp(i, (const xmlChar *)"name");
    xmlChar *year = xmlGetNoNsProp(i, (const xmlChar *)"year");
    if (name && year) {
      xmlNode *first = xmlHashLookup2(seen, name, year);
      if (first)
        error_at(cx, i, NULL,
                 "indicator \"%s\" for %s is given twice for this member (first "
                 "on line %ld)",
                 (const char *)name, (const char *)year, line_of(cx, first));
      else
        xmlHashAddEntry2(seen, name, year, i);
    }
    xmlFree(name);
    xmlFree(year);
  }
  xmlHashFree(seen, NULL);
}

static void check_refs(check_ctx *cx, xmlNode *parent) {
  for (xmlNode *n = parent->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    check_sources(cx, n);
    if (named(n, "action") || named(n, "measure") || named(n, "call"))
      check_target_ref(cx, n);
    if (named(n, "wording") || named(n, "goal"))
      check_quotation(cx, n);
    if (named(n, "action") || named(n, "indicator"))
      check_year(cx, n, "year");
    if (named(n, "indicator"))
      check_number(cx, n, "value");
    if (named(n, "figure") && check_number(cx, n, "value"))
      check_member_count(cx, n);
    if (named(n, "figure") || named(n, "event"))
      check_date(cx, n, "date", NULL);
    if (named(n, "eu") && xmlHasProp(n, (const xmlChar *)"since"))
      check_date(cx, n, "since", NULL);
    if (named(n, "date") && named(n->parent, "source"))
      check_date(cx, n, NULL, NULL);
    if (named(n, "member"))
      check_member(cx, n);
    if (named(n, "indicator"))
      check_name_token(cx, n, "name");
    if (named(n, "launch") || named(n, "event"))
      check_text_attr(cx, n, "place");
    if (named(n, "figure") || named(n, "indicator"))
      check_text_attr(cx, n, "unit");
    if (named(n, "region"))
      check_text_attr(cx, n, "scheme");
    check_refs(cx, n);
  }
}

/* ---- the whole check ------------------------------------------------------ */

static void list_targets(check_ctx *cx, xmlNode *root, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (const xmlNode *t = child(child(root, "targets"), "target"); t; t = t->next) {
    if (!named(t, "target"))
      continue;
    xmlChar *id = xmlGetNoNsProp(t, (const xmlChar *)"id");
    if (id) {
      int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", (const char *)id);
      if (n > 0 && (size_t)n < size - used)
        used += (size_t)n;
    }
    xmlFree(id);
  }
  if (!used)
    snprintf(buf, size, "(none defined)");
}

static void warn_uncited(void *payload, void *data, const xmlChar *name) {
  check_ctx *cx = data;
  xmlNode *n = payload;
  if (named(n, "source") && !xmlHashLookup(cx->cited, name)) {
    long line, col;
    ar_xml_node_position(cx->file, n, "id", &line, &col);
    ar_diag_add(cx->diag, AR_WARNING, ar_xml_node_file(cx->file, n), line, col,
                "source \"%s\" is not cited by anything", (const char *)name);
  }
}

size_t ar_check_dataset(const ar_schema *schema, const ar_xml_file *file,
                        ar_diag *diag) {
  size_t before = ar_diag_errors(diag);
  xmlNode *root = xmlDocGetRootElement(ar_xml_file_doc(file));
  if (!root)
    return 0;
  if (!named(root, "alliance")) {
    ar_xml_error_at(file, diag, root, NULL,
                    "the root element is <%s>, but an Alliance data file starts "
                    "with <alliance>",
                    (const char *)root->name);
    return ar_diag_errors(diag) - before;
  }
  if (root->ns) {
    ar_xml_error_at(file, diag, root, NULL,
                    "<alliance> is in the XML namespace \"%s\", but data "
                    "elements take none: remove the xmlns attribute",
                    (const char *)root->ns->href);
    return ar_diag_errors(diag) - before;
  }

  check_ctx cx = {.schema = schema, .file = file, .diag = diag};
  cx.ids = xmlHashCreate(256);
  cx.codes = xmlHashCreate(256);
  cx.numbers = xmlHashCreate(8);
  cx.cited = xmlHashCreate(64);
  if (!cx.ids || !cx.codes || !cx.numbers || !cx.cited) {
    ar_diag_add(diag, AR_ERROR, ar_xml_node_file(file, root), 0, 0, "out of memory");
  } else {
    ar_schema_check_attributes(schema, file, root, diag);
    cx.have_as_of = xmlHasProp(root, (const xmlChar *)"as-of") &&
                    check_date(&cx, root, "as-of", &cx.as_of);
    xmlNode *launch = (xmlNode *)child(root, "launch");
    cx.have_launch = launch && xmlHasProp(launch, (const xmlChar *)"date") &&
                     check_date(&cx, launch, "date", &cx.launch);
    if (cx.have_launch && cx.have_as_of && ar_date_compare(&cx.as_of, &cx.launch) < 0)
      error_at(&cx, root, "as-of",
               "the data is dated %04d-%02d-%02d, before the launch on %04d-%02d-%02d",
               cx.as_of.year, cx.as_of.month, cx.as_of.day, cx.launch.year,
               cx.launch.month, cx.launch.day);

    collect(&cx, root);
    char targets[512];
    list_targets(&cx, root, targets, sizeof targets);
    cx.target_list = targets;
    check_sources(&cx, root);
    check_refs(&cx, root);
    xmlHashScan(cx.ids, warn_uncited, &cx);
  }
  xmlHashFree(cx.ids, NULL);
  xmlHashFree(cx.codes, NULL);
  xmlHashFree(cx.numbers, NULL);
  xmlHashFree(cx.cited, NULL);
  return ar_diag_errors(diag) - before;
}
