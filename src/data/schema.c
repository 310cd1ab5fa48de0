#include "config.h"

#include "schema.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_VALUES 16

/* One attribute an element may carry, as the schema says. */
typedef struct {
  char *element;
  char *name;
  int required;
  int group; /* >0: one of a <choice> of attributes, of which one is needed */
  size_t order; /* position in the schema, to keep that order in messages */
  char *values[MAX_VALUES + 1]; /* allowed values when enumerated, or none */
} attr_rule;

/* The rules of one element: rules[first .. first + count). */
typedef struct {
  size_t first, count;
} rule_span;

struct ar_schema {
  char *name; /* the schema file's name, for messages */
  xmlRelaxNGPtr rng;
  attr_rule *rules; /* sorted by element once read */
  size_t nrules;
  int next_group;
  xmlHashTablePtr spans; /* element name -> rule_span */
  rule_span *span_store;
};

/* ---- reading attribute rules from the schema ----------------------------- */

static int is_rng(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && n->ns &&
         xmlStrEqual(n->ns->href, (const xmlChar *)RNG_NS) &&
         xmlStrEqual(n->name, (const xmlChar *)name);
}

static xmlNodePtr find_define(xmlNodePtr grammar, const xmlChar *name) {
  for (xmlNodePtr n = grammar->children; n; n = n->next)
    if (is_rng(n, "define")) {
      xmlChar *dn = xmlGetProp(n, (const xmlChar *)"name");
      int match = xmlStrEqual(dn, name);
      xmlFree(dn);
      if (match)
        return n;
    }
  return NULL;
}

static void collect_values(xmlNodePtr grammar, xmlNodePtr n, attr_rule *rule,
                           size_t *count, int depth) {
  for (xmlNodePtr c = n->children; c && depth < 8; c = c->next) {
    if (is_rng(c, "value") && *count < MAX_VALUES) {
      rule->values[(*count)++] = (char *)xmlNodeGetContent(c);
    } else if (is_rng(c, "choice")) {
      collect_values(grammar, c, rule, count, depth + 1);
    } else if (is_rng(c, "ref")) {
      xmlChar *ref = xmlGetProp(c, (const xmlChar *)"name");
      xmlNodePtr def = find_define(grammar, ref);
      xmlFree(ref);
      if (def)
        collect_values(grammar, def, rule, count, depth + 1);
    }
  }
}

static void add_rule(ar_schema *s, xmlNodePtr grammar, const xmlChar *element,
                     xmlNodePtr attr, int required, int group) {
  attr_rule *grown = realloc(s->rules, (s->nrules + 1) * sizeof *grown);
  if (!grown)
    return;
  s->rules = grown;
  attr_rule *r = &s->rules[s->nrules++];
  memset(r, 0, sizeof *r);
  r->element = (char *)xmlStrdup(element);
  r->name = (char *)xmlGetProp(attr, (const xmlChar *)"name");
  r->required = required;
  r->group = group;
  r->order = s->nrules;
  size_t count = 0;
  collect_values(grammar, attr, r, &count, 0);
}

/* Walks the pattern below an <element> (not into nested elements),
 * following refs, and records its attributes. */
static void walk_pattern(ar_schema *s, xmlNodePtr grammar,
                         const xmlChar *element, xmlNodePtr n, int required,
                         int group, int depth) {
  if (depth > 16)
    return;
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || is_rng(c, "element"))
      continue;
    if (is_rng(c, "attribute")) {
      add_rule(s, grammar, element, c, required && !group, group);
    } else if (is_rng(c, "optional") || is_rng(c, "zeroOrMore")) {
      walk_pattern(s, grammar, element, c, 0, 0, depth + 1);
    } else if (is_rng(c, "choice")) {
      walk_pattern(s, grammar, element, c, required, required ? ++s->next_group : 0,
                   depth + 1);
    } else if (is_rng(c, "ref")) {
      xmlChar *ref = xmlGetProp(c, (const xmlChar *)"name");
      xmlNodePtr def = find_define(grammar, ref);
      xmlFree(ref);
      if (def)
        walk_pattern(s, grammar, element, def, required, group, depth + 1);
    } else if (is_rng(c, "group") || is_rng(c, "interleave") ||
               is_rng(c, "oneOrMore")) {
      walk_pattern(s, grammar, element, c, required, group, depth + 1);
    }
  }
}

