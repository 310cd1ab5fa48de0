#include "config.h"

#include "xml-load.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/uri.h>
#include <libxml/xinclude.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd-io.h"
#include "xml-errors.h"

/* The text of one file, with line starts computed when first needed. */
typedef struct {
  char *name;     /* as printed in messages */
  char *realpath; /* NULL for the main file */
  const char *bytes;
  size_t len;
  int mapped;     /* bytes come from mmap, not malloc */
  size_t *line_starts;
  size_t nlines;
  size_t *char_marks; /* [k]: characters in the first k * CHAR_MARK_STEP bytes */
} text_file;

#define CHAR_MARK_STEP 4096
/* The farthest a start tag is looked for when the parser did not note
 * where it is (an encoding other than UTF-8). */
#define TAG_SEARCH_MAX ((size_t)1 << 20)

/* A top-level node copied into the document from an included file. */
typedef struct {
  const xmlNode *node;
  size_t file; /* index into files */
} included_root;

struct ar_xml_file {
  xmlDocPtr doc;
  text_file *files; /* [0] is the main file */
  size_t nfiles;
  included_root *roots;
  size_t nroots;
  char *base_dir; /* realpath of the main file's folder */
  size_t max_bytes;
};

#define PARSE_OPTIONS                                                         \
  (XML_PARSE_NONET | XML_PARSE_NOXINCNODE | XML_PARSE_BIG_LINES |            \
   XML_PARSE_NOBASEFIX | XML_PARSE_NOCDATA)

static size_t max_nodes = AR_XML_DEFAULT_MAX_NODES;

void ar_xml_set_max_nodes(size_t nodes) {
  max_nodes = nodes ? nodes : AR_XML_DEFAULT_MAX_NODES;
}

size_t ar_xml_max_nodes(void) { return max_nodes; }

/* ---- the files' text ---------------------------------------------------- */

static void text_file_release(text_file *t) {
  if (t->mapped)
    munmap((void *)t->bytes, t->len);
  else
    free((void *)t->bytes);
  free(t->line_starts);
  free(t->char_marks);
  free(t->name);
  free(t->realpath);
}

static int is_char_start(char c) { return ((unsigned char)c & 0xC0) != 0x80; }

