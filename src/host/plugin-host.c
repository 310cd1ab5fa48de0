#include "config.h"

#include "plugin-host.h"

#include "plugin-probe.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/datadir.h"

/* A module file or a preloaded module that may hold a plugin. */
typedef struct {
  char *module;
  char *path; /* NULL: preloaded */
  ar_plugin_describe_fn preloaded;
  int tried;
  char *refused; /* why it is not a plugin, or NULL */
} candidate;

struct ar_plugin_host {
  ar_diag *diag;
  candidate *cands;
  size_t ncands;
  ar_loaded_plugin **loaded; /* each allocated once: pointers stay valid */
  size_t nloaded;
  lt_dlhandle *handles;
  size_t nhandles;
  char *path;
  int all_loaded;
};

#define ENTRY_SUFFIX "_LTX_" AR_PLUGIN_SYMBOL

/* ---- candidates -------------------------------------------------------------- */

static int add_candidate(ar_plugin_host *h, const char *module, const char *path,
                         ar_plugin_describe_fn fn) {
  for (size_t i = 0; i < h->ncands; i++)
    if (strcmp(h->cands[i].module, module) == 0)
      return 1; /* an earlier folder has a module of that name */
  candidate *grown = realloc(h->cands, (h->ncands + 1) * sizeof *grown);
  if (!grown)
    return 0;
  h->cands = grown;
  candidate c = {strdup(module), path ? strdup(path) : NULL, fn, 0, NULL};
  if (!c.module || (path && !c.path)) {
    free(c.module);
    free(c.path);
    return 0;
  }
  h->cands[h->ncands++] = c;
  return 1;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the modules of dir: NAME.la, or NAME.so where there is no .la. */
static int scan_dir(ar_plugin_host *h, const char *dir) {
  DIR *d = opendir(dir);
  if (!d)
    return 0;
  char **names = NULL;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (len > 3 && (strcmp(e->d_name + len - 3, ".la") == 0 || strcmp(e->d_name + len - 3, ".so") == 0)) {
      char **grown = realloc(names, (n + 1) * sizeof *grown);
      if (!grown)
        break;
      names = grown;
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof *names, by_name);
  int found = 0;
  for (size_t i = 0; i < n; i++) {
    if (!names[i])
      continue;
    size_t len = strlen(names[i]);
    char *module = strndup(names[i], len - 3);
    int is_so = strcmp(names[i] + len - 3, ".so") == 0;
    /* NAME.so next to NAME.la is the same module. */
    int shadowed = 0;
    for (size_t j = 0; is_so && j < n; j++)
      shadowed |= names[j] && strncmp(names[j], names[i], len - 3) == 0 &&
                  strcmp(names[j] + len - 3, ".la") == 0 && strlen(names[j]) == len;
    char *path = NULL;
    if (module && !shadowed && asprintf(&path, "%s/%s", dir, names[i]) > 0) {
      add_candidate(h, module, path, NULL);
      found++;
    }
    free(path);
    free(module);
  }
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
  return found;
}

static void add_preloaded(ar_plugin_host *h, const lt_dlsymlist *list) {
  size_t suffix = strlen(ENTRY_SUFFIX);
  for (const lt_dlsymlist *s = list; s && s->name; s++) {
    size_t len = strlen(s->name);
    if (!s->address || len <= suffix || strcmp(s->name + len - suffix, ENTRY_SUFFIX) != 0)
      continue;
    char *module = strndup(s->name, len - suffix);
    if (module) {
      ar_plugin_describe_fn fn;
      *(void **)&fn = s->address;
      add_candidate(h, module, NULL, fn);
    }
    free(module);
  }
}

static void append_path(ar_plugin_host *h, const char *dir) {
  size_t old = h->path ? strlen(h->path) : 0;
  char *grown = realloc(h->path, old + strlen(dir) + 2);
  if (!grown)
    return;
  h->path = grown;
  if (old)
    h->path[old++] = ':';
  strcpy(h->path + old, dir);
}

static void search(ar_plugin_host *h, const char *dir) {
  append_path(h, dir);
  scan_dir(h, dir);
}

ar_plugin_host *ar_plugin_host_new(const char *const *dirs, size_t n,
                                   const lt_dlsymlist *preloaded, ar_diag *diag) {
  ar_plugin_host *h = calloc(1, sizeof *h);
  if (!h)
    return NULL;
  h->diag = diag;
  if (lt_dlinit() != 0) {
    ar_diag_add(diag, AR_ERROR, NULL, 0, 0, "cannot initialise libltdl: %s", lt_dlerror());
    free(h);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    search(h, dirs[i]);
  const char *env = getenv("ALLIANCE_REPORT_PLUGIN_PATH");
  if (env && *env) {
    char *copy = strdup(env), *save = NULL;
    for (char *dir = copy ? strtok_r(copy, ":", &save) : NULL; dir; dir = strtok_r(NULL, ":", &save))
      search(h, dir);
    free(copy);
  }
  if (preloaded) {
    size_t before = h->ncands;
    add_preloaded(h, preloaded);
    if (h->ncands > before)
      append_path(h, "(preloaded)");
  }
  append_path(h, PKGLIBDIR);
  if (scan_dir(h, PKGLIBDIR) == 0 && ar_in_build_tree())
    search(h, AR_BUILD_PLUGINDIR);
  return h;
}

void ar_plugin_host_free(ar_plugin_host *h) {
  if (!h)
    return;
  for (size_t i = 0; i < h->ncands; i++) {
    free(h->cands[i].module);
    free(h->cands[i].path);
    free(h->cands[i].refused);
  }
  free(h->cands);
  for (size_t i = 0; i < h->nloaded; i++)
    free(h->loaded[i]);
  free(h->loaded);
  for (size_t i = 0; i < h->nhandles; i++)
    lt_dlclose(h->handles[i]);
  free(h->handles);
  free(h->path);
  free(h);
  lt_dlexit();
}

const char *ar_plugin_host_path(const ar_plugin_host *h) { return h && h->path ? h->path : ""; }

/* ---- loading ----------------------------------------------------------------- */

const char *ar_plugin_check_descriptor(const ar_plugin *d, char *buf, size_t size) {
  if (!d)
    return "its entry point returned no descriptor";
  if (d->abi_major != AR_PLUGIN_ABI_MAJOR || d->abi_minor > AR_PLUGIN_ABI_MINOR) {
    snprintf(buf, size,
             "it was built for plugin ABI %u.%u, but this alliance-report has ABI %d.%d: "
             "rebuild it against this version",
             d->abi_major, d->abi_minor, AR_PLUGIN_ABI_MAJOR, AR_PLUGIN_ABI_MINOR);
    return buf;
  }
  if (d->struct_size < sizeof(ar_plugin))
    return "its descriptor is smaller than the ABI's (struct_size)";
  if (!d->name || !*d->name || !d->extension || !*d->extension || !d->media_type || !d->summary)
    return "its descriptor lacks a name, summary, extension or media type";
  if (!d->create || !d->render || !d->destroy)
    return "its descriptor lacks a create, render or destroy function";
  for (const char *p = d->name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
      return "its name may hold only lower-case letters, digits, '-' and '_'";
  for (const char *p = d->extension; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
      return "its extension may hold only lower-case letters and digits";
  for (size_t i = 0; d->options && d->options[i].key; i++)
    if (i == AR_PLUGIN_MAX_OPTIONS) {
      snprintf(buf, size, "its option list does not end (with a {NULL} entry) within %d options",
               AR_PLUGIN_MAX_OPTIONS);
      return buf;
    }
  return NULL;
}

static void refuse(ar_plugin_host *h, candidate *c, const char *why) {
  ar_diag_add(h->diag, AR_WARNING, c->path ? c->path : c->module, 0, 0,
              "not loaded as a plugin: %s", why);
  free(c->refused);
  c->refused = strdup(why);
}

static ar_plugin_describe_fn open_module(ar_plugin_host *h, candidate *c) {
  if (c->preloaded)
    return c->preloaded;
  lt_dladvise advise;
  if (lt_dladvise_init(&advise) != 0)
    return NULL;
  lt_dladvise_local(&advise);
  lt_dlhandle handle = lt_dlopenadvise(c->path, advise);
  lt_dladvise_destroy(&advise);
  if (!handle) {
    const char *why = lt_dlerror();
    struct stat st;
    if (why && strstr(why, "file not found") && stat(c->path, &st) == 0)
      why = "not a loadable library, or a library it needs is missing (check it with ldd)";
    refuse(h, c, why ? why : "unknown error");
    return NULL;
  }
  void *sym = lt_dlsym(handle, AR_PLUGIN_SYMBOL);
  if (!sym) {
    char why[256];
    snprintf(why, sizeof why, "it exports no %s_LTX_%s entry point", c->module, AR_PLUGIN_SYMBOL);
    refuse(h, c, why);
    lt_dlclose(handle);
    return NULL;
  }
  lt_dlhandle *grown = realloc(h->handles, (h->nhandles + 1) * sizeof *grown);
  if (!grown) {
    lt_dlclose(handle);
    return NULL;
  }
  h->handles = grown;
  h->handles[h->nhandles++] = handle;
  ar_plugin_describe_fn fn;
  *(void **)&fn = sym;
  return fn;
}

static const ar_loaded_plugin *find_loaded(const ar_plugin_host *h, const char *name) {
  for (size_t i = 0; i < h->nloaded; i++)
    if (strcmp(h->loaded[i]->desc->name, name) == 0)
      return h->loaded[i];
  return NULL;
}

/* The length of every string of d, so that reading them is known not to
 * crash; its descriptor checked first. */
static size_t read_strings(const ar_plugin *d) {
  char buf[256];
  if (ar_plugin_check_descriptor(d, buf, sizeof buf))
    return 0;
  const char *const fields[] = {d->name, d->version, d->summary, d->extension, d->media_type,
                                d->library};
  size_t total = 0;
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    total += fields[i] ? strlen(fields[i]) : 0;
  for (const ar_plugin_option *o = d->options; o && o->key; o++)
    total += strlen(o->key) + (o->value_hint ? strlen(o->value_hint) : 0) +
             (o->description ? strlen(o->description) : 0);
  return total;
}

typedef struct {
  ar_plugin_host *host;
  candidate *cand;
} module_probe;

/* In a probe: what load() does next, to see that it neither crashes nor
 * hangs. */
static void try_module(void *arg) {
  module_probe *p = arg;
  ar_plugin_describe_fn fn = open_module(p->host, p->cand);
  static volatile size_t sink;
  if (fn)
    sink = read_strings(fn());
  (void)sink;
}

static const ar_loaded_plugin *load(ar_plugin_host *h, candidate *c) {
  if (c->tried)
    return NULL;
  c->tried = 1;
  module_probe probe = {h, c};
  char what[512], probed[540];
  if (c->path && ar_probe_run(try_module, &probe, AR_PROBE_LOAD_SECONDS, what, sizeof what) != 0) {
    snprintf(probed, sizeof probed, "loading it %s", what);
    refuse(h, c, probed);
    return NULL;
  }
  ar_plugin_describe_fn fn = open_module(h, c);
  if (!fn)
    return NULL;
  const ar_plugin *d = fn();
  char buf[256];
  const char *why = ar_plugin_check_descriptor(d, buf, sizeof buf);
  if (why) {
    refuse(h, c, why);
    return NULL;
  }
  if (strcmp(d->name, c->module) != 0) {
    snprintf(buf, sizeof buf,
             "it calls itself '%.64s', but a plugin's name must be its file's name without "
             "extension, '%.64s'",
             d->name, c->module);
    refuse(h, c, buf);
    return NULL;
  }
  const ar_loaded_plugin *same = find_loaded(h, d->name);
  if (same) {
    snprintf(buf, sizeof buf, "another plugin named '%s' was loaded first, from %s", d->name,
             same->origin);
    refuse(h, c, buf);
    return NULL;
  }
  ar_loaded_plugin **grown = realloc(h->loaded, (h->nloaded + 1) * sizeof *grown);
  if (!grown)
    return NULL;
  h->loaded = grown;
  ar_loaded_plugin *p = malloc(sizeof *p);
  if (!p)
    return NULL;
  *p = (ar_loaded_plugin){d, c->module, c->path ? c->path : "preloaded"};
  return h->loaded[h->nloaded++] = p;
}

const ar_loaded_plugin *ar_plugin_host_find(ar_plugin_host *h, const char *name) {
  const ar_loaded_plugin *p = find_loaded(h, name);
  if (p)
    return p;
  for (size_t i = 0; i < h->ncands; i++)
    if (strcmp(h->cands[i].module, name) == 0 && (p = load(h, &h->cands[i])) &&
        strcmp(p->desc->name, name) == 0)
      return p;
  ar_plugin_host_load_all(h);
  return find_loaded(h, name);
}

static int by_plugin_name(const void *a, const void *b) {
  const ar_loaded_plugin *x = *(ar_loaded_plugin *const *)a, *y = *(ar_loaded_plugin *const *)b;
  return strcmp(x->desc->name, y->desc->name);
}

size_t ar_plugin_host_load_all(ar_plugin_host *h) {
  if (!h->all_loaded) {
    for (size_t i = 0; i < h->ncands; i++)
      load(h, &h->cands[i]);
    h->all_loaded = 1;
  }
  return h->nloaded;
}

size_t ar_plugin_host_count(const ar_plugin_host *h) { return h ? h->nloaded : 0; }

const char *ar_plugin_host_refusal(const ar_plugin_host *h, const char *name, const char **path) {
  for (size_t i = 0; h && i < h->ncands; i++)
    if (h->cands[i].refused && strcmp(h->cands[i].module, name) == 0) {
      if (path)
        *path = h->cands[i].path ? h->cands[i].path : "preloaded";
      return h->cands[i].refused;
    }
  return NULL;
}

const ar_loaded_plugin *ar_plugin_host_get(const ar_plugin_host *h, size_t i) {
  if (!h || i >= h->nloaded)
    return NULL;
  qsort(h->loaded, h->nloaded, sizeof *h->loaded, by_plugin_name);
  return h->loaded[i];
}