static void read_rules(ar_schema *s, xmlNodePtr grammar, xmlNodePtr n) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (is_rng(c, "element")) {
      xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
      if (name)
        walk_pattern(s, grammar, name, c, 1, 0, 0);
      xmlFree(name);
    }
    read_rules(s, grammar, c);
  }
}

static int by_element(const void *a, const void *b) {
  const attr_rule *x = a, *y = b;
  int c = strcmp(x->element, y->element);
  return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* Sorts the rules by element and indexes them by element name. */
static int index_rules(ar_schema *s) {
  qsort(s->rules, s->nrules, sizeof *s->rules, by_element);
  s->spans = xmlHashCreate(64);
  s->span_store = calloc(s->nrules + 1, sizeof *s->span_store);
  if (!s->spans || !s->span_store)
    return 0;
  size_t nspans = 0;
  for (size_t i = 0; i < s->nrules;) {
    size_t j = i;
    while (j < s->nrules && strcmp(s->rules[j].element, s->rules[i].element) == 0)
      j++;
    rule_span *span = &s->span_store[nspans++];
    *span = (rule_span){i, j - i};
    xmlHashAddEntry(s->spans, (const xmlChar *)s->rules[i].element, span);
    i = j;
  }
  return 1;
}

/* ---- loading ------------------------------------------------------------- */

static void on_schema_error(void *data, xmlErrorPtr err) {
  ar_diag *diag = data;
  if (err && err->level >= XML_ERR_ERROR)
    ar_diag_add(diag, AR_ERROR, err->file, err->line, err->int2,
                "in the schema: %s", err->message ? err->message : "error");
}

ar_schema *ar_schema_load(const char *rng_path, ar_diag *diag) {
  ar_schema *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  const char *slash = strrchr(rng_path, '/');
  s->name = strdup(slash ? slash + 1 : rng_path);
  xmlSetStructuredErrorFunc(diag, on_schema_error);
  xmlDocPtr doc = xmlReadFile(rng_path, NULL, XML_PARSE_NONET);
  if (doc) {
    xmlNodePtr grammar = xmlDocGetRootElement(doc);
    if (grammar)
      read_rules(s, grammar, grammar);
    if (!index_rules(s))
      ar_diag_add(diag, AR_ERROR, rng_path, 0, 0, "out of memory");
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewDocParserCtxt(doc);
    if (pctxt) {
      xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, diag);
      s->rng = xmlRelaxNGParse(pctxt);
      xmlRelaxNGFreeParserCtxt(pctxt);
    }
    xmlFreeDoc(doc);
  }
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (!s->rng) {
    ar_diag_add(diag, AR_ERROR, rng_path, 0, 0,
                "cannot load the data schema: is alliance-report installed "
                "completely? (set ALLIANCE_REPORT_DATADIR to its data folder)");
    ar_schema_free(s);
    return NULL;
  }
  return s;
}

void ar_schema_free(ar_schema *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->nrules; i++) {
    xmlFree(s->rules[i].element);
    xmlFree(s->rules[i].name);
    for (size_t v = 0; s->rules[i].values[v]; v++)
      xmlFree(s->rules[i].values[v]);
  }
  free(s->rules);
  free(s->name);
  xmlHashFree(s->spans, NULL);
  free(s->span_store);
  if (s->rng)
    xmlRelaxNGFree(s->rng);
  free(s);
}

/* ---- attribute checks ----------------------------------------------------- */

static void join_names(const ar_schema *s, const rule_span *span, int group,
                       char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = span->first; i < span->first + span->count; i++) {
    const attr_rule *r = &s->rules[i];
    if (group && r->group != group)
      continue;
    int n = snprintf(buf + used, size - used, "%s'%s'", used ? ", " : "", r->name);
    if (n < 0 || (size_t)n >= size - used)
      break;
    used += (size_t)n;
  }
}

static void join_values(const attr_rule *r, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t v = 0; r->values[v]; v++) {
    int n = snprintf(buf + used, size - used, "%s%s", v ? ", " : "", r->values[v]);
    if (n < 0 || (size_t)n >= size - used)
      break;
    used += (size_t)n;
  }
}

/* The attribute of node without a namespace named name, or NULL. */
static const xmlAttr *find_attr(const xmlNode *node, const char *name) {
  for (const xmlAttr *a = node->properties; a; a = a->next)
    if (!a->ns && strcmp((const char *)a->name, name) == 0)
      return a;
  return NULL;
}