static int text_file_index_lines(text_file *t) {
  if (t->line_starts)
    return 1;
  size_t nmarks = t->len / CHAR_MARK_STEP + 1;
  t->char_marks = malloc(nmarks * sizeof *t->char_marks);
  if (!t->char_marks)
    return 0;
  size_t chars = 0;
  for (size_t k = 0, off = 0; k < nmarks; k++) {
    t->char_marks[k] = chars;
    for (size_t end = off + CHAR_MARK_STEP < t->len ? off + CHAR_MARK_STEP : t->len; off < end; off++)
      chars += is_char_start(t->bytes[off]);
  }
  size_t n = 1;
  for (const char *p = t->bytes, *end = t->bytes + t->len;
       (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    n++;
  t->line_starts = malloc(n * sizeof *t->line_starts);
  if (!t->line_starts)
    return 0;
  t->line_starts[0] = 0;
  size_t i = 1;
  for (size_t off = 0; off < t->len; off++)
    if (t->bytes[off] == '\n')
      t->line_starts[i++] = off + 1;
  t->nlines = n;
  return 1;
}

static size_t line_end(const text_file *t, size_t line) {
  return line < t->nlines ? t->line_starts[line] - 1 : t->len;
}

/* Characters in the first off bytes. */
static size_t chars_before(const text_file *t, size_t off) {
  size_t k = off / CHAR_MARK_STEP, chars = t->char_marks[k];
  for (size_t p = k * CHAR_MARK_STEP; p < off; p++)
    chars += is_char_start(t->bytes[p]);
  return chars;
}

/* Columns count characters, as libxml2's do. */
static long column_of(const text_file *t, size_t line, size_t off) {
  return (long)(chars_before(t, off) - chars_before(t, t->line_starts[line - 1])) + 1;
}

static int is_name_end(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' ||
         c == '/' || c == '=';
}

/* Finds the last "<name" that starts on or before the end of line, looking
 * back a few lines since a start tag may span several. */
static int find_tag(const text_file *t, size_t line, const char *name,
                    size_t *tag_off) {
  size_t first = line > 50 ? line - 50 : 1;
  size_t from = t->line_starts[first - 1], to = line_end(t, line);
  if (to - from > TAG_SEARCH_MAX)
    from = to - TAG_SEARCH_MAX;
  size_t nlen = strlen(name);
  int found = 0;
  for (size_t p = from; p + 1 + nlen <= to; p++) {
    if (t->bytes[p] == '<' && memcmp(t->bytes + p + 1, name, nlen) == 0 &&
        (p + 1 + nlen == t->len || is_name_end(t->bytes[p + 1 + nlen]))) {
      *tag_off = p;
      found = 1;
    }
  }
  return found;
}

/* Finds attr inside the start tag at tag_off. */
static int find_attr(const text_file *t, size_t tag_off, const char *attr,
                     size_t *attr_off) {
  size_t alen = strlen(attr);
  char quote = 0;
  for (size_t p = tag_off + 1; p < t->len; p++) {
    char c = t->bytes[p];
    if (quote) {
      if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return 0;
    } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
               p + 1 + alen < t->len &&
               memcmp(t->bytes + p + 1, attr, alen) == 0 &&
               is_name_end(t->bytes[p + 1 + alen])) {
      *attr_off = p + 1;
      return 1;
    }
  }
  return 0;
}

static size_t line_of_offset(const text_file *t, size_t off) {
  size_t lo = 0, hi = t->nlines;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (t->line_starts[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo + 1;
}

/* ---- where the parser saw each element start ------------------------------- */

/* While a file in UTF-8 is parsed, each element notes in its psvi field
 * (which libxml2 uses only for XML Schema validation) the byte offset just
 * past its start tag, plus one, so that its place is found without
 * searching: a file may hold thousands of elements on one line. */
static void note_element_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                               const xmlChar *uri, int nb_namespaces,
                               const xmlChar **namespaces, int nb_attributes,
                               int nb_defaulted, const xmlChar **attributes) {
  xmlParserCtxtPtr ctxt = ctx;
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                        nb_attributes, nb_defaulted, attributes);
  xmlNodePtr n = ctxt->node;
  if (n && n->type == XML_ELEMENT_NODE && ctxt->input && ctxt->input->buf &&
      !ctxt->input->buf->encoder && ctxt->inputNr == 1) {
    long end = xmlByteConsumed(ctxt);
    if (end >= 0)
      n->psvi = (void *)(uintptr_t)((size_t)end + 1);
  }
}

static void note_element_starts(xmlParserCtxtPtr ctxt) {
  if (ctxt && ctxt->sax && ctxt->sax->initialized == XML_SAX2_MAGIC)
    ctxt->sax->startElementNs = note_element_start;
}

/* The offset of node's start tag in t, as noted while parsing. */
static int noted_tag(const text_file *t, const xmlNode *node, size_t *tag_off) {
  size_t end = (size_t)(uintptr_t)node->psvi;
  if (!end-- || end > t->len)
    return 0;
  /* No '<' can appear inside a start tag, even in its attribute values. */
  while (end > 0 && t->bytes[end - 1] != '<')
    end--;
  if (!end)
    return 0;
  *tag_off = end - 1;
  return 1;
}

/* ---- which file a node came from ---------------------------------------- */

static size_t file_index_of(const ar_xml_file *f, const xmlNode *node) {
  /* A node of an included document not yet copied into ours. */
  if (node->doc && node->doc != f->doc && node->doc->URL)
    for (size_t i = 1; i < f->nfiles; i++)
      if (strcmp(f->files[i].name, (const char *)node->doc->URL) == 0)
        return i;
  for (const xmlNode *n = node; n; n = n->parent)
    for (size_t i = 0; i < f->nroots; i++)
      if (f->roots[i].node == n)
        return f->roots[i].file;
  return 0;
}

const char *ar_xml_node_file(const ar_xml_file *f, const xmlNode *node) {
  if (!f)
    return node && node->doc && node->doc->URL ? (const char *)node->doc->URL : "";
  return f->files[node ? file_index_of(f, node) : 0].name;
}

void ar_xml_node_position(const ar_xml_file *f, const xmlNode *node,
                          const char *attr, long *line, long *col) {
  *line = node ? xmlGetLineNo(node) : 0;
  *col = 0;
  if (!f || !node || *line <= 0 || node->type != XML_ELEMENT_NODE)
    return;
  text_file *t = &f->files[file_index_of(f, node)];
  if (!t->bytes || !text_file_index_lines(t) || (size_t)*line > t->nlines)
    return;
  char qname[256];
  if (node->ns && node->ns->prefix)
    snprintf(qname, sizeof qname, "%s:%s", node->ns->prefix, node->name);
  else
    snprintf(qname, sizeof qname, "%s", node->name);
  size_t tag = 0;
  if (!noted_tag(t, node, &tag) && !find_tag(t, (size_t)*line, qname, &tag))
    return;
  size_t at = tag;
  if (attr)
    find_attr(t, tag, attr, &at);
  size_t l = line_of_offset(t, at);
  *line = (long)l;
  *col = column_of(t, l, at);
}

void ar_xml_error_at(const ar_xml_file *f, ar_diag *diag, const xmlNode *node,
                     const char *attr, const char *fmt, ...) {
  long line, col;
  ar_xml_node_position(f, node, attr, &line, &col);
  char *msg = NULL;
  va_list ap;
  va_start(ap, fmt);
  if (vasprintf(&msg, fmt, ap) < 0)
    msg = NULL;
  va_end(ap);
  ar_diag_add(diag, AR_ERROR, ar_xml_node_file(f, node), line, col, "%s",
              msg ? msg : "(out of memory)");
  free(msg);
}

/* ---- checks on raw bytes ------------------------------------------------ */

const char *ar_xml_compression_name(const unsigned char *b, size_t len) {
  if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
    return "gzip";
  if (len >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
    return "xz";
  if (len >= 3 && memcmp(b, "BZh", 3) == 0)
    return "bzip2";
  if (len >= 4 && memcmp(b, "\x28\xb5\x2f\xfd", 4) == 0)
    return "zstd";
  if (len >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
    return "zip";
  return NULL;
}

static const char *skip_past(const char *p, const char *end, const char *s) {
  size_t n = strlen(s);
  for (; p + n <= end; p++)
    if (memcmp(p, s, n) == 0)
      return p + n;
  return end;
}

int ar_xml_prolog_has_doctype(const char *bytes, size_t len) {
  const char *p = bytes, *end = bytes + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
      p++;
    else if (end - p >= 2 && memcmp(p, "<?", 2) == 0)
      p = skip_past(p + 2, end, "?>");
    else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
      p = skip_past(p + 4, end, "-->");
    else
      return end - p >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0;
  }
  return 0;
}

/* Opens path as a data file: a regular file no larger than max_bytes. On
 * failure records why and returns -1. */
static int open_data_file(const char *path, const char *shown, size_t max_bytes,
                          ar_diag *diag, struct stat *st) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0, "cannot open the file: %s",
                strerror(errno));
    return -1;
  }
  if (fstat(fd, st) != 0) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0, "cannot read the file: %s",
                strerror(errno));
  } else if (S_ISDIR(st->st_mode)) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0,
                "is a folder, not a data file: name an XML file");
  } else if (!S_ISREG(st->st_mode)) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0,
                "is not a regular file (a pipe, device or socket): save the "
                "data to a file and name that file");
  } else if ((unsigned long long)st->st_size > max_bytes) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0,
                "is %llu bytes, more than the limit of %zu bytes",
                (unsigned long long)st->st_size, max_bytes);
  } else if (st->st_size == 0) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0,
                "is empty: a data file starts with <alliance>");
  } else {
    /* Reads must not block now that we know it is a regular file. */
    int flags = fcntl(fd, F_GETFL);
    if (flags != -1)
      fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
  }
  close(fd);
  return -1;
}

