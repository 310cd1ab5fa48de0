/* Finding and loading output plugins (libltdl modules) and checking their
 * descriptors. */
#ifndef AR_PLUGIN_HOST_H
#define AR_PLUGIN_HOST_H

#include <ltdl.h>
#include <stddef.h>

#include "alliance-report/plugin.h"
#include "diag.h"

typedef struct {
  const ar_plugin *desc; /* owned by the module */
  const char *module;    /* the module's name: its file name without extension */
  const char *origin;    /* the file it came from, or "preloaded" */
} ar_loaded_plugin;

typedef struct ar_plugin_host ar_plugin_host;

/* Creates a host searching, in order: dirs (n of them, e.g. from
 * --plugin-path), $ALLIANCE_REPORT_PLUGIN_PATH (colon-separated), the
 * modules linked into the program (preloaded, may be NULL), $(pkglibdir),
 * and, when that holds no plugin, the build tree. A module file is loaded
 * here only after it was loaded, and its descriptor read, in a probe
 * (plugin-probe.h) that neither crashed nor hung. Refusals (loading
 * crashed or hung, a file that is not a plugin, a wrong ABI, a duplicate
 * name) are recorded in diag as warnings naming the file. Calls
 * lt_dlinit(); free with ar_plugin_host_free(). */
ar_plugin_host *ar_plugin_host_new(const char *const *dirs, size_t n,
                                   const lt_dlsymlist *preloaded, ar_diag *diag);
void ar_plugin_host_free(ar_plugin_host *host);

/* The plugin named name, loading what is needed; NULL when there is none. */
const ar_loaded_plugin *ar_plugin_host_find(ar_plugin_host *host, const char *name);

/* Why the module called name (its file name without extension) was not
 * loaded as a plugin, with the file into *path (may be NULL); NULL when it
 * was not refused, or not tried yet. Owned by the host. */
const char *ar_plugin_host_refusal(const ar_plugin_host *host, const char *name,
                                   const char **path);

/* Loads every plugin found; returns how many were loaded. */
size_t ar_plugin_host_load_all(ar_plugin_host *host);
size_t ar_plugin_host_count(const ar_plugin_host *host);
/* Loaded plugins sorted by name. */
const ar_loaded_plugin *ar_plugin_host_get(const ar_plugin_host *host, size_t i);

/* The folders searched, for messages: "a:b:c". Owned by the host. */
const char *ar_plugin_host_path(const ar_plugin_host *host);

/* Most options a plugin may declare. */
#define AR_PLUGIN_MAX_OPTIONS 256

/* Checks a descriptor against this program's ABI. Returns NULL when it is
 * acceptable, or a sentence saying why not (static, or in buf). */
const char *ar_plugin_check_descriptor(const ar_plugin *desc, char *buf, size_t size);

#endif