static int value_allowed(const attr_rule *r, const xmlAttr *a) {
  if (!r->values[0])
    return 1;
  const xmlNode *text = a->children;
  if (text && !text->next && text->type == XML_TEXT_NODE) {
    for (size_t v = 0; r->values[v]; v++)
      if (strcmp((const char *)text->content, r->values[v]) == 0)
        return 1;
    return 0;
  }
  xmlChar *value = xmlNodeListGetString(a->doc, a->children, 1);
  int ok = 0;
  for (size_t v = 0; value && r->values[v] && !ok; v++)
    ok = strcmp((const char *)value, r->values[v]) == 0;
  xmlFree(value);
  return ok;
}

size_t ar_schema_check_attributes(const ar_schema *s, const ar_xml_file *file,
                                  const xmlNode *node, ar_diag *diag) {
  const rule_span *span = xmlHashLookup(s->spans, node->name);
  if (!span)
    return 0; /* an element the schema does not know: validation says so */
  size_t errors = 0;
  const char *element = (const char *)node->name;
  const attr_rule *rules = s->rules + span->first;
  char names[512], values[512];
  int groups_seen = 0;

  for (size_t i = 0; i < span->count; i++) {
    const attr_rule *r = &rules[i];
    const xmlAttr *a = find_attr(node, r->name);
    if (!a && r->required) {
      join_values(r, values, sizeof values);
      ar_xml_error_at(file, diag, node, NULL,
                      "<%s> lacks the attribute '%s'%s%s%s", element, r->name,
                      values[0] ? " (one of: " : "", values,
                      values[0] ? ")" : "");
      errors++;
    } else if (a && !value_allowed(r, a)) {
      xmlChar *value = xmlNodeListGetString(a->doc, a->children, 1);
      join_values(r, values, sizeof values);
      ar_xml_error_at(file, diag, node, r->name,
                      "%s=\"%s\" is not allowed on <%s>: use one of %s", r->name,
                      value ? (const char *)value : "", element, values);
      xmlFree(value);
      errors++;
    }
    groups_seen |= r->group != 0;
  }

  /* One attribute of each required <choice> must be there. */
  for (size_t i = 0; groups_seen && i < span->count; i++) {
    int group = rules[i].group, present = 0, first = 1;
    if (!group)
      continue;
    for (size_t j = 0; j < span->count; j++) {
      if (rules[j].group != group)
        continue;
      first &= j >= i;
      present += find_attr(node, rules[j].name) != NULL;
    }
    if (!first)
      continue;
    join_names(s, span, group, names, sizeof names);
    if (present == 0) {
      ar_xml_error_at(file, diag, node, NULL,
                      "<%s> needs one of the attributes %s", element, names);
      errors++;
    } else if (present > 1) {
      ar_xml_error_at(file, diag, node, NULL,
                      "<%s> takes only one of the attributes %s", element, names);
      errors++;
    }
  }

  for (const xmlAttr *a = node->properties; a; a = a->next) {
    int allowed = 0;
    for (size_t i = 0; i < span->count && !allowed; i++)
      allowed = !a->ns && strcmp(rules[i].name, (const char *)a->name) == 0;
    if (!allowed) {
      join_names(s, span, 0, names, sizeof names);
      ar_xml_error_at(file, diag, node, (const char *)a->name,
                      "<%s> does not take an attribute '%s'; it takes %s",
                      element, (const char *)a->name, names);
      errors++;
    }
  }
  return errors;
}

/* ---- validation ----------------------------------------------------------- */

typedef struct {
  const ar_schema *schema;
  const ar_xml_file *file;
  xmlDocPtr doc;
  ar_diag *diag;
  size_t errors;
  int content_failures; /* "failed to validate content" seen */
  int suppressed;       /* reports left out as said better elsewhere */
  xmlNodePtr content_node;
  size_t recorded_before; /* entries of diag recorded before validation */
  xmlHashTablePtr said;   /* file, line -> an error recorded there before */
  xmlHashTablePtr placed; /* element name -> where its reports without a node go */
} validate_state;

/* Stands for "left out" in validate_state.placed. */
static char said_elsewhere;

static int is_blank(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return 0;
  return 1;
}

static const char *s1(const xmlError *e) { return e->str1 ? e->str1 : ""; }
static const char *s2(const xmlError *e) { return e->str2 ? e->str2 : ""; }

/* Tells whether an error was already recorded on this line (by the
 * attribute checks, which say it better), and counts the report left out. */
static int said_better(validate_state *st, const char *file, long line) {
  if (!ar_diag_has_error_at(st->diag, file, line))
    return 0;
  st->suppressed++;
  return 1;
}