/* The encoding named in the XML declaration at the start of bytes, copied
 * into buf; empty when there is none. */
static void declared_encoding(const char *bytes, size_t len, char *buf, size_t size) {
  buf[0] = '\0';
  const char *p = bytes, *end = bytes + (len < 256 ? len : 256);
  if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (end - p < 5 || memcmp(p, "<?xml", 5) != 0)
    return;
  const char *close = skip_past(p, end, "?>");
  const char *enc = skip_past(p, close, "encoding");
  if (enc >= close)
    return;
  while (enc < close && (*enc == ' ' || *enc == '='))
    enc++;
  if (enc >= close || (*enc != '"' && *enc != '\''))
    return;
  char quote = *enc++;
  size_t n = 0;
  while (enc < close && *enc != quote && n + 1 < size)
    buf[n++] = *enc++;
  buf[n] = '\0';
}

/* Refuses compressed files, files with a DOCTYPE, and files whose
 * byte-order mark contradicts their declared encoding. */
static int check_bytes(const char *bytes, size_t len, const char *shown,
                       ar_diag *diag) {
  const char *z = ar_xml_compression_name((const unsigned char *)bytes, len);
  if (z) {
    ar_diag_add(diag, AR_ERROR, shown, 0, 0,
                "is a %s-compressed file: decompress it first", z);
    return 0;
  }
  char enc[64];
  declared_encoding(bytes, len, enc, sizeof enc);
  if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 && enc[0] &&
      strcasecmp(enc, "UTF-8") != 0) {
    ar_diag_add(diag, AR_ERROR, shown, 1, 1,
                "the file starts with a UTF-8 byte-order mark but declares "
                "encoding=\"%s\": declare encoding=\"UTF-8\" or save it in %s "
                "without the mark",
                enc, enc);
    return 0;
  }
  if (ar_xml_prolog_has_doctype(bytes, len)) {
    const char *at = skip_past(bytes, bytes + len, "<!DOCTYPE") - 9;
    long line = 1;
    for (const char *p = bytes; p < at; p++)
      line += *p == '\n';
    ar_diag_add(diag, AR_ERROR, shown, line, 1,
                "a DOCTYPE declaration is not allowed in a data file (it can "
                "define entities that expand without limit or read other "
                "files); remove it");
    return 0;
  }
  return 1;
}

