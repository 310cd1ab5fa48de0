#include "config.h"

#include "formats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/plugin-runtime.h"
#include "messages.h"

typedef struct {
  const ar_loaded_plugin *plugin;
  ar_options *opts;
  void *state;
  int created;
  char *create_error; /* why create() failed */
  int usage;          /* it failed on an option's value */
} format;

struct ar_formats {
  format *items;
  size_t n;
};

char **ar_split_list(const char *text, size_t *n) {
  *n = 0;
  char **list = NULL;
  const char *p = text ? text : "";
  while (*p) {
    size_t len = strcspn(p, ",");
    if (len) {
      char **grown = realloc(list, (*n + 1) * sizeof *grown);
      if (!grown)
        break;
      list = grown;
      list[(*n)++] = strndup(p, len);
    }
    p += len;
    if (*p == ',')
      p++;
  }
  return list;
}

void ar_free_list(char **list, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(list[i]);
  free(list);
}

/* " a b c (plugins searched for in DIRS)": the formats for a message,
 * malloc'd, or NULL. */
static char *format_names(ar_plugin_host *host) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  if (!out)
    return NULL;
  ar_plugin_host_load_all(host);
  for (size_t i = 0; i < ar_plugin_host_count(host); i++)
    fprintf(out, " %s", ar_plugin_host_get(host, i)->desc->name);
  fprintf(out, " (plugins searched for in %s)", ar_plugin_host_path(host));
  if (fclose(out) != 0) {
    free(text);
    return NULL;
  }
  return text;
}

static int declares(const ar_plugin *d, const char *key) {
  for (const ar_plugin_option *o = d->options; o && o->key; o++)
    if (strcmp(o->key, key) == 0)
      return 1;
  return 0;
}

/* "The F format takes: F.KEY=VALUE ...": d's options for a message,
 * malloc'd, or NULL. */
static char *option_keys(const ar_plugin *d) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  if (!out)
    return NULL;
  if (!d->options || !d->options->key)
    fprintf(out, "The %s format takes no options.", d->name);
  else
    fprintf(out, "The %s format takes:", d->name);
  for (const ar_plugin_option *o = d->options; o && o->key; o++)
    fprintf(out, " %s.%s=%s", d->name, o->key, o->value_hint ? o->value_hint : "VALUE");
  if (fclose(out) != 0) {
    free(text);
    return NULL;
  }
  return text;
}

ar_formats *ar_formats_new(ar_plugin_host *host, const char *const *names, size_t n,
                           const char *const *options, size_t nopts) {
  ar_formats *f = calloc(1, sizeof *f);
  if (!f || !(f->items = calloc(n ? n : 1, sizeof *f->items))) {
    free(f);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    const ar_loaded_plugin *p = ar_plugin_host_find(host, names[i]);
    if (!p) {
      char *known = format_names(host);
      ar_msg_error("unknown format '%s'. Formats:%s", names[i], known ? known : "");
      free(known);
      ar_formats_free(f);
      return NULL;
    }
    int dup = 0;
    for (size_t j = 0; j < f->n; j++)
      dup |= f->items[j].plugin == p;
    if (dup)
      continue;
    f->items[f->n].plugin = p;
    f->items[f->n].opts = ar_options_new();
    f->n++;
  }
  for (size_t i = 0; i < nopts; i++) {
    const char *arg = options[i], *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
    if (!dot || !eq || dot > eq || dot == arg || eq == dot + 1) {
      ar_msg_error("-O takes PLUGIN.KEY=VALUE, not '%s'", arg);
      ar_formats_free(f);
      return NULL;
    }
    char *plugin = strndup(arg, (size_t)(dot - arg));
    char *key = strndup(dot + 1, (size_t)(eq - dot - 1));
    const ar_loaded_plugin *p = plugin ? ar_plugin_host_find(host, plugin) : NULL;
    int ok = 0;
    char *known = NULL;
    if (!p) {
      known = format_names(host);
      ar_msg_error("-O %s: there is no format named '%s'. Formats:%s", arg, plugin,
                   known ? known : "");
    } else if (!declares(p->desc, key)) {
      known = option_keys(p->desc);
      ar_msg_error("-O %s: the %s format has no option '%s'. %s", arg, plugin, key,
                   known ? known : "");
    } else {
      ok = 1;
      for (size_t j = 0; j < f->n; j++)
        if (f->items[j].plugin == p)
          ar_options_set(f->items[j].opts, key, eq + 1);
    }
    free(known);
    free(plugin);
    free(key);
    if (!ok) {
      ar_formats_free(f);
      return NULL;
    }
  }
  return f;
}