/* ---- reports that name no node ----------------------------------------------- */

/* libxml2 reports some problems (an attribute value inside an optional or
 * repeated element, for one) without the node, only the element's name.
 * Such a report goes to the first element of that name, unless an error
 * was recorded on an element of that name before validation: that one
 * says better what is wrong. */

static void line_key(long line, char *buf, size_t size) { snprintf(buf, size, "%ld", line); }

/* The places of the errors recorded before validation, indexed once. */
static xmlHashTablePtr errors_before(validate_state *st) {
  if (st->said)
    return st->said;
  st->said = xmlHashCreate(64);
  for (size_t i = 0; st->said && i < st->recorded_before; i++) {
    const ar_diag_entry *e = ar_diag_get(st->diag, i);
    char key[32];
    line_key(e->line, key, sizeof key);
    if (e->severity == AR_ERROR)
      xmlHashAddEntry2(st->said, (const xmlChar *)e->file, (const xmlChar *)key, &said_elsewhere);
  }
  return st->said;
}

static int has_error_before(validate_state *st, const xmlNode *n) {
  long line, col;
  ar_xml_node_position(st->file, n, NULL, &line, &col);
  char key[32];
  line_key(line, key, sizeof key);
  xmlHashTablePtr said = errors_before(st);
  return said && xmlHashLookup2(said, (const xmlChar *)ar_xml_node_file(st->file, n),
                                (const xmlChar *)key) != NULL;
}

/* Where a report on an element named name without a node goes: the first
 * such element, the root when there is none, or &said_elsewhere. The
 * document is walked once per name, in document order, without recursion. */
static const void *place_of(validate_state *st, const char *name) {
  const void *known = st->placed ? xmlHashLookup(st->placed, (const xmlChar *)name) : NULL;
  if (known)
    return known;
  xmlNodePtr root = xmlDocGetRootElement(st->doc), first = NULL, n = root;
  const void *place = NULL;
  while (n && !place) {
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)name)) {
      if (has_error_before(st, n))
        place = &said_elsewhere;
      else if (!first)
        first = n;
    }
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n != root && !n->next)
      n = n->parent;
    n = n != root ? n->next : NULL;
  }
  if (!place)
    place = first ? first : root;
  if (!st->placed)
    st->placed = xmlHashCreate(16);
  if (st->placed && place)
    xmlHashAddEntry(st->placed, (const xmlChar *)name, (void *)place);
  return place;
}