/* ---- loading: error routing and the confined entity loader --------------- */

typedef struct {
  ar_xml_file *file;
  ar_diag *diag;
  char refusal[1024]; /* why the loader refused the last include */
  int fatal_seen;     /* the parser's later fatal errors only follow from it */
} load_state;

/* libxml2 calls the entity loader and the error handlers without a user
 * pointer we control, so the state of the load under way is kept here.
 * Loading happens on one thread before any worker starts. */
static load_state *current;

static void on_xml_error(void *data, xmlErrorPtr err) {
  load_state *st = data;
  if (!st || !err)
    return;
  ar_severity sev = err->level == XML_ERR_WARNING ? AR_WARNING : AR_ERROR;
  if (err->domain == XML_FROM_PARSER) {
    if (st->fatal_seen)
      return;
    st->fatal_seen = err->level == XML_ERR_FATAL || err->code == XML_ERR_NO_MEMORY;
  }
  const char *file = err->file;
  long line = err->line, col = err->int2;
  if (err->domain == XML_FROM_XINCLUDE || err->domain == XML_FROM_IO) {
    if (err->node) {
      long l, c;
      ar_xml_node_position(st->file, err->node, NULL, &l, &c);
      file = ar_xml_node_file(st->file, err->node);
      line = l;
      col = c;
    }
    if (st->refusal[0]) {
      if (err->domain == XML_FROM_IO && !err->node)
        return; /* the XInclude error that follows carries the position */
      ar_diag_add(st->diag, AR_ERROR, file, line, col, "%s", st->refusal);
      st->refusal[0] = '\0';
      return;
    }
  }
  char msg[1024];
  ar_xml_describe_error(err, msg, sizeof msg);
  if (!file || !*file)
    file = st->file->files[0].name;
  ar_diag_add(st->diag, sev, file, line, col, "%s", msg);
}

static void ignore_xml_error(void *data, xmlErrorPtr err) {
  (void)data;
  (void)err;
}

static void on_generic_error(void *data, const char *fmt, ...) {
  (void)data;
  (void)fmt; /* everything libxml2 says also reaches on_xml_error */
}