void ar_formats_free(ar_formats *f) {
  if (!f)
    return;
  for (size_t i = 0; i < f->n; i++) {
    if (f->items[i].created && f->items[i].state)
      f->items[i].plugin->desc->destroy(f->items[i].state);
    free(f->items[i].create_error);
    ar_options_free(f->items[i].opts);
  }
  free(f->items);
  free(f);
}

size_t ar_formats_count(const ar_formats *f) { return f ? f->n : 0; }

const ar_loaded_plugin *ar_formats_plugin(const ar_formats *f, size_t i) {
  return f && i < f->n ? f->items[i].plugin : NULL;
}

/* Prints the warnings the plugin d gave in err, for the brief what (or
 * NULL), and forgets them. */
static void warn_all(const ar_plugin *d, const char *what, ar_error *err) {
  size_t n = ar_error_warning_count(err), more = ar_error_warnings_dropped(err);
  for (size_t i = 0; i < n; i++)
    ar_msg_warning("%s%s%s: %s", what ? what : "", what ? ": " : "", d->name,
                   ar_error_warning(err, i));
  if (more)
    ar_msg_warning("%s%s%s: %zu more warnings", what ? what : "", what ? ": " : "", d->name, more);
}

int ar_formats_prepare(ar_formats *f, size_t i) {
  format *fm = &f->items[i];
  if (fm->created)
    return fm->state ? 0 : -1;
  fm->created = 1;
  ar_error *err = ar_error_new();
  if (!err)
    return -1;
  const ar_plugin *d = fm->plugin->desc;
  fm->state = d->create(fm->opts, err);
  warn_all(d, NULL, err);
  const char *key = ar_error_option(err), *msg = ar_error_message(err);
  if (!fm->state && key) {
    const char *value = ar_options_get(fm->opts, key);
    fm->usage = 1;
    if (asprintf(&fm->create_error, "-O %s.%s%s%s: %s", d->name, key, value ? "=" : "",
                 value ? value : "", msg) < 0)
      fm->create_error = NULL;
  } else if (!fm->state) {
    fm->create_error = strdup(msg ? msg : "the plugin could not start");
  }
  ar_error_free(err);
  return fm->state ? 0 : -1;
}

int ar_formats_check_options(ar_formats *f) {
  for (size_t i = 0; i < f->n; i++)
    if (ar_formats_prepare(f, i) != 0 && f->items[i].usage)
      return ar_msg_usage("%s", f->items[i].create_error ? f->items[i].create_error
                                                         : "a plugin option is not valid");
  return 0;
}

int ar_formats_render(ar_formats *f, size_t i, const ar_node *doc, int fd, const char *what,
                      uint64_t *written, ar_diag *diag) {
  format *fm = &f->items[i];
  const ar_plugin *d = fm->plugin->desc;
  if (written)
    *written = 0;
  if (ar_formats_prepare(f, i) != 0) {
    ar_diag_add(diag, AR_ERROR, what, 0, 0, "%s: %s", d->name,
                fm->create_error ? fm->create_error : "out of memory");
    return -1;
  }
  ar_error *err = ar_error_new();
  if (!err)
    return -1;
  int rc = -1;
  ar_sink *sink = ar_sink_new_fd(fd);
  if (sink) {
    rc = d->render(fm->state, doc, sink, err);
    warn_all(d, what, err);
    if (rc == 0)
      ar_sink_flush(sink);
    if (ar_sink_errno(sink)) {
      ar_error_clear(err);
      ar_error_set(err, "cannot write: %s", strerror(ar_sink_errno(sink)));
      rc = -1;
    } else if (rc != 0 && !ar_error_is_set(err)) {
      ar_error_set(err, "the plugin failed without saying why");
    } else if (rc == 0 && ar_sink_bytes(sink) == 0) {
      ar_error_set(err, "the plugin wrote nothing");
      rc = -1;
    }
    if (written)
      *written = ar_sink_bytes(sink);
  }
  if (rc != 0)
    ar_diag_add(diag, AR_ERROR, what, 0, 0, "%s: %s", d->name,
                ar_error_message(err) ? ar_error_message(err) : "failed");
  ar_sink_free(sink);
  ar_error_free(err);
  return rc;
}