static void on_valid_error(void *data, xmlErrorPtr err) {
  validate_state *st = data;
  if (!err || err->level < XML_ERR_ERROR)
    return;
  xmlNodePtr node = err->node;
  if (!node) {
    const void *place = place_of(st, s1(err));
    if (place == &said_elsewhere) {
      st->suppressed++;
      return;
    }
    node = (xmlNodePtr)place;
  }
  long line = 0, col = 0;
  const char *file = ar_xml_node_file(st->file, node);
  ar_xml_node_position(st->file, node, NULL, &line, &col);
  char msg[1024];
  switch (err->code) {
  case XML_RELAXNG_ERR_ATTRVALID:
    /* The attribute checks already said exactly what is wrong here. */
    if (said_better(st, file, line))
      return;
    snprintf(msg, sizeof msg, "<%s> has an attribute with a wrong value", s1(err));
    break;
  case XML_RELAXNG_ERR_CONTENTVALID:
  case XML_RELAXNG_ERR_INTERSEQ:
  case XML_RELAXNG_ERR_INTEREXTRA:
    /* Follows a more precise error about a child; kept only if alone. */
    if (!st->content_failures++)
      st->content_node = node;
    return;
  case XML_RELAXNG_ERR_ELEMNAME:
    if (said_better(st, file, line))
      return;
    snprintf(msg, sizeof msg, "expected <%s> here, found <%s>", s1(err), s2(err));
    break;
  case XML_RELAXNG_ERR_NOELEM:
    if (*s1(err))
      snprintf(msg, sizeof msg, "<%s> is missing here", s1(err));
    else
      snprintf(msg, sizeof msg, "<%s> lacks an element it needs here (%s says which)",
               node->type == XML_ELEMENT_NODE ? (const char *)node->name : "alliance",
               st->schema->name);
    break;
  case XML_RELAXNG_ERR_ELEMWRONG:
    snprintf(msg, sizeof msg,
             "<%s> is not allowed here: it is misspelt or out of order, or an "
             "element before it is missing",
             s1(err));
    break;
  case XML_RELAXNG_ERR_EXTRACONTENT:
    snprintf(msg, sizeof msg, "<%s> has unexpected content <%s>", s1(err), s2(err));
    break;
  case XML_RELAXNG_ERR_INVALIDATTR:
    if (said_better(st, file, line))
      return;
    snprintf(msg, sizeof msg, "<%s> does not take an attribute '%s'", s2(err), s1(err));
    break;
  case XML_RELAXNG_ERR_DATATYPE:
    if (node && node->type == XML_ELEMENT_NODE && said_better(st, file, line))
      return;
    if (node && node->type == XML_ELEMENT_NODE && is_blank(s2(err)))
      snprintf(msg, sizeof msg, "<%s> is empty: it needs text", (const char *)node->name);
    else
      snprintf(msg, sizeof msg, "'%s' is not a valid %s", s2(err), s1(err));
    break;
  case XML_RELAXNG_ERR_TEXTWRONG:
    snprintf(msg, sizeof msg, "<%s> must not contain text", s1(err));
    break;
  case XML_RELAXNG_ERR_ELEMNOTEMPTY:
    snprintf(msg, sizeof msg, "<%s> must be empty", s1(err));
    break;
  case XML_RELAXNG_ERR_DATAELEM:
    snprintf(msg, sizeof msg, "<%s> must hold text only, not elements", s1(err));
    break;
  case XML_RELAXNG_ERR_LACKDATA:
    snprintf(msg, sizeof msg, "<%s> is empty: it needs text", s1(err));
    break;
  case XML_RELAXNG_ERR_ELEMEXTRANS:
  case XML_RELAXNG_ERR_ELEMWRONGNS:
    if (said_better(st, file, line))
      return;
    snprintf(msg, sizeof msg,
             "<%s> is in an XML namespace: data elements take none", s1(err));
    break;
  default:
    if (said_better(st, file, line))
      return;
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "invalid");
    for (char *p = msg; *p; p++)
      if (*p == '\n')
        *p = *(p + 1) ? ' ' : '\0';
    break;
  }
  ar_diag_add(st->diag, AR_ERROR, file, line, col, "%s", msg);
  st->errors++;
}

static size_t validate(const ar_schema *s, const ar_xml_file *file, xmlDocPtr doc,
                       ar_diag *diag);

size_t ar_schema_validate(const ar_schema *s, const ar_xml_file *file, ar_diag *diag) {
  return validate(s, file, ar_xml_file_doc(file), diag);
}

void ar_schema_check_all_attributes(const ar_schema *s, const ar_xml_file *file,
                                    const xmlNode *n, ar_diag *diag) {
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE) {
      ar_schema_check_attributes(s, file, n, diag);
      ar_schema_check_all_attributes(s, file, n->children, diag);
    }
}

size_t ar_schema_validate_doc(const ar_schema *s, xmlDocPtr doc, ar_diag *diag) {
  size_t before = ar_diag_errors(diag);
  ar_schema_check_all_attributes(s, NULL, xmlDocGetRootElement(doc), diag);
  validate(s, NULL, doc, diag);
  return ar_diag_errors(diag) - before;
}

static size_t validate(const ar_schema *s, const ar_xml_file *file, xmlDocPtr doc,
                       ar_diag *diag) {
  validate_state st = {.schema = s, .file = file, .doc = doc, .diag = diag,
                       .recorded_before = ar_diag_count(diag)};
  size_t before = ar_diag_errors(diag);
  xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(s->rng);
  if (!v) {
    ar_diag_add(diag, AR_ERROR, ar_xml_node_file(file, (const xmlNode *)doc), 0, 0,
                "out of memory while validating");
    return 1;
  }
  xmlRelaxNGSetValidStructuredErrors(v, on_valid_error, &st);
  int rc = xmlRelaxNGValidateDoc(v, doc);
  xmlRelaxNGFreeValidCtxt(v);
  xmlHashFree(st.said, NULL);
  xmlHashFree(st.placed, NULL);
  if (rc != 0 && ar_diag_errors(diag) == before && !st.suppressed) {
    long line = 0, col = 0;
    const xmlNode *node = st.content_node;
    if (node)
      ar_xml_node_position(file, node, NULL, &line, &col);
    ar_diag_add(diag, AR_ERROR, ar_xml_node_file(file, node ? node : (const xmlNode *)doc),
                line, col, "<%s> does not match its format (%s)",
                node ? (const char *)node->name : "the root element", s->name);
    st.errors++;
  }
  return ar_diag_errors(diag) - before;
}