static void refuse(load_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void refuse(load_state *st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(st->refusal, sizeof st->refusal, fmt, ap);
  va_end(ap);
}

static char *url_to_path(const char *url, load_state *st) {
  xmlURIPtr uri = xmlParseURI(url);
  if (!uri) {
    refuse(st, "cannot include '%s': not a valid file name", url);
    return NULL;
  }
  char *path = NULL;
  if (uri->scheme && strcmp(uri->scheme, "file") != 0) {
    refuse(st, "cannot include '%s': a data file may include only files "
               "from its own folder, not from the network",
           url);
  } else if (uri->server && *uri->server) {
    refuse(st, "cannot include '%s': a data file may include only files "
               "from its own folder",
           url);
  } else if (uri->path) {
    path = strdup(uri->path);
  } else {
    refuse(st, "cannot include '%s': not a file name", url);
  }
  xmlFreeURI(uri);
  return path;
}

static size_t file_by_realpath(const ar_xml_file *f, const char *real) {
  for (size_t i = 1; i < f->nfiles; i++)
    if (f->files[i].realpath && strcmp(f->files[i].realpath, real) == 0)
      return i;
  return 0;
}

/* The index in files of the part url names, read once: confined to the
 * data file's folder, a regular file of bounded size, not compressed, no
 * DOCTYPE. Returns 0, with the reason in st->refusal, when it is refused. */
static size_t part_file(load_state *st, const char *url) {
  char *path = url_to_path(url, st);
  if (!path)
    return 0;
  char *real = realpath(path, NULL);
  free(path);
  if (!real) {
    refuse(st, "cannot include '%s': %s", url, strerror(errno));
    return 0;
  }
  ar_xml_file *f = st->file;
  size_t blen = strlen(f->base_dir);
  if (strncmp(real, f->base_dir, blen) != 0 || real[blen] != '/') {
    refuse(st, "cannot include '%s': a data file may include only files "
               "from its own folder (%s)",
           url, f->base_dir);
    free(real);
    return 0;
  }
  size_t known = file_by_realpath(f, real);
  if (known) {
    free(real);
    return known;
  }

  ar_diag *quiet = ar_diag_new(1);
  struct stat sb;
  int fd = open_data_file(real, url, f->max_bytes, quiet, &sb);
  if (fd < 0) {
    const ar_diag_entry *why = ar_diag_get(quiet, 0);
    refuse(st, "cannot include '%s': it %s", url,
           why ? why->message : "cannot be read");
    ar_diag_free(quiet);
    free(real);
    return 0;
  }
  size_t len = (size_t)sb.st_size;
  char *bytes = malloc(len);
  int read_ok = bytes && ar_read_all(fd, bytes, len) == 0;
  close(fd);
  if (!read_ok || !check_bytes(bytes, len, url, quiet)) {
    const ar_diag_entry *why = ar_diag_get(quiet, 0);
    refuse(st, "cannot include '%s': %s", url,
           why ? why->message : "it cannot be read");
    ar_diag_free(quiet);
    free(bytes);
    free(real);
    return 0;
  }
  ar_diag_free(quiet);

  text_file *grown = realloc(f->files, (f->nfiles + 1) * sizeof *grown);
  char *name = strdup(url);
  if (!grown || !name) {
    if (grown)
      f->files = grown;
    free(name);
    free(bytes);
    free(real);
    return 0;
  }
  f->files = grown;
  f->files[f->nfiles] =
      (text_file){.name = name, .realpath = real, .bytes = bytes, .len = len};
  return f->nfiles++;
}

static xmlParserInputPtr confined_loader(const char *url, const char *id,
                                         xmlParserCtxtPtr ctxt) {
  load_state *st = current;
  (void)id;
  if (!st || !url)
    return NULL;
  size_t part = part_file(st, url);
  if (!part)
    return NULL;
  note_element_starts(ctxt);
  const text_file *t = &st->file->files[part];
  xmlParserInputBufferPtr buf =
      xmlParserInputBufferCreateMem(t->bytes, (int)t->len, XML_CHAR_ENCODING_NONE);
  if (!buf)
    return NULL;
  xmlParserInputPtr in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
  if (!in) {
    xmlFreeParserInputBuffer(buf);
    return NULL;
  }
  in->filename = (const char *)xmlStrdup((const xmlChar *)url);
  return in;
}

/* A DOCTYPE that slipped past the byte check stops the parse. */
static void refuse_internal_subset(void *ctx, const xmlChar *name,
                                   const xmlChar *ext, const xmlChar *sys) {
  xmlParserCtxtPtr ctxt = ctx;
  (void)ext;
  (void)sys;
  if (current)
    ar_diag_add(current->diag, AR_ERROR, current->file->files[0].name,
                xmlSAX2GetLineNumber(ctxt), xmlSAX2GetColumnNumber(ctxt),
                "a DOCTYPE declaration (<!DOCTYPE %s>) is not allowed in a "
                "data file; remove it",
                name ? (const char *)name : "");
  xmlStopParser(ctxt);
}

/* ---- after XInclude: note where included nodes came from ----------------- */

static size_t included_file_of_marker(const ar_xml_file *f, xmlNodePtr marker) {
  /* The marker is no longer an element, so xmlGetProp() ignores it. */
  xmlChar *href = NULL;
  for (xmlAttrPtr a = marker->properties; a && !href; a = a->next)
    if (!a->ns && xmlStrEqual(a->name, (const xmlChar *)"href"))
      href = xmlNodeListGetString(marker->doc, a->children, 1);
  xmlChar *base = xmlNodeGetBase(marker->doc, marker);
  xmlChar *uri = href ? xmlBuildURI(href, base) : NULL;
  size_t index = 0;
  if (uri) {
    load_state dummy = {0};
    char *path = url_to_path((const char *)uri, &dummy);
    char *real = path ? realpath(path, NULL) : NULL;
    if (real)
      index = file_by_realpath(f, real);
    free(real);
    free(path);
  }
  xmlFree(uri);
  xmlFree(base);
  xmlFree(href);
  return index;
}

static int add_root(ar_xml_file *f, const xmlNode *node, size_t file) {
  included_root *grown = realloc(f->roots, (f->nroots + 1) * sizeof *grown);
  if (!grown)
    return 0;
  f->roots = grown;
  f->roots[f->nroots++] = (included_root){node, file};
  return 1;
}

/* Walks the tree once: records the nodes each XInclude brought in, drops
 * the XInclude marker nodes, and refuses entity references and DTDs that
 * could only have come from an included file. */
static void sweep_tree(load_state *st, xmlNodePtr parent, size_t file) {
  size_t cur_file = file;
  xmlNodePtr cur = parent->children;
  while (cur) {
    xmlNodePtr next = cur->next;
    switch (cur->type) {
    case XML_XINCLUDE_START: {
      size_t inc = included_file_of_marker(st->file, cur);
      cur_file = inc ? inc : file;
      for (xmlNodePtr n = next; n && n->type != XML_XINCLUDE_END; n = n->next)
        add_root(st->file, n, cur_file);
      xmlUnlinkNode(cur);
      xmlFreeNode(cur);
      break;
    }
    case XML_XINCLUDE_END:
      cur_file = file;
      xmlUnlinkNode(cur);
      xmlFreeNode(cur);
      break;
    case XML_ENTITY_REF_NODE:
      ar_xml_error_at(st->file, st->diag, parent, NULL,
                      "entity reference &%s; is not allowed in a data file",
                      (const char *)cur->name);
      break;
    case XML_DTD_NODE:
    case XML_ENTITY_DECL:
      ar_xml_error_at(st->file, st->diag, parent, NULL,
                      "a DOCTYPE declaration is not allowed in a data file");
      break;
    case XML_ELEMENT_NODE:
      sweep_tree(st, cur, cur_file);
      break;
    default:
      break;
    }
    cur = next;
  }
}

/* ---- before XInclude: count the nodes it would bring in ------------------ */

/* Parts including parts deeper than this are refused. */
#define MAX_PART_DEPTH 32
/* Text pulled in with parse="text" counts one node per this many bytes. */
#define TEXT_BYTES_PER_NODE 100

/* A part counted, or being counted, by its real path. */
typedef struct {
  char *real;
  size_t nodes; /* with everything it includes */
  int counting; /* still being counted: including it again is a loop */
} counted_part;

typedef struct {
  load_state *st;
  counted_part *parts;
  size_t nparts;
  size_t limit;
  int stopped; /* an error was recorded: counting ends */
} node_count;

static size_t add_nodes(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

static int is_xinclude(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE && n->ns &&
         (xmlStrEqual(n->ns->href, XINCLUDE_NS) || xmlStrEqual(n->ns->href, XINCLUDE_OLD_NS)) &&
         xmlStrEqual(n->name, (const xmlChar *)"include");
}

static void over_limit(node_count *nc, const xmlNode *at, const char *what) {
  if (what)
    ar_xml_error_at(nc->st->file, nc->st->diag, at, "href",
                    "including '%s' here takes the data past the limit of %zu "
                    "nodes (elements, attributes and text; --max-nodes=N sets "
                    "it): is a part included many times over?",
                    what, nc->limit);
  else
    ar_xml_error_at(nc->st->file, nc->st->diag, at, NULL,
                    "the data holds more than the limit of %zu nodes "
                    "(elements, attributes and text; --max-nodes=N sets it)",
                    nc->limit);
  nc->stopped = 1;
}

static size_t count_doc(node_count *nc, xmlDocPtr doc, size_t depth);

/* The part a parsed document was read from, remembered while counted. */
static size_t remember_part(node_count *nc, const char *real) {
  counted_part *grown = realloc(nc->parts, (nc->nparts + 1) * sizeof *grown);
  char *copy = strdup(real);
  if (!grown || !copy) {
    if (grown)
      nc->parts = grown;
    free(copy);
    return SIZE_MAX;
  }
  nc->parts = grown;
  nc->parts[nc->nparts] = (counted_part){.real = copy, .counting = 1};
  return nc->nparts++;
}

/* Parses the XML part files[index] quietly: problems in it are reported
 * when XInclude reads it. */
static xmlDocPtr parse_part(const ar_xml_file *f, size_t index) {
  const text_file *t = &f->files[index];
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt)
    return NULL;
  note_element_starts(ctxt);
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, t->bytes, (int)t->len, t->name, NULL, PARSE_OPTIONS);
  xmlFreeParserCtxt(ctxt);
  return doc;
}

