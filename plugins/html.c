/* The html output plugin: a brief as one self-contained HTML5 page (or,
 * with -O html.standalone=false, an <article> to embed in another page).
 *
 * The page needs nothing beside itself: the stylesheet is inlined, charts
 * are inline SVG, and nothing is fetched. Every string from the brief is
 * escaped; only http, https and mailto links become links.
 *
 * This file holds the descriptor, the options, and the page around the
 * brief's sections: head, title block, contents, sources. */
#include "config.h"

#include <errno.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

#define MAX_CSS_BYTES (4 * 1024 * 1024)

typedef struct {
  char *css; /* from -O html.css=PATH, or NULL for the bundled one */
  int standalone;
} html_state;

/* ---- options ------------------------------------------------------------------- */

/* The whole of path, refused when it could end the <style> element early. */
static char *read_css(const char *path, ar_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    ar_error_set_option(err, "css", "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  char *buf = malloc(MAX_CSS_BYTES + 1);
  size_t n = buf ? fread(buf, 1, MAX_CSS_BYTES + 1, f) : 0;
  int bad = buf ? ferror(f) : 1;
  fclose(f);
  if (bad) {
    ar_error_set_option(err, "css", "cannot read %s", path);
  } else if (n > MAX_CSS_BYTES) {
    ar_error_set_option(err, "css", "%s is larger than %d MiB", path, MAX_CSS_BYTES >> 20);
    bad = 1;
  } else if (memchr(buf, '\0', n)) {
    ar_error_set_option(err, "css", "%s is not a text file (it holds NUL bytes)", path);
    bad = 1;
  } else {
    buf[n] = '\0';
    for (const char *p = strchr(buf, '<'); p && !bad; p = strchr(p + 1, '<'))
      if (strncasecmp(p, "</style", 7) == 0 || strncmp(p, "<!--", 4) == 0) {
        ar_error_set_option(err, "css",
                            "%s holds \"%.7s\", which would end the page's <style> early", path, p);
        bad = 1;
      }
  }
  if (bad) {
    free(buf);
    return NULL;
  }
  return buf;
}

static void *create(const ar_options *opts, ar_error *err) {
  html_state *st = calloc(1, sizeof *st);
  if (!st) {
    ar_error_set(err, "out of memory");
    return NULL;
  }
  st->standalone = 1;
  if (ar_options_get_bool(opts, "standalone", &st->standalone, err)) {
    free(st);
    return NULL;
  }
  const char *css = ar_options_get(opts, "css");
  if (css && !(st->css = read_css(css, err))) {
    free(st);
    return NULL;
  }
  return st;
}

static void destroy(void *state) {
  html_state *st = state;
  if (st)
    free(st->css);
  free(st);
}

/* ---- what a rendering needs to know first ---------------------------------------- */

static int by_id(const void *a, const void *b) { return strcmp(a, b); }

/* The section's own id when it is a safe, unused one outside the "ar-"
 * names the page uses for itself; "ar-section-2-1" otherwise. taken: the
 * tsearch() tree of the ids given so far. */
static char *section_id(const ar_node *s, void *const *taken) {
  const char *id = ar_section_id(s);
  if (html_id_ok(id) && strncmp(id, "ar-", 3) != 0 && !tfind(id, taken, by_id))
    return strdup(id);
  const char *num = ar_section_number(s);
  char *made = malloc(strlen("ar-section-") + strlen(num) + 1);
  if (made) {
    strcpy(made, "ar-section-");
    char *o = made + strlen(made);
    for (const char *p = num; *p; p++)
      *o++ = *p == '.' ? '-' : *p;
    *o = '\0';
  }
  return made;
}

static void keep(void *id) { (void)id; }

static int prepare(html_ctx *c) {
  c->ncited = ar_document_cited_count(c->doc);
  c->cite_total = calloc(c->ncited + 1, sizeof *c->cite_total);
  c->cite_seen = calloc(c->ncited + 1, sizeof *c->cite_seen);
  ar_iter *it = ar_iter_new(c->doc);
  if (!c->cite_total || !c->cite_seen || !it) {
    ar_iter_free(it);
    return -1;
  }
  size_t cap = 0;
  void *taken = NULL;
  ar_event ev;
  while ((ev = ar_iter_next(it)) != AR_EVENT_DONE) {
    const ar_node *n = ar_iter_node(it);
    if (ev != AR_EVENT_ENTER)
      continue;
    if (ar_node_get_type(n) == AR_NODE_CITE) {
      size_t k = ar_cite_number(n);
      if (k >= 1 && k <= c->ncited)
        c->cite_total[k]++;
    } else if (ar_node_get_type(n) == AR_NODE_SECTION) {
      if (c->nsections == cap) {
        cap = cap ? 2 * cap : 16;
        char **v = realloc(c->section_ids, cap * sizeof *v);
        if (!v)
          break;
        c->section_ids = v;
      }
      char *id = section_id(n, &taken);
      if (!id)
        break;
      c->section_ids[c->nsections++] = id;
      if (!tsearch(id, &taken, by_id))
        break;
    }
  }
  int done = ar_iter_event(it) == AR_EVENT_DONE;
  ar_iter_free(it);
  tdestroy(taken, keep); /* the ids are c->section_ids' */
  return done ? 0 : -1;
}

static void release(html_ctx *c) {
  for (size_t i = 0; i < c->nsections; i++)
    free(c->section_ids[i]);
  free(c->section_ids);
  free(c->cite_total);
  free(c->cite_seen);
}

/* ---- the page -------------------------------------------------------------------- */

static void head(html_ctx *c, const html_state *st) {
  html_writer *w = &c->w;
  const char *lang = ar_document_language(c->doc);
  hw_raw(w, "<!DOCTYPE html>\n<html");
  hw_attr(w, "lang", lang && *lang ? lang : "en");
  hw_raw(w, ">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"color-scheme\" content=\"light dark\">\n"
            "<meta name=\"generator\" content=\"" PACKAGE_NAME " " PACKAGE_VERSION "\">\n");
  const char *date = ar_document_date(c->doc);
  if (date && *date) {
    hw_raw(w, "<meta name=\"dcterms.date\"");
    hw_attr(w, "content", date);
    hw_raw(w, ">\n");
  }
  hw_raw(w, "<title>");
  hw_text(w, ar_document_title(c->doc));
  hw_raw(w, "</title>\n<style>\n");
  hw_raw(w, st->css ? st->css : html_default_style);
  hw_raw(w, "</style>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#ar-main\">");
  hw_text(w, ar_document_word(c->doc, AR_WORD_SKIP_LINK));
  hw_raw(w, "</a>\n");
}

static void marking(html_ctx *c, const char *cls) {
  const char *m = ar_document_marking(c->doc);
  if (!m || !*m)
    return;
  hw_printf(&c->w, "<p class=\"%s\">", cls);
  hw_text(&c->w, m);
  hw_raw(&c->w, "</p>\n");
}

static void title_block(html_ctx *c) {
  html_writer *w = &c->w;
  ar_layout_title t;
  if (ar_layout_title_init(&t, c->doc)) {
    w->failed = 1;
    return;
  }
  hw_raw(w, "<header class=\"brief-header\">\n");
  marking(c, "marking");
  hw_wrap(w, "<h1>", t.title, "</h1>\n");
  hw_wrap(w, "<p class=\"subtitle\">", t.subtitle, "</p>\n");
  if (t.date_text || t.byline) {
    hw_raw(w, "<p class=\"byline\">");
    if (t.datetime) {
      hw_raw(w, "<span><time");
      hw_attr(w, "datetime", t.datetime);
      hw_wrap(w, ">", t.date_text, "</time></span>");
    } else {
      hw_wrap(w, "<span>", t.date_text, "</span>");
    }
    const char *author = ar_document_author(c->doc), *publisher = ar_document_publisher(c->doc);
    if (author && *author && publisher && *publisher) { /* two names, each isolated */
      hw_wrap(w, "<span><bdi>", author, "</bdi>, ");
      hw_wrap(w, "<bdi>", publisher, "</bdi></span>");
    } else {
      hw_wrap(w, "<span>", t.byline, "</span>");
    }
    hw_raw(w, "</p>\n");
  }
  hw_raw(w, "</header>\n");
  ar_layout_title_clear(&t);
}

/* The sections below parent as a nested list, in document order (the
 * order prepare() gave them their ids). */
static void toc_list(html_ctx *c, const ar_node *parent) {
  html_writer *w = &c->w;
  int open = 0;
  for (const ar_node *s = ar_node_first_child(parent); s; s = ar_node_next(s)) {
    if (ar_node_get_type(s) != AR_NODE_SECTION || c->next_section >= c->nsections)
      continue;
    if (!open)
      hw_raw(w, "<ol>\n");
    open = 1;
    hw_raw(w, "<li><a href=\"#");
    hw_raw(w, c->section_ids[c->next_section++]);
    hw_raw(w, "\">");
    const char *num = ar_section_number(s);
    if (num && *num) {
      hw_raw(w, "<span class=\"number\">");
      hw_text(w, num);
      hw_raw(w, "</span> ");
    }
    hw_text(w, ar_section_title(s));
    hw_raw(w, "</a>");
    toc_list(c, s);
    hw_raw(w, "</li>\n");
  }
  if (open)
    hw_raw(w, "</ol>\n");
}

static void contents(html_ctx *c) {
  if (c->nsections < 2)
    return;
  c->next_section = 0;
  hw_raw(&c->w, "<nav class=\"toc\" aria-labelledby=\"ar-contents\">\n<h2 id=\"ar-contents\">");
  hw_text(&c->w, ar_document_word(c->doc, AR_WORD_CONTENTS));
  hw_raw(&c->w, "</h2>\n");
  toc_list(c, c->doc);
  hw_raw(&c->w, "</nav>\n");
}

/* The references cited, numbered, each with links back to where it is
 * cited. */
static void sources(html_ctx *c) {
  html_writer *w = &c->w;
  if (c->ncited == 0)
    return;
  hw_raw(w, "<section class=\"notes\" aria-labelledby=\"ar-sources\">\n<h2 id=\"ar-sources\">");
  hw_text(w, ar_document_word(c->doc, AR_WORD_NOTES));
  hw_raw(w, "</h2>\n<ol>\n");
  ar_layout_note note;
  for (size_t k = 1; k <= c->ncited; k++) {
    if (!ar_layout_note_at(c->doc, k, &note))
      continue;
    const char *url = note.url;
    hw_printf(w, "<li id=\"ar-source-%zu\">", k);
    hw_wrap(w, "<bdi>", note.text, "</bdi>"); /* the URL and links back follow it */
    if (url) {
      hw_raw(w, " ");
      if (html_url_allowed(url)) {
        hw_raw(w, "<a class=\"source-url\"");
        hw_attr(w, "href", url);
        hw_raw(w, " rel=\"noopener noreferrer\">");
        hw_text(w, url);
        hw_raw(w, "</a>");
      } else {
        hw_raw(w, "<span class=\"source-url\">");
        hw_text(w, url);
        hw_raw(w, "</span>");
      }
    }
    size_t n = c->cite_total[k];
    if (n == 1) {
      hw_printf(w, " <span class=\"backlinks\"><a href=\"#ar-cite-%zu-1\">↩<span "
                   "class=\"visually-hidden\"> ",
                k);
      char num[24];
      snprintf(num, sizeof num, "%zu", k);
      const ar_layout_var var = {"source", num};
      html_word(c, AR_WORD_BACK_TO_TEXT, &var, 1);
      hw_raw(w, "</span></a></span>");
    } else if (n > 1) {
      hw_raw(w, " <span class=\"backlinks\">↩");
      for (size_t i = 1; i <= n; i++) {
        hw_printf(w, " <a href=\"#ar-cite-%zu-%zu\">", k, i);
        html_word_number(c, AR_WORD_BACK_TO_CITATION, "citation", i);
        hw_raw(w, "</a>");
      }
      hw_raw(w, "</span>");
    }
    hw_raw(w, "</li>\n");
  }
  hw_raw(w, "</ol>\n</section>\n");
}

static void colophon(html_ctx *c) {
  const ar_layout_var var = {"generator", PACKAGE_NAME " " PACKAGE_VERSION};
  hw_raw(&c->w, "<p class=\"colophon\">");
  html_word(c, AR_WORD_COLOPHON, &var, 1);
  hw_raw(&c->w, "</p>\n");
}

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  const html_state *st = state;
  html_ctx c = {.w = {out, 0}, .doc = doc};
  if (prepare(&c)) {
    release(&c);
    ar_error_set(err, "out of memory");
    return -1;
  }
  html_writer *w = &c.w;
  if (st->standalone) {
    head(&c, st);
    hw_raw(w, "<div class=\"brief\">\n");
  } else {
    const char *lang = ar_document_language(doc);
    hw_raw(w, "<article class=\"brief\"");
    hw_attr(w, "lang", lang && *lang ? lang : NULL);
    hw_raw(w, ">\n");
  }
  title_block(&c);
  contents(&c);
  hw_raw(w, st->standalone ? "<main id=\"ar-main\">\n" : "<div class=\"brief-body\" id=\"ar-main\">\n");
  c.next_section = 0;
  html_blocks(&c);
  hw_raw(w, st->standalone ? "</main>\n" : "</div>\n");
  hw_raw(w, "<footer class=\"brief-footer\">\n");
  sources(&c);
  marking(&c, "marking marking-end");
  colophon(&c);
  hw_raw(w, "</footer>\n");
  hw_raw(w, st->standalone ? "</div>\n</body>\n</html>\n" : "</article>\n");
  int failed = w->failed;
  release(&c);
  if (failed && !ar_error_is_set(err))
    ar_error_set(err, "cannot write the page");
  return failed ? -1 : 0;
}

static const ar_plugin_option options[] = {
    {"css", "PATH", "stylesheet inlined in the page instead of the bundled one"},
    {"standalone", "true|false", "a whole page (true, the default) or only its <article>"},
    {NULL, NULL, NULL},
};

static const ar_plugin descriptor = {
    .abi_major = AR_PLUGIN_ABI_MAJOR,
    .abi_minor = AR_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(ar_plugin),
    .name = "html",
    .version = PACKAGE_VERSION,
    .summary = "one self-contained HTML5 page per brief, inline SVG charts",
    .extension = "html",
    .media_type = "text/html; charset=utf-8",
    .binary = 0,
    .library = NULL,
    .options = options,
    .create = create,
    .render = render,
    .destroy = destroy,
};

AR_PLUGIN_DEFINE { return &descriptor; }