/* The nodes the include element inc brings in: those of the whole part it
 * names, with the parts that one includes. 0 for an include that XInclude
 * itself will refuse (it says why then). */
static size_t count_include(node_count *nc, const xmlNode *inc, size_t depth) {
  load_state *st = nc->st;
  if (xmlHasNsProp(inc, (const xmlChar *)"xpointer", NULL)) {
    ar_xml_error_at(st->file, st->diag, inc, "xpointer",
                    "xpointer is not allowed: a data file includes whole files");
    nc->stopped = 1;
    return 0;
  }
  xmlChar *href = xmlGetNoNsProp(inc, (const xmlChar *)"href");
  xmlChar *parse = xmlGetNoNsProp(inc, (const xmlChar *)"parse");
  xmlChar *base = xmlNodeGetBase(inc->doc, inc);
  xmlChar *uri = href && *href ? xmlBuildURI(href, base ? base : inc->doc->URL) : NULL;
  int text = parse && xmlStrEqual(parse, (const xmlChar *)"text");
  xmlFree(href);
  xmlFree(parse);
  xmlFree(base);
  if (!uri || xmlStrchr(uri, '#')) {
    xmlFree(uri);
    return 0;
  }
  size_t index = part_file(st, (const char *)uri);
  xmlFree(uri);
  st->refusal[0] = '\0';
  if (!index)
    return 0;
  if (text)
    return 1 + st->file->files[index].len / TEXT_BYTES_PER_NODE;

  const char *real = st->file->files[index].realpath;
  for (size_t i = 0; i < nc->nparts; i++)
    if (strcmp(nc->parts[i].real, real) == 0)
      return nc->parts[i].counting ? 0 : nc->parts[i].nodes;
  if (depth >= MAX_PART_DEPTH) {
    ar_xml_error_at(st->file, st->diag, inc, "href",
                    "parts include parts more than %d deep here: a data file "
                    "never needs that many",
                    MAX_PART_DEPTH);
    nc->stopped = 1;
    return 0;
  }
  size_t me = remember_part(nc, real);
  xmlDocPtr doc = me != SIZE_MAX ? parse_part(st->file, index) : NULL;
  size_t nodes = doc ? count_doc(nc, doc, depth + 1) : 0;
  xmlFreeDoc(doc);
  if (me != SIZE_MAX)
    nc->parts[me] = (counted_part){.real = nc->parts[me].real, .nodes = nodes};
  return nodes;
}

/* The nodes of doc with those its includes bring in, walked in document
 * order without recursion (elements nest up to 256 deep). Stops at the
 * node that goes past the limit, with an error there. */
static size_t count_doc(node_count *nc, xmlDocPtr doc, size_t depth) {
  size_t total = 0;
  xmlNodePtr top = (xmlNodePtr)doc, n = doc->children;
  while (n && !nc->stopped) {
    total = add_nodes(total, 1);
    for (xmlAttrPtr a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
      total = add_nodes(total, 1);
    if (total > nc->limit) {
      over_limit(nc, n, NULL);
      break;
    }
    if (is_xinclude(n)) {
      xmlChar *href = xmlGetNoNsProp(n, (const xmlChar *)"href");
      total = add_nodes(total, count_include(nc, n, depth));
      if (total > nc->limit && !nc->stopped)
        over_limit(nc, n, href ? (const char *)href : "");
      xmlFree(href);
      if (nc->stopped)
        break;
    }
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n != top && !n->next)
      n = n->parent;
    n = n != top ? n->next : NULL;
  }
  return total;
}

/* Counts the nodes of the loaded document as XInclude would leave it,
 * before it copies anything in. Returns 0 when the count goes past the
 * limit or a part cannot be counted (the error is recorded). */
static int count_nodes(load_state *st, const char *path) {
  node_count nc = {.st = st, .limit = max_nodes};
  char *real = realpath(path, NULL);
  if (real)
    remember_part(&nc, real);
  free(real);
  xmlSetStructuredErrorFunc(NULL, ignore_xml_error);
  count_doc(&nc, st->file->doc, 0);
  xmlSetStructuredErrorFunc(st, on_xml_error);
  for (size_t i = 0; i < nc.nparts; i++)
    free(nc.parts[i].real);
  free(nc.parts);
  return !nc.stopped;
}

/* ---- the load itself ----------------------------------------------------- */

static char *folder_of(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return NULL;
  char *real = realpath(dirname(copy), NULL);
  free(copy);
  return real;
}

ar_xml_file *ar_xml_load(const char *path, size_t max_bytes, ar_diag *diag) {
  size_t errors_before = ar_diag_errors(diag);
  ar_xml_file *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  f->max_bytes = max_bytes;
  f->files = calloc(1, sizeof *f->files);
  if (!f->files || !(f->files[0].name = strdup(path))) {
    ar_xml_file_free(f);
    return NULL;
  }
  f->nfiles = 1;

  struct stat sb;
  int fd = open_data_file(path, path, max_bytes, diag, &sb);
  if (fd < 0) {
    ar_xml_file_free(f);
    return NULL;
  }
  f->base_dir = folder_of(path);
  void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED || !f->base_dir) {
    ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot read the file: %s",
                strerror(errno));
    if (map != MAP_FAILED)
      munmap(map, (size_t)sb.st_size);
    close(fd);
    ar_xml_file_free(f);
    return NULL;
  }
  f->files[0].bytes = map;
  f->files[0].len = (size_t)sb.st_size;
  f->files[0].mapped = 1;
  if (!check_bytes(map, f->files[0].len, path, diag)) {
    close(fd);
    ar_xml_file_free(f);
    return NULL;
  }

  load_state st = {.file = f, .diag = diag};
  load_state *outer = current;
  current = &st;
  xmlExternalEntityLoader saved_loader = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(confined_loader);
  xmlSetStructuredErrorFunc(&st, on_xml_error);
  xmlSetGenericErrorFunc(NULL, on_generic_error);

  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt) {
    ctxt->sax->internalSubset = refuse_internal_subset;
    note_element_starts(ctxt);
    f->doc = xmlCtxtReadFd(ctxt, fd, path, NULL, PARSE_OPTIONS);
    xmlFreeParserCtxt(ctxt);
  }
  close(fd);

  if (f->doc && ar_diag_errors(diag) == errors_before && count_nodes(&st, path)) {
    xmlXIncludeProcessFlags(f->doc, PARSE_OPTIONS & ~XML_PARSE_NOXINCNODE);
    xmlNodePtr root = xmlDocGetRootElement(f->doc);
    if (root) {
      sweep_tree(&st, (xmlNodePtr)f->doc, 0);
    }
    if (st.refusal[0])
      ar_diag_add(diag, AR_ERROR, path, 0, 0, "%s", st.refusal);
  }

  xmlSetStructuredErrorFunc(NULL, NULL);
  xmlSetGenericErrorFunc(NULL, NULL);
  xmlSetExternalEntityLoader(saved_loader);
  current = outer;

  if (!f->doc || ar_diag_errors(diag) != errors_before) {
    if (!f->doc && ar_diag_errors(diag) == errors_before)
      ar_diag_add(diag, AR_ERROR, path, 0, 0, "cannot parse the file");
    ar_xml_file_free(f);
    return NULL;
  }
  return f;
}

xmlDocPtr ar_xml_file_doc(const ar_xml_file *f) { return f ? f->doc : NULL; }

void ar_xml_file_free(ar_xml_file *f) {
  if (!f)
    return;
  if (f->doc)
    xmlFreeDoc(f->doc);
  for (size_t i = 0; i < f->nfiles; i++)
    text_file_release(&f->files[i]);
  free(f->files);
  free(f->roots);
  free(f->base_dir);
  free(f);
}
